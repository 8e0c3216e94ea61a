"""What a filing is refused for, each on its field, and what an amendment may not do."""

import re
from html import unescape as html_unescape

import pytest
from werkzeug.datastructures import MultiDict

from tests.factories import api_user, csrf_from, login, make_user
from tests.groups.conftest import JM, day, file_group, filing, hand_jiangmen_a_day


def _refused(client, tour, body, field):
    response = client.post("/api/v1/groups", json=body, headers=tour["admin"])
    assert response.status_code == 422, response.json
    assert any(key.startswith(field) for key in response.json["errors"]), response.json["errors"]


@pytest.mark.parametrize("field, value", [("tourists", "20"), ("tourists", 1.5), ("language", "klingon")])
def test_values_of_the_wrong_kind_are_refused(client, tour, field, value):
    _refused(client, tour, filing(tour, **{field: value}), field)


def test_stops_that_overlap_or_run_past_midnight_are_refused(client, tour):
    body = filing(tour)
    body["days"][0]["stops"].append({"time": "10:00", "place": "某店", "city": "440600", "kind": "shopping",
                                     "minutes": 30})  # inside the 09:30 visit of 120 minutes
    _refused(client, tour, body, "days")
    body = filing(tour)
    body["days"][2]["stops"][0]["minutes"] = 1000  # 10:00 + 1000 min
    _refused(client, tour, body, "days")
    body["days"][2]["stops"][0].update(kind="hotel")  # a night at the hotel may
    assert client.post("/api/v1/groups", json=body, headers=tour["admin"]).status_code == 201


def test_one_guide_twice_on_the_same_days_is_one_row_too_many(client, tour):
    start = tour["start"]
    row = {"licence_no": "D-4404-000001", "role": "local", "cities": ["440600"], "start_on": day(start, 0),
           "end_on": day(start, 0)}
    _refused(client, tour, filing(tour, guides=[row, row]), "guides.1")


def test_receiving_parts_name_each_agency_once_and_only_cities_on_the_route(client, tour):
    start = tour["start"]
    part = {"agency_licence_no": JM, "cities": ["440700"], "start_on": day(start, 1), "end_on": day(start, 1)}
    _refused(client, tour, filing(tour, receiving=[part, {**part, "start_on": day(start, 2),
                                                          "end_on": day(start, 2)}]), "receiving.1")
    _refused(client, tour, filing(tour, receiving=[{**part, "cities": ["441300"]}]), "receiving.0.cities")


def test_a_plan_that_was_never_saved_is_refused_even_beside_days(client, tour):
    _refused(client, tour, filing(tour, itinerary_id="0" * 32), "itinerary_id")


def test_versions_are_numbered_one_after_another(client, tour):
    no = file_group(client, tour)
    for version in (1, 2, 3):
        response = client.put(f"/api/v1/groups/{no}", json=filing(tour, version=version, tourists=20 + version),
                              headers=tour["admin"])
        assert response.status_code == 200 and response.json["version"] == version + 1
    group = client.get(f"/api/v1/groups/{no}", headers=tour["admin"]).json
    assert [v["version"] for v in group["versions"]] == [1, 2, 3, 4] and group["version"] == 4


def test_an_amendment_cannot_move_a_group_into_the_past(client, tour):
    no = file_group(client, tour)
    past = filing(tour, version=1, start_on="2026-01-01", end_on="2026-01-02", days=[])
    response = client.put(f"/api/v1/groups/{no}", json=past, headers=tour["admin"])
    assert response.status_code == 422 and {"start_on", "end_on"} <= set(response.json["errors"])


def test_who_else_receives_a_group_is_not_told_to_strangers(client, tour):
    no = hand_jiangmen_a_day(client, tour)
    assert client.post(f"/api/v1/groups/{no}/receiving/{JM}", json={"decision": "accepted"}).status_code == 401
    huizhou = api_user(client, "hz-reg", "regulator", city="441300")  # cannot read the group
    for licence in (JM, "L-GD-999999"):  # a receiving agency and one that is not: the same answer
        assert client.post(f"/api/v1/groups/{no}/receiving/{licence}", json={"decision": "accepted"},
                           headers=huizhou).status_code == 403


