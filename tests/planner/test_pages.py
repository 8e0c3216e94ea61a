"""The planning pages: the form in people's terms, an itinerary a person can check, editing, the exports."""

import json
import re
from datetime import timedelta

from icalendar import Calendar

from tests.factories import csrf_from
from tourism.core import clock


def _day(offset=7):
    return (clock.today() + timedelta(days=offset)).isoformat()


def _form(client, **changes):
    page = client.get("/plan").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "start_date": _day(), "days": "2", "start_city": "440100",
            "end_city": "440600", "day_start": "09:00", "day_end": "18:00", "group_size": "2",
            "theme_garden": "lot", "theme_museum": "little", "must_visit": ["fs-temple"]}
    return {**form, **changes}


def _plan(client, **changes):
    response = client.post("/plan", data=_form(client, **changes))
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def _stops(html):
    return re.findall(r'<li class="visit" data-poi="([^"]+)"', html)


def test_the_form_asks_in_peoples_terms(client, places):
    page = client.get("/plan").get_data(as_text=True)
    assert 'name="theme_garden"' in page and 'value="lot"' in page and 'value="little"' in page
    assert "time_limit_s" not in page and 'name="budget_per_person"' in page


def test_plan_through_the_form_and_check_the_result(client, places):
    html = client.get(_plan(client)).get_data(as_text=True)
    stops = _stops(html)
    assert "fs-temple" in stops
    assert "广州市" in html and "佛山市" in html, "the day names the cities it visits"
    journeys = re.findall(r'<li class="journey muted">([^<]*)', html)
    assert len(journeys) == len(stops) + 2 and all(re.search(r"· \d+ ?分钟", j) for j in journeys)
    assert "fs-temple 地址" in html, "each visit shows its address"
    assert "09:00–17:00" in html, "and that day's opening hours"
    assert "The trip in figures" in html or "行程数据" in html


def test_the_ticket_totals_add_up(client, places):
    html = client.get(_plan(client, group_size="3")).get_data(as_text=True)
    tickets = sum(places[poi]["ticket_cny"] for poi in _stops(html))
    figures = re.search(r'<dl class="figures">(.*?)</dl>', html, re.S).group(1)
    assert f"{tickets:.0f}" in figures and f"{tickets * 3:.0f}" in figures


