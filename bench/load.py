"""Load against a running server (`make serve` on PostgreSQL): a realistic mix, per-endpoint latency,
a ping route as the baseline, and the complaints stored counted against those sent.

    DATABASE_URL=... .venv/bin/python bench/load.py [--url http://127.0.0.1:8000] [--clients 32] [--requests 6000]

The mix: 60% eligibility checks on the demo guides, 30% directory searches (agencies and filed
branches by city and name), 10% complaint intake. DATABASE_URL must be the server's database, so the
complaints can be counted; run against a server whose complaint rate limit is raised for the test
(COMPLAINT_RATE_LIMIT) or every client address shares one limit.
"""

import argparse
import json
import os
import random
import sys
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

from bench.httpload import percentile, run_clients  # noqa: E402

CITIES = ["440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"]
GUIDES = ["D-4401-900001", "D-4406-900002", "D-4403-900003", "D-4420-900004", "D-4418-900005"]


def mix(marker):
    rng = random.Random(11)

    def request_for(index):
        roll = rng.random()
        if roll < 0.6:
            body = {"licence_no": rng.choice(GUIDES), "cities": rng.sample(CITIES, 2), "start_on": "2026-12-04",
                    "end_on": "2026-12-06", "language": "en", "agency_licence_no": "L-GD-DEMO01"}
            return "POST /eligibility", "POST", "/api/v1/eligibility", json.dumps(body)
        if roll < 0.9:
            city = rng.choice(CITIES)
            if rng.random() < 0.5:
                return "GET /agencies", "GET", f"/api/v1/agencies?city={city}&q=%E7%A4%BA%E4%BE%8B", None
            return "GET /branches", "GET", f"/api/v1/branches?city={city}", None
        body = {"complainant": {"name": f"游客{index}", "phone": "13800000000"}, "respondent": {"kind": "other"},
                "incident_city": rng.choice(CITIES), "occurred_on": "2026-11-20",
                "description": f"{marker}-{index}", "urgent": False}
        return "POST /complaints", "POST", "/api/v1/complaints", json.dumps(body)

    return request_for


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=6000)
    args = parser.parse_args()
    database = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    marker = f"load-{uuid.uuid4().hex[:8]}"

    pings, ping_seconds = run_clients(args.url, args.clients, args.requests,
                                      lambda i: ("GET /api/v1/ping", "GET", "/api/v1/ping", None))
    results, seconds = run_clients(args.url, args.clients, args.requests, mix(marker))

    by_label = defaultdict(list)
    for label, status, _body, elapsed in results + pings:
        by_label[label].append((status, elapsed))
    print(f"{'endpoint':<20} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for label, rows in sorted(by_label.items()):
        times = [t for _s, t in rows]
        errors = sum(1 for s, _t in rows if s is None or s >= 500)
        span = ping_seconds if label == "GET /api/v1/ping" else seconds
        print(f"{label:<20} {len(rows):>8} {errors:>6} {len(rows) / span:>8.0f} {percentile(times, .5) * 1000:>7.1f} "
              f"{percentile(times, .95) * 1000:>7.1f} {percentile(times, .99) * 1000:>7.1f}")
    mixed_rate, ping_rate = args.requests / seconds, args.requests / ping_seconds
    print(f"mixed load: {mixed_rate:.0f} req/s; ping: {ping_rate:.0f} req/s; ratio {mixed_rate / ping_rate:.2f}")
    sent = sum(1 for label, *_rest in results if label == "POST /complaints")
    accepted = sum(1 for label, status, *_rest in results if label == "POST /complaints" and status == 201)
    engine = create_engine(database)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT COUNT(*), COUNT(DISTINCT tracking_no) FROM complaints "
                                   "WHERE description LIKE :m"), {"m": f"{marker}-%"}).one()
    engine.dispose()
    print(f"complaints sent {sent}, accepted {accepted}, stored {stored[0]} ({stored[1]} distinct tracking numbers)")
    sys.exit(0 if stored[0] == accepted == sent == stored[1] else 1)


if __name__ == "__main__":
    main()
