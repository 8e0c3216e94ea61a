"""Filing time limits in working days (3 for the agency, 3 for the authority), across weekends and holidays."""

from datetime import date, datetime

from tests.factories import api_user, make_agency
from tourism.agencies.deadlines import FilingClock
from tourism.agencies.service import get_office
from tourism.core import clock
from tourism.extensions import db


def submit_on(client, moment, established_on):
    if not hasattr(client, "admin_headers"):
        client.admin_headers = api_user(client, "gz-admin", "agency_admin", agency="L-GD-100001")
    with clock.frozen_at(moment):
        response = client.post("/api/v1/agencies/L-GD-100001/branches", json={
            "city": "440600", "name": "测试佛山分社", "address": "佛山市禅城区", "outbound": False,
            "established_on": established_on}, headers=client.admin_headers)
    assert response.status_code == 201, response.json
    return response.json


def test_decision_due_skips_a_weekend_and_the_mid_autumn_holiday(client):
    # Received Thursday 24 Sep 2026. Fri 25 – Sun 27 Sep is the Mid-Autumn holiday (State Council notice for 2026),
    # so the three working days are Mon 28, Tue 29 and Wed 30 Sep.
    make_agency("L-GD-100001", "440100")
    body = submit_on(client, datetime(2026, 9, 24, 15, 0), "2026-09-23")
    assert body["decision_due"] == "2026-09-30"
    branch = get_office(db.session, body["id"], "branch")
    assert not FilingClock.of(branch, today=date(2026, 9, 30)).overdue
    assert FilingClock.of(branch, today=date(2026, 10, 8)).overdue


def test_overdue_shows_in_the_api_and_ends_with_the_decision(client):
    make_agency("L-GD-100001", "440100")
    body = submit_on(client, datetime(2026, 9, 24, 15, 0), "2026-09-23")
    fs = api_user(client, "fs", "regulator", city="440600")
    with clock.frozen_at(datetime(2026, 10, 8, 9, 0)):
        assert client.get(f"/api/v1/branches/{body['id']}", headers=fs).json["overdue"] is True
        decided = client.post(f"/api/v1/branches/{body['id']}/filing", json={"decision": "filed"}, headers=fs).json
        assert decided["overdue"] is True  # decided after the limit, and the record says so
    with clock.frozen_at(datetime(2026, 9, 29, 9, 0)):
        assert client.get(f"/api/v1/branches/{body['id']}", headers=fs).json["decision_due"] == "2026-09-30"


def test_late_submission_counts_the_make_up_sunday(client):
    # Registered Friday 18 Sep 2026: Sun 20 Sep is a make-up working day, so the agency's
    # three working days are Sun 20, Mon 21 and Tue 22 Sep; submitting on Wed 23 is late.
    make_agency("L-GD-100001", "440100")
    on_time = submit_on(client, datetime(2026, 9, 22, 17, 0), "2026-09-18")
    assert on_time["submitted_late"] is False
    late = submit_on(client, datetime(2026, 9, 23, 9, 0), "2026-09-18")
    assert late["submitted_late"] is True


def test_a_filing_counted_into_a_year_without_its_notice_is_provisional_and_says_so(client):
    # Received Wed 30 Dec 2026: 31 Dec, then 1 Jan 2027 (New Year's Day by the 2024 measures), Mon 4, Tue 5 Jan.
    make_agency("L-GD-100001", "440100")
    with clock.frozen_at(datetime(2026, 12, 30, 9, 0)):
        client.admin_headers = api_user(client, "gz-admin", "agency_admin", agency="L-GD-100001")
    body = submit_on(client, datetime(2026, 12, 30, 10, 0), "2026-12-29")
    assert body["decision_due"] == "2027-01-05" and body["deadlines_provisional"] is True


def test_the_authority_limit_is_a_setting(client, app):
    app.config["FILING_DECISION_WORKING_DAYS"] = 5
    make_agency("L-GD-100001", "440100")
    body = submit_on(client, datetime(2026, 9, 24, 15, 0), "2026-09-23")
    assert body["decision_due"] == "2026-10-09"  # Mon 28 – Wed 30 Sep, then Thu 8 and Fri 9 Oct
