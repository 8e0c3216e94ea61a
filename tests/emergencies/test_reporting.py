"""Upward reporting by grade, and the home cities of the agencies involved informed."""

from datetime import datetime, timedelta

from tests.factories import api_user, make_agency
from tourism.core import clock

CRASH = {"grade": "II", "kind": "accident", "cities": ["440400"], "occurred_at": "2026-11-24T08:00:00+08:00",
         "summary": "旅游大巴侧翻", "dead_or_missing": 11}


def test_a_grade_two_incident_shows_its_upward_reports_due_and_the_agencys_home_city_informed(client):
    make_agency("L-GD-300001", "441300")  # a Huizhou agency's group, hit in Zhuhai
    zh = api_user(client, "zh", "regulator", city="440400")
    with clock.frozen_at(datetime(2026, 11, 24, 9, 0)):
        body = client.post("/api/v1/incidents", json={**CRASH, "agencies": ["L-GD-300001"]}, headers=zh).json
    assert body["acknowledgements"] == {"440400": None, "441300": None}
    assert body["informed_cities"] == ["441300"] and body["agencies"] == ["L-GD-300001"]
    assert [(r["level"], r["due_at"][:16], r["reported_at"]) for r in body["reports"]] == [
        ("province", "2026-11-24T11:00", None), ("ministry", "2026-11-24T13:00", None)]
    hz = api_user(client, "hz", "regulator", city="441300")
    assert client.post(f"/api/v1/incidents/{body['id']}/acknowledge", headers=hz).status_code == 200

    url = f"/api/v1/incidents/{body['id']}/reports"
    with clock.frozen_at(datetime(2026, 11, 24, 12, 0)):
        late = client.get(f"/api/v1/incidents/{body['id']}", headers=zh).json["reports"]
        assert late[0]["overdue"] is True
        assert client.post(url, json={"level": "ministry", "reported_at": "2026-11-24T11:30:00+08:00"},
                           headers=zh).status_code == 403  # only the province reports to the Ministry
        made = client.post(url, json={"level": "province", "reported_at": "2026-11-24T10:30:00+08:00"}, headers=zh)
        assert made.status_code == 201 and made.json["overdue"] is False
        province = api_user(client, "province", "provincial")
        reports = client.get(f"/api/v1/incidents/{body['id']}", headers=province).json["reports"]
        assert reports[1]["due_at"][:16] == "2026-11-24T12:30"  # two hours after the province had it
        assert client.post(url, json={"level": "province", "reported_at": "2026-11-24T10:40:00+08:00"},
                           headers=province).status_code == 409
        assert client.post(url, json={"level": "ministry", "reported_at": "2026-11-24T11:50:00+08:00"},
                           headers=province).status_code == 201


def test_a_grade_four_incident_owes_no_upward_report_and_the_ministry_waits_for_the_province(client):
    zh = api_user(client, "zh", "regulator", city="440400")
    minor = client.post("/api/v1/incidents", json={**CRASH, "grade": "IV", "dead_or_missing": 0}, headers=zh).json
    assert minor["reports"] == []
    refused = client.post(f"/api/v1/incidents/{minor['id']}/reports",
                          json={"level": "province", "reported_at": "2026-11-24T09:00:00+08:00"}, headers=zh)
    assert refused.status_code == 422
    serious = client.post("/api/v1/incidents", json=CRASH, headers=zh).json
    province = api_user(client, "province", "provincial")
    early = client.post(f"/api/v1/incidents/{serious['id']}/reports",
                        json={"level": "ministry", "reported_at": clock.now().isoformat()}, headers=province)
    assert early.status_code == 422 and "level" in early.json["errors"]
    future = client.post(f"/api/v1/incidents/{serious['id']}/reports",
                         json={"level": "province", "reported_at": (clock.now() + timedelta(hours=3)).isoformat()},
                         headers=zh)
    assert future.status_code == 422


def test_an_unknown_agency_is_refused_and_nothing_is_broadcast(client):
    zh = api_user(client, "zh", "regulator", city="440400")
    response = client.post("/api/v1/incidents", json={**CRASH, "agencies": ["L-GD-NOSUCH"]}, headers=zh)
    assert response.status_code == 422 and "agencies" in response.json["errors"]
    assert client.get("/api/v1/incidents", headers=zh).json["total"] == 0


def test_the_acknowledgement_limit_is_a_policy_setting(client, app):
    app.config["INCIDENT_ACK_MINUTES"] = {**app.config["INCIDENT_ACK_MINUTES"], "II": 30}
    zh = api_user(client, "zh", "regulator", city="440400")
    with clock.frozen_at(datetime(2026, 11, 24, 9, 0)):
        body = client.post("/api/v1/incidents", json=CRASH, headers=zh).json
    assert body["acknowledge_by"][:16] == "2026-11-24T09:30"
