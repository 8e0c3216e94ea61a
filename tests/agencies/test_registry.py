"""Registering agencies: who may, and the licence rules that apply."""

from datetime import date, timedelta

from tests.factories import api_user, make_agency, make_office
from tourism.core import audit
from tourism.extensions import db

NEW_AGENCY = {"licence_no": "L-GD-100123", "name": "广州测试旅行社", "home_city": "440100", "outbound": False,
              "deposit_cny": 200000}


def test_home_city_regulator_registers_an_agency(client):
    headers = api_user(client, "gz", "regulator", city="440100")
    response = client.post("/api/v1/agencies", json=NEW_AGENCY, headers=headers)
    assert response.status_code == 201
    body = response.json
    assert body["licence_no"] == "L-GD-100123" and body["licence_status"] == "active"
    assert body["scope"] == "domestic" and body["deposit_cny"] == 200000


def test_provincial_registers_in_any_city(client):
    headers = api_user(client, "province", "provincial")
    assert client.post("/api/v1/agencies", json={**NEW_AGENCY, "home_city": "441300"}, headers=headers).status_code \
        == 201


def test_another_citys_regulator_may_not_register(client):
    headers = api_user(client, "fs", "regulator", city="440600")
    response = client.post("/api/v1/agencies", json=NEW_AGENCY, headers=headers)
    assert response.status_code == 403


def test_agency_admins_and_the_public_may_not_register(client):
    assert client.post("/api/v1/agencies", json=NEW_AGENCY).status_code == 401
    make_agency("L-GD-000001")
    headers = api_user(client, "boss", "agency_admin", agency="L-GD-000001")
    assert client.post("/api/v1/agencies", json=NEW_AGENCY, headers=headers).status_code == 403


def test_duplicate_licence_number_is_409(client):
    headers = api_user(client, "gz", "regulator", city="440100")
    client.post("/api/v1/agencies", json=NEW_AGENCY, headers=headers)
    response = client.post("/api/v1/agencies", json=NEW_AGENCY, headers=headers)
    assert response.status_code == 409 and "licence_no" in response.json["errors"]


def test_outbound_needs_two_years_of_operation(client):
    """《旅行社条例》第八条."""
    headers = api_user(client, "gz", "regulator", city="440100")
    licensed = (date.today() - timedelta(days=600)).isoformat()
    young = client.post("/api/v1/agencies", json={**NEW_AGENCY, "outbound": True, "licensed_on": licensed},
                        headers=headers)
    assert young.status_code == 422 and "outbound" in young.json["errors"]
    old = client.post("/api/v1/agencies", json={**NEW_AGENCY, "outbound": True, "licensed_on": "2020-06-01"},
                      headers=headers)
    assert old.status_code == 201 and old.json["scope"] == "outbound"


def test_bad_fields_are_listed(client):
    headers = api_user(client, "gz", "regulator", city="440100")
    response = client.post("/api/v1/agencies", json={"licence_no": "x", "name": "", "home_city": "999999",
                                                     "deposit_cny": -1}, headers=headers)
    assert response.status_code == 422
    assert set(response.json["errors"]) >= {"licence_no", "name", "home_city", "deposit_cny"}


def test_deposit_update_uses_the_version_and_keeps_history(client):
    make_agency("L-GD-100001", deposit_cny=200000)
    headers = api_user(client, "gz", "regulator", city="440100")
    ok = client.patch("/api/v1/agencies/L-GD-100001", json={"version": 1, "deposit_cny": 250000}, headers=headers)
    assert ok.status_code == 200 and ok.json["deposit_cny"] == 250000 and ok.json["version"] == 2
    stale = client.patch("/api/v1/agencies/L-GD-100001", json={"version": 1, "deposit_cny": 1}, headers=headers)
    assert stale.status_code == 409 and stale.json["code"] == "stale_version"
    assert client.get("/api/v1/agencies/L-GD-100001").json["deposit_cny"] == 250000
    history = client.get("/api/v1/agencies/L-GD-100001/history", headers=headers).json
    assert [h["action"] for h in history] == ["created", "updated"]
    assert history[1]["actor"] == "gz" and history[1]["details"]["changes"]["deposit_cny"] == [200000, 250000]


def test_licence_suspension_needs_a_reason_and_blocks_new_offices(client):
    make_agency("L-GD-100001")
    regulator = api_user(client, "gz", "regulator", city="440100")
    no_reason = client.post("/api/v1/agencies/L-GD-100001/licence-status", json={"status": "suspended"},
                            headers=regulator)
    assert no_reason.status_code == 422
    suspended = client.post("/api/v1/agencies/L-GD-100001/licence-status",
                            json={"status": "suspended", "reason": "质量保证金不足"}, headers=regulator)
    assert suspended.status_code == 200 and suspended.json["licence_status"] == "suspended"
    admin = api_user(client, "boss", "agency_admin", agency="L-GD-100001")
    branch = client.post("/api/v1/agencies/L-GD-100001/branches", headers=admin, json={
        "city": "440600", "name": "佛山分社", "address": "佛山某路", "outbound": False, "established_on": "2026-01-05"})
    assert branch.status_code == 422 and branch.json["code"] == "licence_not_active"


def test_licence_history_is_append_only_and_chained(app):
    agency = make_agency("L-GD-100001")
    entries = audit.history(db.session, agency.stream)
    assert len(entries) == 1 and entries[0].prev_hash == audit.GENESIS
    head = db.session.get(audit.AuditHead, agency.stream)
    assert audit.verify_stream(agency.stream, entries, head) is None
    entries[0].details = {"deposit_cny": 999}
    assert audit.verify_stream(agency.stream, entries, head) is not None


def test_create_user_links_an_agency_admin(app):
    make_agency("L-GD-100001")
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["create-user", "boss", "--role", "agency_admin", "--agency", "L-GD-100001"],
                       input="a-long-enough-password\n")
    assert ok.exit_code == 0, ok.output
    unknown = runner.invoke(args=["create-user", "boss2", "--role", "agency_admin", "--agency", "L-GD-404"],
                            input="a-long-enough-password\n")
    assert unknown.exit_code != 0 and "agency" in unknown.output
    missing = runner.invoke(args=["create-user", "boss3", "--role", "agency_admin"], input="a-long-enough-password\n")
    assert missing.exit_code != 0


def test_directory_search_by_city_scope_and_name(client):
    make_agency("L-GD-100001", "440100", outbound=True, licensed_on=date(2015, 1, 1))
    make_agency("L-GD-100002", "440600")
    items = client.get("/api/v1/agencies?city=440600").json["items"]
    assert [a["licence_no"] for a in items] == ["L-GD-100002"]
    assert [a["licence_no"] for a in client.get("/api/v1/agencies?scope=outbound").json["items"]] == ["L-GD-100001"]
    assert client.get("/api/v1/agencies?q=100002").json["total"] == 1
    assert client.get("/api/v1/agencies?city=12").status_code == 422


def test_the_public_reads_an_agency_with_its_licence_date_and_filed_offices(client):
    agency = make_agency("L-GD-100001", "440100", licensed_on=date(2020, 3, 2))
    make_office(agency, "branch", "440600", status="filed")
    make_office(agency, "branch", "442000")
    response = client.get("/api/v1/agencies/L-GD-100001")
    assert response.status_code == 200, response.json
    assert response.json["licensed_on"] == "2020-03-02"
    assert [b["city"] for b in response.json["branches"]] == ["440600"] and response.json["outlets"] == []