def test_the_calendar_file_has_its_time_zone_and_places(client, places):
    url = _plan(client)
    html = client.get(url).get_data(as_text=True)
    calendar = Calendar.from_ical(client.get(url + ".ics").data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(_stops(html))
    assert all(event.get("LOCATION") and event.get("GEO") for event in events)
    assert events[0]["DTSTART"].params["TZID"] == "Asia/Shanghai"


def test_the_print_view_keeps_the_map_and_totals_and_drops_the_buttons(client, places):
    printable = client.get(_plan(client) + "/print").get_data(as_text=True)
    assert "<polyline" in printable and '<dl class="figures">' in printable and 'name="change"' not in printable


def test_a_first_day_in_the_past_is_refused_on_its_field(client, places):
    response = client.post("/plan", data=_form(client, start_date=_day(-1)))
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="start_date-errors"' in html


def test_a_bad_form_keeps_the_input(client, places):
    response = client.post("/plan", data=_form(client, days="0", start_date=_day(9)))
    assert response.status_code == 422 and f'value="{_day(9)}"' in response.get_data(as_text=True)


def test_no_interest_at_all_is_explained(client, places):
    response = client.post("/plan", data=_form(client, theme_garden="", theme_museum=""))
    assert response.status_code == 422 and "flash-error" in response.get_data(as_text=True)


def _change(client, url, change):
    page = client.get(url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": csrf_from(page), "change": json.dumps(change)})


def test_removing_a_stop_gives_a_new_plan_and_keeps_the_old_one(client, places):
    url = _plan(client, must_visit=[])
    before = _stops(client.get(url).get_data(as_text=True))
    response = _change(client, url, {"remove": [before[0]]})
    assert response.status_code == 302 and response.headers["Location"] != url
    after = _stops(client.get(response.headers["Location"]).get_data(as_text=True))
    assert before[0] not in after
    assert _stops(client.get(url).get_data(as_text=True)) == before, "the earlier permalink is unchanged"


def test_a_kept_stop_stays_on_its_day_through_later_changes(client, places):
    url = _plan(client, days="3", end_city="440100", must_visit=[])
    days = re.findall(r'<section class="day" id="day-(\d)">(.*?)</section>', client.get(url).get_data(as_text=True),
                      re.S)
    number, body = next((n, b) for n, b in days if _stops(b))
    kept = _stops(body)[0]
    moved_to = "1" if number != "1" else "2"
    url = client.post(url, data={"csrf_token": csrf_from(client.get(url).get_data(as_text=True)),
                                 "change": json.dumps({"lock": [{"poi_id": kept, "day": int(moved_to)}]})}
                      ).headers["Location"]
    html = client.get(url).get_data(as_text=True)
    other = next(poi for poi in _stops(html) if poi != kept)
    url = _change(client, url, {"remove": [other]}).headers["Location"]
    days = dict(re.findall(r'<section class="day" id="day-(\d)">(.*?)</section>',
                           client.get(url).get_data(as_text=True), re.S))
    assert kept in _stops(days[moved_to]) and "kept on this day" in days[moved_to] or "保留在这一天" in days[moved_to]


def test_a_bad_change_is_refused_and_plans_nothing(client, places):
    url = _plan(client)
    response = _change(client, url, {"remove": ["nowhere"]})
    assert response.status_code == 422 and "flash-error" in response.get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    garbled = client.post(url, data={"csrf_token": csrf_from(page), "change": "[" * 5000})
    assert garbled.status_code == 422 and "这不是对行程的修改" in garbled.get_data(as_text=True)


def test_re_plan_reopens_the_form_with_the_request(client, places):
    url = _plan(client, group_size="5")
    itinerary_id = url.rsplit("/", 1)[1]
    page = client.get(f"/plan?from={itinerary_id}").get_data(as_text=True)
    assert re.search(r'<input[^>]*id="group_size"[^>]*value="5"', page)
    assert 'name="must_visit" value="fs-temple" checked' in page


def test_the_edit_api_answers_with_a_new_itinerary(client, places):
    created = client.post("/api/v1/itineraries", json={"start_date": _day(), "days": 2, "start_city": "440100",
                                                       "themes": {"garden": 3}, "time_limit_s": 0.5}).json
    first = created["days"][0]["stops"][0]["poi_id"]
    kept = next(poi for poi in ("fs-garden", "gz-garden") if poi != first)
    response = client.post(f"/api/v1/itineraries/{created['id']}/edits",
                           json={"remove": [first], "lock": [{"poi_id": kept, "day": 2}]})
    assert response.status_code == 201 and response.json["id"] != created["id"]
    assert response.headers["Location"].endswith(f"/api/v1/itineraries/{response.json['id']}")
    stops = [[s["poi_id"] for s in day["stops"]] for day in response.json["days"]]
    assert first not in stops[0] + stops[1] and kept in stops[1]
    assert client.post("/api/v1/itineraries/nope/edits", json={}).status_code == 404
    assert client.post(f"/api/v1/itineraries/{created['id']}/edits", json={"days": 1, "bases": ["440600"]}
                       ).status_code == 422
    contradiction = client.post(f"/api/v1/itineraries/{created['id']}/edits",
                                json={"remove": [kept], "lock": [{"poi_id": kept}]})
    assert contradiction.status_code == 422 and "remove" in contradiction.json["errors"]


def test_a_day_too_short_to_visit_anything_is_refused_on_its_field(client, places):
    response = client.post("/plan", data=_form(client, day_start="17:00", day_end="18:00"))
    assert response.status_code == 422 and 'id="day_end-errors"' in response.get_data(as_text=True)


def test_an_edit_that_cannot_hold_is_refused_not_quietly_changed(client, places):
    created = client.post("/api/v1/itineraries", json={"start_date": _day(), "days": 2, "start_city": "440100",
                                                       "themes": {"garden": 3}, "time_limit_s": 0.5}).json
    url = f"/api/v1/itineraries/{created['id']}/edits"
    late = client.post(url, json={"lock": [{"poi_id": "gz-garden", "day": 5}]})
    assert late.status_code == 422 and "locked" in late.json["errors"]
    assert client.post(url, json={"days": 2.7}).status_code == 422
    kept = client.post(url, json={"remove": ["gz-temple"]}).json
    from tourism.extensions import db
    from tourism.planner import service

    assert service.get_request(db.session, kept["id"])["time_limit_s"] == 0.5, "the earlier request's search time"


def test_one_days_hours_change_on_the_page_and_the_other_days_keep_theirs(client, places):
    url = _plan(client, days="2", must_visit=[])
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data={"csrf_token": csrf_from(page), "day": "1", "day_start": "13:00",
                                      "day_end": "17:30"})
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    first = html.split('id="day-1"', 1)[1].split('id="day-2"', 1)[0]
    times = re.findall(r"<time>(\d\d:\d\d)–(\d\d:\d\d)</time>", first)
    assert times and all(start >= "13:00" and end <= "17:30" for start, end in times)
    assert 'id="day_start-1" name="day_start" value="13:00"' in html
    assert 'id="day_start-2" name="day_start" value="09:00"' in html
