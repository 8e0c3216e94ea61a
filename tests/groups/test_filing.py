"""Filing a group: every check with its reason, the group number, the sheet, versions."""

from datetime import timedelta

from tests.factories import api_user, make_agency, make_guide
from tests.groups.conftest import GZ, JM, day, filing


def test_a_foshan_branch_files_a_group_with_a_zhuhai_guide_leading_in_foshan(client, tour):
    response = client.post("/api/v1/groups", json=filing(tour), headers=tour["admin"])
    assert response.status_code == 201, response.json
    body = response.json
    assert body["group_no"].startswith("TG440600")  # filed in the branch's city
    assert body["version"] == 1
    assert body["sheet_url"].endswith(f"/g/{body['group_no']}")
    checks = {(c["code"], c["subject"]): c for c in body["checks"]}
    assert checks[("guide_eligible", "D-4404-000001")]["passed"]  # the zone lets a Zhuhai guide lead in Foshan
    assert checks[("branch_filed", None)]["passed"]
    group = client.get(f"/api/v1/groups/{body['group_no']}", headers=tour["admin"]).json
    assert group["cities"] == ["440600", "440700", "440400"]
    assert [d["cities"] for d in group["days"]] == [["440600"], ["440700"], ["440400"]]
    assert group["leader"] == {"name": "李领队", "phone": "13800138000"}


def test_a_qingyuan_guide_as_local_guide_in_jiangmen_is_refused_with_the_reason(client, tour):
    start = tour["start"]
    guides = [{"licence_no": "D-4418-000001", "role": "local", "cities": ["440700"], "start_on": day(start, 1),
               "end_on": day(start, 1)}]
    response = client.post("/api/v1/groups", json=filing(tour, guides=guides), headers=tour["admin"])
    assert response.status_code == 422
    failed = [c for c in response.json["checks"] if not c["passed"] and c["blocking"]]
    assert [c["code"] for c in failed] == ["guide_eligible"]
    assert "清远" in failed[0]["message"] or "Qingyuan" in failed[0]["message"]
    assert "江门" in failed[0]["message"] or "Jiangmen" in failed[0]["message"]
    assert client.get("/api/v1/groups/TG440600" + str(start.year) + "00001", headers=tour["admin"]).status_code == 404


def test_a_guide_booked_on_overlapping_days_is_refused(client, tour):
    start = tour["start"]
    first = client.post("/api/v1/groups", json=filing(tour), headers=tour["admin"])
    assert first.status_code == 201
    overlapping = filing(tour, start_on=day(start, -2) if False else day(start, 0), end_on=day(start, 1), days=[],
                         guides=[{"licence_no": "D-4404-000001", "role": "local", "cities": ["440100"],
                                  "start_on": day(start, 0), "end_on": day(start, 1)}])
    response = client.post("/api/v1/groups", json=overlapping, headers=tour["admin"])
    assert response.status_code == 422
    clash = next(c for c in response.json["checks"] if c["code"] == "guide_available")
    assert not clash["passed"] and first.json["group_no"] in clash["message"]
    later = filing(tour, start_on=day(start, 3), end_on=day(start, 3), days=[],
                   guides=[{"licence_no": "D-4404-000001", "role": "local", "cities": ["440100"]}])
    assert client.post("/api/v1/groups", json=later, headers=tour["admin"]).status_code == 201


def test_an_outbound_group_from_a_domestic_only_agency_is_refused(client, tour):
    response = client.post("/api/v1/groups", json=filing(tour, origin={"kind": "outbound"}), headers=tour["admin"])
    assert response.status_code == 422
    scope = next(c for c in response.json["checks"] if c["code"] == "agency_scope")
    assert not scope["passed"] and "《旅行社条例》" in scope["message"]


