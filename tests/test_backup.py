"""Backup and restore: export every table, empty the database, import, and find every row again."""

from sqlalchemy import select

from tests.conftest import empty_all_tables
from tourism.extensions import db


def _snapshot():
    return {table.name: [tuple(row) for row in db.session.execute(
        select(table).order_by(*table.primary_key.columns)).all()] for table in db.metadata.sorted_tables}


def test_round_trip_keeps_every_row_of_every_table(app, tmp_path):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    before = _snapshot()
    assert sum(len(rows) for rows in before.values()) > 50
    path = tmp_path / "backup.json"
    assert runner.invoke(args=["export", str(path)]).exit_code == 0
    db.session.remove()
    empty_all_tables()
    assert sum(len(rows) for rows in _snapshot().values()) == 0
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert _snapshot() == before
    assert runner.invoke(args=["verify-audit"]).exit_code == 0


def test_import_refuses_a_database_with_data(app, tmp_path):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    path = tmp_path / "backup.json"
    runner.invoke(args=["export", str(path)])
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code != 0 and "not empty" in result.output


def test_ids_continue_after_a_restore(app, tmp_path, client):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    path = tmp_path / "backup.json"
    runner.invoke(args=["export", str(path)])
    db.session.remove()
    empty_all_tables()
    runner.invoke(args=["import", str(path)])
    body = {"complainant": {"name": "甲", "phone": "13800000001"}, "respondent": {"kind": "other"},
            "incident_city": "440600", "occurred_on": "2026-11-01", "description": "x", "urgent": False}
    assert client.post("/api/v1/complaints", json=body).status_code == 201
    # Group numbers go on after the restored ones too (the demo's Foshan-branch groups start at 00001).
    from tests.factories import api_user
    from tourism.agencies.service import find_agency
    from tourism.core import clock
    from tourism.groups.models import TourGroup

    branch = next(b for b in find_agency(db.session, "L-GD-DEMO01").branches if b.filing_no)
    restored = set(db.session.scalars(select(TourGroup.group_no)))
    headers = api_user(client, "gz-after", "agency_admin", agency="L-GD-DEMO01")
    today = clock.today().isoformat()
    filed = client.post("/api/v1/groups", headers=headers, json={
        "agency_licence_no": "L-GD-DEMO01", "branch_id": branch.id, "start_on": today, "end_on": today,
        "tourists": 10, "leader": {"name": "甲", "phone": "13800000001"}})
    assert filed.status_code == 201, filed.json
    assert filed.json["group_no"] not in restored


# --- finding 3: a backup taken while the app serves restores cleanly -------------------------------

def _write_while(client, headers, stop):
    """Keep filing complaints, notes, filings and incidents until told to stop."""
    import itertools

    from tests.factories import make_agency, make_office

    agency = make_agency("L-GD-100001", "440100")
    for n in itertools.count():
        if stop.is_set():
            return n
        receipt = client.post("/api/v1/complaints", json=COMPLAINT).json
        client.post(f"/api/v1/complaints/{receipt['tracking_no']}/messages", json={"body": f"n{n}"},
                    headers=headers)
        office = make_office(agency, "branch", "440600", "submitted")
        client.post(f"/api/v1/branches/{office.id}/filing", json={"decision": "filed"}, headers=headers)
        client.post("/api/v1/incidents", headers=headers, json={
            "grade": "IV", "kind": "other", "cities": ["440600"], "occurred_at": "2026-11-24T08:00:00+08:00",
            "summary": f"n{n}"})


COMPLAINT = {"complainant": {"name": "甲", "phone": "13800000001"}, "respondent": {"kind": "other"},
             "incident_city": "440600", "occurred_on": "2026-11-01", "description": "x", "urgent": False}


def test_an_export_under_load_restores_and_everything_works_after(app, client, tmp_path):
    import json
    import threading

    from tests.factories import api_user, make_agency, make_office
    from tourism.core import backup

    headers = api_user(client, "province", "provincial")
    stop = threading.Event()
    def write():
        with app.app_context():
            try:
                _write_while(client, headers, stop)
            finally:
                db.session.remove()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        paths = []
        for attempt in range(3):
            path = tmp_path / f"under-load-{attempt}.json"
            assert app.test_cli_runner().invoke(args=["export", str(path)]).exit_code == 0
            paths.append(path)
    finally:
        stop.set()
        writer.join(60)
    for path in paths:
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        data = json.loads(path.read_text())
        assert backup.dangling_references(data) == []
    db.session.remove()
    empty_all_tables()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", str(paths[-1])])
    assert result.exit_code == 0, result.output
    verified = runner.invoke(args=["verify-audit"])
    assert verified.exit_code == 0, verified.output
    # New numbers follow on from the restored ones: a complaint, an outlet filing in Foshan.
    assert client.post("/api/v1/complaints", json=COMPLAINT).status_code == 201
    agency = make_agency("L-GD-300003", "440100")
    outlet = make_office(agency, "outlet", "440100", "submitted")
    decided = client.post(f"/api/v1/outlets/{outlet.id}/filing", json={"decision": "filed"}, headers=headers)
    assert decided.status_code == 200, decided.json


def test_import_refuses_a_file_with_dangling_references_and_writes_nothing(app, tmp_path):
    import json

    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    path = tmp_path / "backup.json"
    runner.invoke(args=["export", str(path)])
    data = json.loads(path.read_text())
    data["tables"]["agencies"] = []  # their branches and admins now point at nothing
    path.write_text(json.dumps(data))
    db.session.remove()
    empty_all_tables()
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code != 0 and "agency_id = 1 refers to no row of agencies" in result.output and \
        "nothing was imported" in result.output
    assert sum(len(rows) for rows in _snapshot().values()) == 0


def test_counters_move_past_the_numbers_restored(app, client, tmp_path):
    import json

    from tests.factories import api_user

    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    path = tmp_path / "backup.json"
    runner.invoke(args=["export", str(path)])
    data = json.loads(path.read_text())
    for row in data["tables"]["sequences"]:
        row["last"] = 0  # as in a backup whose counters were read before the numbers they handed out
    path.write_text(json.dumps(data))
    db.session.remove()
    empty_all_tables()
    assert runner.invoke(args=["import", str(path)]).exit_code == 0
    assert client.post("/api/v1/complaints", json=COMPLAINT).status_code == 201
    headers = api_user(client, "zs", "regulator", city="442000")
    waiting = client.get("/api/v1/branches?status=submitted&city=442000", headers=headers).json["items"]
    assert waiting and client.post(f"/api/v1/branches/{waiting[0]['id']}/filing", json={"decision": "filed"},
                                   headers=headers).status_code == 200
