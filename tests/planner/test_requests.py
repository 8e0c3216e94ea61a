"""Twenty-five varied requests over the real catalogue: every plan passes the independent check, keeps the
day's travel cap, never returns to a city it left within a day (but the night's base), and gives every leg a mode."""

import json

import pytest

from tests.planner.check import check_plan
from tourism.planner import catalogue

LINGNAN = {"lingnan-architecture": 3, "garden": 3, "cantonese-opera": 2, "old-town": 1}
HERITAGE = {"overseas-chinese-heritage": 3, "revolutionary-history": 2, "museum": 2}
OUTDOORS = {"nature": 3, "religion": 2, "garden": 1}
FOOD = {"cuisine": 3, "old-town": 2, "crafts": 2}

REQUESTS = [
    {"start_date": "2026-12-07", "days": 1, "start_city": "440100", "themes": LINGNAN},
    {"start_date": "2026-12-08", "days": 2, "start_city": "440100", "themes": LINGNAN, "mode": "public"},
    {"start_date": "2026-12-09", "days": 3, "start_city": "440100", "themes": HERITAGE},
    {"start_date": "2026-12-10", "days": 3, "start_city": "440300", "themes": OUTDOORS},
    {"start_date": "2026-12-11", "days": 4, "start_city": "440600", "themes": FOOD, "end_city": "440100"},
    {"start_date": "2026-12-12", "days": 2, "start_city": "441300", "themes": OUTDOORS, "mode": "public"},
    {"start_date": "2026-12-13", "days": 5, "start_city": "440100", "themes": {**LINGNAN, **HERITAGE}},
    {"start_date": "2026-12-14", "days": 2, "start_city": "440400", "themes": LINGNAN, "day_start": "08:00",
     "day_end": "20:00"},
    {"start_date": "2026-12-28", "days": 3, "start_city": "442000", "themes": HERITAGE,
     "max_travel_minutes_per_day": 90},
    {"start_date": "2027-01-04", "days": 2, "start_city": "441900", "themes": HERITAGE, "group_size": 30,
     "budget_cny": 3000},
    {"start_date": "2027-02-01", "days": 3, "start_city": "440700", "themes": HERITAGE, "mode": "public"},
    {"start_date": "2027-03-01", "days": 4, "start_city": "441200", "themes": OUTDOORS, "end_city": "440100"},
    {"start_date": "2026-12-08", "days": 3, "start_city": "440100", "themes": LINGNAN,
     "must_visit": ["jm-kaiping-diaolou"]},
    {"start_date": "2026-12-15", "days": 3, "start_city": "440100", "themes": LINGNAN,
     "bases": ["440700-chikan", None]},
    {"start_date": "2026-12-16", "days": 2, "start_city": "440300", "themes": FOOD, "mode": "public",
     "max_travel_minutes_per_day": 240},
    {"start_date": "2026-12-17", "days": 1, "start_city": "440600", "themes": FOOD, "day_start": "10:30",
     "day_end": "16:00"},
    {"start_date": "2026-12-18", "days": 6, "start_city": "440100", "themes": {**OUTDOORS, **FOOD}},
    {"start_date": "2026-12-19", "days": 2, "start_city": "440400", "themes": HERITAGE, "end_city": "440300"},
    {"start_date": "2026-12-20", "days": 3, "start_city": "441300", "themes": LINGNAN, "avoid": ["hz-west-lake"]},
    {"start_date": "2026-12-21", "days": 2, "start_city": "440100", "themes": LINGNAN,
     "locked": [{"poi_id": "fs-ancestral-temple", "day": 2}]},
    {"start_date": "2026-12-22", "days": 4, "start_city": "440100", "themes": HERITAGE, "mode": "public",
     "must_visit": ["jm-kaiping-diaolou", "zs-sun-yat-sen-residence"]},
    {"start_date": "2026-12-23", "days": 3, "start_city": "441200", "themes": OUTDOORS,
     "must_visit": ["zq-dinghu-mountain"]},
    {"start_date": "2026-12-24", "days": 2, "start_city": "440300", "themes": HERITAGE,
     "must_visit": ["sz-dapeng-fortress"], "day_end": "17:00"},
    {"start_date": "2026-12-26", "days": 7, "start_city": "440100", "themes": {**LINGNAN, **OUTDOORS}},
    {"start_date": "2026-12-29", "days": 3, "start_city": "440600", "themes": LINGNAN,
     "day_hours": [{"day": 1, "start": "13:00", "end": "18:00"}, {"day": 3, "start": "08:00", "end": "12:30"}]},
]


@pytest.fixture(scope="module")
def real_places():
    entries = json.loads((catalogue.DATA / "pois.json").read_text(encoding="utf-8"))["items"]
    return {entry["id"]: entry for entry in entries}


@pytest.mark.parametrize("request_body", REQUESTS, ids=[f"request-{n}" for n in range(len(REQUESTS))])
def test_a_varied_request_gives_a_plan_a_person_would_travel(client, real_places, request_body):
    response = client.post("/api/v1/itineraries", json={**request_body, "time_limit_s": 0.5})
    assert response.status_code == 201, response.json
    plan = response.json
    check_plan(plan, request_body, real_places)
    planned = {stop["poi_id"] for day in plan["days"] for stop in day["stops"]}
    assert planned, "an empty plan"
    for poi_id in request_body.get("must_visit", []):
        assert poi_id in planned or any(u["poi_id"] == poi_id for u in plan["unvisited_must_visit"])
    for lock in request_body.get("locked", []):
        assert lock["poi_id"] in {s["poi_id"] for s in plan["days"][lock["day"] - 1]["stops"]}
    if request_body.get("bases"):
        for night, base in enumerate(request_body["bases"]):
            assert base is None or plan["days"][night]["base"] == base


def test_a_day_too_short_for_any_visit_has_no_journey(client, real_places):
    body = {"start_date": "2026-12-07", "days": 2, "start_city": "440100", "themes": LINGNAN,
            "day_start": "17:00", "day_end": "18:00", "bases": ["440100"]}
    plan = client.post("/api/v1/itineraries", json={**body, "time_limit_s": 0.5}).json
    check_plan(plan, body, real_places)
    free = [day for day in plan["days"] if not day["stops"]]
    assert free and all(day["legs"] == [] and day["travel_minutes"] == 0 for day in free)
