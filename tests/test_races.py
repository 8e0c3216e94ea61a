"""Races on one record (finding 4 of the integrity review): many clients at once, real threads, real connections.

Under any concurrency every answer is 2xx, 409 or 422 (never 5xx), and every write answered 2xx is there
afterwards. PostgreSQL is where this matters (.ci/run runs the suite there); on SQLite fewer clients race,
since its writers queue behind one lock.
"""

from io import BytesIO

from sqlalchemy import func, select

from tests.concurrency import race, verify_audit_passes
from tests.factories import api_user, make_agency, make_guide, make_office
from tourism.complaints.models import ComplaintAttachment, ComplaintMessage
from tourism.core import audit
from tourism.core.audit import AuditEntry
from tourism.emergencies.models import IncidentCity
from tourism.extensions import db
from tourism.guides.models import Guide

COMPLAINT = {"complainant": {"name": "游客甲", "phone": "13800000001"}, "respondent": {"kind": "other"},
             "incident_city": "440600", "occurred_on": "2026-11-20", "description": "被强迫购物。", "urgent": False}
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64

ACCEPT = {"to": "accepted", "without_contract": True}  # no tour contract: art. 9(四) does not apply


def test_transitions_with_one_version_give_one_success_and_conflicts(client, clients, app):
    headers = api_user(client, "fs", "regulator", city="440600")
    tracking_no = client.post("/api/v1/complaints", json=COMPLAINT).json["tracking_no"]
    codes, _ = race(client, clients, lambda c, i: c.post(
        f"/api/v1/complaints/{tracking_no}/transitions", json={**ACCEPT, "version": 1}, headers=headers))
    assert codes.count(200) == 1 and codes.count(409) == clients - 1
    assert client.get(f"/api/v1/complaints/{tracking_no}", headers=headers).json["status"] == "accepted"
    verify_audit_passes(app)


def test_parallel_messages_on_one_case_are_all_kept(client, clients, app):
    headers = api_user(client, "fs", "regulator", city="440600")
    tracking_no = client.post("/api/v1/complaints", json=COMPLAINT).json["tracking_no"]
    codes, _ = race(client, clients, lambda c, i: c.post(
        f"/api/v1/complaints/{tracking_no}/messages", json={"body": f"note {i}"}, headers=headers))
    assert codes == [201] * clients
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(ComplaintMessage)) == clients
    assert len(audit.history(db.session, f"complaint:{tracking_no}")) == clients + 1
    verify_audit_passes(app)


def test_cities_acknowledging_while_the_incident_is_updated_lose_nothing(client, clients, app):
    cities = ["440400", "442000", "440700"]
    regulators = [api_user(client, f"r{city}", "regulator", city=city) for city in cities]
    province = api_user(client, "province", "provincial")
    incident = client.post("/api/v1/incidents", headers=province, json={
        "grade": "IV", "kind": "natural_disaster", "cities": cities, "occurred_at": "2026-11-24T08:00:00+08:00",
        "summary": "台风"}).json

    def act(c, i):
        if i < len(cities):
            return c.post(f"/api/v1/incidents/{incident['id']}/acknowledge", headers=regulators[i])
        return c.post(f"/api/v1/incidents/{incident['id']}/updates", json={"body": f"update {i}"},
                      headers=province)

    codes, _ = race(client, clients, act)
    assert codes[:3] == [200, 200, 200] and set(codes[3:]) == {201}
    db.session.remove()
    acknowledged = db.session.scalars(select(IncidentCity.city).where(IncidentCity.acknowledged_at.is_not(None)))
    assert sorted(acknowledged) == sorted(cities)
    verify_audit_passes(app)


def test_one_city_acknowledging_twice_at_once_records_one(client, app):
    regulators = [api_user(client, f"zh{i}", "regulator", city="440400") for i in range(2)]
    province = api_user(client, "province", "provincial")
    incident = client.post("/api/v1/incidents", headers=province, json={
        "grade": "IV", "kind": "other", "cities": ["440400"], "occurred_at": "2026-11-24T08:00:00+08:00",
        "summary": "拥挤"}).json
    codes, _ = race(client, 2, lambda c, i: c.post(f"/api/v1/incidents/{incident['id']}/acknowledge",
                                                   headers=regulators[i]))
    assert sorted(codes) == [200, 409]
    acknowledgements = [e for e in audit.history(db.session, f"incident:{incident['id']}")
                        if e.action == "acknowledged"]
    assert len(acknowledgements) == 1


def test_parallel_status_changes_of_a_guide_answer_200_or_409(client, clients, app):
    make_guide("D-4401-000001", "440100")
    headers = api_user(client, "gz", "regulator", city="440100")
    statuses = ["suspended", "active"]
    codes, responses = race(client, min(clients, 20), lambda c, i: c.post(
        "/api/v1/guides/D-4401-000001/status", json={"status": statuses[i % 2], "reason": f"r{i}"}, headers=headers))
    assert 200 in codes
    db.session.remove()
    changes = [e for e in audit.history(db.session, "guide:D-4401-000001") if e.action == "status"]
    assert len(changes) == codes.count(200)
    guide = db.session.scalar(select(Guide))
    assert guide.recorded_status == changes[-1].details["after"]
    verify_audit_passes(app)


def test_parallel_decisions_on_one_filing_record_one(client, app):
    agency = make_agency("L-GD-100001", "440100")
    office_id = make_office(agency, city="440600").id
    headers = api_user(client, "fs", "regulator", city="440600")
    codes, _ = race(client, 10, lambda c, i: c.post(
        f"/api/v1/branches/{office_id}/filing", json={"decision": "filed" if i % 2 else "returned",
                                                      "reason": "材料不全"}, headers=headers))
    assert codes.count(200) == 1 and codes.count(409) == 9
    decisions = [e for e in audit.history(db.session, f"branch:{office_id}") if e.action in ("filed", "returned")]
    assert len(decisions) == 1
    verify_audit_passes(app)


def test_parallel_uploads_never_pass_five_attachments(client, app):
    receipt = client.post("/api/v1/complaints", json=COMPLAINT).json
    codes, _ = race(client, 12, lambda c, i: c.post(
        f"/api/v1/complaints/{receipt['tracking_no']}/attachments",
        data={"access_code": receipt["access_code"], "file": (BytesIO(PNG), f"photo{i}.png")}))
    assert codes.count(201) == 5 and codes.count(422) == 7
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(ComplaintAttachment)) == 5
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "attachment")) == 5


def test_the_same_employment_recorded_by_many_clients_at_once_is_kept_once(client, clients, app):
    make_guide("D-4401-000001", "440100")
    make_agency("L-GD-000001", "440100")
    headers = api_user(client, "boss", "agency_admin", agency="L-GD-000001")
    body = {"agency_licence_no": "L-GD-000001", "kind": "employment", "start_on": "2026-01-01"}
    codes, _ = race(client, clients, lambda c, i: c.post(
        "/api/v1/guides/D-4401-000001/affiliations", json={**body, "start_on": f"2026-01-{i % 28 + 1:02d}"},
        headers=headers))
    assert codes.count(201) == 1, codes
    guide = db.session.scalar(select(Guide).where(Guide.licence_no == "D-4401-000001"))
    db.session.refresh(guide)
    assert len(guide.affiliations) == 1
    verify_audit_passes(app)
