"""The planning pages: the form, the result with its offline map, the .ics export, the print view."""

import re

from icalendar import Calendar

from tests.factories import csrf_from


def test_plan_through_the_form_and_read_the_result(client, places):
    page = client.get("/plan").get_data(as_text=True)
    assert "gz-hall" in page and 'name="theme_garden"' in page
    form = {"csrf_token": csrf_from(page), "start_date": "2026-12-08", "days": "2", "start_city": "440100",
            "end_city": "440600", "day_start": "09:00", "day_end": "18:00", "group_size": "2",
            "theme_garden": "3", "theme_museum": "2", "time_limit_s": "1", "must_visit": ["fs-temple"]}
    response = client.post("/plan", data=form)
    assert response.status_code == 302
    result_url = response.headers["Location"]
    html = client.get(result_url).get_data(as_text=True)
    assert "<svg" in html and "<polyline" in html and "fs-temple" in html
    ics = client.get(result_url + ".ics")
    assert ics.mimetype == "text/calendar"
    events = list(Calendar.from_ical(ics.data).walk("VEVENT"))
    assert len(events) == len(re.findall(r"<li><strong>\d+\.</strong>", html))
    printable = client.get(result_url + "/print").get_data(as_text=True)
    assert "<polyline" not in printable and "fs-temple" in printable


def test_a_bad_form_keeps_the_input(client, places):
    page = client.get("/plan").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "start_date": "2026-12-08", "days": "0", "start_city": "440100",
            "end_city": "440100", "day_start": "09:00", "day_end": "18:00", "group_size": "2", "theme_garden": "3",
            "time_limit_s": "1"}
    response = client.post("/plan", data=form)
    assert response.status_code == 422 and 'value="2026-12-08"' in response.get_data(as_text=True)


def test_no_interest_at_all_is_explained(client, places):
    page = client.get("/plan").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "start_date": "2026-12-08", "days": "1", "start_city": "440100",
            "end_city": "440100", "day_start": "09:00", "day_end": "18:00", "group_size": "1", "time_limit_s": "1"}
    response = client.post("/plan", data=form)
    assert response.status_code == 422 and "flash-error" in response.get_data(as_text=True)
