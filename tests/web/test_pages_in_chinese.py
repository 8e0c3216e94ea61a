"""Every page, rendered in Chinese for each role over the demo data, shows no English message of the catalogue."""

import re

from babel.messages.pofile import read_po
from sqlalchemy import select

from tests.factories import login
from tourism import ROOT
from tourism.agencies.models import Office
from tourism.complaints.models import Complaint
from tourism.demo import seed_demo
from tourism.emergencies.models import Incident
from tourism.extensions import db
from tourism.guides.models import Guide

PUBLIC = ["/", "/plan", "/agencies", "/verify", "/complaints/new", "/complaints/track", "/login"]
BY_ROLE = {
    "fs-regulator": ["/cases", "/cases?city=", "/filings", "/guides", "/incidents", "/dashboard", "/agencies/new",
                     "/guides/new", "/incidents/new", "/account"],
    "gz-agency": ["/workspace", "/workspace/branch/new", "/workspace/outlet/new"],
    "guide": ["/me/guide"],
}


def english_messages() -> set[str]:
    """The catalogue's English messages long enough to be unmistakable, placeholders cut out."""
    with open(ROOT / "translations" / "zh" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    found = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            for part in re.split(r"%\(\w+\)\w", text or ""):
                if len(part.strip()) >= 14 and " " in part.strip():
                    found.add(part.strip())
    return found


def visible_text(html: str) -> str:
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_no_english_on_chinese_pages(app, client):
    credentials = {name: password for name, password, _ in seed_demo(db.session)}
    db.session.commit()
    office = db.session.scalar(select(Office).order_by(Office.id))
    case = db.session.scalar(select(Complaint).where(Complaint.assigned_city == "440600"))
    incident = db.session.scalar(select(Incident))
    guide = db.session.scalar(select(Guide))
    BY_ROLE["fs-regulator"] += [f"/filings/{office.id}", f"/cases/{case.tracking_no}", f"/incidents/{incident.id}",
                                f"/guides/{guide.licence_no}", "/agencies/L-GD-DEMO01"]
    PUBLIC.append(f"/verify/{guide.licence_no}")
    english = english_messages()
    in_english = visible_text(client.get("/plan", headers={"Accept-Language": "en"}).get_data(as_text=True))
    assert sum(message in in_english for message in english) > 5, "the check finds English where there is some"
    pages = [(None, url) for url in PUBLIC] + [(who, url) for who, urls in BY_ROLE.items() for url in urls]
    problems = []
    for who, url in pages:
        if who:
            login(client, who, credentials[who])
        response = client.get(url, headers={"Accept-Language": "zh-CN"})
        assert response.status_code == 200, (who, url, response.status_code)
        text = visible_text(response.get_data(as_text=True))
        problems += [(who, url, message) for message in english if message in text]
        if who:
            client.post("/logout", data={"csrf_token": re.search(
                r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True)).group(1)})
    assert problems == []
