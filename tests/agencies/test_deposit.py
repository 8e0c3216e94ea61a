"""The quality deposit: each figure from 《旅行社条例》 arts. 13, 14 and 17, which branches count, the shortfall."""

from datetime import date, datetime

from tests.factories import api_user, make_agency, make_office
from tourism.agencies.service import deposit_of, record_penalty
from tourism.core import clock
from tourism.extensions import db

ART_13, ART_14, ART_17 = "《旅行社条例》第十三条", "《旅行社条例》第十四条", "《旅行社条例》第十七条"


def test_domestic_agency_with_branches_in_every_state(app):
    agency = make_agency("L-GD-100001", "440100", outbound=False, deposit_cny=250_000)
    make_office(agency, "branch", "440600", "filed")
    make_office(agency, "branch", "440700", "submitted")
    make_office(agency, "branch", "442000", "returned")
    make_office(agency, "branch", "441300", "closed")
    make_office(agency, "outlet", "440100", "filed")
    statement = deposit_of(agency)
    assert [(line.item, line.amount_cny, line.rule) for line in statement.lines] == [
        ("agency_domestic", 200_000, ART_13),
        ("branch_domestic", 50_000, ART_14),  # filed, Foshan
        ("branch_domestic", 50_000, ART_14),  # awaiting filing, Jiangmen
    ]  # the returned and the closed branch and the outlet add nothing
    assert statement.required_cny == 300_000
    assert statement.held_cny == 250_000 and statement.shortfall_cny == 50_000


def test_outbound_agency_with_outbound_and_domestic_branches(app):
    agency = make_agency("L-GD-100001", "440100", outbound=True, deposit_cny=2_000_000, licensed_on=date(2012, 3, 1))
    make_office(agency, "branch", "440600", "filed", outbound=True)
    make_office(agency, "branch", "440300", "submitted", outbound=False)
    make_office(agency, "branch", "441900", "closed", outbound=True)
    make_office(agency, "branch", "440400", "returned", outbound=True)
    statement = deposit_of(agency)
    assert [(line.item, line.amount_cny, line.rule) for line in statement.lines] == [
        ("agency_domestic", 200_000, ART_13),
        ("agency_outbound", 1_200_000, ART_13),
        ("branch_outbound", 300_000, ART_14),  # the outbound branch in Foshan: art. 14's literal 300,000
        ("branch_domestic", 50_000, ART_14),  # the domestic branch in Shenzhen
    ]
    assert statement.required_cny == 1_750_000 and statement.shortfall_cny == 0


def test_the_outbound_branch_amount_is_a_setting_for_local_practice(app):
    app.config["BRANCH_OUTBOUND_DEPOSIT_CNY"] = 350_000
    agency = make_agency("L-GD-100001", "440100", outbound=True, deposit_cny=0, licensed_on=date(2012, 3, 1))
    make_office(agency, "branch", "440600", "filed", outbound=True)
    assert deposit_of(agency).required_cny == 1_750_000


def test_three_clean_years_from_paying_in_halve_the_deposit(app):
    agency = make_agency("L-GD-100001", "440100", outbound=True, deposit_cny=700_000, licensed_on=date(2012, 3, 1),
                         deposit_since=date(2023, 11, 26))
    make_office(agency, "branch", "440600", "filed")
    statement = deposit_of(agency, today=date(2026, 11, 26))
    assert statement.lines[-1].item == "reduction" and statement.lines[-1].rule == ART_17
    assert statement.required_cny == 725_000 and statement.shortfall_cny == 25_000  # half of 1,450,000
    assert deposit_of(agency, today=date(2026, 11, 25)).required_cny == 1_450_000  # a day short of three years


