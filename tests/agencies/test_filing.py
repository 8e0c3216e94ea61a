"""Branch offices: submitted by their agency, filed or returned by the regulator of their city."""

from datetime import date

import pytest

from tests.factories import api_user, make_agency, make_office
from tourism.core import clock

BRANCH = {"city": "440600", "name": "测试旅行社佛山分社", "address": "佛山市禅城区祖庙路 1 号", "outbound": False,
          "established_on": "2026-11-20"}


@pytest.fixture
def gz_agency(app):
    """A Guangzhou agency licensed for domestic and inbound business only."""
    return make_agency("L-GD-100001", "440100", outbound=False)


@pytest.fixture
def admin(client, gz_agency):
    return api_user(client, "gz-admin", "agency_admin", agency="L-GD-100001")


def submit(client, headers, **changes):
    return client.post("/api/v1/agencies/L-GD-100001/branches", json={**BRANCH, **changes}, headers=headers)


def test_agency_admin_submits_a_branch(client, admin):
    response = submit(client, admin)
    assert response.status_code == 201
    assert response.json["status"] == "submitted" and response.json["filing_no"] is None
    assert response.json["city"] == "440600" and response.json["agency_licence_no"] == "L-GD-100001"


def test_another_agencys_admin_gets_403(client, admin):
    make_agency("L-GD-200002", "440300")
    other = api_user(client, "sz-admin", "agency_admin", agency="L-GD-200002")
    assert submit(client, other).status_code == 403


def test_regulators_do_not_submit_for_agencies(client, admin):
    regulator = api_user(client, "gz", "regulator", city="440100")
    assert submit(client, regulator).status_code == 403


def test_outbound_branch_of_a_domestic_agency_is_422(client, admin):
    response = submit(client, admin, outbound=True)
    assert response.status_code == 422 and "outbound" in response.json["errors"]


def test_branch_citys_regulator_files_it_with_a_numbered_filing(client, admin):
    branch_id = submit(client, admin).json["id"]
    second_id = submit(client, admin, name="测试旅行社佛山南海分社").json["id"]
    fs = api_user(client, "fs", "regulator", city="440600")
    first = client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "filed"}, headers=fs)
    assert first.status_code == 200 and first.json["status"] == "filed"
    year = clock.today().year
    assert first.json["filing_no"] == f"440600-FS-{year}-0001"
    second = client.post(f"/api/v1/branches/{second_id}/filing", json={"decision": "filed"}, headers=fs)
    assert second.json["filing_no"] == f"440600-FS-{year}-0002"


def test_home_citys_regulator_sees_but_cannot_decide(client, admin):
    branch_id = submit(client, admin).json["id"]
    gz = api_user(client, "gz", "regulator", city="440100")
    assert client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "filed"}, headers=gz).status_code \
        == 403
    assert client.get(f"/api/v1/branches/{branch_id}", headers=gz).json["status"] == "submitted"
    assert client.get(f"/api/v1/branches/{branch_id}/history", headers=gz).status_code == 200


def test_provincial_may_decide_anywhere(client, admin):
    branch_id = submit(client, admin).json["id"]
    province = api_user(client, "province", "provincial")
    assert client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "filed"},
                       headers=province).status_code == 200


def test_returning_needs_a_reason(client, admin):
    branch_id = submit(client, admin).json["id"]
    fs = api_user(client, "fs", "regulator", city="440600")
    bare = client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "returned"}, headers=fs)
    assert bare.status_code == 422 and "reason" in bare.json["errors"]
    blank = client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "returned", "reason": "  "},
                        headers=fs)
    assert blank.status_code == 422
    returned = client.post(f"/api/v1/branches/{branch_id}/filing",
                           json={"decision": "returned", "reason": "营业执照复印件不清晰"}, headers=fs)
    assert returned.status_code == 200 and returned.json["return_reason"] == "营业执照复印件不清晰"


