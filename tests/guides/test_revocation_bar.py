"""《旅游法》art. 103: a revoked guide licence bars a new one for the same person for three years."""

from datetime import datetime

from tests.factories import api_user
from tourism.core import clock
from tourism.extensions import db
from tourism.guides.models import Guide

GUIDE = {"licence_no": "D-4401-000001", "name": "陈导", "home_city": "440100", "level": "junior",
         "languages": ["zh"], "issued_on": "2024-03-01", "expires_on": "2027-02-28", "id_number": "44010619900101123X"}


def revoke(client, headers, licence_no):
    response = client.post(f"/api/v1/guides/{licence_no}/status", json={"status": "revoked", "reason": "强迫购物"},
                           headers=headers)
    assert response.status_code == 200, response.json


def test_a_new_licence_within_three_years_of_revocation_is_refused_with_the_date(client):
    with clock.frozen_at(datetime(2026, 11, 26, 9, 0)):
        gz = api_user(client, "gz", "regulator", city="440100")
        assert client.post("/api/v1/guides", json=GUIDE, headers=gz).status_code == 201
        revoke(client, gz, GUIDE["licence_no"])
        again = {**GUIDE, "licence_no": "D-4401-000002", "issued_on": "2027-06-01", "expires_on": "2030-05-31",
                 "id_number": "44010619900101123x"}  # the same person, typed in lower case
        refused = client.post("/api/v1/guides", json=again, headers={**gz, "Accept-Language": "en"})
        assert refused.status_code == 422 and refused.json["code"] == "revocation_bar"
        assert "2029-11-25" in refused.json["message"]
        other_person = {**again, "id_number": "440106199202021234"}
        assert client.post("/api/v1/guides", json=other_person, headers=gz).status_code == 201
    assert "44010619900101123X" not in str(db.session.execute(db.select(Guide.id_digest)).all())


def test_after_three_years_a_new_licence_may_be_registered(client):
    with clock.frozen_at(datetime(2023, 11, 1, 9, 0)):
        gz = api_user(client, "gz", "regulator", city="440100")
        client.post("/api/v1/guides", json={**GUIDE, "issued_on": "2023-03-01", "expires_on": "2026-02-28"},
                    headers=gz)
        revoke(client, gz, GUIDE["licence_no"])
    with clock.frozen_at(datetime(2026, 11, 26, 9, 0)):
        gz = api_user(client, "gz2", "regulator", city="440100")
        later = {**GUIDE, "licence_no": "D-4401-000003", "issued_on": "2026-11-01", "expires_on": "2029-10-31"}
        assert client.post("/api/v1/guides", json=later, headers=gz).status_code == 201
