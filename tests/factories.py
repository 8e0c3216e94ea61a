"""Small builders for test data, and helpers that act like a user of the API or pages."""

import re

from tourism.accounts import service as accounts
from tourism.extensions import db

PASSWORD = "correct-horse-battery"


def make_user(username="user", role="admin", city=None, **scope):
    user = accounts.create_user(db.session, username=username, password=PASSWORD, role=role, city=city, **scope)
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


def make_agency(licence_no="L-GD-100001", home_city="440100", outbound=False, deposit_cny=200_000, **extra):
    from tourism.agencies import service

    agency = service.create_agency(db.session, "test", licence_no=licence_no, name=f"测试旅行社{licence_no}",
                                   home_city=home_city, outbound=outbound, deposit_cny=deposit_cny, **extra)
    db.session.commit()
    return agency


def make_office(agency, kind="branch", city="440600", status="submitted", **extra):
    """A branch or outlet submitted on the clock's today, optionally decided."""
    from tourism.agencies import service
    from tourism.core import clock

    extra.setdefault("established_on", clock.today())
    office = service.submit_office(db.session, "test", agency, kind=kind, city=city, name=f"{kind} in {city}",
                                   address=f"{city} 某路 1 号", **extra)
    if status in ("filed", "returned"):
        service.decide_filing(db.session, "test", office, decision=status,
                              reason="材料不全" if status == "returned" else None)
    elif status == "closed":
        service.close_office(db.session, "test", office, closed_on=office.established_on)
    db.session.commit()
    return office


def make_guide(licence_no="D-4401-000001", home_city="440100", level="intermediate", languages=("zh", "en"),
               issued_on=None, expires_on=None, employer=None, association=None, affiliated_from=None):
    """A guide valid from a year ago for three years, employed by ``employer`` or registered with an association."""
    from datetime import timedelta

    from tourism.core import clock
    from tourism.guides import service

    issued_on = issued_on or clock.today() - timedelta(days=365)
    expires_on = expires_on or issued_on + timedelta(days=3 * 365)
    guide = service.create_guide(db.session, "test", licence_no=licence_no, name=f"导游{licence_no[-3:]}",
                                 home_city=home_city, level=level, languages=list(languages), issued_on=issued_on,
                                 expires_on=expires_on)
    start = affiliated_from or issued_on
    if employer:
        service.add_affiliation(db.session, "test", guide, kind="employment", start_on=start,
                                agency_licence_no=employer)
    if association:
        service.add_affiliation(db.session, "test", guide, kind="association", start_on=start, association=association)
    db.session.commit()
    return guide