def test_filing_twice_is_refused(client, admin):
    branch_id = submit(client, admin).json["id"]
    fs = api_user(client, "fs", "regulator", city="440600")
    first = client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "filed"}, headers=fs)
    again = client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "filed"}, headers=fs)
    assert again.status_code == 409 and again.json["code"] == "not_submitted"
    assert client.get(f"/api/v1/branches/{branch_id}").json["filing_no"] == first.json["filing_no"]


def test_stale_decision_is_409_and_changes_nothing(client, admin):
    branch_id = submit(client, admin).json["id"]
    fs = api_user(client, "fs", "regulator", city="440600")
    stale = client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "filed", "version": 7}, headers=fs)
    assert stale.status_code == 409 and stale.json["code"] == "stale_version"
    assert client.get(f"/api/v1/branches/{branch_id}", headers=fs).json["status"] == "submitted"


def test_returned_branch_is_corrected_resubmitted_and_filed(client, admin):
    branch_id = submit(client, admin).json["id"]
    fs = api_user(client, "fs", "regulator", city="440600")
    returned = client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "returned", "reason": "地址不详"},
                           headers=fs).json
    again = client.post(f"/api/v1/branches/{branch_id}/resubmission",
                        json={"version": returned["version"], "address": "佛山市禅城区祖庙路 1 号 201 室"},
                        headers=admin)
    assert again.status_code == 200 and again.json["status"] == "submitted"
    filed = client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "filed"}, headers=fs)
    assert filed.json["status"] == "filed" and filed.json["address"].endswith("201 室")
    actions = [h["action"] for h in client.get(f"/api/v1/branches/{branch_id}/history", headers=fs).json]
    assert actions == ["submitted", "returned", "resubmitted", "filed"]


def test_only_returned_filings_are_resubmitted(client, admin):
    branch_id = submit(client, admin).json["id"]
    response = client.post(f"/api/v1/branches/{branch_id}/resubmission", json={"version": 1}, headers=admin)
    assert response.status_code == 409


def test_public_sees_filed_branches_only(client, admin):
    branch_id = submit(client, admin).json["id"]
    assert client.get(f"/api/v1/branches/{branch_id}").status_code == 404
    assert client.get("/api/v1/branches?city=440600").json["items"] == []
    fs = api_user(client, "fs", "regulator", city="440600")
    filing_no = client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "filed"}, headers=fs).json[
        "filing_no"]
    listed = client.get("/api/v1/branches?city=440600").json["items"]
    assert [b["filing_no"] for b in listed] == [filing_no]
    assert client.get(f"/api/v1/branches?q={filing_no}").json["total"] == 1
    assert client.get(f"/api/v1/branches/{branch_id}/history").status_code == 401


def test_closing_a_branch_removes_it_from_the_directory(client, admin):
    branch_id = submit(client, admin).json["id"]
    fs = api_user(client, "fs", "regulator", city="440600")
    client.post(f"/api/v1/branches/{branch_id}/filing", json={"decision": "filed"}, headers=fs)
    closed = client.post(f"/api/v1/branches/{branch_id}/closure", json={"closed_on": clock.today().isoformat()},
                         headers=admin)
    assert closed.status_code == 200 and closed.json["status"] == "closed"
    assert client.get("/api/v1/branches?city=440600").json["items"] == []
    assert client.post(f"/api/v1/branches/{branch_id}/closure", json={"closed_on": clock.today().isoformat()},
                       headers=admin).status_code == 409


def test_registration_in_the_future_is_refused(client, admin):
    response = submit(client, admin, established_on=date(2099, 1, 1).isoformat())
    assert response.status_code == 422 and "established_on" in response.json["errors"]


def test_unknown_branch_is_404(client, admin):
    fs = api_user(client, "fs", "regulator", city="440600")
    assert client.post("/api/v1/branches/999/filing", json={"decision": "filed"}, headers=fs).status_code == 404


def test_outlet_ids_are_not_branch_ids(client, gz_agency):
    outlet = make_office(gz_agency, "outlet", "440100")
    assert client.get(f"/api/v1/branches/{outlet.id}").status_code == 404
