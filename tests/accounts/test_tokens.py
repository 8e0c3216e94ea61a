"""API bearer tokens: issued for a password, stored hashed, revocable, expiring."""

from datetime import timedelta

from sqlalchemy import select

from tests.factories import PASSWORD, auth, make_user, token_for
from tourism.accounts.models import ApiToken
from tourism.core import clock
from tourism.extensions import db


def test_token_is_issued_for_the_right_password_and_authenticates(client):
    make_user("gz", "regulator", city="440100")
    response = client.post("/api/v1/auth/tokens", json={"username": "gz", "password": PASSWORD, "name": "laptop"})
    assert response.status_code == 201
    token = response.json["token"]
    me = client.get("/api/v1/auth/me", headers=auth(token))
    assert me.status_code == 200
    assert me.json == {"id": me.json["id"], "username": "gz", "role": "regulator", "city_code": "440100"}


def test_wrong_password_and_unknown_user_get_the_same_401(client):
    make_user("gz", "regulator", city="440100")
    wrong = client.post("/api/v1/auth/tokens", json={"username": "gz", "password": "nope-nope-nope"})
    unknown = client.post("/api/v1/auth/tokens", json={"username": "nobody", "password": "nope-nope-nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json == unknown.json


def test_only_a_digest_of_the_token_is_stored(client):
    make_user("gz", "regulator", city="440100")
    token = token_for(client, "gz")
    stored = db.session.scalars(select(ApiToken)).one()
    assert token not in stored.digest and len(stored.digest) == 64


def test_revoked_token_stops_working(client):
    make_user("gz", "regulator", city="440100")
    token = token_for(client, "gz")
    listed = client.get("/api/v1/auth/tokens", headers=auth(token)).json
    assert len(listed) == 1 and listed[0]["revoked_at"] is None
    revoked = client.delete(f"/api/v1/auth/tokens/{listed[0]['id']}", headers=auth(token))
    assert revoked.status_code == 200 and revoked.json["revoked_at"]
    after = client.get("/api/v1/auth/me", headers=auth(token))
    assert after.status_code == 401 and after.json["code"] == "bad_token"


def test_one_cannot_revoke_another_users_token(client):
    make_user("gz", "regulator", city="440100")
    make_user("fs", "regulator", city="440600")
    gz_token = token_for(client, "gz")
    fs_token = token_for(client, "fs")
    fs_id = client.get("/api/v1/auth/tokens", headers=auth(fs_token)).json[0]["id"]
    assert client.delete(f"/api/v1/auth/tokens/{fs_id}", headers=auth(gz_token)).status_code == 404
    assert client.get("/api/v1/auth/me", headers=auth(fs_token)).status_code == 200


def test_expired_token_is_refused(app, client):
    make_user("gz", "regulator", city="440100")
    token = token_for(client, "gz")
    days = app.config["API_TOKEN_DAYS"]
    with clock.frozen_at(clock.now() + timedelta(days=days, minutes=1)):
        assert client.get("/api/v1/auth/me", headers=auth(token)).status_code == 401


def test_deactivated_user_loses_api_access(client):
    user = make_user("gz", "regulator", city="440100")
    token = token_for(client, "gz")
    user.active = False
    db.session.commit()
    assert client.get("/api/v1/auth/me", headers=auth(token)).status_code == 401


def test_malformed_authorization_header_is_401(client):
    assert client.get("/api/v1/auth/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_token_requests_are_rate_limited(app, client):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    make_user("gz", "regulator", city="440100")
    statuses = [client.post("/api/v1/auth/tokens", json={"username": "gz", "password": "wrong-wrong"}).status_code
                for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    response = client.post("/api/v1/auth/tokens", json={"username": "gz", "password": PASSWORD})
    assert response.json["code"] == "rate_limited"
