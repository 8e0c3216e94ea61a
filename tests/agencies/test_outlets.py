"""Service outlets: where they may be, whom they belong to, what they may do."""

import pytest

from tests.factories import api_user, make_agency, make_office
from tourism.core import clock


@pytest.fixture
def admin(client):
    make_agency("L-GD-100001", "440100")
    return api_user(client, "gz-admin", "agency_admin", agency="L-GD-100001")


def outlet(client, headers, **fields):
    body = {"city": "440100", "name": "测试服务网点", "address": "广州市越秀区某路",
            "established_on": clock.today().isoformat(), **fields}
    return client.post("/api/v1/agencies/L-GD-100001/outlets", json=body, headers=headers)


def test_outlet_in_the_agencys_province_is_submitted_and_filed_by_its_city(client, admin):
    created = outlet(client, admin, city="441300")
    assert created.status_code == 201 and created.json["kind"] == "outlet"
    hz = api_user(client, "hz", "regulator", city="441300")
    filed = client.post(f"/api/v1/outlets/{created.json['id']}/filing", json={"decision": "filed"}, headers=hz)
    assert filed.json["filing_no"].startswith("441300-WD-")
    gz = api_user(client, "gz", "regulator", city="440100")
    other = outlet(client, admin).json["id"]
    assert client.post(f"/api/v1/outlets/{other}/filing", json={"decision": "filed"}, headers=hz).status_code == 403
    assert client.post(f"/api/v1/outlets/{other}/filing", json={"decision": "filed"}, headers=gz).status_code == 200


def test_outlet_under_a_branch_lies_in_the_branchs_city(client, admin, app):
    from tourism.agencies.service import get_agency
    from tourism.extensions import db

    branch = make_office(get_agency(db.session, "L-GD-100001"), "branch", "440600", "filed")
    assert outlet(client, admin, city="440600", branch_id=branch.id).status_code == 201
    wrong = outlet(client, admin, city="440700", branch_id=branch.id)
    assert wrong.status_code == 422 and "city" in wrong.json["errors"]


def test_outlet_cannot_hang_under_another_agencys_branch(client, admin):
    other = make_agency("L-GD-200002", "440300")
    foreign = make_office(other, "branch", "440600", "filed")
    response = outlet(client, admin, city="440600", branch_id=foreign.id)
    assert response.status_code == 422 and "branch_id" in response.json["errors"]


def test_outlet_carries_no_scope_of_its_own(client, admin):
    created = outlet(client, admin, outbound=True)
    assert created.status_code == 422 and "outbound" in created.json["errors"]  # unknown field for an outlet