def test_a_fine_for_harming_tourists_ends_the_reduction_and_a_warning_does_not(app):
    agency = make_agency("L-GD-100001", "440100", deposit_cny=100_000, deposit_since=date(2022, 1, 10))
    record_penalty(db.session, "test", agency, kind="warning", decided_on=date(2024, 5, 1), harms_tourists=True,
                   document_no="穗文旅警〔2024〕3号", authority="广州市文化广电旅游局")
    record_penalty(db.session, "test", agency, kind="fine", decided_on=date(2024, 6, 1), harms_tourists=False,
                   document_no="穗市监罚〔2024〕9号", authority="广州市市场监督管理局")
    assert deposit_of(agency).required_cny == 100_000  # neither counts: halved
    record_penalty(db.session, "test", agency, kind="fine", decided_on=date(2025, 3, 1), harms_tourists=True,
                   document_no="穗文旅罚〔2025〕12号", authority="广州市文化广电旅游局")
    statement = deposit_of(agency)
    assert statement.required_cny == 200_000 and statement.reduced_from is None


def test_a_bank_guarantee_counts_until_its_expiry_date(client):
    agency = make_agency("L-GD-100001", "440100", deposit_cny=200_000, deposit_kind="guarantee",
                         guarantee_expires_on=date(2026, 12, 20))
    own = api_user(client, "own", "agency_admin", agency="L-GD-100001")
    with clock.frozen_at(datetime(2026, 12, 1, 9, 0)):
        body = client.get("/api/v1/agencies/L-GD-100001/deposit", headers=own).json
        assert (body["held_cny"], body["shortfall_cny"], body["guarantee_expiring"]) == (200_000, 0, True)
    with clock.frozen_at(datetime(2026, 12, 20, 9, 0)):
        body = client.get("/api/v1/agencies/L-GD-100001/deposit", headers=own).json
        assert (body["held_cny"], body["shortfall_cny"], body["guarantee_expired"]) == (0, 200_000, True)
    assert agency.deposit_kind == "guarantee"


def test_a_guarantee_needs_its_expiry_date(client):
    agency = make_agency("L-GD-100001", "440100")
    gz = api_user(client, "gz", "regulator", city="440100")
    response = client.patch("/api/v1/agencies/L-GD-100001", json={"version": agency.version,
                                                                   "deposit_kind": "guarantee"}, headers=gz)
    assert response.status_code == 422 and "guarantee_expires_on" in response.json["errors"]


def test_deposit_api_for_the_agency_and_the_regulators(client):
    agency = make_agency("L-GD-100001", "440100", deposit_cny=200_000)
    make_office(agency, "branch", "440600", "submitted")
    make_agency("L-GD-200002", "440300")
    url = "/api/v1/agencies/L-GD-100001/deposit"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=api_user(client, "other", "agency_admin", agency="L-GD-200002")).status_code == 403
    for headers in (api_user(client, "own", "agency_admin", agency="L-GD-100001"),
                    api_user(client, "zh", "regulator", city="440400"),
                    api_user(client, "province", "provincial")):
        body = client.get(url, headers=headers).json
        assert (body["required_cny"], body["held_cny"], body["shortfall_cny"]) == (250_000, 200_000, 50_000)
        assert body["lines"][-1]["rule"] == ART_14 and body["lines"][-1]["office_id"]


def test_the_filing_decision_shows_the_deposit(client):
    agency = make_agency("L-GD-100001", "440100", deposit_cny=200_000)
    branch = make_office(agency, "branch", "440600")
    fs = api_user(client, "fs", "regulator", city="440600")
    decided = client.post(f"/api/v1/branches/{branch.id}/filing", json={"decision": "filed"}, headers=fs).json
    assert decided["deposit"]["shortfall_cny"] == 50_000
    assert decided["deposit"]["required_cny"] == 250_000


def test_dropping_outbound_scope_needs_the_outbound_branches_closed(client):
    agency = make_agency("L-GD-100001", "440100", outbound=True, licensed_on=date(2012, 3, 1))
    make_office(agency, "branch", "440600", "filed", outbound=True)
    gz = api_user(client, "gz", "regulator", city="440100")
    response = client.patch("/api/v1/agencies/L-GD-100001", json={"version": agency.version, "outbound": False},
                            headers=gz)
    assert response.status_code == 422 and "outbound" in response.json["errors"]
