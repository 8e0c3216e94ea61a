"""The real catalogue in routes_data/: its coverage, and plans over it passing the independent check."""

import json
from collections import Counter

import pytest

from tests.planner.check import check_plan
from tourism.planner import catalogue

NINE_CITIES = {"440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"}
LINGNAN_THEMES = {"museum": 2, "garden": 3, "lingnan-architecture": 3, "cantonese-opera": 2, "old-town": 1}


@pytest.fixture
def real_places():
    entries = json.loads((catalogue.DATA / "pois.json").read_text(encoding="utf-8"))["items"]
    return {entry["id"]: entry for entry in entries}


def _plan(client, **request):
    response = client.post("/api/v1/itineraries", json={"time_limit_s": 0.5, **request})
    assert response.status_code == 201, response.json
    return response.json


def test_at_least_eighty_places_five_in_every_city_and_every_theme_served(real_places):
    per_city = Counter(p["city"] for p in real_places.values())
    assert len(real_places) >= 80
    assert set(per_city) == NINE_CITIES
    assert min(per_city.values()) >= 5, per_city
    assert {t for p in real_places.values() for t in p["themes"]} == set(catalogue.THEMES)


def test_a_monday_in_guangzhou_visits_only_places_open_on_mondays(client, real_places):
    request = {"start_date": "2026-12-07", "days": 1, "start_city": "440100", "themes": LINGNAN_THEMES}
    result = _plan(client, **request)
    check_plan(result, request, real_places)
    visited = [s["poi_id"] for s in result["days"][0]["stops"]]
    assert len(visited) >= 3
    assert all(real_places[pid]["opening_hours"]["mon"] for pid in visited)


def test_a_trip_through_all_nine_cities_is_feasible(client, real_places):
    route = ["440600", "440700", "442000", "440400", "440300", "441300", "441900", "441200", "440100"]
    request = {"start_date": "2026-12-08", "days": 9, "start_city": "440100",
               "bases": route[:-1], "end_city": route[-1],
               "themes": {**LINGNAN_THEMES, "overseas-chinese-heritage": 3, "revolutionary-history": 2,
                          "nature": 1, "religion": 1}}
    result = _plan(client, **request)
    check_plan(result, request, real_places)
    assert [d["base_city"] for d in result["days"]] == route
    cities_visited = {real_places[s["poi_id"]]["city"] for d in result["days"] for s in d["stops"]}
    assert len(cities_visited) >= 8, cities_visited
