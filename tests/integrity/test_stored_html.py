"""Finding 2: names that users type are escaped on every page that shows them (stored HTML injection)."""

import pytest

from tests.factories import login, make_agency, make_guide, make_office, make_user

PAYLOAD = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'


@pytest.fixture
def hostile_records(app):
    agency = make_agency("L-GD-100001", "440100", name_en=PAYLOAD)
    branch = make_office(agency, "branch", "440600", "submitted")
    branch.name = PAYLOAD
    from tourism.extensions import db

    db.session.commit()
    guide = make_guide("D-4401-000001", "440100", employer="L-GD-100001")
    guide.name = PAYLOAD
    db.session.commit()
    return {"agency": agency.licence_no, "branch": branch.id, "guide": guide.licence_no}


def _pages(records):
    """Who opens which page; True where the page shows one of the hostile names."""
    return {
        "fs": {"/filings": True, f"/filings/{records['branch']}": True, f"/agencies/{records['agency']}": True,
               "/guides": True, f"/guides/{records['guide']}": True},
        "boss": {"/workspace": True},
        None: {f"/verify/{records['guide']}": True, "/agencies?q=L-GD": False},
    }


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_every_page_escapes_user_supplied_names(app, hostile_records, language):
    make_user("fs", "regulator", city="440600")
    make_user("boss", "agency_admin", agency="L-GD-100001")
    for who, paths in _pages(hostile_records).items():
        client = app.test_client()
        if who:
            login(client, who)
        for path, shows_a_name in paths.items():
            response = client.get(path, headers={"Accept-Language": language})
            html = response.get_data(as_text=True)
            assert response.status_code == 200, path
            assert "<meta http-equiv" not in html, path
            assert not shows_a_name or "&lt;meta http-equiv" in html, path
