"""The command-line tools of API.md: create-user, seed-demo."""

import json
from pathlib import Path

from sqlalchemy import func, select

from tourism.accounts import service as accounts
from tourism.accounts.models import User
from tourism.extensions import db


def test_create_user_reads_the_password_from_stdin(app):
    result = app.test_cli_runner().invoke(args=["create-user", "gz", "--role", "regulator", "--city", "440100"],
                                          input="a-long-enough-password\n")
    assert result.exit_code == 0, result.output
    user = accounts.authenticate(db.session, "gz", "a-long-enough-password")
    assert user is not None and user.role == "regulator" and user.city_code == "440100"


def test_create_user_refuses_a_regulator_without_a_city(app):
    result = app.test_cli_runner().invoke(args=["create-user", "gz", "--role", "regulator"],
                                          input="a-long-enough-password\n")
    assert result.exit_code != 0 and "city" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_create_user_refuses_a_duplicate(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["create-user", "boss", "--role", "admin"], input="a-long-enough-password\n")
    again = runner.invoke(args=["create-user", "boss", "--role", "admin"], input="another-password-1\n")
    assert again.exit_code != 0 and "username" in again.output


def test_seed_demo_is_idempotent_and_prints_working_logins(app, client):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    count = db.session.scalar(select(func.count(User.id)))
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and db.session.scalar(select(func.count(User.id))) == count
    assert first.output == second.output
    roles = {u.role for u in db.session.scalars(select(User))}
    assert {"admin", "provincial", "regulator"} <= roles
    saved = json.loads((Path(app.instance_path) / "demo_accounts.json").read_text())
    login = client.post("/api/v1/auth/tokens", json={"username": "province", "password": saved["province"]})
    assert login.status_code == 201 and saved["province"] in first.output


def test_seed_demo_hides_passwords_outside_development(app):
    app.config["DEMO_CREDENTIALS"] = False
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    saved = json.loads((Path(app.instance_path) / "demo_accounts.json").read_text())
    assert result.exit_code == 0 and saved["admin"] not in result.output


def test_seed_demo_gives_every_zone_city_a_regulator(app):
    app.test_cli_runner().invoke(args=["seed-demo"])
    cities = set(db.session.scalars(select(User.city_code).where(User.role == "regulator")))
    assert cities == {"440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"}


def test_seed_demo_reset_starts_from_an_empty_database(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["create-user", "someone", "--role", "admin"], input="a-long-enough-password\n")
    result = runner.invoke(args=["seed-demo", "--reset"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User).where(User.username == "someone")) is None
    assert db.session.scalar(select(User).where(User.username == "province")) is not None


def test_seed_demo_reset_is_refused_outside_development(app):
    app.config["DEMO_CREDENTIALS"] = False
    runner = app.test_cli_runner()
    runner.invoke(args=["create-user", "someone", "--role", "admin"], input="a-long-enough-password\n")
    result = runner.invoke(args=["seed-demo", "--reset"])
    assert result.exit_code != 0 and "development" in result.output
    assert db.session.scalar(select(User).where(User.username == "someone")) is not None
