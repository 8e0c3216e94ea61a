"""Who sees a group: its agencies, the regulators of its route (no personal data), the public only the sheet."""

from tests.factories import api_user, make_agency
from tests.groups.conftest import day, file_group, filing


def test_an_agency_sees_only_its_own_groups(client, tour):
    no = file_group(client, tour)
    make_agency("L-GD-300001", home_city="440300")
    other = api_user(client, "sz-admin", "agency_admin", agency="L-GD-300001")
    assert client.get(f"/api/v1/groups/{no}", headers=other).status_code == 403
    assert client.put(f"/api/v1/groups/{no}", json=filing(tour, version=1), headers=other).status_code == 403


def test_a_regulator_on_the_route_sees_the_group_but_not_the_leader(client, tour):
    no = file_group(client, tour)
    jiangmen = api_user(client, "jm-reg", "regulator", city="440700")
    group = client.get(f"/api/v1/groups/{no}", headers=jiangmen).json
    assert group["group_no"] == no and group["leader"] is None
    assert "13800138000" not in str(group) and "王师傅" not in str(group)
    foshan = api_user(client, "fs-reg", "regulator", city="440600")  # where it was filed: keeps its file
    assert client.get(f"/api/v1/groups/{no}", headers=foshan).json["leader"]["phone"] == "13800138000"
    huizhou = api_user(client, "hz-reg", "regulator", city="441300")  # not on the route
    assert client.get(f"/api/v1/groups/{no}", headers=huizhou).status_code == 403


def test_each_city_lists_the_groups_in_it_that_day(client, tour):
    no = file_group(client, tour)
    start = tour["start"]
    jiangmen = api_user(client, "jm-reg", "regulator", city="440700")
    inspector = api_user(client, "jm-insp", "inspector", city="440700")
    for headers in (jiangmen, inspector):
        listed = client.get(f"/api/v1/cities/440700/groups?date={day(start, 1)}", headers=headers)
        assert listed.status_code == 200
        assert [g["group_no"] for g in listed.json["items"]] == [no] and listed.json["total"] == 1
        assert client.get(f"/api/v1/cities/440700/groups?date={day(start, 0)}", headers=headers).json["total"] == 0
    assert client.get(f"/api/v1/cities/440600/groups?date={day(start, 0)}", headers=jiangmen).status_code == 403
    assert client.get(f"/api/v1/cities/440600/groups?date={day(start, 0)}", headers=tour["admin"]).status_code == 403
    province = api_user(client, "gd", "provincial")
    assert client.get(f"/api/v1/cities/440600/groups?date={day(start, 0)}", headers=province).json["total"] == 1
    assert client.get(f"/api/v1/cities/440600/groups?date={day(start, 0)}").status_code == 401


def test_the_public_sheet_shows_no_personal_data(client, tour):
    no = file_group(client, tour)
    sheet = client.get(f"/api/v1/groups/{no}/sheet")
    assert sheet.status_code == 200 and sheet.headers.get("Cache-Control", "").find("public") == -1
    text = sheet.get_data(as_text=True)
    for personal in ("李领队", "13800138000", "王师傅"):
        assert personal not in text
    body = sheet.json
    assert body["branch"]["filing_no"] == tour["branch"].filing_no
    assert body["days"][0]["guides"][0]["verify_url"].endswith("/verify/D-4404-000001")
    assert body["complaint_url"].endswith(f"group={no}")
    assert client.get(f"/api/v1/groups/{no}").status_code == 401  # the record itself is not public
    page = client.get(f"/g/{no}").get_data(as_text=True)
    for personal in ("李领队", "13800138000", "王师傅"):
        assert personal not in page
    assert "粤E12345" in page and "<svg" in page  # the coach plate and the QR code


def test_an_agency_that_declined_still_reads_the_group_but_not_the_leader(client, tour):
    from tests.groups.conftest import JM, hand_jiangmen_a_day

    no = hand_jiangmen_a_day(client, tour)
    jiangmen = api_user(client, "jm-admin", "agency_admin", agency=JM)
    assert client.get(f"/api/v1/groups/{no}", headers=jiangmen).json["leader"]["phone"] == "13800138000"
    client.post(f"/api/v1/groups/{no}/receiving/{JM}", json={"decision": "declined", "reason": "满员"},
                headers=jiangmen)
    group = client.get(f"/api/v1/groups/{no}", headers=jiangmen)
    assert group.status_code == 200 and group.json["leader"] is None
    again = client.post(f"/api/v1/groups/{no}/receiving/{JM}", json={"decision": "accepted"}, headers=jiangmen)
    assert again.status_code == 409
