"""The regulators' queue (own city first, overdue standing out) and the dashboard."""

import re
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
