"""The rules of 《旅游投诉处理办法》 the log applies: the 90-day cut-off, the respondent's reply, joint complaints,
jurisdiction outside the zone, and acceptance limits counted on the holiday calendar."""

from datetime import datetime, timedelta

from tests.factories import api_user
from tourism.core import clock

BASE = {"complainant": {"name": "游客甲", "phone": "13800000001"}, "respondent": {"kind": "other"},
        "incident_city": "440400", "occurred_on": "2026-08-01", "description": "行程被擅自变更。", "urgent": False}


def file(client, **changes):
    return client.post("/api/v1/complaints", json={**BASE, **changes}, headers={"Accept-Language": "en"})


def days_ago(n: int) -> str:
    return (clock.today() - timedelta(days=n)).isoformat()


def test_a_complaint_120_days_after_the_contract_ended_is_refused_with_the_reason(client):
    refused = file(client, contract_end_on=days_ago(120))
    assert refused.status_code == 422 and "contract_end_on" in refused.json["errors"]
    reason = refused.json["errors"]["contract_end_on"][0]
    assert "90 days" in reason and "art. 9" in reason
    assert file(client, contract_end_on=days_ago(90)).status_code == 201  # "more than 90 days": the 90th day is in time
    assert file(client, contract_end_on=days_ago(91)).status_code == 422


def test_accepting_asks_when_the_contract_ended(client):
    receipt = file(client).json
    zh = api_user(client, "zh", "regulator", city="440400")
    url = f"/api/v1/complaints/{receipt['tracking_no']}/transitions"
    asked = client.post(url, json={"to": "accepted", "version": 1}, headers=zh)
    assert asked.status_code == 422 and "contract_end_on" in asked.json["errors"]
    too_old = client.post(url, json={"to": "accepted", "version": 1, "contract_end_on": days_ago(100)}, headers=zh)
    assert too_old.status_code == 422 and "contract_end_on" in too_old.json["errors"]
    accepted = client.post(url, json={"to": "accepted", "version": 1, "contract_end_on": days_ago(30)}, headers=zh)
    assert accepted.status_code == 200 and accepted.json["contract_end_on"] == days_ago(30)


def test_the_respondent_replies_within_ten_days_of_notice_and_a_late_reply_shows(client):
    receipt = file(client, contract_end_on=days_ago(10)).json
    no = receipt["tracking_no"]
    zh = api_user(client, "zh", "regulator", city="440400")
    client.post(f"/api/v1/complaints/{no}/transitions", json={"to": "accepted", "version": 1}, headers=zh)
    noticed = client.post(f"/api/v1/complaints/{no}/respondent-notice",
                          json={"version": 2, "notified_on": clock.today().isoformat()}, headers=zh)
    assert noticed.status_code == 200
    due = (clock.today() + timedelta(days=10)).isoformat()
    assert noticed.json["respondent_reply_due"] == due and noticed.json["reply_overdue"] is False
    later = datetime.combine(clock.today() + timedelta(days=11), datetime.min.time()).replace(hour=9)
    with clock.frozen_at(later):
        case = client.get(f"/api/v1/complaints/{no}", headers=zh).json
        assert case["reply_overdue"] is True and case["overdue"] is True
        listed = client.get("/api/v1/complaints?overdue=true", headers=zh).json
        assert [c["tracking_no"] for c in listed["items"]] == [no]
    replied = client.post(f"/api/v1/complaints/{no}/respondent-reply",
                          json={"version": 3, "replied_on": clock.today().isoformat()}, headers=zh)
    assert replied.status_code == 200 and replied.json["reply_overdue"] is False


def test_a_joint_complaint_names_its_representatives_and_keeps_every_complainant_private(client):
    others = [{"name": f"游客{n}", "phone": f"1380000000{n}", "representative": n == 2} for n in (2, 3, 4)]
    receipt = file(client, complainant={**BASE["complainant"], "representative": True}, co_complainants=others)
    assert receipt.status_code == 201
    no = receipt.json["tracking_no"]
    handler = client.get(f"/api/v1/complaints/{no}", headers=api_user(client, "zh", "regulator", city="440400")).json
    assert handler["complainant_count"] == 4
    assert [c["name"] for c in handler["co_complainants"] if c["representative"]] == ["游客2"]
    shared = client.get(f"/api/v1/complaints/{no}", headers=api_user(client, "gz", "regulator", city="440100")).json
    assert shared["co_complainants"] is None and shared["complainant"] is None
    assert "13800000002" not in str(shared)


def test_representatives_need_a_joint_complaint_and_are_at_most_three(client):
    three = [{"name": f"游客{n}", "phone": f"1380000000{n}", "representative": True} for n in (2, 3)]
    assert file(client, co_complainants=three).status_code == 422  # 3 complainants: not a joint complaint
    five = [{"name": f"游客{n}", "phone": f"1380000000{n}", "representative": True} for n in (2, 3, 4, 5)]
    response = file(client, co_complainants=five)
    assert response.status_code == 422 and "co_complainants" in response.json["errors"]


def test_a_changsha_contract_is_routed_out_of_the_zone_and_the_transfer_recorded(client):
    changsha_agency = {"kind": "other", "ref": "长沙某旅行社", "city": "430100"}
    receipt = file(client, contract_city="430100", respondent=changsha_agency)
    assert receipt.status_code == 201
    body = receipt.json
    assert body["assigned_city"] == "440400" and body["transfer_to"] == "430100"  # Zhuhai receives and transfers
    no = body["tracking_no"]
    url = f"/api/v1/complaints/{no}/transfer-out"
    move = {"version": 1, "city": "430100", "authority": "长沙市文化旅游广电局", "reason": "合同签订地在长沙（第五条）"}
    assert client.post(url, json=move, headers=api_user(client, "gz", "regulator", city="440100")).status_code == 403
    zh = api_user(client, "zh", "regulator", city="440400")
    assert client.post(url, json={**move, "city": "440100"}, headers=zh).status_code == 422  # in the zone
    assert client.post(url, json={**move, "city": "999999"}, headers=zh).status_code == 422
    done = client.post(url, json=move, headers=zh)
    assert done.status_code == 200 and done.json["status"] == "transferred"
    assert done.json["transferred_authority"] == "长沙市文化旅游广电局"
    history = client.get(f"/api/v1/complaints/{no}/history", headers=zh).json
    assert history[-1]["action"] == "transferred_out" and history[-1]["details"]["city"] == "430100"
    public = client.post(f"/api/v1/complaints/{no}/lookup", json={"access_code": body["access_code"]}).json
    assert public["status"] == "transferred" and public["history"][-1]["event"] == "transferred_out"


def test_any_prefecture_of_the_country_is_a_valid_contract_place(client):
    assert file(client, contract_city="650100").status_code == 201  # 乌鲁木齐
    unknown = file(client, contract_city="430199")
    assert unknown.status_code == 422 and "contract_city" in unknown.json["errors"]


def test_the_acceptance_limit_into_2027_is_provisional_on_the_receipt(client):
    with clock.frozen_at(datetime(2026, 12, 30, 10, 0)):
        receipt = file(client, occurred_on="2026-12-29").json
    assert receipt["accept_by"] == "2027-01-07" and receipt["accept_by_provisional"] is True
    with clock.frozen_at(datetime(2027, 2, 4, 10, 0)):
        spring = file(client, occurred_on="2027-02-03").json
    assert spring["accept_by"] >= "2027-02-15" and spring["accept_by_provisional"] is True
