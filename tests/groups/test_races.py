"""Groups under concurrency: one guide, one group at a time; one amendment per version; nothing lost."""

from sqlalchemy import func, select

from tests.concurrency import race, verify_audit_passes
from tests.factories import api_user
from tests.groups.conftest import JM, day, filing
from tourism.extensions import db
from tourism.groups.models import GroupGuide, GroupVersion, TourGroup


def test_many_filings_for_one_guide_on_the_same_days_file_exactly_one(client, clients, app, tour):
    body = filing(tour)
    codes, responses = race(client, clients, lambda c, i: c.post("/api/v1/groups", json=body, headers=tour["admin"]))
    assert codes.count(201) == 1 and codes.count(422) == clients - 1, codes
    refused = next(r for r in responses if r.status_code == 422).json
    assert any(c["code"] == "guide_available" and not c["passed"] for c in refused["checks"])
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(GroupGuide)) == 1
    verify_audit_passes(app)


def test_many_filings_with_different_guides_all_land_with_distinct_numbers(client, clients, app, tour):
    body = filing(tour, guides=[])
    codes, responses = race(client, clients, lambda c, i: c.post("/api/v1/groups", json=body, headers=tour["admin"]))
    assert codes == [201] * clients
    numbers = {r.json["group_no"] for r in responses}
    assert len(numbers) == clients
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(TourGroup)) == clients
    verify_audit_passes(app)


def test_amendments_on_one_version_give_one_new_version_and_conflicts(client, clients, app, tour):
    no = client.post("/api/v1/groups", json=filing(tour), headers=tour["admin"]).json["group_no"]
    bodies = [filing(tour, version=1, tourists=10 + i) for i in range(clients)]
    codes, _ = race(client, clients, lambda c, i: c.put(f"/api/v1/groups/{no}", json=bodies[i],
                                                        headers=tour["admin"]))
    assert codes.count(200) == 1 and codes.count(409) == clients - 1, codes
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(GroupVersion)) == 2
    verify_audit_passes(app)


def test_a_receiving_agency_answering_twice_at_once_records_one_answer(client, clients, app, tour):
    start = tour["start"]
    no = client.post("/api/v1/groups", headers=tour["admin"], json=filing(tour, receiving=[
        {"agency_licence_no": JM, "cities": ["440700"], "start_on": day(start, 1), "end_on": day(start, 1)}])
    ).json["group_no"]
    jm = api_user(client, "jm-admin", "agency_admin", agency=JM)
    codes, _ = race(client, clients, lambda c, i: c.post(f"/api/v1/groups/{no}/receiving/{JM}", headers=jm, json={
        "decision": "accepted" if i % 2 else "declined", "reason": "满员"}))
    assert codes.count(200) == 1 and codes.count(409) == clients - 1, codes
    verify_audit_passes(app)
