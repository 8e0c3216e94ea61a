"""Demo guides (fictional, marked 示例) in several states, employed by the demo agencies."""

from datetime import timedelta

from tourism.core import clock
from tourism.guides import service

ACTOR = "demo-seed"

GUIDES = [
    # licence, name, home city, level, languages, issued years ago, agency (employment) or None (association)
    ("D-4401-900001", "示例·陈导", "440100", "senior", ["zh", "en"], 1, "L-GD-DEMO01"),
    ("D-4406-900002", "示例·黄导", "440600", "intermediate", ["zh", "ja"], 2, "L-GD-DEMO02"),
    ("D-4403-900003", "示例·李导", "440300", "junior", ["zh"], 1, None),
    ("D-4420-900004", "示例·梁导", "442000", "special", ["zh", "en", "fr"], 2, "L-GD-DEMO01"),
    ("D-4418-900005", "示例·何导", "441800", "junior", ["zh"], 1, "L-GD-DEMO01"),  # Qingyuan: outside the zone
]


def seed_guides(session):
    if service.find_guide(session, GUIDES[0][0]):
        return
    today = clock.today()
    for licence_no, name, city, level, languages, years, agency in GUIDES:
        issued = today - timedelta(days=365 * years)
        guide = service.create_guide(session, ACTOR, licence_no=licence_no, name=name, home_city=city, level=level,
                                     languages=languages, issued_on=issued,
                                     expires_on=issued + timedelta(days=365 * 3 - 1))
        if agency:
            service.add_affiliation(session, ACTOR, guide, kind="employment", start_on=issued, agency_licence_no=agency)
        else:
            service.add_affiliation(session, ACTOR, guide, kind="association", start_on=issued,
                                    association="示例市导游协会")
    suspended = service.find_guide(session, "D-4406-900002")
    service.change_status(session, ACTOR, suspended, status="suspended", reason="示例：游客投诉调查期间暂停执业",
                          until=today + timedelta(days=20))
    session.flush()


seed_guides.accounts = [("guide", "guide", {"guide": "D-4401-900001"}, "a Guangzhou guide")]
