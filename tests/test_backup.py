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
