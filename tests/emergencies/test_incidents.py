"""Incidents: grades by the figures, broadcast, acknowledgement by each affected city, the timeline."""

from datetime import datetime, timedelta

from tests.factories import api_user
from tourism.core import clock
from tourism.emergencies.rules import grade_for

TYPHOON = {"grade": "IV", "kind": "natural_disaster", "cities": ["440400", "442000"],
           "occurred_at": "2026-11-24T08:00:00+08:00", "summary": "台风过境，景区关闭"}


def report(client, headers, **changes):
    response = client.post("/api/v1/incidents", json={**TYPHOON, **changes}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def test_grade_thresholds_follow_article_39():
    assert grade_for(dead_or_missing=30) == "I" and grade_for(dead_or_missing=29) == "II"
    assert grade_for(seriously_injured=100) == "I" and grade_for(seriously_injured=50) == "II"
    assert grade_for(stranded=500) == "I" and grade_for(stranded=200) == "II" and grade_for(stranded=199) == "III"
    assert grade_for(dead_or_missing=3) == "III" and grade_for(dead_or_missing=2) == "IV"
    assert grade_for(seriously_injured=10) == "III" and grade_for(stranded=49) == "IV"


def test_report_broadcasts_with_empty_acknowledgements(client):
    zh = api_user(client, "zh", "regulator", city="440400")
    body = report(client, zh)
    assert body["acknowledgements"] == {"440400": None, "442000": None}


def test_the_figures_may_not_be_under_graded(client):
    zh = api_user(client, "zh", "regulator", city="440400")
    response = client.post("/api/v1/incidents", json={**TYPHOON, "stranded": 250}, headers=zh)
    assert response.status_code == 422 and "grade" in response.json["errors"]
    assert report(client, zh, grade="II", stranded=250)["grade"] == "II"


def test_each_affected_city_acknowledges_once(client):
    zh = api_user(client, "zh", "regulator", city="440400")
    zs = api_user(client, "zs", "regulator", city="442000")
    incident = report(client, zh)
    url = f"/api/v1/incidents/{incident['id']}/acknowledge"
    first = client.post(url, headers=zs)
    assert first.status_code == 200 and first.json["acknowledgements"]["442000"] is not None
    assert first.json["acknowledgements"]["440400"] is None
    assert client.post(url, headers=zs).status_code == 409
    assert client.post(url, headers=zh).status_code == 200


def test_cities_not_affected_and_the_province_do_not_acknowledge(client):
    zh = api_user(client, "zh", "regulator", city="440400")
    incident = report(client, zh)
    url = f"/api/v1/incidents/{incident['id']}/acknowledge"
    assert client.post(url, headers=api_user(client, "gz", "regulator", city="440100")).status_code == 403
    assert client.post(url, headers=api_user(client, "province", "provincial")).status_code == 403
    assert client.post(url).status_code == 401


def test_a_late_acknowledgement_is_marked(client):
    zh = api_user(client, "zh", "regulator", city="440400")
    with clock.frozen_at(datetime(2026, 11, 24, 9, 0)):
        incident = report(client, zh)
    with clock.frozen_at(datetime(2026, 11, 24, 9, 0) + timedelta(minutes=61)):
        late = client.get(f"/api/v1/incidents/{incident['id']}", headers=zh).json["late_cities"]
    assert late == ["440400", "442000"]


def test_updates_append_to_the_timeline_and_the_province_sees_all(client):
    zh = api_user(client, "zh", "regulator", city="440400")
    incident = report(client, zh)
    url = f"/api/v1/incidents/{incident['id']}"
    assert client.post(f"{url}/updates", json={"body": "已转移游客 120 人"}, headers=zh).status_code == 201
    gz = api_user(client, "gz", "regulator", city="440100")
    assert client.post(f"{url}/updates", json={"body": "x"}, headers=gz).status_code == 403
    province = api_user(client, "province", "provincial")
    assert client.post(f"{url}/updates", json={"body": "省里已派工作组"}, headers=province).status_code == 201
    timeline = [u["body"] for u in client.get(url, headers=province).json["updates"]]
    assert timeline == ["已转移游客 120 人", "省里已派工作组"]
    assert [i["id"] for i in client.get("/api/v1/incidents", headers=gz).json["items"]] == [incident["id"]]


def test_incident_pages(client):
    from tests.factories import csrf_from, login, make_user

    make_user("zs", "regulator", city="442000")
    login(client, "zs")
    page = client.get("/incidents/new").get_data(as_text=True)
    created = client.post("/incidents/new", data={"csrf_token": csrf_from(page), "grade": "IV",
                                                  "kind": "crowding", "cities": ["442000", "440100"],
                                                  "occurred_at": "2026-11-24T10:00", "summary": "景区拥挤"})
    assert created.status_code == 302
    board = client.get("/incidents").get_data(as_text=True)
    assert "景区拥挤" in board
    incident_page = client.get(created.headers["Location"]).get_data(as_text=True)
    ack = client.post(created.headers["Location"] + "/acknowledge", data={"csrf_token": csrf_from(incident_page)})
    assert ack.status_code == 302
    assert "zs" in client.get(created.headers["Location"]).get_data(as_text=True)


def test_an_incident_before_the_zone_existed_or_in_the_future_is_refused(client):
    zh = api_user(client, "zh", "regulator", city="440400")
    for when in ("1990-05-01T08:00:00+08:00", (clock.now() + timedelta(days=2)).isoformat()):
        response = client.post("/api/v1/incidents", json={**TYPHOON, "occurred_at": when}, headers=zh)
        assert response.status_code == 422 and "occurred_at" in response.json["errors"], when
    huge = client.post("/api/v1/incidents", json={**TYPHOON, "stranded": 10**20}, headers=zh)
    assert huge.status_code == 422 and "stranded" in huge.json["errors"]
