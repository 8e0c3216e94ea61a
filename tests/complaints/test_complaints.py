"""Complaints: intake, jurisdiction (art. 5), the workflow, stale writes, deadlines, privacy, lookup."""

from datetime import date, datetime
from functools import partial

import pytest

from tests.factories import api_user, make_agency, make_guide
from tourism.complaints import rules
from tourism.complaints import service as complaints
from tourism.complaints.enums import ComplaintStatus
from tourism.complaints.models import Complaint
from tourism.core import clock
from tourism.core.errors import InvalidInput
from tourism.extensions import db

ACCEPT = {"to": "accepted", "without_contract": True}  # no tour contract: art. 9(四) does not apply


def complaint_body(**changes):
    body = {"complainant": {"name": "游客甲", "phone": "13800000001"}, "respondent": {"kind": "other"},
            "incident_city": "440600", "occurred_on": "2026-11-20", "description": "被强迫购物。", "urgent": False}
    body.update(changes)
    return body


def file(client, **changes):
    response = client.post("/api/v1/complaints", json=complaint_body(**changes))
    assert response.status_code == 201, response.json
    return response.json


# --- jurisdiction ------------------------------------------------------------------------------

def test_contract_city_has_jurisdiction_first(client):
    make_agency("L-GD-000001", "440300")
    receipt = file(client, contract_city="440100", respondent={"kind": "agency", "ref": "L-GD-000001"})
    assert receipt["assigned_city"] == "440100" and receipt["status"] == "received"
    case = db.session.scalar(db.select(Complaint))
    assert case.competent_cities == ["440100", "440300"]  # contract city, then the respondent's


def test_respondents_city_when_no_contract_city(client):
    make_guide("D-4419-000001", "441900")
    assert file(client, respondent={"kind": "guide", "ref": "D-4419-000001"})["assigned_city"] == "441900"


def test_urgent_wrongs_go_to_the_place_of_harm(client):
    make_agency("L-GD-000001", "440300")
    receipt = file(client, urgent=True, incident_city="442000", contract_city="440100",
                   respondent={"kind": "agency", "ref": "L-GD-000001"})
    assert receipt["assigned_city"] == "442000"


def test_place_of_harm_when_nothing_else_is_known(client):
    assert file(client, incident_city="441200")["assigned_city"] == "441200"


def test_outside_the_zone_the_province_handles(client):
    assert file(client, incident_city="441800", contract_city="441800")["assigned_city"] == rules.PROVINCE


def test_intake_tells_the_acceptance_deadline_across_spring_festival(client):
    # Received Friday 13 Feb 2026: Sat 14 Feb is a make-up working day, 15–23 Feb are off,
    # so the 5 working days are 14, 24, 25, 26 and 27 Feb.
    with clock.frozen_at(datetime(2026, 2, 13, 16, 0)):
        receipt = file(client, occurred_on="2026-02-12")
    assert receipt["accept_by"] == "2026-02-27"


def test_acceptance_deadline_across_national_day(client):
    # Received Wednesday 30 Sep 2026: 1–7 Oct off; Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13.
    with clock.frozen_at(datetime(2026, 9, 30, 10, 0)):
        receipt = file(client, occurred_on="2026-09-29")
    assert receipt["accept_by"] == "2026-10-13"


@pytest.mark.parametrize("changes,field", [
    ({"incident_city": "999999"}, "incident_city"),
    ({"occurred_on": "2099-01-01"}, "occurred_on"),
    ({"respondent": {"kind": "hotel"}}, "respondent.kind"),
    ({"complainant": {"name": "甲"}}, "complainant.phone"),
    ({"description": ""}, "description"),
    ({"claim_cny": -5}, "claim_cny"),
])
def test_bad_intake_is_422_with_the_field(client, changes, field):
    response = client.post("/api/v1/complaints", json=complaint_body(**changes))
    assert response.status_code == 422 and field in response.json["errors"], response.json


# --- workflow ----------------------------------------------------------------------------------

