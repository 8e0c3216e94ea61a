"""Itineraries: every plan checked independently (hours, visit lengths, day bounds, travel), bad requests refused."""

from datetime import date

import pytest

from tests.factories import make_agency, make_guide
from tests.planner.check import check_plan


def plan(client, **changes):
    request = {"start_date": "2026-12-07", "days": 2, "start_city": "440100",
               "themes": {"museum": 3, "garden": 2, "lingnan-architecture": 2, "old-town": 1}, "time_limit_s": 0.5,
               **changes}
    response = client.post("/api/v1/itineraries", json=request)
    assert response.status_code == 201, response.json
    return request, response.json


@pytest.mark.parametrize("start", ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11",
                                   "2026-12-12", "2026-12-13"])
def test_plans_on_every_weekday_are_feasible(client, places, start):
    request, result = plan(client, start_date=start)
    check_plan(result, request, places)
    assert result["score"] > 0


def test_a_monday_skips_places_closed_on_monday(client, places):
    request, result = plan(client, start_date="2026-12-07", days=1)  # a Monday
    visited = {s["poi_id"] for s in result["days"][0]["stops"]}
    assert not visited & {"gz-hall", "gz-opera"}
    check_plan(result, request, places)


def test_a_one_day_plan_and_a_plan_through_several_cities(client, places):
    request, result = plan(client, days=1)
    check_plan(result, request, places)
    request, result = plan(client, days=4, bases=["440600", "442000", "440700"], end_city="440100",
                           themes={"overseas-chinese-heritage": 3, "revolutionary-history": 2, "martial-arts": 2,
                                   "garden": 1})
    check_plan(result, request, places)
    assert [d["base_city"] for d in result["days"]] == ["440600", "442000", "440700", "440100"]


def test_an_impossible_must_visit_is_explained(client, places):
    _request, result = plan(client, must_visit=["jm-closed", "zs-home"], days=2)
    unvisited = {u["poi_id"]: u for u in result["unvisited_must_visit"]}
    assert unvisited["jm-closed"]["code"] == "closed" and unvisited["jm-closed"]["reason"]
    assert "fix" not in unvisited["jm-closed"]  # closed every day of every week: nothing would let it in
    assert "zs-home" in {s["poi_id"] for d in result["days"] for s in d["stops"]}


def test_budget_and_avoid_are_kept(client, places):
    request, result = plan(client, budget_cny=30, group_size=2, avoid=["gz-garden"])
    visited = [s["poi_id"] for d in result["days"] for s in d["stops"]]
    assert "gz-garden" not in visited
    assert sum(places[p]["ticket_cny"] * 2 for p in visited) <= 30
    check_plan(result, request, places)


def test_permalink_returns_the_same_plan(client, places):
    _request, result = plan(client)
    again = client.get(f"/api/v1/itineraries/{result['id']}")
    assert again.status_code == 200 and again.json["days"] == result["days"]
    assert client.get("/api/v1/itineraries/nope").status_code == 404


def test_eligible_guides_for_the_cities_and_dates(client, places):
    make_agency("L-GD-000001")
    make_guide("D-4401-000001", "440100", languages=("zh", "en"), employer="L-GD-000001",
               issued_on=date(2026, 1, 1), expires_on=date(2028, 12, 31))
    make_guide("D-4418-000002", "441800", languages=("zh", "en"), employer="L-GD-000001",
               issued_on=date(2026, 1, 1), expires_on=date(2028, 12, 31))
    _request, result = plan(client, language="en")
    assert result["eligible_guides"] == ["D-4401-000001"]


@pytest.mark.parametrize("changes,field", [
    ({"days": 0}, "days"),
    ({"day_start": "18:00", "day_end": "09:00"}, "day_end"),
    ({"themes": {"shopping": 1}}, "themes"),
    ({"must_visit": ["no-such-place"]}, "must_visit"),
    ({"budget_cny": -1}, "budget_cny"),
    ({"start_city": "441800"}, "start_city"),
])
def test_bad_requests_are_422_with_the_field(client, places, changes, field):
    body = {"start_date": "2026-12-07", "days": 2, "start_city": "440100", "themes": {"museum": 1}, **changes}
    response = client.post("/api/v1/itineraries", json=body)
    assert response.status_code == 422 and any(k.startswith(field) for k in response.json["errors"]), response.json


def test_pois_api_filters_by_city_and_theme(client, places):
    items = client.get("/api/v1/pois?city=440600&theme=garden").json["items"]
    assert [p["id"] for p in items] == ["fs-garden"]
    assert set(items[0]) >= {"id", "name_zh", "name_en", "city", "lat", "lon", "themes", "visit_minutes",
                             "opening_hours", "ticket_cny", "source"}


def test_a_day_at_home_still_goes_out_to_a_favourite_place(client, places):
    """Travel has a price, but not one that leaves a tourist at the hotel when their favourite is 45 min away."""
    response = client.post("/api/v1/itineraries", json={
        "start_date": "2026-12-03", "days": 1, "start_city": "440100", "themes": {"garden": 3}, "time_limit_s": 0.5})
    assert any(stop["poi_id"].endswith("garden") for stop in response.json["days"][0]["stops"])
