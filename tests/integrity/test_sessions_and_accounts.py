"""Findings 6 and 14: logging out ends the session; passwords, usernames and scopes that fit the account."""

import pytest

from tests.factories import csrf_from, login, make_agency, make_user
from tourism.accounts import service as accounts
from tourism.core.errors import InvalidInput
from tourism.extensions import db


def _captured_session(client):
    return client.get_cookie("session").value


def test_a_session_captured_before_logout_no_longer_opens_the_workspace(app, client):
    make_agency("L-GD-100001")
    make_user("boss", "agency_admin", agency="L-GD-100001")
    login(client, "boss")
    assert client.get("/workspace").status_code == 200
    stolen = _captured_session(client)
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/account").get_data(as_text=True))})
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/workspace").status_code == 302  # to the log-in page


def test_a_new_password_or_deactivation_ends_every_earlier_session(app, client):
    user = make_user("gz", "regulator", city="440100")
    login(client, "gz")
    assert client.get("/cases").status_code == 200
    accounts.set_password(user, "another long passphrase for gz")
    db.session.commit()
    assert client.get("/cases").status_code == 302
    login(client, "gz", "another long passphrase for gz")
    assert client.get("/cases").status_code == 200
    accounts.set_active(user, False)
    db.session.commit()
    accounts.set_active(user, True)
    db.session.commit()
    assert client.get("/cases").status_code == 302  # reactivation does not revive the old session


@pytest.mark.parametrize("password", ["1234567890", "password123", "qwertyuiop", "guangzhou2026"])
def test_guessable_passwords_are_refused(app, password):
    with pytest.raises(InvalidInput) as refused:
        accounts.create_user(db.session, username="weak", password=password, role="provincial")
    assert "password" in refused.value.errors


def test_look_alike_usernames_are_refused_and_case_is_folded(app):
    with pytest.raises(InvalidInput) as refused:
        accounts.create_user(db.session, username="\u0430dmin", password="a long and unguessable phrase",
                             role="provincial")  # Cyrillic а
    assert "username" in refused.value.errors
    user = accounts.create_user(db.session, username="Admin", password="a long and unguessable phrase",
                                role="provincial")
    assert user.username == "admin"
    assert accounts.find_user(db.session, "ADMIN") is user


def test_create_user_refuses_scope_options_that_do_not_fit_the_role(app):
    make_agency("L-GD-100001")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "mixed", "--role", "regulator", "--city", "440100", "--agency",
                                 "L-GD-100001"], input="a long and unguessable phrase\n")
    assert result.exit_code != 0 and "agency" in result.output


def test_failed_logins_are_throttled_per_account_whatever_the_address(app, client):
    app.config["ACCOUNT_LOGIN_RATE_LIMIT"] = "3 per minute"
    make_user("gz", "regulator", city="440100")
    codes = [client.post("/api/v1/auth/tokens", json={"username": "gz", "password": "wrong guess"},
                         environ_base={"REMOTE_ADDR": f"10.0.0.{n}"}).status_code for n in range(5)]
    assert codes[:3] == [401, 401, 401] and codes[3:] == [429, 429]
    other = make_user("fs", "regulator", city="440600")
    assert other and client.post("/api/v1/auth/tokens", json={"username": "fs", "password": "wrong"},
                                 environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 401