def test_the_amend_page_opens_for_a_group_with_every_guide_row_used(client, tour):
    from tests.factories import make_guide
    from tourism.groups.schemas import GroupFilingSchema

    most = GroupFilingSchema().fields["guides"].validate.max
    for n in range(most):
        make_guide(f"D-4401-5{n:05d}", employer="L-GD-100001")
    guides = [{"licence_no": f"D-4401-5{n:05d}", "role": "escort"} for n in range(most)]
    no = file_group(client, tour, guides=guides)
    login(client, "gz-admin")
    page = client.get(f"/groups/{no}/amend")
    assert page.status_code == 200 and page.get_data(as_text=True).count('name="guides-') >= most


def test_an_inspection_photo_must_be_a_photo(client, tour):
    from datetime import datetime
    from io import BytesIO

    from tourism.core import clock

    no = file_group(client, tour)
    make_user("fs-insp", "inspector", city="440600")
    login(client, "fs-insp")
    with clock.frozen_at(datetime.fromisoformat(f"{day(tour['start'], 0)}T11:00:00+08:00")):
        page = client.get(f"/groups/{no}/inspections").get_data(as_text=True)
        response = client.post(f"/groups/{no}/inspections", content_type="multipart/form-data",
                               headers={"Accept-Language": "en"}, data={
            "at": f"{day(tour['start'], 0)}T10:30", "city": "440600", "csrf_token": csrf_from(page),
            "photos": (BytesIO(b"%PDF-1.4 not a photo"), "scan.pdf")})
    assert response.status_code == 422 and "Photos are JPEG or PNG files." in response.get_data(as_text=True)


def _accepted_part(client, tour):
    """A group whose Jiangmen day the Jiangmen agency accepted, with its guide on it; the agency's headers."""
    no = hand_jiangmen_a_day(client, tour)
    jiangmen = api_user(client, "jm-admin", "agency_admin", agency=JM)
    client.post(f"/api/v1/groups/{no}/receiving/{JM}", json={"decision": "accepted", "version": 1},
                headers=jiangmen)
    filed = client.put(f"/api/v1/groups/{no}/receiving/{JM}/part", headers=jiangmen, json={
        "version": 1, "guides": [{"licence_no": "D-4407-000001", "role": "local"}]})
    assert filed.status_code == 200, filed.json
    return no, jiangmen


def test_a_part_filed_with_guides_only_keeps_its_stops_and_names_the_requests_own_rows(client, tour):
    no, jiangmen = _accepted_part(client, tour)
    group = client.get(f"/api/v1/groups/{no}", headers=jiangmen).json
    assert any(s["poi_id"] == "jm-kaiping-diaolou" for d in group["days"] for s in d["stops"])
    url = f"/api/v1/groups/{no}/receiving/{JM}/part"
    escort = client.put(url, headers=jiangmen, json={"version": 2, "guides": [
        {"licence_no": "D-4407-000001", "role": "local"}, {"licence_no": "D-4407-999999", "role": "escort"}]})
    assert escort.status_code == 422
    assert {"guides.1.role", "guides.1.licence_no"} <= set(escort.json["errors"])
    assert client.put(url, headers=jiangmen, json={"version": "2"}).status_code == 422  # a version is a number