def _case_in(state: str) -> Complaint:
    case, _code = complaints.file_complaint(
        db.session, complainant_name="游客", complainant_phone="13800000001", respondent_kind="other",
        incident_city="440600", occurred_on=date(2026, 11, 1), description="测试")
    case.status = state
    case.accepted_on = date(2026, 11, 2) if state != "received" else None
    db.session.commit()
    return case


ALL_PAIRS = [(a, b) for a in ComplaintStatus for b in ComplaintStatus]


@pytest.mark.parametrize("start,to", ALL_PAIRS)
def test_every_transition_is_allowed_or_refused_by_the_workflow(app, start, to):
    case = _case_in(start)
    version = case.version
    move = partial(complaints.transition, db.session, "test", case, to=to, version=version, note="理由",
                   outcome="upheld", without_contract=True)
    if to in rules.TRANSITIONS[start]:
        assert move().status == to
        db.session.commit()
        assert case.version == version + 1
    else:
        with pytest.raises(InvalidInput) as refused:
            move()
        assert refused.value.code == "transition_not_allowed"


def test_a_refused_transition_answers_in_the_error_shape_with_labels(client):
    case = _case_in("closed")
    fs = api_user(client, "fs", "regulator", city="440600")
    response = client.post(f"/api/v1/complaints/{case.tracking_no}/transitions",
                           headers={**fs, "Accept-Language": "en"},
                           json={"to": "decided", "version": case.version, "outcome": "partly_upheld"})
    assert response.status_code == 422 and response.json["code"] == "transition_not_allowed"
    assert "to" in response.json["errors"] and "partly_upheld" not in response.json["message"]


def test_refusal_needs_a_reason_and_a_decision_an_outcome(client):
    case = _case_in("received")
    fs = api_user(client, "fs", "regulator", city="440600")
    url = f"/api/v1/complaints/{case.tracking_no}/transitions"
    refused = client.post(url, json={"to": "not_accepted", "version": case.version}, headers=fs)
    assert refused.status_code == 422 and refused.json["errors"].keys() == {"note"}
    case = _case_in("investigation")
    url = f"/api/v1/complaints/{case.tracking_no}/transitions"
    assert "outcome" in client.post(url, json={"to": "decided", "version": case.version}, headers=fs).json["errors"]
    rejected = client.post(url, json={"to": "decided", "version": case.version, "outcome": "rejected",
                                      "compensation_cny": 50}, headers=fs)
    assert "compensation_cny" in rejected.json["errors"]


def test_a_stale_version_gets_409_and_nothing_is_lost(client):
    receipt = file(client)
    fs = api_user(client, "fs", "regulator", city="440600")
    url = f"/api/v1/complaints/{receipt['tracking_no']}/transitions"
    first = client.post(url, json={**ACCEPT, "version": 1, "note": "受理"}, headers=fs)
    assert first.status_code == 200 and first.json["version"] == 2
    stale = client.post(url, json={"to": "not_accepted", "version": 1, "note": "不予受理"}, headers=fs)
    assert stale.status_code == 409 and stale.json["code"] == "stale_version"
    case = client.get(f"/api/v1/complaints/{receipt['tracking_no']}", headers=fs).json
    assert case["status"] == "accepted" and case["version"] == 2
    history = client.get(f"/api/v1/complaints/{receipt['tracking_no']}/history", headers=fs).json
    assert [h["action"] for h in history] == ["received", "transition"]


def test_only_the_city_with_jurisdiction_or_the_province_moves_a_case(client):
    receipt = file(client)
    url = f"/api/v1/complaints/{receipt['tracking_no']}/transitions"
    gz = api_user(client, "gz", "regulator", city="440100")
    assert client.post(url, json={**ACCEPT, "version": 1}, headers=gz).status_code == 403
    province = api_user(client, "province", "provincial")
    assert client.post(url, json={**ACCEPT, "version": 1}, headers=province).status_code == 200


