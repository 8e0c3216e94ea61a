"""The places the planner runs on: routes_data/pois.json and routes_data/bases.json, checked on load.

Every fact carries its source (a URL, or 'estimate: ...' with the reasoning); see routes_data/README.md.
"""

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from tourism.zone.service import get_city

DATA = Path(__file__).resolve().parents[2] / "routes_data"
THEMES = ("lingnan-architecture", "garden", "cantonese-opera", "martial-arts", "overseas-chinese-heritage",
          "cuisine", "revolutionary-history", "crafts", "nature", "religion", "museum", "old-town")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SOURCED_FACTS = ("coordinates", "address", "opening_hours", "visit_minutes", "ticket_cny", "meal_on_site")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# A monthly closure: "last-mon" (the last Monday of every month), "first-tue", "second-wed", ...
MONTHLY = re.compile(r"^(first|second|third|fourth|last)-(mon|tue|wed|thu|fri|sat|sun)$")
ORDINALS = ("first", "second", "third", "fourth")
CITY_RADIUS_DEG = 1.2  # a place lies within this of its city's centre (the largest zone city spans about 1°)


def closed_by_rule(rule: str, day: date) -> bool:
    """Whether a monthly closure rule ("last-mon", "first-tue", ...) closes ``day``."""
    which, weekday = rule.split("-")
    if WEEKDAYS[day.weekday()] != weekday:
        return False
    if which == "last":
        return (day + timedelta(days=7)).month != day.month
    return (day.day - 1) // 7 == ORDINALS.index(which)


@dataclass(frozen=True)
class Poi:
    id: str
    name_zh: str
    name_zh_hant: str
    name_en: str
    city: str
    lat: float
    lon: float
    address_zh: str
    themes: tuple[str, ...]
    visit_minutes: int
    opening_hours: dict
    closed_on: tuple[str, ...]
    ticket_cny: float
    meal_on_site: bool
    checked_on: str
    source: dict

    def intervals(self, weekday: int) -> list[tuple[int, int]]:
        """Open intervals on a weekday (0 = Monday) in minutes after midnight."""
        return [(minutes_of(a), minutes_of(b)) for a, b in self.opening_hours[WEEKDAYS[weekday]]]

    def intervals_on(self, day: date) -> list[tuple[int, int]]:
        """Open intervals on a date: the weekday's hours, unless a monthly closure falls on it."""
        if any(closed_by_rule(rule, day) for rule in self.closed_on):
            return []
        return self.intervals(day.weekday())


@dataclass(frozen=True)
class Base:
    id: str
    city: str
    name_zh: str
    name_en: str
    lat: float
    lon: float
    main: bool  # the city's central base
    source: dict


def minutes_of(hhmm: str) -> int:
    """Minutes after midnight of an ``HH:MM`` time."""
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def validate(pois: list[dict]) -> list[str]:
    """Every problem with the catalogue, one message each (an empty list means it is sound)."""
    problems, seen = [], set()
    for entry in pois:
        pid = entry.get("id", "?")
        if pid in seen:
            problems.append(f"{pid}: duplicate id")
        seen.add(pid)
        city = get_city(entry.get("city", ""))
        if city is None:
            problems.append(f"{pid}: unknown city {entry.get('city')}")
        for key in ("name_zh", "name_zh_hant", "name_en", "address_zh"):
            if not entry.get(key):
                problems.append(f"{pid}: no {key}")
        if not isinstance(entry.get("meal_on_site"), bool):
            problems.append(f"{pid}: meal_on_site must be true or false")
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", str(entry.get("checked_on", ""))):
            problems.append(f"{pid}: checked_on must be a date")
        rules = entry.get("closed_on", [])
        if not isinstance(rules, list) or not all(isinstance(r, str) and MONTHLY.match(r) for r in rules):
            problems.append(f"{pid}: closed_on takes rules like last-mon")
        elif rules and not str((entry.get("source") or {}).get("closed_on", "")).strip():
            problems.append(f"{pid}: no source for closed_on")
        lat, lon = entry.get("lat"), entry.get("lon")
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
            problems.append(f"{pid}: coordinates missing")
        elif city and (abs(lat - city.lat) > CITY_RADIUS_DEG or abs(lon - city.lon) > CITY_RADIUS_DEG):
            problems.append(f"{pid}: coordinates {lat},{lon} lie outside {city.name_en}")
        themes = entry.get("themes") or []
        unknown = [t for t in themes if t not in THEMES]
        if not themes or unknown:
            problems.append(f"{pid}: themes {unknown or 'missing'}")
        if not isinstance(entry.get("visit_minutes"), int) or not 10 <= entry["visit_minutes"] <= 480:
            problems.append(f"{pid}: visit_minutes must be 10..480")
        if not isinstance(entry.get("ticket_cny"), (int, float)) or entry["ticket_cny"] < 0:
            problems.append(f"{pid}: ticket_cny must be a number >= 0")
        hours = entry.get("opening_hours") or {}
        if set(hours) != set(WEEKDAYS):
            problems.append(f"{pid}: opening_hours needs exactly mon..sun")
        for day, intervals in hours.items():
            for interval in intervals or []:
                if (len(interval) != 2 or not all(isinstance(t, str) and TIME.match(t) for t in interval)
                        or minutes_of(interval[0]) >= minutes_of(interval[1])):
                    problems.append(f"{pid}: malformed interval {interval} on {day}")
        source = entry.get("source") or {}
        for fact in SOURCED_FACTS:
            if not str(source.get(fact, "")).strip():
                problems.append(f"{pid}: no source for {fact}")
    return problems


def _load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["items"]


@lru_cache(maxsize=1)
def pois() -> dict[str, Poi]:
    entries = _load(DATA / "pois.json")
    problems = validate(entries)
    if problems:
        raise ValueError("routes_data/pois.json: " + "; ".join(problems[:10]))
    return {e["id"]: Poi(e["id"], e["name_zh"], e["name_zh_hant"], e["name_en"], e["city"], e["lat"], e["lon"],
                         e["address_zh"], tuple(e["themes"]), e["visit_minutes"], e["opening_hours"],
                         tuple(e["closed_on"]), e["ticket_cny"], e["meal_on_site"], e["checked_on"], e["source"])
            for e in entries}


@lru_cache(maxsize=1)
def bases() -> dict[str, Base]:
    """Every nightly base by id (``440700-chikan``)."""
    return {b["id"]: Base(b["id"], b["city"], b["name_zh"], b["name_en"], b["lat"], b["lon"], b["main"], b["source"])
            for b in _load(DATA / "bases.json")}


def main_base(city: str) -> Base | None:
    """The city's central base."""
    return next((b for b in bases().values() if b.city == city and b.main), None)


def base_for(code: str) -> Base | None:
    """A base by its id, or a city's central base by the city's code."""
    return bases().get(code) or main_base(code)


def search(city=None, theme=None) -> list[Poi]:
    return [p for p in pois().values() if (city is None or p.city == city) and (theme is None or theme in p.themes)]
