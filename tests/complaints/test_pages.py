"""The regulators' queue (own city first, overdue standing out) and the dashboard."""

import re
from datetime import date, datetime

from sqlalchemy import select

from tests.factories import api_user, csrf_from, login, make_user
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
        own = client.get("/cases").get_data(as_text=True)
        shared = client.get("/cases?city=").get_data(as_text=True)
        overdue_only = client.get("/cases?overdue=y").get_data(as_text=True)
    assert own.index(old.tracking_no) < own.index(fresh.tracking_no), "the overdue case first"
    assert "row-overdue" in own and elsewhere.tracking_no not in own
    assert elsewhere.tracking_no in shared and old.tracking_no in shared
    assert old.tracking_no in overdue_only and fresh.tracking_no not in overdue_only


def test_a_thousand_cases_page_with_a_total_and_filters_agree_with_the_rules(client, session):
    from tourism.complaints import rules
    from tourism.complaints.models import Complaint

    with clock.frozen_at(datetime(2026, 10, 1, 9)):
        first = _file("440600", datetime(2026, 10, 1, 9))
    rows = [Complaint(**{c.key: getattr(first, c.key) for c in Complaint.__table__.columns
                         if c.key not in ("id", "tracking_no", "received_at", "status", "assigned_city")},
                      tracking_no=f"TS2026{n:06d}",
                      received_at=datetime(2026, 10, 1 + n % 28, 9, tzinfo=clock.LOCAL_TZ),
                      status=("received", "accepted", "closed")[n % 3], assigned_city=("440600", "440100")[n % 2])
            for n in range(2, 1001)]
    session.add_all(rows)
    session.commit()
    gz = api_user(client, "gz", "regulator", city="440100")
    with clock.frozen_at(datetime(2026, 11, 24, 9)):
        everything = client.get("/api/v1/complaints?per_page=200&page=2", headers=gz).json
        assert everything["total"] == 1000 and len(everything["items"]) == 200 and everything["page"] == 2
        open_fs = client.get("/api/v1/complaints?city=440600&state=open&per_page=1", headers=gz).json["total"]
        overdue = client.get("/api/v1/complaints?overdue=true&per_page=200", headers=gz).json
        cases = session.scalars(select(Complaint)).all()
        assert open_fs == sum(c.assigned_city == "440600" and c.status in rules.OPEN_STATES for c in cases)
        assert overdue["total"] == sum(rules.is_overdue(c, clock.today()) for c in cases)
        typed = client.get("/api/v1/complaints?tracking_no=ts2026 000500", headers=gz).json
        assert [c["tracking_no"] for c in typed["items"]] == ["TS2026000500"]
        page = client.get("/api/v1/complaints?state=open&per_page=200", headers=gz).json["items"]
        statuses = [c["status"] for c in page]
        assert "closed" not in statuses and statuses


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


def test_the_complaint_form_asks_for_the_cities_instead_of_assuming_them(client):
    page = client.get("/complaints/new").get_data(as_text=True)
    incident = page.split('id="incident_city"')[1].split("</select>")[0]
    contract = page.split('id="contract_city"')[1].split("</select>")[0]
    assert re.search(r'<option (selected )?value="">', incident) and "selected" not in incident.split("</option>", 1)[1]
    assert 'value="none"' in contract and 'value=""' in contract
    form = {"csrf_token": csrf_from(page), "name": "游客乙", "phone": "13800000002", "respondent_kind": "other",
            "occurred_on": clock.today().isoformat(), "description": "门票被多收"}
    refused = client.post("/complaints/new", data=form)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="incident_city-errors"' in html and 'id="contract_city-errors"' in html


def test_a_date_before_the_zone_existed_is_refused(client):
    page = client.get("/complaints/new").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "name": "游客乙", "phone": "13800000002", "respondent_kind": "other",
            "incident_city": "440600", "contract_city": "none", "occurred_on": "1990-05-01",
            "description": "门票被多收"}
    refused = client.post("/complaints/new", data=form)
    assert refused.status_code == 422 and 'id="occurred_on-errors"' in refused.get_data(as_text=True)


def test_a_tracking_number_is_found_however_it_is_typed(client):
    receipt = client.post("/api/v1/complaints", json={
        "complainant": {"name": "游客甲", "phone": "13800000001"}, "respondent": {"kind": "other"},
        "incident_city": "440600", "occurred_on": clock.today().isoformat(), "description": "被强迫购物。",
        "urgent": False}).json
    typed = " ".join([receipt["tracking_no"][:2].lower(), receipt["tracking_no"][2:6], receipt["tracking_no"][6:]])
    found = client.post(f"/api/v1/complaints/{typed}/lookup", json={"access_code": receipt["access_code"]})
    assert found.status_code == 200
    page = client.get("/complaints/track").get_data(as_text=True)
    wrong = client.post("/complaints/track", data={"csrf_token": csrf_from(page), "tracking_no": typed,
                                                   "access_code": "WRONG-CODE"})
    html = wrong.get_data(as_text=True)
    assert wrong.status_code == 404 and 'id="access_code-errors"' in html and 'id="tracking_no-errors"' in html


def test_a_finished_case_reads_as_finished_to_its_complainant(client):
    receipt = client.post("/api/v1/complaints", json={
        "complainant": {"name": "游客甲", "phone": "13800000001"}, "respondent": {"kind": "other"},
        "incident_city": "440600", "occurred_on": clock.today().isoformat(), "description": "被强迫购物。",
        "urgent": False}).json
    page = client.get("/complaints/track").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "tracking_no": receipt["tracking_no"], "access_code": receipt["access_code"]}
    html = client.post("/complaints/track", data=form).get_data(as_text=True)
    assert 'name="file"' in html and "文化和旅游主管部门" in html and "受理决定期限" in html
    complaint = complaints.get_complaint(db.session, receipt["tracking_no"])
    complaint.status = "closed"
    db.session.commit()
    html = client.post("/complaints/track", data=form).get_data(as_text=True)
    assert 'name="file"' not in html and "受理决定期限" not in html


def test_bad_list_filters_are_ignored_not_a_server_error(client):
    make_user("fs", "regulator", city="440600")
    login(client, "fs")
    for query in ("status=bogus", "received_from=0001-01-01", "received_to=9999-12-31", "received_from=2026-13-45",
                  "page=0", "page=99999999999999999999", "per_page=100000", "state=nope&sort=nope"):
        assert client.get(f"/cases?{query}").status_code == 200, query
        assert client.get(f"/filings?{query}").status_code == 200, query
