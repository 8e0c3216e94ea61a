"""Administrative penalties on an agency: who records them, and what they decide (《旅行社条例》 arts. 8 and 17)."""

from datetime import date, timedelta

from tests.factories import api_user, make_agency
from tourism.core import clock

FINE = {"kind": "fine", "harms_tourists": True, "document_no": "穗文旅罚〔2025〕12号",
        "authority": "广州市文化广电旅游局"}


def test_only_the_home_city_and_the_province_record_a_penalty(client):
    make_agency("L-GD-100001", "440100")
    url = "/api/v1/agencies/L-GD-100001/penalties"
    body = {**FINE, "decided_on": "2025-11-20"}
    for headers in (None, api_user(client, "own", "agency_admin", agency="L-GD-100001"),
                    api_user(client, "fs", "regulator", city="440600")):
        assert client.post(url, json=body, headers=headers).status_code in (401, 403)
    gz = api_user(client, "gz", "regulator", city="440100")
    created = client.post(url, json=body, headers=gz)
    assert created.status_code == 201 and created.json["recorded_by"] == "gz"
    assert client.post(url, json=body, headers=gz).status_code == 409  # one decision, recorded once
    listed = client.get(url, headers=api_user(client, "fs2", "regulator", city="440600")).json
    assert listed["total"] == 1 and listed["items"][0]["document_no"] == FINE["document_no"]
    history = client.get("/api/v1/agencies/L-GD-100001/history", headers=gz).json
    assert history[-1]["action"] == "penalty" and history[-1]["details"]["harms_tourists"] is True


def test_an_agency_fined_last_year_for_harming_tourists_cannot_gain_outbound_scope(client):
    agency = make_agency("L-GD-100001", "440100", licensed_on=date(2015, 1, 1))
    gz = api_user(client, "gz", "regulator", city="440100")
    last_year = (clock.today() - timedelta(days=300)).isoformat()
    assert client.post("/api/v1/agencies/L-GD-100001/penalties", json={**FINE, "decided_on": last_year},
                       headers=gz).status_code == 201
    response = client.patch("/api/v1/agencies/L-GD-100001", json={"version": agency.version, "outbound": True},
                            headers=gz)
    assert response.status_code == 422
    assert "第八条" in " ".join(response.json["errors"]["outbound"])


def test_a_fine_not_for_harming_tourists_does_not_bar_outbound_scope(client):
    agency = make_agency("L-GD-100001", "440100", licensed_on=date(2015, 1, 1))
    gz = api_user(client, "gz", "regulator", city="440100")
    client.post("/api/v1/agencies/L-GD-100001/penalties",
                json={**FINE, "harms_tourists": False, "decided_on": "2026-01-05"}, headers=gz)
    response = client.patch("/api/v1/agencies/L-GD-100001", json={"version": agency.version, "outbound": True},
                            headers=gz)
    assert response.status_code == 200 and response.json["outbound"] is True


def test_a_penalty_dated_in_the_future_or_without_its_number_is_refused(client):
    make_agency("L-GD-100001", "440100")
    gz = api_user(client, "gz", "regulator", city="440100")
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    response = client.post("/api/v1/agencies/L-GD-100001/penalties",
                           json={**FINE, "decided_on": tomorrow, "document_no": " "}, headers=gz)
    assert response.status_code == 422 and {"decided_on", "document_no"} <= set(response.json["errors"])
