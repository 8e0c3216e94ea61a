"""The agency pages: directory, workspace, filing queue, decisions; in Chinese and English."""

from datetime import date, datetime

from tests.factories import csrf_from, login, make_agency, make_office, make_user
from tourism.core import clock


def test_directory_shows_filed_offices_with_their_filing_numbers(client):
    agency = make_agency("L-GD-100001", "440100")
    filed = make_office(agency, "branch", "440600", "filed")
    pending = make_office(agency, "branch", "440700", "submitted")
    html = client.get("/agencies?city=440600").get_data(as_text=True)
    assert filed.filing_no in html and "测试旅行社L-GD-100001" in html
    assert pending.name not in html
    english = client.get("/agencies", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Agency directory" in english and filed.filing_no in english
    assert "旅行社名录" in client.get("/agencies").get_data(as_text=True)


def test_public_agency_page_hides_deposit_and_pending_offices(client):
    agency = make_agency("L-GD-100001", "440100")
    pending = make_office(agency, "branch", "440700", "submitted")
    html = client.get("/agencies/L-GD-100001").get_data(as_text=True)
    assert pending.name not in html and "200,000" not in html
    make_user("zh", "regulator", city="440400")
    login(client, "zh")
    inspected = client.get("/agencies/L-GD-100001").get_data(as_text=True)
    assert pending.name in inspected and "200,000" in inspected


def test_workspace_is_the_agencys_own(client):
    mine = make_agency("L-GD-100001", "440100")
    theirs = make_agency("L-GD-200002", "440300")
    make_office(mine, "branch", "440600", "returned")
    other_office = make_office(theirs, "branch", "441900", "submitted")
    make_user("boss", "agency_admin", agency="L-GD-100001")
    login(client, "boss")
    html = client.get("/workspace").get_data(as_text=True)
    assert "L-GD-100001" in html and other_office.name not in html
    assert client.get(f"/workspace/offices/{other_office.id}/resubmit").status_code == 403


def test_regulators_have_no_workspace(client):
    make_user("gz", "regulator", city="440100")
    login(client, "gz")
    assert client.get("/workspace").status_code == 403


def test_branch_form_keeps_the_input_and_explains_the_refusal(client):
    make_agency("L-GD-100001", "440100", outbound=False)
    make_user("boss", "agency_admin", agency="L-GD-100001")
    login(client, "boss")
    page = client.get("/workspace/branch/new").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "city": "440600", "name": "我的佛山分社", "address": "佛山市某路 8 号",
            "established_on": clock.today().isoformat(), "outbound": "y"}
    response = client.post("/workspace/branch/new", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="我的佛山分社"' in html and "出境" in html
    form.pop("outbound")
    assert client.post("/workspace/branch/new", data=form).status_code == 302
    assert "我的佛山分社" in client.get("/workspace").get_data(as_text=True)


def test_branch_form_without_csrf_is_rejected(client):
    make_agency("L-GD-100001", "440100")
    make_user("boss", "agency_admin", agency="L-GD-100001")
    login(client, "boss")
    response = client.post("/workspace/branch/new", data={"city": "440600", "name": "x分社", "address": "某路",
                                                           "established_on": "2026-11-20"})
    assert response.status_code == 400


def test_filing_queue_puts_own_city_first_and_marks_overdue(client):
    agency = make_agency("L-GD-100001", "440100")
    with clock.frozen_at(datetime(2026, 11, 2, 10)):
        late = make_office(agency, "branch", "440600", established_on=date(2026, 11, 2))
    fresh = make_office(agency, "branch", "442000")
    make_user("fs", "regulator", city="440600")
    login(client, "fs")
    own = client.get("/filings").get_data(as_text=True)
    assert late.name in own and fresh.name not in own and "row-overdue" in own
    everywhere = client.get("/filings?city=").get_data(as_text=True)
    assert late.name in everywhere and fresh.name in everywhere
    filed = client.get("/filings?status=filed&city=").get_data(as_text=True)
    assert late.name not in filed and fresh.name not in filed
    found = client.get("/filings?city=&q=in 442000").get_data(as_text=True)
    assert fresh.name in found and late.name not in found


def test_decision_form_for_the_branchs_city_only(client):
    agency = make_agency("L-GD-100001", "440100")
    branch = make_office(agency, "branch", "440600")
    make_user("gz", "regulator", city="440100")
    make_user("fs", "regulator", city="440600")
    login(client, "gz")
    page = client.get(f"/filings/{branch.id}").get_data(as_text=True)
    assert 'name="decision"' not in page
    token = csrf_from(page)
    assert client.post(f"/filings/{branch.id}", data={"csrf_token": token, "decision": "filed",
                                                      "version": "1"}).status_code == 403
    client.post("/logout", data={"csrf_token": token})
    login(client, "fs")
    page = client.get(f"/filings/{branch.id}").get_data(as_text=True)
    token = csrf_from(page)
    missing_reason = client.post(f"/filings/{branch.id}", data={"csrf_token": token, "decision": "returned",
                                                                "version": "1"})
    assert missing_reason.status_code == 422
    filed = client.post(f"/filings/{branch.id}", data={"csrf_token": token, "decision": "filed", "version": "1"})
    assert filed.status_code == 302
    assert "440600-FS-" in client.get(f"/filings/{branch.id}").get_data(as_text=True)


def test_regulator_registers_an_agency_through_the_form(client):
    make_user("gz", "regulator", city="440100")
    login(client, "gz")
    token = csrf_from(client.get("/agencies/new").get_data(as_text=True))
    form = {"csrf_token": token, "licence_no": "L-GD-300003", "name": "表单测试旅行社", "home_city": "440100",
            "deposit_cny": "200000"}
    assert client.post("/agencies/new", data=form).status_code == 302
    again = client.post("/agencies/new", data=form)
    assert again.status_code == 409 and 'value="表单测试旅行社"' in again.get_data(as_text=True)
    elsewhere = client.post("/agencies/new", data={**form, "licence_no": "L-GD-300004", "home_city": "440600"})
    assert elsewhere.status_code == 403


def test_the_agency_records_and_ends_its_guides_employment(client):
    from tests.factories import make_guide

    make_agency("L-GD-100001", "440100")
    make_agency("L-GD-200002", "440300")
    make_guide("D-4401-000001", "440100")
    other = make_guide("D-4401-000002", "440100", employer="L-GD-200002")
    make_user("boss", "agency_admin", agency="L-GD-100001")
    login(client, "boss")
    token = csrf_from(client.get("/workspace").get_data(as_text=True))
    employed = client.post("/workspace/guides", data={"csrf_token": token, "licence_no": "D-4401-000001",
                                                      "start_on": "2026-01-01"})
    assert employed.status_code == 302
    page = client.get("/workspace").get_data(as_text=True)
    assert "D-4401-000001" in page and "D-4401-000002" not in page
    assert client.post(f"/workspace/guides/{other.affiliations[0].id}/end",
                       data={"csrf_token": token, "end_on": "2026-06-30"}).status_code == 403


def test_a_returned_outlet_is_corrected_and_resubmitted_on_its_page(client):
    agency = make_agency("L-GD-100001", "440100")
    outlet = make_office(agency, "outlet", "440100", "returned")
    make_user("boss", "agency_admin", agency="L-GD-100001")
    login(client, "boss")
    page = client.get(f"/workspace/offices/{outlet.id}/resubmit").get_data(as_text=True)
    response = client.post(f"/workspace/offices/{outlet.id}/resubmit", data={
        "csrf_token": csrf_from(page), "name": "天河服务网点", "address": "广州市天河区 1 号", "manager": "",
        "established_on": outlet.established_on.isoformat(), "version": str(outlet.version)})
    assert response.status_code == 302
    assert client.get("/workspace").status_code == 200
    from tourism.agencies.models import Office
    from tourism.extensions import db

    db.session.remove()
    resubmitted = db.session.get(Office, outlet.id)
    assert resubmitted.status == "submitted" and resubmitted.name == "天河服务网点"


def test_closing_an_office_asks_first_and_names_what_happens(client):
    agency = make_agency("L-GD-100001", "440100")
    office = make_office(agency, "branch", "440600", "filed")
    make_user("boss", "agency_admin", agency="L-GD-100001")
    login(client, "boss")
    token = csrf_from(client.get("/workspace").get_data(as_text=True))
    form = {"csrf_token": token, "closed_on": clock.today().isoformat(), "version": str(office.version)}
    asked = client.post(f"/workspace/offices/{office.id}/close", data=form)
    html = asked.get_data(as_text=True)
    assert asked.status_code == 200 and office.name in html and 'name="confirmed" value="yes"' in html
    assert "已注销" not in client.get("/workspace").get_data(as_text=True), "still open before yes"
    done = client.post(f"/workspace/offices/{office.id}/close", data={**form, "confirmed": "yes"})
    assert done.status_code == 302
    client.get(done.headers["Location"])
    assert "已注销" in client.get("/workspace").get_data(as_text=True)


def test_ending_an_employment_asks_first(client):
    from tests.factories import make_guide

    make_agency("L-GD-100001", "440100")
    guide = make_guide("D-4401-000001", "440100", employer="L-GD-100001")
    make_user("boss", "agency_admin", agency="L-GD-100001")
    login(client, "boss")
    token = csrf_from(client.get("/workspace").get_data(as_text=True))
    url = f"/workspace/guides/{guide.affiliations[0].id}/end"
    form = {"csrf_token": token, "end_on": "2026-06-30"}
    asked = client.post(url, data=form)
    assert asked.status_code == 200 and guide.name in asked.get_data(as_text=True)
    assert client.post(url, data={**form, "confirmed": "yes"}).status_code == 302
    assert "2026-06-30" in client.get("/workspace").get_data(as_text=True)


def test_a_tampered_or_impossible_closure_is_refused_before_asking(client):
    from datetime import timedelta

    agency = make_agency("L-GD-100001", "440100")
    office = make_office(agency, "branch", "440600", "filed")
    make_user("boss", "agency_admin", agency="L-GD-100001")
    login(client, "boss")
    token = csrf_from(client.get("/workspace").get_data(as_text=True))
    for form in ({"closed_on": clock.today().isoformat(), "version": "abc", "confirmed": "yes"},
                 {"closed_on": (clock.today() + timedelta(days=5)).isoformat(), "version": str(office.version)}):
        response = client.post(f"/workspace/offices/{office.id}/close", data={"csrf_token": token, **form})
        assert response.status_code == 302, form  # back to the workspace with the reason, nothing asked or done
        assert 'name="confirmed"' not in response.get_data(as_text=True)
    assert "已注销" not in client.get("/workspace").get_data(as_text=True)