def test_a_saved_plan_becomes_the_groups_itinerary(client, tour):
    start = tour["start"]
    plan = client.post("/api/v1/itineraries", json={
        "start_date": day(start, 0), "days": 2, "start_city": "440600", "themes": {"lingnan-architecture": 3},
        "must_visit": ["fs-ancestral-temple"], "day_start": "09:00", "day_end": "18:00", "group_size": 20,
        "time_limit_s": 0.5})
    assert plan.status_code == 201, plan.json
    body = filing(tour, end_on=day(start, 1), days=None, itinerary_id=plan.json["id"])
    response = client.post("/api/v1/groups", json=body, headers=tour["admin"])
    assert response.status_code == 201, response.json
    group = client.get(f"/api/v1/groups/{response.json['group_no']}", headers=tour["admin"]).json
    planned = [(d["date"], s["poi_id"], s["start"]) for d in plan.json["days"] for s in d["stops"]]
    imported = [(d["date"], s["poi_id"], s["time"]) for d in group["days"] for s in d["stops"]]
    assert imported == planned and ("fs-ancestral-temple" in [p for _, p, _ in imported])


def test_an_amendment_replacing_a_guide_keeps_both_versions(client, tour):
    start = tour["start"]
    no = client.post("/api/v1/groups", json=filing(tour), headers=tour["admin"]).json["group_no"]
    replaced = filing(tour, version=1, guides=[{"licence_no": "D-4401-000009", "role": "local", "cities": ["440600"],
                                                "start_on": day(start, 0), "end_on": day(start, 0)}])
    response = client.put(f"/api/v1/groups/{no}", json=replaced, headers=tour["admin"])
    assert response.status_code == 200, response.json
    assert response.json["version"] == 2
    group = client.get(f"/api/v1/groups/{no}", headers=tour["admin"]).json
    assert [v["version"] for v in group["versions"]] == [1, 2]
    assert [v["body"]["guides"][0]["licence_no"] for v in group["versions"]] == ["D-4404-000001", "D-4401-000009"]
    assert [g["licence_no"] for g in group["guides"]] == ["D-4401-000009"]
    stale = client.put(f"/api/v1/groups/{no}", json=replaced, headers=tour["admin"])
    assert stale.status_code == 409
    # The replaced guide is free again on those days.
    again = filing(tour, start_on=day(start, 0), end_on=day(start, 0), days=[],
                   guides=[{"licence_no": "D-4404-000001", "role": "local", "cities": ["440600"]}])
    assert client.post("/api/v1/groups", json=again, headers=tour["admin"]).status_code == 201


def test_shopping_beyond_the_contract_is_flagged_not_refused(client, tour):
    body = filing(tour)
    body["days"][0]["stops"].append({"time": "15:00", "place": "某玉器店", "city": "440600", "kind": "shopping",
                                     "minutes": 90})
    body["contract"]["shopping_minutes"] = 30
    response = client.post("/api/v1/groups", json=body, headers=tour["admin"])
    assert response.status_code == 201
    flag = next(c for c in response.json["checks"] if c["code"] == "shopping_within_contract")
    assert not flag["passed"] and not flag["blocking"] and "90" in flag["message"]
    regulator = api_user(client, "fs-reg", "regulator", city="440600")
    flagged = client.get(f"/api/v1/cities/440600/groups?date={day(tour['start'], 0)}&shopping_over=true",
                         headers=regulator).json
    assert [g["group_no"] for g in flagged["items"]] == [response.json["group_no"]]


def test_a_receiving_agency_accepts_and_its_guide_is_checked_as_dispatched_by_it(client, tour):
    start = tour["start"]
    body = filing(tour, receiving=[{"agency_licence_no": JM, "cities": ["440700"], "start_on": day(start, 1),
                                    "end_on": day(start, 1)}],
                  guides=[{"licence_no": "D-4407-000001", "role": "local", "cities": ["440700"],
                           "start_on": day(start, 1), "end_on": day(start, 1)}])
    response = client.post("/api/v1/groups", json=body, headers=tour["admin"])
    assert response.status_code == 201, response.json
    no = response.json["group_no"]
    jm_admin = api_user(client, "jm-admin", "agency_admin", agency=JM)
    group = client.get(f"/api/v1/groups/{no}", headers=jm_admin).json
    assert group["guides"][0]["agency_licence_no"] == JM
    assert group["receiving"][0]["status"] == "pending"
    assert client.post(f"/api/v1/groups/{no}/receiving/{JM}", json={"decision": "accepted"},
                       headers=tour["admin"]).status_code == 403  # only the receiving agency answers
    decided = client.post(f"/api/v1/groups/{no}/receiving/{JM}", json={"decision": "accepted"}, headers=jm_admin)
    assert decided.status_code == 200 and decided.json["status"] == "accepted"
    assert client.post(f"/api/v1/groups/{no}/receiving/{JM}", json={"decision": "declined", "reason": "x"},
                       headers=jm_admin).status_code == 409


