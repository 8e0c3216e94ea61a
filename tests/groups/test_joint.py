"""The group ties the joint log together: inspections open cases, complaints and incidents name groups."""

from datetime import datetime

from tests.factories import api_user, make_agency
from tests.groups.conftest import GZ, day, file_group, filing
from tourism.core import clock


def test_an_inspection_with_a_finding_opens_a_case_in_the_inspecting_city(client, tour):
    no = file_group(client, tour)
    start = tour["start"]
    inspector = api_user(client, "jm-insp", "inspector", city="440700")
    at = f"{day(start, 1)}T11:00:00+08:00"
    with clock.frozen_at(datetime.fromisoformat(f"{day(start, 1)}T12:00:00+08:00")):
        response = client.post(f"/api/v1/groups/{no}/inspections", headers=inspector, json={
            "at": at, "city": "440700", "guide_licence_no": "D-4418-000001", "place": "某购物店",
            "findings": ["forced_shopping"], "note": "游客反映被要求进店", "open_case": True})
    assert response.status_code == 201, response.json
    inspection = response.json
    assert set(inspection["findings"]) == {"forced_shopping", "guide_not_assigned", "stop_not_in_plan"}
    regulator = api_user(client, "jm-reg", "regulator", city="440700")
    case = client.get(f"/api/v1/complaints/{inspection['case_no']}", headers=regulator).json
    assert case["assigned_city"] == "440700" and case["group_no"] == no and case["origin"] == "inspection"
    # The agency and the home city see it.
    seen = client.get(f"/api/v1/groups/{no}/inspections", headers=tour["admin"]).json
    assert [i["case_no"] for i in seen["items"]] == [inspection["case_no"]] and seen["total"] == 1
    guangzhou = api_user(client, "gz-reg", "regulator", city="440100")
    assert client.get(f"/api/v1/groups/{no}/inspections", headers=guangzhou).status_code == 200
    finds = client.get(f"/api/v1/cities/440700/groups?date={day(start, 1)}&with_findings=true", headers=regulator)
    assert [g["group_no"] for g in finds.json["items"]] == [no]


def test_inspections_are_recorded_only_by_the_route_cities_in_their_own_city(client, tour):
    no = file_group(client, tour)
    start = tour["start"]
    body = {"at": f"{day(start, 1)}T11:00:00+08:00", "city": "440700", "findings": []}
    huizhou = api_user(client, "hz-insp", "inspector", city="441300")
    assert client.post(f"/api/v1/groups/{no}/inspections", headers=huizhou, json=body).status_code == 403
    foshan = api_user(client, "fs-insp", "inspector", city="440600")
    assert client.post(f"/api/v1/groups/{no}/inspections", headers=foshan, json=body).status_code == 403
    assert client.post(f"/api/v1/groups/{no}/inspections", headers=tour["admin"], json=body).status_code == 403
    with clock.frozen_at(datetime.fromisoformat(f"{day(start, 1)}T12:00:00+08:00")):
        clean = client.post(f"/api/v1/groups/{no}/inspections", json={**body, "guide_licence_no": ""},
                            headers=api_user(client, "jm-insp", "inspector", city="440700"))
    assert clean.status_code == 201 and clean.json["findings"] == [] and clean.json["case_no"] is None


def test_a_complaint_naming_the_group_is_routed_by_its_contract_city(client, tour):
    no = file_group(client, tour, contract={"no": "GD-E-1", "city": "440600", "shopping_minutes": 0})
    with clock.frozen_at(datetime.fromisoformat(f"{day(tour['start'], 2)}T18:00:00+08:00")):
        response = client.post("/api/v1/complaints", json={
            "complainant": {"name": "张三", "phone": "13900000000"}, "respondent": {"kind": "agency"},
            "group_no": no.lower(), "incident_city": "440700", "occurred_on": day(tour["start"], 1),
            "description": "导游强迫购物", "urgent": False})
    assert response.status_code == 201, response.json
    assert response.json["assigned_city"] == "440600"  # the contract's city, not where it happened
    case = client.get(f"/api/v1/complaints/{response.json['tracking_no']}",
                      headers=api_user(client, "gd", "provincial")).json
    assert case["group_no"] == no and case["respondent"]["ref"] == GZ and case["contract_city"] == "440600"
    unknown = client.post("/api/v1/complaints", json={
        "complainant": {"name": "张三", "phone": "13900000000"}, "respondent": {"kind": "agency"},
        "group_no": "TG440600209900001", "incident_city": "440700", "occurred_on": day(clock.today(), 0),
        "description": "x", "urgent": False})
    assert unknown.status_code == 422 and "group_no" in unknown.json["errors"]


def test_an_incident_naming_groups_of_two_cities_agencies_needs_both_home_cities(client, tour):
    first = file_group(client, tour)
    make_agency("L-GD-300001", home_city="440300")
    sz_admin = api_user(client, "sz-admin", "agency_admin", agency="L-GD-300001")
    second = client.post("/api/v1/groups", headers=sz_admin, json=filing(
        tour, agency_licence_no="L-GD-300001", branch_id=None, guides=[])).json["group_no"]
    zhuhai = api_user(client, "zh-reg", "regulator", city="440400")
    incident = {"grade": "IV", "kind": "accident", "cities": ["440400"], "summary": "旅游大巴追尾",
                "occurred_at": f"{day(tour['start'], 2)}T10:30:00+08:00", "groups": [first, second, first.lower()]}
    with clock.frozen_at(datetime.fromisoformat(f"{day(tour['start'], 2)}T11:00:00+08:00")):
        elsewhere = client.post("/api/v1/incidents", headers=zhuhai, json={**incident, "cities": ["441300"]})
        response = client.post("/api/v1/incidents", headers=zhuhai, json=incident)
    assert elsewhere.status_code == 422 and "groups" in elsewhere.json["errors"]  # not in Huizhou that day
    assert response.status_code == 201, response.json
    assert set(response.json["acknowledgements"]) == {"440400", "440100", "440300"}
    assert set(response.json["informed_cities"]) == {"440100", "440300"}
    assert response.json["groups"] == [first, second]
    for city in ("440100", "440300"):
        regulator = api_user(client, f"reg-{city}", "regulator", city=city)
        ack = client.post(f"/api/v1/incidents/{response.json['id']}/acknowledge", headers=regulator)
        assert ack.status_code == 200 and ack.json["acknowledgements"][city] is not None
