"""Registering and maintaining guide licences: formats, validity, scope, history."""

from datetime import date, timedelta

import pytest

from tests.factories import api_user, make_agency, make_guide

ISSUED = date.today() - timedelta(days=100)
GUIDE = {"licence_no": "D-4401-000123", "name": "陈导", "home_city": "440100", "level": "senior",
         "languages": ["zh", "en"], "issued_on": ISSUED.isoformat(),
         "expires_on": (ISSUED + timedelta(days=3 * 365 - 1)).isoformat()}


def test_home_city_regulator_registers_a_guide(client):
    headers = api_user(client, "gz", "regulator", city="440100")
    response = client.post("/api/v1/guides", json=GUIDE, headers=headers)
    assert response.status_code == 201
    body = response.json
    assert body["status"] == "active" and body["languages"] == ["zh", "en"] and body["level"] == "senior"


@pytest.mark.parametrize("role,city,status", [("regulator", "440600", 403), ("agency_admin", None, 403),
                                              ("admin", None, 201), ("provincial", None, 201)])
def test_who_may_register(client, role, city, status):
    scope = {"agency": "L-GD-000001"} if role == "agency_admin" else {}
    if role == "agency_admin":
        make_agency("L-GD-000001")
    headers = api_user(client, "someone", role, city=city, **scope)
    assert client.post("/api/v1/guides", json=GUIDE, headers=headers).status_code == status


def test_public_cannot_register(client):
    assert client.post("/api/v1/guides", json=GUIDE).status_code == 401


@pytest.mark.parametrize("change,field", [
    ({"licence_no": "4401000123"}, "licence_no"),
    ({"licence_no": "D-4301-000123"}, "licence_no"),  # Hunan's region code for a Guangzhou guide
    ({"expires_on": (ISSUED + timedelta(days=3 * 365 + 2)).isoformat()}, "expires_on"),  # over 3 years (art. 13)
    ({"expires_on": (ISSUED - timedelta(days=1)).isoformat()}, "expires_on"),
    ({"languages": ["xx"]}, "languages"),
    ({"languages": []}, "languages"),
    ({"level": "expert"}, "level"),
    ({"home_city": "123456"}, "home_city"),
])
def test_invalid_fields_are_422_with_the_field_named(client, change, field):
    headers = api_user(client, "gz", "regulator", city="440100")
    response = client.post("/api/v1/guides", json={**GUIDE, **change}, headers=headers)
    assert response.status_code == 422 and field in response.json["errors"], response.json


def test_duplicate_licence_is_409(client):
    headers = api_user(client, "gz", "regulator", city="440100")
    client.post("/api/v1/guides", json=GUIDE, headers=headers)
    assert client.post("/api/v1/guides", json=GUIDE, headers=headers).status_code == 409


def test_another_citys_regulator_cannot_change_or_suspend(client):
    make_guide("D-4401-000001", "440100")
    fs = api_user(client, "fs", "regulator", city="440600")
    assert client.patch("/api/v1/guides/D-4401-000001", json={"version": 1, "level": "senior"},
                        headers=fs).status_code == 403
    assert client.post("/api/v1/guides/D-4401-000001/status", json={"status": "suspended", "reason": "x"},
                       headers=fs).status_code == 403
    # ... but reads the shared registry
    assert client.get("/api/v1/guides/D-4401-000001", headers=fs).status_code == 200


def test_renewal_moves_the_expiry_with_optimistic_locking(client):
    guide = make_guide("D-4401-000001", "440100")
    gz = api_user(client, "gz", "regulator", city="440100")
    new_expiry = guide.expires_on.replace(year=guide.expires_on.year + 1).isoformat()
    renewed = client.patch("/api/v1/guides/D-4401-000001", headers=gz,
                           json={"version": 1, "issued_on": guide.expires_on.replace(year=guide.expires_on.year - 2)
                                 .isoformat(), "expires_on": new_expiry})
    assert renewed.status_code == 200 and renewed.json["expires_on"] == new_expiry
    stale = client.patch("/api/v1/guides/D-4401-000001", json={"version": 1, "level": "junior"}, headers=gz)
    assert stale.status_code == 409
    assert client.get("/api/v1/guides/D-4401-000001", headers=gz).json["level"] == "intermediate"


def test_registry_search_is_for_regulators(client):
    make_guide("D-4401-000001", "440100", languages=("zh", "ja"))
    make_guide("D-4406-000002", "440600", languages=("zh",))
    assert client.get("/api/v1/guides").status_code == 401
    zh = api_user(client, "zh", "regulator", city="440400")
    assert client.get("/api/v1/guides?language=ja", headers=zh).json["total"] == 1
    assert client.get("/api/v1/guides?city=440600", headers=zh).json["items"][0]["licence_no"] == "D-4406-000002"
    assert client.get("/api/v1/guides?status=active", headers=zh).json["total"] == 2
    assert client.get("/api/v1/guides?q=000002", headers=zh).json["total"] == 1


