"""Demo data, so that a newcomer can walk every user's path on a fresh machine.

Each domain adds its records through :func:`add_seeder`; running the seed twice
changes nothing. Demo passwords are random, kept in the instance folder, and
printed only in development.
"""

import json
import os
import secrets
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from tourism.accounts import service as accounts
from tourism.accounts.models import User

_seeders = {}

# One regulator per zone city, named by the city's usual short form (as the place ids in routes_data are).
CITY_PREFIXES = {"440100": ("gz", "Guangzhou"), "440300": ("sz", "Shenzhen"), "440400": ("zh", "Zhuhai"),
                 "440600": ("fs", "Foshan"), "440700": ("jm", "Jiangmen"), "441200": ("zq", "Zhaoqing"),
                 "441300": ("hz", "Huizhou"), "441900": ("dg", "Dongguan"), "442000": ("zs", "Zhongshan")}

DEMO_ACCOUNTS = [
    # username, role, scope, description
    ("admin", "admin", {}, "system administrator"),
    ("province", "provincial", {}, "provincial regulator (whole zone)"),
] + [(f"{prefix}-regulator", "regulator", {"city": code}, f"{name} regulator")
     for code, (prefix, name) in CITY_PREFIXES.items()
] + [(f"{prefix}-inspector", "inspector", {"city": code}, f"{name} inspector (reads the city's groups, inspects)")
     for code, (prefix, name) in CITY_PREFIXES.items()]


def add_seeder(function, accounts_after=()):
    """Register ``function(session)`` to seed a domain, and demo accounts that need its records."""
    _seeders[function.__qualname__] = (function, list(accounts_after))


def _credentials_file() -> Path:
    return Path(current_app.instance_path) / "demo_accounts.json"


def _load_passwords() -> dict:
    path = _credentials_file()
    return json.loads(path.read_text()) if path.exists() else {}


def _save_passwords(passwords: dict) -> None:
    path = _credentials_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(passwords, handle, indent=1)


def _ensure_account(session, passwords, username, role, scope):
    user = session.scalar(select(User).where(User.username == username))
    password = passwords.get(username)
    if user is None:
        password = password or secrets.token_urlsafe(12)
        accounts.create_user(session, username=username, password=password, role=role, **scope)
    elif password is None:
        password = secrets.token_urlsafe(12)
        accounts.set_password(user, password)
    passwords[username] = password


def seed_demo(session):
    """Seed every domain and its demo accounts; returns ``[(username, password, description)]``."""
    passwords = _load_passwords()
    demo_accounts = list(DEMO_ACCOUNTS)
    for seeder, more_accounts in _seeders.values():
        seeder(session)
        demo_accounts.extend(more_accounts)
    for username, role, scope, _description in demo_accounts:
        _ensure_account(session, passwords, username, role, scope)
    session.flush()
    _save_passwords(passwords)
    return [(username, passwords[username], description) for username, _r, _s, description in demo_accounts]
