"""Eligibility check latency and throughput at 1,000 and 100,000 guides.

Builds a fresh migrated database (SQLite in a temporary folder, or BENCH_DATABASE_URL), fills it with
guides that each have two languages and an employment, then times:
- the eligibility service called in process (median and p99 latency);
- POST /api/v1/eligibility through the WSGI app (requests per second), against GET /api/v1/ping on
  the same app in the same run as the baseline.

    .venv/bin/python bench/eligibility.py [--sizes 1000 100000] [--calls 2000]
"""

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import flask_migrate  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from tourism import create_app  # noqa: E402
from tourism.agencies.models import Agency  # noqa: E402
from tourism.extensions import db  # noqa: E402
from tourism.guides.eligibility import check_eligibility  # noqa: E402
from tourism.guides.models import Affiliation, Guide, GuideLanguage  # noqa: E402

ZONE = ["440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"]
LANGS = ["zh", "en", "ja", "ko", "fr", "de"]
STAMP = datetime(2025, 1, 1, tzinfo=UTC)


def build(app, size: int) -> list[str]:
    rng = random.Random(size)
    with app.app_context():
        flask_migrate.upgrade()
        db.session.execute(insert(Agency), [
            {"licence_no": f"L-GD-B{i:05d}", "name_zh": f"基准旅行社{i}", "name_en": "", "home_city": ZONE[i % 9],
             "outbound": False, "licence_status": "active", "deposit_cny": 200000, "complaint_phone": "",
             "version": 1, "created_at": STAMP} for i in range(200)])
        agency_ids = [row[0] for row in db.session.execute(text("SELECT id FROM agencies")).all()]
        licences = []
        for start in range(0, size, 10_000):
            chunk = range(start, min(size, start + 10_000))
            rows = []
            for i in chunk:
                city = ZONE[i % 9]
                licence = f"D-{city[:4]}-{i:06d}"
                licences.append(licence)
                rows.append({"licence_no": licence, "name": f"导游{i}", "home_city": city, "level": "junior",
                             "issued_on": date(2025, 1, 1), "expires_on": date(2027, 12, 31),
                             "recorded_status": "active", "version": 1, "created_at": STAMP})
            db.session.execute(insert(Guide), rows)
            ids = dict(db.session.execute(text("SELECT licence_no, id FROM guides WHERE id > :low"),
                                          {"low": start}).all())
            db.session.execute(insert(GuideLanguage), [
                {"guide_id": ids[r["licence_no"]], "code": code, "position": p}
                for r in rows for p, code in enumerate(("zh", rng.choice(LANGS[1:])))])
            db.session.execute(insert(Affiliation), [
                {"guide_id": ids[r["licence_no"]], "kind": "employment", "agency_id": rng.choice(agency_ids),
                 "association": "", "start_on": date(2025, 1, 1), "created_at": STAMP} for r in rows])
            db.session.commit()
        return licences


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(app, licences, calls: int) -> dict:
    rng = random.Random(7)
    picks = [rng.choice(licences) for _ in range(calls)]
    tour = {"cities": ["440100", "440600", "442000"], "start_on": date(2026, 12, 4), "end_on": date(2026, 12, 6),
            "language": "en"}
    with app.test_request_context():
        latencies = []
        for licence in picks:
            started = time.perf_counter()
            check_eligibility(db.session, licence, **tour)
            latencies.append((time.perf_counter() - started) * 1000)
            db.session.rollback()
    client = app.test_client()
    body = {"licence_no": None, "cities": tour["cities"], "start_on": "2026-12-04", "end_on": "2026-12-06",
            "language": "en"}

    def rate(send):
        started = time.perf_counter()
        for licence in picks:
            send(licence)
        return calls / (time.perf_counter() - started)

    ping_rate = rate(lambda _licence: client.get("/api/v1/ping"))
    eligibility_rate = rate(lambda licence: client.post("/api/v1/eligibility", json={**body, "licence_no": licence}))
    return {"median_ms": statistics.median(latencies), "p99_ms": percentile(latencies, 0.99),
            "eligibility_rps": eligibility_rate, "ping_rps": ping_rate}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--calls", type=int, default=2_000)
    args = parser.parse_args()
    logging.disable(logging.INFO)  # the migrations log every step
    print(f"{'guides':>8} {'median ms':>10} {'p99 ms':>8} {'elig req/s':>11} {'ping req/s':>11} {'ratio':>6}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
            app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, "TESTING": True},
                             instance_path=folder)
            started = time.perf_counter()
            licences = build(app, size)
            built = time.perf_counter() - started
            result = measure(app, licences, args.calls)
            print(f"{size:>8} {result['median_ms']:>10.2f} {result['p99_ms']:>8.2f} "
                  f"{result['eligibility_rps']:>11.0f} {result['ping_rps']:>11.0f} "
                  f"{result['eligibility_rps'] / result['ping_rps']:>6.2f}   (built in {built:.1f} s)")
            if os.environ.get("BENCH_DATABASE_URL"):
                with app.app_context():
                    db.drop_all()
                    db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
                    db.session.commit()


if __name__ == "__main__":
    main()
