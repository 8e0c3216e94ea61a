"""Finding 1: a page write is authorised from the stored record and the user's own scope, never from the form;
an error page never shows more than the user may see."""

from tests.factories import csrf_from, login, make_agency, make_guide, make_user
from tourism.core import audit
from tourism.extensions import db


def _agency_admin(client):
    make_agency("L-GD-100001", "440100")
    make_agency("L-GD-200002", "440300")
    make_guide("D-4401-000001", "440100", employer="L-GD-200002")
    make_user("boss", "agency_admin", agency="L-GD-100001")
    login(client, "boss")
    return csrf_from(client.get("/workspace").get_data(as_text=True))


def test_agency_admin_cannot_register_someone_elses_guide_with_an_association(client):
    token = _agency_admin(client)
    before = len(audit.history(db.session, "guide:D-4401-000001"))
    response = client.post("/guides/D-4401-000001/affiliations", data={
        "csrf_token": token, "kind": "association", "agency_licence_no": "L-GD-100001", "start_on": "2000-01-01"})
    assert response.status_code == 403
    db.session.remove()
    assert len(audit.history(db.session, "guide:D-4401-000001")) == before


def test_a_refused_form_does_not_show_the_regulators_record(client):
    token = _agency_admin(client)
    response = client.post("/guides/D-4401-000001/affiliations", data={
        "csrf_token": token, "kind": "association", "agency_licence_no": "L-GD-100001"})
    assert response.status_code == 403
    assert "导游001" not in response.get_data(as_text=True)  # the guide's name, from the record page


def test_association_registration_is_for_the_home_city_even_through_the_api(client):
    from tests.factories import api_user

    make_agency("L-GD-100001", "440100")
    make_guide("D-4401-000001", "440100")
    boss = api_user(client, "boss", "agency_admin", agency="L-GD-100001")
    response = client.post("/api/v1/guides/D-4401-000001/affiliations", headers=boss, json={
        "kind": "association", "agency_licence_no": "L-GD-100001", "start_on": "2026-01-01"})
    assert response.status_code == 403


def test_a_scope_column_on_another_role_lends_no_ownership(app):
    from types import SimpleNamespace

    from tourism.core.authz import can

    make_agency("L-GD-100001", "440100")
    regulator_with_agency = SimpleNamespace(is_authenticated=True, role="regulator", city_code="440600",
                                            agency_id=1, guide_id=None)
    assert not can("agency.manage", user=regulator_with_agency, agency=1)
