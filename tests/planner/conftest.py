"""A small synthetic catalogue for the planner's tests (the real one lives in routes_data/)."""

import json
import shutil

import pytest

from tourism.planner import catalogue, network, travel

OPEN = ["09:00", "17:00"]


def place(pid, city, lat, lon, themes, minutes=60, ticket=0, hours=None, meal=False, closed_on=()):
    week = hours or {d: [OPEN] for d in catalogue.WEEKDAYS}
    source = dict.fromkeys(catalogue.SOURCED_FACTS, "test fixture")
    if closed_on:
        source["closed_on"] = "test fixture"
    return {"id": pid, "name_zh": pid, "name_zh_hant": pid, "name_en": pid, "city": city, "lat": lat, "lon": lon,
            "address_zh": f"{pid} 地址", "themes": themes, "visit_minutes": minutes, "opening_hours": week,
            "closed_on": list(closed_on), "ticket_cny": ticket, "meal_on_site": meal, "checked_on": "2026-11-26",
            "source": source}


CLOSED_MONDAY = {d: ([] if d == "mon" else [OPEN]) for d in catalogue.WEEKDAYS}
LUNCH_CLOSED = {d: [["09:00", "12:00"], ["14:00", "17:00"]] for d in catalogue.WEEKDAYS}

PLACES = [
    place("gz-hall", "440100", 23.126, 113.245, ["lingnan-architecture", "museum"], 90, 10, CLOSED_MONDAY),
    place("gz-garden", "440100", 22.95, 113.38, ["garden"], 90, 18),
    place("gz-temple", "440100", 23.13, 113.26, ["religion"], 45, 5),
    place("gz-opera", "440100", 23.12, 113.24, ["cantonese-opera", "museum"], 60, 0, CLOSED_MONDAY),
    place("fs-temple", "440600", 23.03, 113.11, ["martial-arts", "lingnan-architecture"], 90, 20),
    place("fs-garden", "440600", 22.85, 113.25, ["garden"], 90, 15),
    place("fs-kiln", "440600", 23.01, 113.09, ["crafts"], 60, 25),
    place("fs-village", "440600", 22.88, 113.16, ["old-town"], 120, 0, LUNCH_CLOSED),
    place("zs-home", "442000", 22.46, 113.53, ["revolutionary-history", "museum"], 120, 0, CLOSED_MONDAY),
    place("zs-street", "442000", 22.52, 113.38, ["old-town", "cuisine"], 60, 0),
    place("jm-diaolou", "440700", 22.36, 112.57, ["overseas-chinese-heritage"], 150, 80),
    place("jm-closed", "440700", 22.58, 113.08, ["overseas-chinese-heritage"], 60, 0,
          {d: [] for d in catalogue.WEEKDAYS}),
]


@pytest.fixture
def places(tmp_path, monkeypatch):
    for name in ("bases.json", "travel.json"):
        shutil.copy(catalogue.DATA / name, tmp_path / name)
    (tmp_path / "pois.json").write_text(json.dumps({"items": PLACES}), encoding="utf-8")
    monkeypatch.setattr(catalogue, "DATA", tmp_path)
    monkeypatch.setattr(travel, "DATA", tmp_path)
    caches = (catalogue.pois, catalogue.bases, travel.model, travel.matrix, network.network)
    for cached in caches:
        cached.cache_clear()
    yield {p["id"]: p for p in PLACES}
    for cached in caches:
        cached.cache_clear()
