"""Signed credentials: issue, verify online and offline, tamper, expire, and status changes after issue."""

import base64
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from tests.factories import api_user, csrf_from, make_agency, make_guide
from tourism.core import clock
from tourism.extensions import db
from tourism.guides import credentials, service


def issue(client, headers, licence_no="D-4401-000001"):
    response = client.post(f"/api/v1/guides/{licence_no}/credential", headers=headers)
    assert response.status_code == 201, response.json
    return response.json["credential"]


def verify(client, token):
    return client.post("/api/v1/credentials/verify", json={"credential": token}).json


def setup_guide(client):
    make_agency("L-GD-000001")
    make_guide("D-4401-000001", "440100", employer="L-GD-000001")
    return api_user(client, "me", "guide", guide="D-4401-000001")


def test_the_guide_issues_and_anyone_verifies(client):
    token = issue(client, setup_guide(client))
    result = verify(client, token)
    assert result["valid"] is True and result["reason"] == "ok"
    assert result["claims"]["licence_no"] == "D-4401-000001" and result["current_status"] == "active"


def test_only_the_guide_or_home_regulators_issue(client):
    setup_guide(client)
    make_guide("D-4401-000002", "440100")
    other = api_user(client, "other", "guide", guide="D-4401-000002")
    assert client.post("/api/v1/guides/D-4401-000001/credential", headers=other).status_code == 403
    assert client.post("/api/v1/guides/D-4401-000001/credential").status_code == 401
    gz = api_user(client, "gz", "regulator", city="440100")
    assert client.post("/api/v1/guides/D-4401-000001/credential", headers=gz).status_code == 201


def test_offline_check_with_the_published_key(client):
    token = issue(client, setup_guide(client))
    key = client.get("/api/v1/credentials/public-key").json
    raw = base64.urlsafe_b64decode(key["public_key"] + "=" * (-len(key["public_key"]) % 4))
    public = Ed25519PublicKey.from_public_bytes(raw)
    assert credentials.verify(token, public, clock.now()).valid


def test_one_tampered_byte_fails(client):
    token = issue(client, setup_guide(client))
    version, payload, signature = token.split(".")
    flipped = payload[:10] + ("A" if payload[10] != "A" else "B") + payload[11:]
    assert verify(client, f"{version}.{flipped}.{signature}")["reason"] == "bad_signature"
    sig = signature[:-3] + ("A" if signature[-3] != "A" else "B") + signature[-2:]
    assert verify(client, f"{version}.{payload}.{sig}")["valid"] is False
    assert verify(client, "not-a-credential")["reason"] == "malformed"


def test_an_expired_credential_fails(client):
    token = issue(client, setup_guide(client))
    with clock.frozen_at(clock.now() + timedelta(minutes=61)):
        assert verify(client, token)["reason"] == "expired"


def test_a_suspended_licence_never_verifies_as_valid(client):
    headers = setup_guide(client)
    guide = service.find_guide(db.session, "D-4401-000001")
    service.change_status(db.session, "test", guide, status="suspended", reason="调查")
    db.session.commit()
    result = verify(client, issue(client, headers))
    assert result["valid"] is False and result["reason"] == "licence_not_active"


def test_a_credential_of_a_licence_revoked_since_is_not_valid_online(client):
    token = issue(client, setup_guide(client))
    guide = service.find_guide(db.session, "D-4401-000001")
    service.change_status(db.session, "test", guide, status="revoked", reason="严重违规")
    db.session.commit()
    during = verify(client, token)
    assert during["valid"] is False and during["reason"] == "licence_not_active_now"
    assert during["current_status"] == "revoked" and during["check"] == "online"
    key = client.get("/api/v1/credentials/public-key").json
    public = Ed25519PublicKey.from_public_bytes(credentials._unb64(key["public_key"]))
    assert credentials.verify(token, public, clock.now()).valid  # offline: bounded by the credential's expiry
    with clock.frozen_at(clock.now() + timedelta(hours=2)):
        assert credentials.verify(token, public, clock.now()).valid is False


def test_the_inspector_page_says_not_valid_and_which_check_was_made(client):
    token = issue(client, setup_guide(client))
    guide = service.find_guide(db.session, "D-4401-000001")
    service.change_status(db.session, "test", guide, status="revoked", reason="严重违规")
    db.session.commit()
    page = client.get("/verify", headers={"Accept-Language": "en"}).get_data(as_text=True)
    html = client.post("/verify", data={"csrf_token": csrf_from(page), "credential": token},
                       headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Not valid" in html and "no longer active" in html and "Checked online against the registry" in html


@pytest.mark.parametrize("mangle", [lambda s: s + "=", lambda s: s + "==", lambda s: s[:-1] + "*" + s[-1:]],
                         ids=["padding", "double padding", "stray character"])
def test_only_the_canonical_signature_encoding_is_accepted(client, mangle):
    token = issue(client, setup_guide(client))
    body, signature = token.rsplit(".", 1)
    assert verify(client, token)["valid"] is True
    assert verify(client, f"{body}.{mangle(signature)}")["valid"] is False


def test_an_expired_licence_does_not_verify(client):
    headers = setup_guide(client)
    guide = service.find_guide(db.session, "D-4401-000001")
    guide.expires_on = clock.today()
    db.session.commit()
    token = issue(client, headers)
    with clock.frozen_at(clock.now().replace(hour=23, minute=59) + timedelta(minutes=2)):
        assert verify(client, token)["valid"] is False