def test_the_guide_sees_their_own_record_only(client):
    make_guide("D-4401-000001", "440100")
    make_guide("D-4401-000002", "440100")
    me = api_user(client, "me", "guide", guide="D-4401-000001")
    assert client.get("/api/v1/guides/D-4401-000001", headers=me).status_code == 200
    assert client.get("/api/v1/guides/D-4401-000002", headers=me).status_code == 403
    assert client.get("/api/v1/guides", headers=me).status_code == 403


def test_affiliations_by_the_regulator_or_the_employing_agency(client):
    make_guide("D-4401-000001", "440100")
    make_agency("L-GD-000001", "440100")
    make_agency("L-GD-000002", "440300")
    own = api_user(client, "boss", "agency_admin", agency="L-GD-000001")
    url = "/api/v1/guides/D-4401-000001/affiliations"
    body = {"agency_licence_no": "L-GD-000001", "kind": "employment", "start_on": "2026-01-01"}
    assert client.post(url, json=body, headers=own).status_code == 201
    other = client.post(url, json={**body, "agency_licence_no": "L-GD-000002"}, headers=own)
    assert other.status_code == 403
    gz = api_user(client, "gz", "regulator", city="440100")
    clash = client.post(url, json={**body, "agency_licence_no": "L-GD-000002"}, headers=gz)
    assert clash.status_code == 422 and "start_on" in clash.json["errors"]  # employed elsewhere already
    missing = client.post(url, json={"kind": "employment", "start_on": "2026-01-01"}, headers=gz)
    assert missing.status_code == 422 and "agency_licence_no" in missing.json["errors"]
    association = client.post(url, json={"kind": "association", "association": "广州市导游协会",
                                         "start_on": "2026-01-01"}, headers=gz)
    assert association.status_code == 201


def test_history_lists_every_change_with_author_and_reason(client):
    make_guide("D-4401-000001", "440100")
    gz = api_user(client, "gz", "regulator", city="440100")
    client.post("/api/v1/guides/D-4401-000001/status", json={"status": "suspended", "reason": "投诉调查"}, headers=gz)
    client.post("/api/v1/guides/D-4401-000001/status", json={"status": "active", "reason": "调查结束"}, headers=gz)
    history = client.get("/api/v1/guides/D-4401-000001/history", headers=gz).json
    assert [h["action"] for h in history] == ["registered", "status", "status"]
    assert history[1]["actor"] == "gz" and history[1]["details"]["reason"] == "投诉调查"
    assert history[2]["details"]["before"] == "suspended" and history[2]["details"]["after"] == "active"


def test_the_same_employment_recorded_twice_is_refused(client):
    make_guide("D-4401-000001", "440100")
    make_agency("L-GD-000001", "440100")
    own = api_user(client, "boss", "agency_admin", agency="L-GD-000001")
    url = "/api/v1/guides/D-4401-000001/affiliations"
    body = {"agency_licence_no": "L-GD-000001", "kind": "employment", "start_on": "2026-01-01"}
    assert client.post(url, json=body, headers=own).status_code == 201
    again = client.post(url, json=body, headers=own)
    assert again.status_code == 422 and "已受聘于本社" in again.json["errors"]["start_on"][0]
    overlapping = client.post(url, json={**body, "start_on": "2026-06-01", "end_on": "2026-08-31"}, headers=own)
    assert overlapping.status_code == 422
    gz = api_user(client, "gz", "regulator", city="440100")
    guide = client.get("/api/v1/guides/D-4401-000001", headers=gz).json
    assert len([a for a in guide["affiliations"] if a.get("agency_licence_no") == "L-GD-000001"]) == 1


def test_the_database_itself_keeps_one_record_of_an_employment(app):
    from sqlalchemy.exc import IntegrityError

    from tourism.extensions import db
    from tourism.guides.models import Affiliation

    make_agency("L-GD-000001", "440100")
    guide = make_guide("D-4401-000001", "440100", employer="L-GD-000001")
    first = guide.affiliations[0]
    db.session.add(Affiliation(guide=guide, kind="employment", agency_id=first.agency_id, start_on=first.start_on))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_the_registry_sorts_by_name_or_soonest_expiry(client):
    soon = make_guide("D-4401-000001", "440100", expires_on=date.today() + timedelta(days=30))
    later = make_guide("D-4401-000002", "440100")
    gz = api_user(client, "gz", "regulator", city="440100")
    by_expiry = client.get("/api/v1/guides?sort=expires", headers=gz).json["items"]
    assert [g["licence_no"] for g in by_expiry][:2] == [soon.licence_no, later.licence_no]
    by_name = client.get("/api/v1/guides?sort=name", headers=gz).json["items"]
    assert [g["name"] for g in by_name] == sorted(g["name"] for g in by_name)
    assert client.get("/api/v1/guides?sort=nope", headers=gz).status_code == 422
