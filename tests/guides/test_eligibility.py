"""Cross-city eligibility: each rule, with its date boundaries, fails when it should and only then."""

from datetime import date

import pytest

from tests.factories import make_agency, make_guide
from tourism.extensions import db
from tourism.guides import service

ISSUED, EXPIRES = date(2025, 6, 1), date(2028, 5, 31)
TOUR = {"start_on": "2026-12-04", "end_on": "2026-12-06"}


@pytest.fixture
def setting(app):
    """A Guangzhou guide employed by a Guangzhou agency; a second, unrelated agency."""
    make_agency("L-GD-000001", "440100")
    make_agency("L-GD-000002", "440600")
    guide = make_guide("D-4401-000001", "440100", languages=("zh", "en"), issued_on=ISSUED, expires_on=EXPIRES,
                       employer="L-GD-000001")
    return guide


def check(client, **overrides):
    body = {"licence_no": "D-4401-000001", "cities": ["440100", "440600"], **TOUR,
            "agency_licence_no": "L-GD-000001", "language": "en", **overrides}
    body = {k: v for k, v in body.items() if v is not None}
    response = client.post("/api/v1/eligibility", json=body)
    assert response.status_code == 200, response.json
    return response.json


def failed(result):
    return {c["code"] for c in result["checks"] if not c["passed"]}


def test_everything_in_order_is_eligible(client, setting):
    result = check(client)
    assert result["eligible"] is True and failed(result) == set()
    assert result["cities"] == {"440100": True, "440600": True}
    assert {c["code"] for c in result["checks"]} == {
        "licence_known", "licence_valid", "not_revoked", "not_suspended", "cities_recognised",
        "dispatched_by_affiliated_agency", "speaks_language", "no_disciplinary_bar"}


def test_unknown_licence_is_not_eligible_and_not_404(client, setting):
    result = check(client, licence_no="D-4401-999999")
    assert result["eligible"] is False and failed(result) == {"licence_known"}
    assert result["cities"] == {"440100": False, "440600": False}


def test_expiry_on_the_last_tour_day_is_fine_the_day_before_is_not(client, setting):
    setting.expires_on = date(2026, 12, 6)
    db.session.commit()
    assert check(client)["eligible"] is True
    setting.expires_on = date(2026, 12, 5)
    db.session.commit()
    result = check(client)
    assert failed(result) == {"licence_valid"} and result["cities"]["440100"] is False


def test_a_licence_issued_after_the_tour_starts_fails(client, setting):
    setting.issued_on = date(2026, 12, 5)
    db.session.commit()
    assert "licence_valid" in failed(check(client))


def test_suspension_ending_the_day_before_the_tour_passes(client, setting):
    service.change_status(db.session, "test", setting, status="suspended", reason="调查", until=date(2026, 12, 3))
    db.session.commit()
    assert check(client)["eligible"] is True


def test_suspension_reaching_the_first_day_fails(client, setting):
    service.change_status(db.session, "test", setting, status="suspended", reason="调查", until=date(2026, 12, 4))
    db.session.commit()
    assert failed(check(client)) == {"not_suspended"}


def test_open_ended_suspension_fails(client, setting):
    service.change_status(db.session, "test", setting, status="suspended", reason="调查")
    db.session.commit()
    assert failed(check(client)) == {"not_suspended"}


def test_revoked_licence_fails(client, setting):
    service.change_status(db.session, "test", setting, status="revoked", reason="强迫购物")
    db.session.commit()
    assert failed(check(client)) == {"not_revoked"}


def test_local_guide_outside_the_zone_fails_for_that_city_only(client, setting):
    result = check(client, cities=["440100", "441800"])  # Qingyuan is not a zone member
    assert failed(result) == {"cities_recognised"}
    assert result["cities"] == {"440100": True, "441800": False}


def test_an_escort_is_not_limited_by_city(client, setting):
    assert check(client, cities=["440100", "441800"], role="escort")["eligible"] is True


def test_a_guide_of_a_city_outside_the_zone_leads_locally_only_at_home(client, setting):
    make_guide("D-4418-000002", "441800", languages=("zh", "en"), issued_on=ISSUED, expires_on=EXPIRES,
               employer="L-GD-000001")
    home = check(client, licence_no="D-4418-000002", cities=["441800"])
    assert home["eligible"] is True
    away = check(client, licence_no="D-4418-000002", cities=["440100"])
    assert failed(away) == {"cities_recognised"}


