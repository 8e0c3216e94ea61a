"""Must-see places as promises: planned when they can be, and when they cannot, the computed change to the
request that lets them in, which then does."""

from tests.planner.check import check_plan
from tests.planner.test_requests import LINGNAN, real_places  # noqa: F401 (a fixture)


def _plan(client, body, language="en"):
    response = client.post("/api/v1/itineraries", json={"time_limit_s": 0.5, **body},
                           headers={"Accept-Language": language})
    assert response.status_code == 201, response.json
    return response.json


def _planned(plan):
    return {stop["poi_id"] for day in plan["days"] for stop in day["stops"]}


def test_kaiping_diaolou_from_guangzhou_in_three_days_is_planned(client, real_places):  # noqa: F811
    body = {"start_date": "2026-12-08", "days": 3, "start_city": "440100", "themes": LINGNAN,
            "must_visit": ["jm-kaiping-diaolou"]}
    plan = _plan(client, body)
    assert "jm-kaiping-diaolou" in _planned(plan) and plan["unvisited_must_visit"] == []
    check_plan(plan, body, real_places)


def test_an_impossible_must_see_comes_with_a_fix_that_works(client, real_places):  # noqa: F811
    body = {"start_date": "2026-12-08", "days": 1, "start_city": "441300", "day_end": "15:00", "themes": LINGNAN,
            "must_visit": ["jm-kaiping-diaolou"]}
    plan = _plan(client, body)
    [missing] = plan["unvisited_must_visit"]
    assert missing["code"] == "too_far" and "too far" in missing["reason"]
    assert missing["fix"], "no fix offered"
    fixed = {**body, **missing["fix"]}
    again = _plan(client, fixed)
    assert "jm-kaiping-diaolou" in _planned(again), missing["fix"]
    check_plan(again, fixed, real_places)
    chinese = _plan(client, body, language="zh")["unvisited_must_visit"][0]["reason"]
    assert chinese != missing["reason"] and "too far" not in chinese  # the reason in the reader's language


def test_a_day_too_short_for_a_long_visit_gets_a_later_end(client, real_places):  # noqa: F811
    body = {"start_date": "2026-12-08", "days": 2, "start_city": "440700", "day_start": "10:00", "day_end": "13:00",
            "themes": LINGNAN, "must_visit": ["jm-kaiping-diaolou"]}
    missing = _plan(client, body)["unvisited_must_visit"][0]
    assert missing["code"] in ("hours", "too_far") and "day_end" in missing["fix"]
    assert "jm-kaiping-diaolou" in _planned(_plan(client, {**body, **missing["fix"]}))


def test_a_place_closed_on_every_day_of_the_trip_gets_another_day(client, real_places):  # noqa: F811
    monday = "2026-12-07"  # Whampoa Military Academy is closed on Mondays
    body = {"start_date": monday, "days": 1, "start_city": "440100", "themes": LINGNAN,
            "must_visit": ["gz-whampoa-academy"]}
    missing = _plan(client, body)["unvisited_must_visit"][0]
    assert missing["code"] == "closed" and missing["fix"] == {"days": 2}
    assert "gz-whampoa-academy" in _planned(_plan(client, {**body, **missing["fix"]}))


def test_a_must_see_over_the_budget_says_what_the_budget_would_need(client, real_places):  # noqa: F811
    body = {"start_date": "2026-12-08", "days": 2, "start_city": "440700", "themes": LINGNAN, "group_size": 4,
            "budget_cny": 50, "must_visit": ["jm-kaiping-diaolou"]}
    missing = _plan(client, body)["unvisited_must_visit"][0]
    assert missing["code"] == "budget" and missing["fix"]["budget_cny"] > 50
    assert "jm-kaiping-diaolou" in _planned(_plan(client, {**body, **missing["fix"]}))


def test_the_nights_may_be_chosen_and_the_page_explains_the_fix(client, real_places):  # noqa: F811
    body = {"start_date": "2026-12-08", "days": 2, "start_city": "441300", "themes": LINGNAN,
            "bases": ["441300-centre"], "must_visit": ["jm-kaiping-diaolou"]}
    plan = _plan(client, body)
    missing = plan["unvisited_must_visit"][0]
    assert missing["fix"]
    page = client.get(f"/itineraries/{plan['id']}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "It would fit if you" in page