def test_a_branch_not_yet_filed_cannot_take_groups(client, tour):
    from tests.factories import make_office

    pending = make_office(tour["organiser"], city="440700", status="submitted")
    response = client.post("/api/v1/groups", json=filing(tour, branch_id=pending.id), headers=tour["admin"])
    assert response.status_code == 422
    assert any(c["code"] == "branch_filed" and not c["passed"] for c in response.json["checks"])


def test_an_agency_files_only_for_itself(client, tour):
    make_agency("L-GD-300001", home_city="440300")
    other = api_user(client, "sz-admin", "agency_admin", agency="L-GD-300001")
    assert client.post("/api/v1/groups", json=filing(tour), headers=other).status_code == 403
    regulator = api_user(client, "fs-reg", "regulator", city="440600")
    assert client.post("/api/v1/groups", json=filing(tour), headers=regulator).status_code == 403


def test_a_guide_sees_the_group_they_lead(client, tour):
    no = client.post("/api/v1/groups", json=filing(tour), headers=tour["admin"]).json["group_no"]
    guide = api_user(client, "zh-guide", "guide", guide="D-4404-000001")
    assert client.get(f"/api/v1/groups/{no}", headers=guide).json["leader"]["phone"] == "13800138000"
    make_guide("D-4401-000077", home_city="440100")
    stranger = api_user(client, "other-guide", "guide", guide="D-4401-000077")
    assert client.get(f"/api/v1/groups/{no}", headers=stranger).status_code == 403


def test_a_past_first_day_is_refused_on_its_field(client, tour):
    from tourism.core import clock

    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    response = client.post("/api/v1/groups", json=filing(tour, start_on=yesterday), headers=tour["admin"])
    assert response.status_code == 422 and "start_on" in response.json["errors"]


def test_the_receiving_agency_files_its_own_part_and_nothing_else(client, tour):
    start = tour["start"]
    body = filing(tour, receiving=[{"agency_licence_no": JM, "cities": ["440700"], "start_on": day(start, 1),
                                    "end_on": day(start, 1)}])
    no = client.post("/api/v1/groups", json=body, headers=tour["admin"]).json["group_no"]
    jm_admin = api_user(client, "jm-admin", "agency_admin", agency=JM)
    part = {"version": 1, "guides": [{"licence_no": "D-4407-000001", "role": "local"}],
            "days": [{"date": day(start, 1), "stops": [
                {"time": "09:00", "poi_id": "jm-chikan-old-town", "kind": "visit", "minutes": 90},
                {"time": "12:00", "place": "赤坎农家菜", "city": "440700", "kind": "meal", "minutes": 60}]}]}
    url = f"/api/v1/groups/{no}/receiving/{JM}/part"
    assert client.put(url, json=part, headers=jm_admin).status_code == 409  # not accepted yet
    client.post(f"/api/v1/groups/{no}/receiving/{JM}", json={"decision": "accepted"}, headers=jm_admin)
    assert client.put(url, json=part, headers=tour["admin"]).status_code == 403  # the organiser files its own way
    outside = {**part, "days": [{"date": day(start, 0), "stops": [
        {"time": "15:00", "place": "某店", "city": "440600", "kind": "shopping", "minutes": 60}]}]}
    refused = client.put(url, json=outside, headers=jm_admin)
    assert refused.status_code == 422 and "days.0.stops.0" in refused.json["errors"]
    filed = client.put(url, json=part, headers=jm_admin)
    assert filed.status_code == 200, filed.json
    group = client.get(f"/api/v1/groups/{no}", headers=tour["admin"]).json
    stops = {(d["date"], s["place"]) for d in group["days"] for s in d["stops"]}
    assert (day(start, 1), "赤坎农家菜") in stops and (day(start, 0), "黄飞鸿酒家") in stops  # Foshan's day kept
    assert not any(s["poi_id"] == "jm-kaiping-diaolou" for d in group["days"] for s in d["stops"])  # replaced
    guides = {g["licence_no"]: g["agency_licence_no"] for g in group["guides"]}
    assert guides == {"D-4404-000001": GZ, "D-4407-000001": JM}
    assert [v["version"] for v in group["versions"]] == [1, 2]
