"""The regulators' queue (own city first, overdue standing out) and the dashboard."""

from datetime import date, datetime

from tests.factories import csrf_from, login, make_user
from tourism.complaints import service as complaints
from tourism.core import clock
from tourism.extensions import db


def _file(city, when):
    with clock.frozen_at(when):
        case, _code = complaints.file_complaint(
            db.session, complainant_name="甲", complainant_phone="13800000001", respondent_kind="other",
            incident_city=city, occurred_on=when.date(), description="说明")
    db.session.commit()
    return case


def test_queue_own_city_first_overdue_marked(client):
    old = _file("440600", datetime(2026, 11, 2, 9))
    fresh = _file("440600", datetime(2026, 11, 23, 9))
    elsewhere = _file("440100", datetime(2026, 11, 23, 9))
    make_user("fs", "regulator", city="440600")
    login(client, "fs")
    with clock.frozen_at(datetime(2026, 11, 24, 9)):
        html = client.get("/cases").get_data(as_text=True)
    own, shared = html.split('id="shared-log"', 1)
    assert own.index(old.tracking_no) < own.index(fresh.tracking_no)
    assert "row-overdue" in own and elsewhere.tracking_no in shared and elsewhere.tracking_no not in own
    with clock.frozen_at(datetime(2026, 11, 24, 9)):
        overdue_only = client.get("/cases?overdue=y").get_data(as_text=True)
    assert old.tracking_no in overdue_only and fresh.tracking_no not in overdue_only


def test_case_page_moves_a_case_and_refuses_a_stale_form(client):
    case = _file("440600", datetime(2026, 11, 23, 9))
    make_user("fs", "regulator", city="440600")
    login(client, "fs")
    page = client.get(f"/cases/{case.tracking_no}").get_data(as_text=True)
    token = csrf_from(page)
    moved = client.post(f"/cases/{case.tracking_no}/transition", data={"csrf_token": token, "to": "accepted",
                                                                       "version": "1", "without_contract": "y"})
    assert moved.status_code == 302
    stale = client.post(f"/cases/{case.tracking_no}/transition", data={"csrf_token": token, "to": "mediation",
                                                                       "version": "1", "note": "我的说明"})
    assert stale.status_code == 409 and "我的说明" in stale.get_data(as_text=True)


def test_dashboard_draws_counts_per_city(client):
    _file("440600", datetime.combine(date.today(), datetime.min.time()))
    make_user("gz", "regulator", city="440100")
    login(client, "gz")
    html = client.get("/dashboard").get_data(as_text=True)
    assert "<svg" in html and "<rect" in html and ("佛山" in html)
