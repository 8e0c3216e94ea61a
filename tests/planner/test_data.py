"""routes_data/: the schema check over the real catalogue, and the travel model's sanity."""

import copy
import itertools
import json

import pytest

from tests.planner.conftest import PLACES
from tourism.planner import catalogue, travel
from tourism.zone.service import get_city


def test_the_catalogue_in_routes_data_is_sound():
    entries = json.loads((catalogue.DATA / "pois.json").read_text(encoding="utf-8"))["items"]
    assert catalogue.validate(entries) == []


@pytest.mark.parametrize("breakage,expected", [
    (lambda p: p["source"].pop("ticket_cny"), "no source for ticket_cny"),
    (lambda p: p["themes"].append("shopping"), "themes"),
    (lambda p: p["opening_hours"].update(mon=[["17:00", "09:00"]]), "malformed interval"),
    (lambda p: p["opening_hours"].update(tue=[["9:00", "17:00"]]), "malformed interval"),
    (lambda p: p["opening_hours"].pop("sun"), "mon..sun"),
    (lambda p: p.update(lat=24.8, lon=113.6), "outside"),  # Shaoguan's coordinates for a Guangzhou place
    (lambda p: p.update(visit_minutes=0), "visit_minutes"),
])
def test_the_schema_check_fails_on_each_kind_of_fault(breakage, expected):
    broken = copy.deepcopy(PLACES[0])
    breakage(broken)
    problems = catalogue.validate([broken])
    assert any(expected in problem for problem in problems), problems


def test_every_zone_city_has_a_base_inside_it():
    bases = catalogue.bases()
    assert set(bases) == {"440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"}
    for base in bases.values():
        city = get_city(base.city)
        assert abs(base.lat - city.lat) < 0.5 and abs(base.lon - city.lon) < 0.5 and base.source


def _places():
    return [travel.Place(b.lat, b.lon, b.city) for b in catalogue.bases().values()] + [
        travel.Place(p["lat"], p["lon"], p["city"]) for p in PLACES]


def test_travel_times_are_symmetric_and_obey_the_triangle_inequality():
    times = travel.matrix(_places())
    n = len(times)
    for i in range(n):
        assert times[i][i] == 0
        for j in range(n):
            assert times[i][j] == times[j][i]
    for i, j, k in itertools.product(range(n), repeat=3):
        assert times[i][k] <= times[i][j] + times[j][k]


def test_travel_speeds_are_realistic():
    bases = catalogue.bases()
    guangzhou, shenzhen = bases["440100"], bases["440300"]
    a = travel.Place(guangzhou.lat, guangzhou.lon, "440100")
    b = travel.Place(shenzhen.lat, shenzhen.lon, "440300")
    km = travel.great_circle_km(a, b)
    assert 95 < km < 115  # the two centres are about 105 km apart as the crow flies
    minutes = travel.road_minutes(a, b)
    assert 60 < minutes < 240 and 30 < km / (minutes / 60) < 90  # door to door at a plausible speed
    near = travel.Place(guangzhou.lat + 0.01, guangzhou.lon, "440100")  # about 1.1 km north
    assert 10 < travel.road_minutes(a, near) < 20
