"""The group pages as their users work them: file and amend, answer, read the sheet, watch the city, inspect."""

from datetime import datetime

from tests.factories import csrf_from, login, make_user
from tests.groups.conftest import JM, day, file_group, hand_jiangmen_a_day
from tourism.core import clock


def _form(tour, **rows):
    start = tour["start"]
    data = {"branch_id": str(tour["branch"].id), "start_on": day(start, 0), "end_on": day(start, 1), "tourists": "20",
            "origin": "domestic", "contract_city": "440600", "shopping_minutes": "0", "leader_name": "李领队",
            "leader_phone": "13800138000", "coach_plate": "粤E12345",
            "stops-0-on_date": day(start, 0), "stops-0-time": "09:30", "stops-0-poi_id": "fs-ancestral-temple",
            "stops-0-kind": "visit", "stops-0-minutes": "120",
            "stops-1-on_date": day(start, 1), "stops-1-time": "10:00", "stops-1-place": "开平碉楼",
            "stops-1-city": "440700", "stops-1-kind": "visit", "stops-1-minutes": "150"}
    data.update(rows)
    return data


def test_an_agency_files_a_group_on_the_page_and_prints_its_sheet(client, tour):
    login(client, "gz-admin")
    page = client.get("/groups/new").get_data(as_text=True)
    data = _form(tour, **{"guides-0-licence_no": "D-4404-000001", "guides-0-role": "local",
                          "guides-0-cities": "440600", "guides-0-start_on": day(tour["start"], 0),
                          "guides-0-end_on": day(tour["start"], 0)})
    response = client.post("/groups/new", data={**data, "csrf_token": csrf_from(page)})
    assert response.status_code == 302, response.get_data(as_text=True)
    record = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "TG440600" in record and "李领队" in record and "开平碉楼" in record
    no = response.headers["Location"].rsplit("/", 1)[1]
    printed = client.get(f"/g/{no}/print").get_data(as_text=True)
    assert no in printed and "<svg" in printed and "李领队" not in printed


def test_a_refused_filing_keeps_the_input_and_names_the_guide_and_the_reason(client, tour):
    login(client, "gz-admin")
    page = client.get("/groups/new").get_data(as_text=True)
    data = _form(tour, **{"guides-1-licence_no": "D-4418-000001", "guides-1-role": "local",
                          "guides-1-cities": "440700", "guides-1-start_on": day(tour["start"], 1),
                          "guides-1-end_on": day(tour["start"], 1), "stops-4-time": "25:00",
                          "stops-4-on_date": day(tour["start"], 1), "stops-4-minutes": "30"})
    bad_time = client.post("/groups/new", data={**data, "csrf_token": csrf_from(page)})
    assert bad_time.status_code == 422 and "HH:MM" in bad_time.get_data(as_text=True)
    del data["stops-4-time"], data["stops-4-on_date"], data["stops-4-minutes"]
    response = client.post("/groups/new", data={**data, "csrf_token": csrf_from(page)})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "D-4418-000001" in html and "清远" in html and "江门" in html
    assert 'value="李领队"' in html  # nothing typed is lost