def test_before_the_zone_took_effect_only_the_home_city(client, app):
    make_agency("L-GD-000001", "440100")
    make_guide("D-4401-000003", "440100", issued_on=date(2010, 1, 1), expires_on=date(2012, 12, 31),
               employer="L-GD-000001")
    before = check(client, licence_no="D-4401-000003", start_on="2011-11-05", end_on="2011-11-07")
    assert failed(before) == {"cities_recognised"} and before["cities"]["440100"] is True
    after = check(client, licence_no="D-4401-000003", start_on="2011-11-07", end_on="2011-11-09")
    assert after["eligible"] is True


def test_dispatch_by_an_agency_that_does_not_employ_the_guide_fails(client, setting):
    assert failed(check(client, agency_licence_no="L-GD-000002")) == {"dispatched_by_affiliated_agency"}


def test_association_registration_lets_any_agency_dispatch(client, setting):
    make_guide("D-4401-000002", "440100", issued_on=ISSUED, expires_on=EXPIRES, association="广州市导游协会")
    assert check(client, licence_no="D-4401-000002", agency_licence_no="L-GD-000002")["eligible"] is True


def test_employment_ending_during_the_tour_fails(client, setting):
    service.end_affiliation(db.session, "test", setting.affiliations[0], end_on=date(2026, 12, 5))
    db.session.commit()
    assert failed(check(client)) == {"dispatched_by_affiliated_agency"}


def test_an_agency_whose_licence_is_suspended_cannot_dispatch(client, setting):
    from tourism.agencies.service import change_licence_status, get_agency

    change_licence_status(db.session, "test", get_agency(db.session, "L-GD-000001"), status="suspended",
                          reason="保证金不足")
    db.session.commit()
    assert failed(check(client)) == {"dispatched_by_affiliated_agency"}


def test_unknown_dispatching_agency_fails(client, setting):
    assert failed(check(client, agency_licence_no="L-XX-404")) == {"dispatched_by_affiliated_agency"}


def test_without_a_named_agency_any_affiliation_through_the_tour_suffices(client, setting):
    assert check(client, agency_licence_no=None)["eligible"] is True
    service.end_affiliation(db.session, "test", setting.affiliations[0], end_on=date(2026, 12, 1))
    db.session.commit()
    assert failed(check(client, agency_licence_no=None)) == {"dispatched_by_affiliated_agency"}


def test_the_groups_language_must_be_spoken(client, setting):
    assert failed(check(client, language="fr")) == {"speaks_language"}
    assert "speaks_language" not in {c["code"] for c in check(client, language=None)["checks"]}


def test_a_bar_overlapping_the_tour_fails_one_ended_the_day_before_does_not(client, setting):
    bar = service.add_bar(db.session, "test", setting, reason="列入黑名单", start_on=date(2026, 11, 1),
                          end_on=date(2026, 12, 3))
    db.session.commit()
    assert check(client)["eligible"] is True
    service.lift_bar(db.session, "test", bar, last_day=date(2026, 12, 4))
    db.session.commit()
    assert failed(check(client)) == {"no_disciplinary_bar"}


def test_reasons_come_in_the_requests_language(client, setting):
    setting.expires_on = date(2026, 12, 5)
    db.session.commit()
    body = {"licence_no": "D-4401-000001", "cities": ["440100"], **TOUR}
    english = client.post("/api/v1/eligibility", json=body, headers={"Accept-Language": "en"}).json
    chinese = client.post("/api/v1/eligibility", json=body, headers={"Accept-Language": "zh-CN"}).json
    message_en = next(c["message"] for c in english["checks"] if c["code"] == "licence_valid")
    message_zh = next(c["message"] for c in chinese["checks"] if c["code"] == "licence_valid")
    assert "expires on 2026-12-05" in message_en
    assert "2026-12-05" in message_zh and "到期" in message_zh


@pytest.mark.parametrize("body,field", [
    ({"start_on": "2026-12-06", "end_on": "2026-12-04"}, "end_on"),
    ({"cities": []}, "cities"),
    ({"cities": ["999999"]}, "cities.0"),
    ({"role": "driver"}, "role"),
    ({"language": "english"}, "language"),
])
def test_bad_requests_are_422_with_the_field(client, setting, body, field):
    request = {"licence_no": "D-4401-000001", "cities": ["440100"], **TOUR, **body}
    response = client.post("/api/v1/eligibility", json=request)
    assert response.status_code == 422 and field in response.json["errors"], response.json
