"""Complaint intake under concurrent clients, on PostgreSQL: rate, and every complaint stored exactly once.

Creates a fresh database (BENCH_PG_ADMIN_URL's server, database ``tourism_bench``), migrates it,
serves the app on a threaded WSGI server on 127.0.0.1, and has many client threads post complaints
(each with a unique marker in its description) while counting what came back. Then it counts the
rows: stored == accepted, no marker twice, no tracking number twice. GET /api/v1/ping on the same
server with the same clients is the baseline. Rate limits are off for the run: it measures intake.

    .venv/bin/python bench/intake.py [--clients 16] [--complaints 2000]
"""

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from bench.httpload import percentile, run_clients  # noqa: E402
from bench.pgserver import fresh_database, migrated_app, serve  # noqa: E402
from tourism.complaints.models import Complaint  # noqa: E402
from tourism.extensions import db  # noqa: E402

CITIES = ["440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"]


def complaint(index):
    body = {"complainant": {"name": f"游客{index}", "phone": "13800000000"}, "respondent": {"kind": "other"},
            "incident_city": CITIES[index % len(CITIES)], "occurred_on": "2026-11-20",
            "description": f"bench-marker-{index}", "urgent": index % 10 == 0}
    return "complaint", "POST", "/api/v1/complaints", json.dumps(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--complaints", type=int, default=2000)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    url = fresh_database()
    with tempfile.TemporaryDirectory() as folder:
        app = migrated_app(url, folder, args.clients)
        base, server = serve(app)
        _pings, ping_seconds = run_clients(base, args.clients, args.complaints,
                                           lambda i: ("ping", "GET", "/api/v1/ping", None))
        results, seconds = run_clients(base, args.clients, args.complaints, complaint)
        server.shutdown()

        accepted = [json.loads(body)["tracking_no"] for _l, status, body, _t in results if status == 201]
        failures = [(status, body[:120]) for _l, status, body, _t in results if status != 201]
        latencies = [t for _l, _s, _b, t in results]
        with app.app_context():
            stored = db.session.scalar(select(func.count(Complaint.id)))
            markers = db.session.scalar(select(func.count(func.distinct(Complaint.description))))
            numbers = db.session.scalar(select(func.count(func.distinct(Complaint.tracking_no))))
            db.engine.dispose()

    ping_rate = args.complaints / ping_seconds
    rate = args.complaints / seconds
    print(f"clients: {args.clients}, complaints sent: {args.complaints}")
    print(f"intake: {rate:.0f} complaints/s (p50 {percentile(latencies, 0.5) * 1000:.1f} ms, "
          f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms); ping baseline {ping_rate:.0f} req/s; "
          f"ratio {rate / ping_rate:.2f}")
    print(f"accepted (201): {len(accepted)}; failed: {len(failures)}")
    print(f"stored: {stored}; distinct markers: {markers}; distinct tracking numbers: {numbers}; "
          f"answers with a repeated tracking number: {len(accepted) - len(set(accepted))}")
    ok = stored == len(accepted) == markers == numbers == args.complaints and len(set(accepted)) == len(accepted)
    print("every complaint stored exactly once" if ok else f"MISMATCH; first failures: {failures[:3]}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