def test_a_stop_without_a_place_is_refused_on_its_row(client, tour):
    login(client, "gz-admin")
    page = client.get("/groups/new").get_data(as_text=True)
    data = _form(tour, **{"stops-1-place": ""})
    response = client.post("/groups/new", data={**data, "csrf_token": csrf_from(page)},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    field = html.split('<label for="stops-1-place"')[0].rsplit("<div", 1)[1]
    assert "has-error" in field
    assert "Name the place, or choose it from the catalogue." in html.split('id="stops-1-place"')[1][:800]


def test_the_receiving_agency_answers_on_the_groups_page(client, tour):
    no = hand_jiangmen_a_day(client, tour)
    make_user("jm-admin", "agency_admin", agency=JM)
    login(client, "jm-admin")
    page = client.get(f"/groups/{no}").get_data(as_text=True)
    assert "李领队" in page  # the receiving agency serves the group: it has the leader's contact
    action = page.split(f'action="/groups/{no}/receiving/')[1].split('"')[0]
    response = client.post(f"/groups/{no}/receiving/{action}", data={
        f"part{action}-decision": "declined", f"part{action}-reason": "", f"part{action}-version": "1",
        "csrf_token": csrf_from(page)})
    assert response.status_code == 302
    assert "pending" in client.get(f"/api/v1/groups/{no}", headers=tour["admin"]).json["receiving"][0]["status"]
    client.post(f"/groups/{no}/receiving/{action}", data={
        f"part{action}-decision": "declined", f"part{action}-reason": "旺季无车", f"part{action}-version": "1",
        "csrf_token": csrf_from(page)})
    assert client.get(f"/api/v1/groups/{no}", headers=tour["admin"]).json["receiving"][0]["reason"] == "旺季无车"


def test_the_city_page_lists_todays_groups_with_their_guides_and_a_chart(client, tour):
    no = file_group(client, tour)
    make_user("fs-insp", "inspector", city="440600")
    login(client, "fs-insp")
    html = client.get(f"/city/groups?date={day(tour['start'], 0)}").get_data(as_text=True)
    assert no in html and "导游" in html and "<svg" in html and "李领队" not in html
    other = client.get(f"/city/groups?date={day(tour['start'], 0)}&city=440700").get_data(as_text=True)
    assert no in other  # an inspector's city is their own, whatever the address asks
    assert client.get("/groups/new").status_code == 403


def test_an_inspector_records_a_finding_and_opens_a_case_on_the_page(client, tour):
    no = file_group(client, tour)
    make_user("jm-insp", "inspector", city="440700")
    login(client, "jm-insp")
    with clock.frozen_at(datetime.fromisoformat(f"{day(tour['start'], 1)}T11:30:00+08:00")):
        page = client.get(f"/groups/{no}/inspections").get_data(as_text=True)
        assert "开平碉楼" in page or "Kaiping" in page  # today's sheet beside the form
        response = client.post(f"/groups/{no}/inspections", data={
            "at": f"{day(tour['start'], 1)}T11:00", "city": "440700", "place": "某玉器店",
            "guide_licence_no": "D-4404-000001", "findings": "forced_shopping", "note": "强迫购物",
            "open_case": "y", "csrf_token": csrf_from(page)})
    assert response.status_code == 302, response.get_data(as_text=True)
    listed = client.get(f"/groups/{no}/inspections").get_data(as_text=True)
    assert "TS" in listed and "强迫购物" in listed


def test_the_complaint_form_is_filled_from_the_sheets_group(client, tour):
    no = file_group(client, tour)
    html = client.get(f"/complaints/new?group={no}").get_data(as_text=True)
    assert f'value="{no}"' in html and 'value="L-GD-100001"' in html


def test_a_guide_finds_their_groups(client, tour):
    no = file_group(client, tour)
    make_user("zh-guide", "guide", guide="D-4404-000001")
    login(client, "zh-guide")
    assert no in client.get("/me/groups").get_data(as_text=True)
    assert client.get("/city/groups").status_code == 403


def test_the_receiving_agency_files_its_part_on_a_page_of_its_own(client, tour):
    start = tour["start"]
    no = hand_jiangmen_a_day(client, tour)
    make_user("jm-admin", "agency_admin", agency=JM)
    login(client, "jm-admin")
    page = client.get(f"/groups/{no}").get_data(as_text=True)
    part_id = page.split(f'action="/groups/{no}/receiving/')[1].split('"')[0]
    client.post(f"/groups/{no}/receiving/{part_id}", data={f"part{part_id}-decision": "accepted",
                                                          f"part{part_id}-version": "1",
                                                          "csrf_token": csrf_from(page)})
    form = client.get(f"/groups/{no}/part/{part_id}").get_data(as_text=True)
    assert '<option selected value="jm-kaiping-diaolou">' in form  # its day's stop, ready to change
    response = client.post(f"/groups/{no}/part/{part_id}", data={
        "csrf_token": csrf_from(form), "version": "1",
        "stops-0-on_date": day(start, 1), "stops-0-time": "09:00", "stops-0-poi_id": "jm-chikan-old-town",
        "stops-0-kind": "visit", "stops-0-minutes": "90",
        "guides-0-licence_no": "D-4407-000001", "guides-0-role": "local"})
    assert response.status_code == 302, response.get_data(as_text=True)
    record = client.get(f"/groups/{no}").get_data(as_text=True)
    assert "D-4407-000001" in record
    assert client.get(f"/api/v1/groups/{no}", headers=tour["admin"]).json["version"] == 2
    assert client.get(f"/groups/{no}/amend").status_code == 403  # the rest is the organiser's
