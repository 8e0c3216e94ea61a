"""Races on one record from many clients at once, on PostgreSQL: how many answers were 5xx (must be 0) and
how many writes answered 2xx are missing afterwards (must be 0).

Three rounds, each from --clients threads released together against a threaded server:
- one case: half the clients move it on with the same version (one may win, the rest get 409),
  half add a note (all must be kept);
- one incident: its three cities acknowledge while everyone else appends updates;
- one filing: every client decides it with the same version (one wins).
GET /api/v1/ping with the same clients is the baseline the rounds' rates are compared with. The audit
chain is verified at the end.

    .venv/bin/python bench/race.py [--clients 50]
"""

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from bench.httpload import run_clients  # noqa: E402
from bench.pgserver import fresh_database, migrated_app, serve  # noqa: E402
from tourism.accounts import service as accounts  # noqa: E402
from tourism.agencies import service as agencies  # noqa: E402
from tourism.complaints import service as complaints  # noqa: E402
from tourism.complaints.models import ComplaintMessage  # noqa: E402
from tourism.core import audit, clock  # noqa: E402
from tourism.emergencies import service as emergencies  # noqa: E402
from tourism.emergencies.models import IncidentCity, IncidentUpdate  # noqa: E402
from tourism.extensions import db  # noqa: E402

CITIES = ["440400", "442000", "440700"]


def setup(app):
    """The records to race on and a token for each actor."""
    with app.app_context():
        session = db.session
        tokens = {}
        for username, role, scope in [("fs", "regulator", {"city": "440600"}), ("province", "provincial", {})] + \
                [(f"r{city}", "regulator", {"city": city}) for city in CITIES]:
            user = accounts.create_user(session, username=username, password="a long bench passphrase 2026",
                                       role=role, **scope)
            tokens[username] = {"Authorization": f"Bearer {accounts.issue_token(session, user)[0]}"}
        case, _code = complaints.file_complaint(
            session, complainant_name="甲", complainant_phone="13800000000", respondent_kind="other",
            incident_city="440600", occurred_on=clock.today(), description="race")
        incident = emergencies.report_incident(session, "bench", grade="IV", kind="other", cities=CITIES,
                                               occurred_at=clock.now(), summary="race")
        agency = agencies.create_agency(session, "bench", licence_no="L-GD-RACE01", name="竞速旅行社",
                                        home_city="440100")
        office = agencies.submit_office(session, "bench", agency, kind="branch", city="440600", name="佛山分社",
                                        address="佛山", established_on=clock.today())
        session.commit()
        return tokens, case.tracking_no, incident.id, office.id


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    n = args.clients
    with tempfile.TemporaryDirectory() as folder:
        app = migrated_app(fresh_database("tourism_race"), folder, n)
        tokens, tracking_no, incident_id, office_id = setup(app)
        base, server = serve(app)
        _pings, ping_seconds = run_clients(base, n, n * 10, lambda i: ("ping", "GET", "/api/v1/ping", None))

        def case_round(i):
            if i % 2:
                return ("note", "POST", f"/api/v1/complaints/{tracking_no}/messages",
                        json.dumps({"body": f"note-{i}"}), tokens["fs"])
            return ("move", "POST", f"/api/v1/complaints/{tracking_no}/transitions",
                    json.dumps({"to": "accepted", "version": 1}), tokens["fs"])

        def incident_round(i):
            if i < len(CITIES):
                return ("ack", "POST", f"/api/v1/incidents/{incident_id}/acknowledge", None,
                        tokens[f"r{CITIES[i]}"])
            return ("update", "POST", f"/api/v1/incidents/{incident_id}/updates",
                    json.dumps({"body": f"update-{i}"}), tokens["province"])

        def filing_round(i):
            return ("decide", "POST", f"/api/v1/branches/{office_id}/filing",
                    json.dumps({"decision": "filed", "version": 1}), tokens["fs"])

        rounds = {}
        for name, request_for in (("case", case_round), ("incident", incident_round), ("filing", filing_round)):
            rounds[name] = run_clients(base, n, n, request_for)
        server.shutdown()

        with app.app_context():
            notes = set(db.session.scalars(select(ComplaintMessage.body)))
            updates = set(db.session.scalars(select(IncidentUpdate.body)))
            acknowledged = set(db.session.scalars(select(IncidentCity.city).where(
                IncidentCity.acknowledged_at.is_not(None))))
            history = dict(db.session.execute(
                select(audit.AuditEntry.action, func.count()).group_by(audit.AuditEntry.action)).all())
            report = audit.verify_all(db.session)
            db.engine.dispose()

    ping_rate = n * 10 / ping_seconds
    errors = lost = 0
    print(f"clients: {n}; ping baseline {ping_rate:.0f} req/s")
    for name, (results, seconds) in rounds.items():
        codes = [status for _label, status, _body, _t in results]
        five = sum(1 for c in codes if c is None or c >= 500)
        errors += five
        summary = ", ".join(f"{code}: {codes.count(code)}" for code in sorted(set(codes), key=str))
        print(f"{name}: {summary}; {n / seconds:.0f} req/s, ratio to ping {n / seconds / ping_rate:.2f}")
    case_results, incident_results, filing_results = (rounds[k][0] for k in ("case", "incident", "filing"))

    def answered(results, label, status):
        return [json.loads(body) for kind, code, body, _t in results if kind == label and code == status]

    notes_answered = answered(case_results, "note", 201)
    updates_answered = answered(incident_results, "update", 201)
    acks, moves = len(answered(incident_results, "ack", 200)), len(answered(case_results, "move", 200))
    decisions = len(answered(filing_results, "decide", 200))
    lost += sum(1 for note in notes_answered if note["body"] not in notes)
    lost += sum(1 for update in updates_answered if update["body"] not in updates)
    lost += max(0, acks - len(acknowledged)) + max(0, moves - history.get("transition", 0))
    lost += max(0, decisions - history.get("filed", 0))
    print(f"writes answered 2xx: notes {len(notes_answered)}, moves {moves}, updates {len(updates_answered)}, "
          f"acknowledgements {acks}, decisions {decisions}")
    print(f"5xx answers: {errors}; lost writes: {lost}; audit chain "
          f"{'intact' if report.intact else 'BROKEN: ' + str(report.problems[0])}")
    sys.exit(0 if errors == 0 and lost == 0 and report.intact and moves == decisions == 1 else 1)


if __name__ == "__main__":
    main()
