"""Histories read as sentences in the page's language: every action the code records has one, no raw data."""

import re
from pathlib import Path

from tests.factories import login, make_agency, make_guide, make_office, make_user
from tourism import ROOT
from tourism.core import history


def recorded_actions() -> set[str]:
    """Every action name passed to audit.record in the code (office decisions are the filing statuses)."""
    names = set()
    for path in Path(ROOT / "tourism").rglob("*.py"):
        names |= set(re.findall(r'audit\.record\([^,]+, [^,]+, "([a-z_]+)"', path.read_text(encoding="utf-8")))
    return names | {"branch_submitted", "outlet_submitted", "filed", "returned"}


def test_every_recorded_action_reads_as_a_sentence(app):
    actions = recorded_actions()
    assert len(actions) > 25 and {action for action in actions if not history.told(action)} == set()


def test_a_regulators_history_shows_names_and_sentences_not_raw_data(client):
    agency = make_agency("L-GD-000001", "440100")
    make_office(agency, "branch", "440600", "filed")
    make_guide("D-4401-000001", "440100", employer="L-GD-000001")
    make_user("gz", "regulator", city="440100")
    login(client, "gz")
    for url in ("/agencies/L-GD-000001", "/guides/D-4401-000001"):
        html = client.get(url).get_data(as_text=True)
        timeline = html.split('<ol class="timeline">')[-1].split("</ol>")[0]
        assert "440100" not in timeline and "'" not in timeline and "{" not in timeline, timeline
        assert "广州市" in timeline
