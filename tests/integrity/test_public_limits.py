"""Findings 7, 12, 13, 15, 16: fair shares for the public, personal data kept out of shared places,
the public address instead of the Host header, idempotent complaint intake."""

import io

import pytest
from sqlalchemy import func, select

from tests.factories import api_user, csrf_from
from tourism.complaints.models import Complaint
from tourism.core.audit import AuditEntry
from tourism.extensions import db

COMPLAINT = {"complainant": {"name": "游客甲", "phone": "13800000001"}, "respondent": {"kind": "other"},
             "incident_city": "440600", "occurred_on": "2026-11-20", "description": "被强迫购物。", "urgent": False}
PLAN = {"start_date": "2026-12-08", "days": 1, "start_city": "440100", "themes": {"garden": 3}, "time_limit_s": 60}


# --- finding 7: the planner is shared fairly -------------------------------------------------------

def test_an_anonymous_plan_gets_at_most_the_public_time_limit(client, app):
    app.config["PLANNER_PUBLIC_MAX_TIME_S"] = 0.5
    response = client.post("/api/v1/itineraries", json=PLAN)
    assert response.status_code == 201 and response.json["seconds"] < 5


def test_one_client_may_not_fill_the_planning_queue(client, app):
    from tests.services import REDIS_URL, redis_or_skip
    from tourism.planner import jobs

    redis_or_skip()
    app.config.update(REDIS_URL=REDIS_URL, PLANNER_QUEUE="planning-fairness-test", PLANNER_MAX_JOBS_PER_CLIENT=2)
    app.extensions.pop("planning_jobs", None)
    queue = jobs.planning_queue()
    try:
        codes = [client.post("/api/v1/itineraries", json={**PLAN, "async": True}).status_code for _ in range(4)]
        assert codes == [202, 202, 429, 429]
        other = client.post("/api/v1/itineraries", json={**PLAN, "async": True},
                            environ_base={"REMOTE_ADDR": "10.1.2.3"})
        assert other.status_code == 202
    finally:
        queue.delete(delete_jobs=True)


def test_plan_requests_are_rate_limited_per_client(client, app):
    app.config.update(PLANNER_RATE_LIMIT="2 per minute", PLANNER_PUBLIC_MAX_TIME_S=0.5)
    codes = [client.post("/api/v1/itineraries", json=PLAN).status_code for _ in range(3)]
    assert codes == [201, 201, 429]


# --- finding 12: bytes per client address per day --------------------------------------------------

def test_attachment_bytes_per_address_are_bounded_per_day(client, app):
    app.config["UPLOAD_BYTES_PER_DAY"] = 40_000
    receipt = client.post("/api/v1/complaints", json=COMPLAINT).json
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 15_000
    codes = [client.post(f"/api/v1/complaints/{receipt['tracking_no']}/attachments",
                         data={"access_code": receipt["access_code"], "file": (io.BytesIO(png), "a.png")}).status_code
             for _ in range(3)]
    assert codes[:2] == [201, 201] and codes[2] == 429


# --- finding 13: personal data stays with those who need it, and is never cached --------------------

def test_attachment_names_stay_out_of_the_shared_history(client):
    receipt = client.post("/api/v1/complaints", json=COMPLAINT).json
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    client.post(f"/api/v1/complaints/{receipt['tracking_no']}/attachments",
                data={"access_code": receipt["access_code"], "file": (io.BytesIO(png), "张三身份证440101.png")})
    other_city = api_user(client, "sz", "regulator", city="440300")
    history = client.get(f"/api/v1/complaints/{receipt['tracking_no']}/history", headers=other_city).json
    assert "张三" not in str(history) and "440101" not in str(history)
    details = db.session.scalars(select(AuditEntry.details)).all()
    assert "张三" not in str(details)


def test_answers_that_carry_personal_data_are_not_cached(client):
    receipt = client.post("/api/v1/complaints", json=COMPLAINT)
    assert receipt.headers["Cache-Control"] == "no-store"
    handler = api_user(client, "fs", "regulator", city="440600")
    case = client.get(f"/api/v1/complaints/{receipt.json['tracking_no']}", headers=handler)
    assert case.json["complainant"]["phone"] and case.headers["Cache-Control"] == "no-store"
    lookup = client.post(f"/api/v1/complaints/{receipt.json['tracking_no']}/lookup",
                         json={"access_code": receipt.json["access_code"]})
    assert lookup.headers["Cache-Control"] == "no-store"
    assert client.get("/complaints/track").headers["Cache-Control"] == "no-store"


# --- finding 15: absolute links use the configured address --------------------------------------

def test_a_foreign_host_header_is_refused(client):
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost"}).status_code == 200


def test_links_in_answers_use_the_public_address(client, app):
    app.config["PUBLIC_BASE_URL"] = "https://tour.example.gov.cn"
    app.config["TRUSTED_HOSTS"] = ["localhost", "tour.example.gov.cn"]
    response = client.post("/api/v1/itineraries", json={**PLAN, "time_limit_s": 0.5, "async": True})
    assert response.headers["Location"].startswith("https://tour.example.gov.cn/api/v1/planning-jobs/")


# --- finding 16: a retried complaint is filed once ----------------------------------------------

def test_the_same_idempotency_key_returns_the_first_receipt(client):
    first = client.post("/api/v1/complaints", json=COMPLAINT, headers={"Idempotency-Key": "retry-1"})
    again = client.post("/api/v1/complaints", json=COMPLAINT, headers={"Idempotency-Key": "retry-1"})
    assert first.status_code == again.status_code == 201 and first.json == again.json
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 1
    other = client.post("/api/v1/complaints", json=COMPLAINT, headers={"Idempotency-Key": "retry-2"})
    assert other.json["tracking_no"] != first.json["tracking_no"]


def test_a_key_reused_for_another_complaint_is_refused(client):
    client.post("/api/v1/complaints", json=COMPLAINT, headers={"Idempotency-Key": "k"})
    response = client.post("/api/v1/complaints", json={**COMPLAINT, "description": "另一件事"},
                           headers={"Idempotency-Key": "k"})
    assert response.status_code == 422 and response.json["code"] == "idempotency_key_reused"


def test_concurrent_retries_with_one_key_file_one_complaint(client):
    from tests.test_races import race

    codes, responses = race(client, 8, lambda c, i: c.post("/api/v1/complaints", json=COMPLAINT,
                                                           headers={"Idempotency-Key": "burst"}))
    assert codes == [201] * 8
    assert len({r.json["tracking_no"] for r in responses}) == 1
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 1


def test_the_complaint_form_sent_twice_files_once(client):
    page = client.get("/complaints/new").get_data(as_text=True)
    key = page.split('name="submission_key" type="hidden" value="')[1].split('"')[0]
    form = {"csrf_token": csrf_from(page), "submission_key": key, "name": "游客乙", "phone": "13800000002",
            "respondent_kind": "other", "incident_city": "440600", "contract_city": "none", "occurred_on": "2026-11-20",
            "description": "导游强迫购物"}
    first = client.post("/complaints/new", data=form).get_data(as_text=True)
    second = client.post("/complaints/new", data=form).get_data(as_text=True)
    tracking = [html.split("<code>")[1].split("</code>")[0] for html in (first, second)]
    assert tracking[0] == tracking[1]
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "é"])
def test_a_malformed_idempotency_key_is_refused(client, key):
    response = client.post("/api/v1/complaints", json=COMPLAINT, headers={"Idempotency-Key": key})
    assert response.status_code == 400 and response.json["code"] == "bad_idempotency_key"
