"""Cities (GB/T 2260) and zones, read from the data files beside this module.

A zone is an agreement among cities with dates: a city joining, leaving, or a
second agreement is an edit to ``data/zones.json``, not to the code.
"""

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from tourism.core.i18n import select_locale

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class City:
    code: str
    name_zh: str
    name_zh_hant: str
    name_en: str
    lat: float
    lon: float

    @property
    def name(self) -> str:
        """The name in the current request's language."""
        return {"en": self.name_en, "zh_Hant": self.name_zh_hant}.get(select_locale(), self.name_zh)


@dataclass(frozen=True)
class Membership:
    city: str
    start: date
    end: date | None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Zone:
    id: str
    name_zh: str
    name_en: str
    start: date
    end: date | None
    source: str
    members: tuple[Membership, ...]

    def in_force(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def has_member(self, city: str, day: date) -> bool:
        return self.in_force(day) and any(m.city == city and m.covers(day) for m in self.members)

    def member_codes(self, day: date) -> list[str]:
        return [m.city for m in self.members if self.in_force(day) and m.covers(day)]


def _date(value):
    return date.fromisoformat(value) if value else None


@lru_cache(maxsize=1)
def _cities() -> dict[str, City]:
    data = json.loads((DATA / "cities.json").read_text(encoding="utf-8"))
    return {c["code"]: City(**c) for c in data["cities"]}


@lru_cache(maxsize=1)
def _zones() -> tuple[Zone, ...]:
    data = json.loads((DATA / "zones.json").read_text(encoding="utf-8"))
    zones = []
    for z in data["zones"]:
        members = tuple(Membership(m["city"], _date(m["from"]), _date(m["to"])) for m in z["members"])
        zones.append(
            Zone(z["id"], z["name_zh"], z["name_en"], _date(z["effective_from"]),
                 _date(z["effective_to"]), z["source"], members)
        )
    return tuple(zones)


@dataclass(frozen=True)
class Prefecture:
    code: str
    name_zh: str
    province_code: str
    province_zh: str

    @property
    def name(self) -> str:
        """Guangdong's cities in the visitor's language; elsewhere the province and the prefecture in Chinese."""
        city = _cities().get(self.code)
        if city:
            return city.name
        return self.name_zh if self.province_zh == self.name_zh else f"{self.province_zh}{self.name_zh}"


@lru_cache(maxsize=1)
def _prefectures() -> dict[str, Prefecture]:
    data = json.loads((DATA / "prefectures.json").read_text(encoding="utf-8"))
    return {p["code"]: Prefecture(p["code"], p["name_zh"], p["province_code"], p["province_zh"])
            for p in data["prefectures"]}


def all_prefectures() -> list[Prefecture]:
    return list(_prefectures().values())


def is_prefecture(code: str) -> bool:
    """A prefecture-level division anywhere in the country (GB/T 2260), e.g. 430100 Changsha."""
    return code in _prefectures()


def all_cities() -> list[City]:
    return list(_cities().values())


def get_city(code: str) -> City | None:
    return _cities().get(code)


def is_known_city(code: str) -> bool:
    return code in _cities()


def all_zones() -> tuple[Zone, ...]:
    return _zones()


def primary_zone() -> Zone:
    """The zone this system serves (the first in the data file)."""
    return _zones()[0]


def zone_cities(day: date) -> list[City]:
    """The cities that are members of the primary zone on ``day``."""
    return [_cities()[code] for code in primary_zone().member_codes(day)]


def is_zone_city(code: str, day: date) -> bool:
    return primary_zone().has_member(code, day)


def shared_zones(city_a: str, city_b: str, day: date) -> list[Zone]:
    """Zones in force on ``day`` that have both cities as members."""
    return [z for z in _zones() if z.has_member(city_a, day) and z.has_member(city_b, day)]


def city_name(code: str | None) -> str:
    """The city's name in the visitor's language (any prefecture of the country), or the code itself when unknown."""
    city = _cities().get(code or "")
    if city:
        return city.name
    prefecture = _prefectures().get(code or "")
    return prefecture.name if prefecture else (code or "")


def city_names(codes, separator: str = ", ") -> str:
    """Several cities' names in the page's language, in the order given."""
    return separator.join(city_name(code) for code in codes)
