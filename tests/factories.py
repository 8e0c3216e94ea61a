"""Small builders for test data, and helpers that act like a user of the API or pages."""

import re

from tourism.accounts import service as accounts
from tourism.extensions import db

PASSWORD = "correct-horse-battery"


def make_user(username="user", role="admin", city=None, **scope):
    user = accounts.create_user(db.session, username, PASSWORD, role, city=city, **scope)
    db.session.commit()
    return user


def token_for(client, username, password=PASSWORD):
    response = client.post("/api/v1/auth/tokens", json={"username": username, "password": password})
    assert response.status_code == 201, response.json
    return response.json["token"]


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def api_user(client, username="user", role="admin", city=None, **scope):
    """Create a user and return the headers that authenticate as them."""
    make_user(username, role, city, **scope)
    return auth(token_for(client, username))


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def login(client, username, password=PASSWORD):
    page = client.get("/login").get_data(as_text=True)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf_from(page)})