def test_declining_takes_the_agencys_guides_off_and_the_organiser_can_file_again(client, tour):
    no, jiangmen = _accepted_part(client, tour)
    guide = api_user(client, "jm-guide", "guide", guide="D-4407-000001")
    assert client.get(f"/api/v1/groups/{no}", headers=guide).json["leader"] is not None
    # The organiser moves the handed-over day: the agency must answer again, and declines.
    moved = filing(tour, version=2, guides=[], receiving=[{"agency_licence_no": JM, "cities": ["440700", "440400"],
                                                           "start_on": day(tour["start"], 1),
                                                           "end_on": day(tour["start"], 2)}])
    assert client.put(f"/api/v1/groups/{no}", json=moved, headers=tour["admin"]).status_code == 200
    stale = client.post(f"/api/v1/groups/{no}/receiving/{JM}", json={"decision": "accepted", "version": 2},
                        headers=jiangmen)
    assert stale.status_code == 409  # it read version 2; the group is at 3
    declined = client.post(f"/api/v1/groups/{no}/receiving/{JM}",
                           json={"decision": "declined", "reason": "满员", "version": 3}, headers=jiangmen)
    assert declined.status_code == 200
    group = client.get(f"/api/v1/groups/{no}", headers=tour["admin"]).json
    assert group["guides"] == [] and client.get(f"/api/v1/groups/{no}", headers=guide).status_code == 403
    again = filing(tour, version=group["version"], guides=[], receiving=[])
    assert client.put(f"/api/v1/groups/{no}", json=again, headers=tour["admin"]).status_code == 200


def test_the_organiser_names_a_receiving_agency_as_dispatcher_only_within_its_part(client, tour):
    start = tour["start"]
    outside = {"licence_no": "D-4407-000001", "role": "local", "cities": ["440600"], "start_on": day(start, 0),
               "end_on": day(start, 0), "agency_licence_no": JM}
    body = filing(tour, guides=[outside], receiving=[{"agency_licence_no": JM, "cities": ["440700"],
                                                      "start_on": day(start, 1), "end_on": day(start, 1)}])
    _refused(client, tour, body, "guides.0.agency_licence_no")


def test_a_row_outside_the_part_is_refused_on_the_page_not_crashed(client, tour):
    no, _jiangmen = _accepted_part(client, tour)
    login(client, "jm-admin")
    page = client.get(f"/groups/{no}").get_data(as_text=True)
    link = page.split(f'href="/groups/{no}/part/')[1].split('"')[0]
    form = client.get(f"/groups/{no}/part/{link}").get_data(as_text=True)
    response = client.post(f"/groups/{no}/part/{link}", headers={"Accept-Language": "en"}, data={
        "csrf_token": csrf_from(form), "version": "2", "stops-0-on_date": day(tour["start"], 1),
        "stops-0-time": "10:00", "stops-0-place": "某地", "stops-0-city": "440100", "stops-0-kind": "visit",
        "stops-0-minutes": "60"})
    assert response.status_code == 422
    assert "This stop is outside the days and cities handed to you." in response.get_data(as_text=True)


def test_the_amend_page_keeps_a_receiving_branch_and_the_agencys_answer(client, tour):
    from tests.factories import make_office

    start = tour["start"]
    branch = make_office(tour["receiver"], city="440700", status="filed")
    no = file_group(client, tour, receiving=[{"agency_licence_no": JM, "branch_id": branch.id, "cities": ["440700"],
                                             "start_on": day(start, 1), "end_on": day(start, 1)}])
    jiangmen = api_user(client, "jm-admin", "agency_admin", agency=JM)
    client.post(f"/api/v1/groups/{no}/receiving/{JM}", json={"decision": "accepted"}, headers=jiangmen)
    login(client, "gz-admin")
    page = client.get(f"/groups/{no}/amend").get_data(as_text=True)
    response = client.post(f"/groups/{no}/amend", data=MultiDict(_form_of(page)))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    part = client.get(f"/api/v1/groups/{no}", headers=tour["admin"]).json["receiving"][0]
    assert part["branch_id"] == branch.id and part["status"] == "accepted"


def _form_of(html: str) -> list[tuple[str, str]]:
    """What a browser sends for the form on ``html`` as it stands (inputs, selected options, text areas)."""
    pairs = []
    for tag in re.findall(r"<input[^>]*>", html):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if name and (kind is None or kind.group(1) not in ("checkbox", "file", "submit")):
            pairs.append((name.group(1), html_unescape(value.group(1)) if value else ""))
    for select in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        pairs += [(select[0], html_unescape(v)) for v in re.findall(r'<option selected value="([^"]*)"', select[1])]
    return pairs
