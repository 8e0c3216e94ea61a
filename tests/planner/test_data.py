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
    (lambda p: p.update(closed_on=["last-monday"]), "closed_on"),
    (lambda p: p.update(closed_on=["last-mon"]), "no source for closed_on"),
    (lambda p: p.update(meal_on_site="yes"), "meal_on_site"),
    (lambda p: p.pop("name_zh_hant"), "name_zh_hant"),
])
def test_the_schema_check_fails_on_each_kind_of_fault(breakage, expected):
    broken = copy.deepcopy(PLACES[0])
    breakage(broken)
    problems = catalogue.validate([broken])
    assert any(expected in problem for problem in problems), problems


def test_every_zone_city_has_a_central_base_and_the_towns_where_tourists_stay_have_theirs():
    bases = catalogue.bases()
    assert {b.city for b in bases.values() if b.main} == {
        "440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"}
    assert {"440700-chikan", "440600-daliang", "441900-humen", "440300-dapeng", "441300-shuangyue",
            "440600-xiqiao", "441200-dinghu"} <= set(bases)
    for base in bases.values():
        city = get_city(base.city)
        assert abs(base.lat - city.lat) < 0.8 and abs(base.lon - city.lon) < 0.8
        assert base.source["stay"] and base.source["coordinates"]


def _places():
    return tuple([travel.Place(b.lat, b.lon, b.city) for b in catalogue.bases().values()] + [
        travel.Place(p["lat"], p["lon"], p["city"]) for p in PLACES])


def test_travel_times_are_symmetric_and_obey_the_triangle_inequality_by_car():
    legs = travel.matrix(_places())
    n = len(legs)
    for i in range(n):
        assert legs[i][i].minutes == 0
        for j in range(n):
            assert legs[i][j].minutes == legs[j][i].minutes
            assert i == j or legs[i][j].minutes >= 10  # distinct places are never closer than the minimum leg
    for i, j, k in itertools.product(range(n), repeat=3):
        assert legs[i][k].minutes <= legs[i][j].minutes + legs[j][k].minutes


def test_two_places_sharing_coordinates_are_still_a_leg_apart():
    same = travel.Place(23.13, 113.26, "440100")
    legs = travel.matrix((same, same))
    assert legs[0][1].minutes == 10 and legs[0][0].minutes == 0


def _centre(city):
    base = catalogue.main_base(city)
    return travel.Place(base.lat, base.lon, city)


@pytest.mark.parametrize("a,b,low,high", [
    ("440100", "440600", 30, 45),  # Guangzhou–Foshan: published about 30-40 min
    ("440100", "441200", 80, 100),  # Guangzhou–Zhaoqing: published about 90 min
    ("440100", "440300", 90, 125),  # Guangzhou–Shenzhen: published 90-120 min
])
def test_road_times_between_centres_match_the_published_times(a, b, low, high):
    assert low <= travel.road_minutes(_centre(a), _centre(b)) <= high


def test_a_leg_across_the_estuary_goes_over_a_crossing():
    shekou, qiao = travel.Place(22.48, 113.915, "440300"), travel.Place(22.41, 113.63, "440400")
    assert travel.bank(shekou) == "E" and travel.bank(qiao) == "W"
    straight = travel.road_minutes(shekou, travel.Place(22.48, 113.60, "440300"))  # as if no water were between
    assert travel.road_minutes(shekou, qiao) > straight


def test_public_transport_takes_the_train_between_guangzhou_and_shenzhen():
    legs = travel.matrix((_centre("440100"), _centre("440300")), "public")
    assert legs[0][1].mode == "rail" and 90 <= legs[0][1].minutes <= 140
    local = travel.matrix((_centre("440100"), travel.Place(23.14, 113.27, "440100")), "public")
    assert local[0][1].mode in ("taxi", "metro")