def test_transfer_keeps_history_and_the_deadline(client):
    receipt = file(client)
    fs = api_user(client, "fs", "regulator", city="440600")
    gz = api_user(client, "gz", "regulator", city="440100")
    no = receipt["tracking_no"]
    moved = client.post(f"/api/v1/complaints/{no}/transfer", json={"city": "440100", "version": 1,
                                                                   "reason": "合同在广州签订"}, headers=fs)
    assert moved.status_code == 200 and moved.json["assigned_city"] == "440100"
    assert moved.json["accept_by"] == receipt["accept_by"]
    assert client.post(f"/api/v1/complaints/{no}/transitions", json={**ACCEPT, "version": 2},
                       headers=fs).status_code == 403
    assert client.post(f"/api/v1/complaints/{no}/transitions", json={**ACCEPT, "version": 2},
                       headers=gz).status_code == 200
    actions = [h["action"] for h in client.get(f"/api/v1/complaints/{no}/history", headers=gz).json]
    assert actions == ["received", "transferred", "transition"]


def test_the_province_designates_or_takes_a_case(client):
    receipt = file(client)
    province = api_user(client, "province", "provincial")
    fs = api_user(client, "fs", "regulator", city="440600")
    no = receipt["tracking_no"]
    assert client.post(f"/api/v1/complaints/{no}/transfer", json={"city": "440000", "version": 1, "reason": "x"},
                       headers=fs).status_code == 422  # a city cannot hand a case to the province
    taken = client.post(f"/api/v1/complaints/{no}/transfer", json={"city": "440000", "version": 1,
                                                                   "reason": "两市有争议，由省指定"}, headers=province)
    assert taken.status_code == 200 and taken.json["assigned_city"] == "440000"


# --- privacy -----------------------------------------------------------------------------------

def test_who_sees_the_phone_number(client):
    no = file(client)["tracking_no"]
    url = f"/api/v1/complaints/{no}"
    fs = client.get(url, headers=api_user(client, "fs", "regulator", city="440600")).json
    assert fs["complainant"]["phone"] == "13800000001"
    gz = client.get(url, headers=api_user(client, "gz", "regulator", city="440100")).json
    assert gz["complainant"] is None and gz["attachments"] is None and gz["description"]
    province = client.get(url, headers=api_user(client, "province", "provincial")).json
    assert province["complainant"]["name"] == "游客甲"
    assert client.get(url).status_code == 401
    make_agency("L-GD-000001")
    boss = api_user(client, "boss", "agency_admin", agency="L-GD-000001")
    assert client.get(url, headers=boss).status_code == 403
    assert client.get(url, headers=api_user(client, "root", "admin")).status_code == 403


def test_lookup_shows_status_and_public_messages_only(client):
    receipt = file(client)
    no, code = receipt["tracking_no"], receipt["access_code"]
    fs = api_user(client, "fs", "regulator", city="440600")
    client.post(f"/api/v1/complaints/{no}/messages", json={"body": "内部：核查旅行社合同", "for_complainant": False},
                headers=fs)
    client.post(f"/api/v1/complaints/{no}/messages", json={"body": "已联系旅行社", "for_complainant": True}, headers=fs)
    client.post(f"/api/v1/complaints/{no}/transitions", json={**ACCEPT, "version": 1, "note": "予以受理"},
                headers=fs)
    view = client.post(f"/api/v1/complaints/{no}/lookup", json={"access_code": code}).json
    assert view["status"] == "accepted"
    notes = [e["note"] for e in view["history"]]
    assert "已联系旅行社" in notes and "予以受理" in notes and "内部：核查旅行社合同" not in notes
    assert "complainant" not in view and "description" not in view


def test_a_wrong_code_looks_exactly_like_an_unknown_number(client):
    no = file(client)["tracking_no"]
    wrong = client.post(f"/api/v1/complaints/{no}/lookup", json={"access_code": "AAAAAAAAAA"})
    unknown = client.post("/api/v1/complaints/TS2099999999/lookup", json={"access_code": "AAAAAAAAAA"})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json == unknown.json
