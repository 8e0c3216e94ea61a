"""Tour groups at a month's volume on PostgreSQL: filing latency (every check) and a city's "groups today".

Builds a fresh database with 3,000 guides (each employed by one of 300 agencies) and 10,000 groups over
30 days across the zone (1-4 days each, two stops a day, one or two guides, no guide on two groups at
once), then, from one client against the app on a threaded server, times:
- POST /api/v1/groups: a three-day group with two guides, every check run (eligibility, double booking,
  agency and deposit), on days after the month so each filing is accepted;
- GET /api/v1/cities/{code}/groups?date=...: a random city and day of the month, as its regulator;
- GET /api/v1/ping, the baseline, in the same run.

    .venv/bin/python bench/groups.py [--groups 10000] [--guides 3000] [--calls 300]
"""

import argparse
import json
import logging
import random
import statistics
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from bench.httpload import percentile, run_clients  # noqa: E402
from bench.pgserver import fresh_database, migrated_app, serve  # noqa: E402
from tourism.accounts import service as accounts  # noqa: E402
from tourism.agencies.models import Agency  # noqa: E402
from tourism.core import clock  # noqa: E402
from tourism.extensions import db  # noqa: E402
from tourism.groups.models import GroupGuide, GroupPresence, GroupStop, GroupVersion, TourGroup  # noqa: E402
from tourism.guides.models import Affiliation, Guide, GuideLanguage  # noqa: E402

ZONE = ["440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"]
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
PASSWORD = "a long bench passphrase 2026"


def build(app, groups: int, guides: int, agencies: int = 300):
    """The month's data, inserted in bulk; returns the first day and the bench users' tokens."""
    rng = random.Random(11)
    first = clock.today() + timedelta(days=1)
    with app.app_context():
        session = db.session
        session.execute(insert(Agency), [
            {"licence_no": f"L-GD-G{i:05d}", "name_zh": f"基准旅行社{i}", "name_en": "", "home_city": ZONE[i % 9],
             "outbound": False, "licence_status": "active", "deposit_cny": 2_000_000, "complaint_phone": "",
             "version": 1, "created_at": STAMP} for i in range(agencies)])
        agency_ids = list(session.scalars(select(Agency.id).order_by(Agency.id)))
        session.execute(insert(Guide), [
            {"licence_no": f"D-{ZONE[i % 9][:4]}-{i:06d}", "name": f"导游{i}", "home_city": ZONE[i % 9],
             "level": "junior", "issued_on": date(2025, 1, 1), "expires_on": first + timedelta(days=900),
             "recorded_status": "active", "version": 1, "created_at": STAMP} for i in range(guides)])
        guide_ids = list(session.scalars(select(Guide.id).order_by(Guide.id)))
        employer = {gid: agency_ids[n % agencies] for n, gid in enumerate(guide_ids)}
        session.execute(insert(GuideLanguage), [{"guide_id": gid, "code": "zh", "position": 0} for gid in guide_ids])
        session.execute(insert(Affiliation), [
            {"guide_id": gid, "kind": "employment", "agency_id": employer[gid], "association": "",
             "start_on": date(2025, 1, 1), "created_at": STAMP} for gid in guide_ids])
        free_from = dict.fromkeys(guide_ids, first)
        group_rows, stops, presence, assigned, versions = [], [], [], [], []
        for n in range(groups):
            start = first + timedelta(days=rng.randrange(30))
            length = rng.randint(1, 4)
            route = rng.sample(ZONE, min(length, 3))
            days = [start + timedelta(days=d) for d in range(length)]
            group_rows.append({"group_no": f"TG{route[0]}{start.year}{n:05d}", "agency_id": rng.choice(agency_ids),
                               "filing_city": route[0], "start_on": start, "end_on": days[-1],
                               "tourists": rng.randint(10, 45), "origin": "domestic", "origin_region": "",
                               "contract_no": "", "shopping_allowed_minutes": 0,
                               "shopping_minutes": rng.choice([0, 0, 0, 60]), "leader_name": "领队",
                               "leader_phone": "13800000000", "coach_plate": "", "coach_operator": "",
                               "coach_driver": "", "filed_at": STAMP, "filed_by": "bench", "guides_eligible": True,
                               "inspections_count": 0, "findings_count": 0, "version": 1})
            cities = [route[min(d, len(route) - 1)] for d in range(length)]
            for day, city in zip(days, cities, strict=True):
                presence.append({"group_no": n, "on_date": day, "city": city, "position": 0})
                stops += [{"group_no": n, "on_date": day, "time": t, "place": "基准景点", "city": city, "kind": "visit",
                           "minutes": 90} for t in ("09:30", "14:00")]
            for _ in range(rng.randint(1, 2)):
                gid = next((g for g in rng.sample(guide_ids, 40) if free_from[g] <= start), None)
                if gid is not None:
                    free_from[gid] = days[-1] + timedelta(days=1)
                    assigned.append({"group_no": n, "guide_id": gid, "role": "local", "cities": cities,
                                     "start_on": start, "end_on": days[-1], "dispatched_by_id": employer[gid],
                                     "eligible": True})
            versions.append({"group_no": n, "version": 1, "body": {}, "checks": [], "filed_at": STAMP,
                             "filed_by": "bench"})
        session.execute(insert(TourGroup), group_rows)
        ids = dict(session.execute(select(TourGroup.group_no, TourGroup.id)).all())
        by_index = [ids[row["group_no"]] for row in group_rows]
        for rows, model in ((presence, GroupPresence), (stops, GroupStop), (assigned, GroupGuide),
                            (versions, GroupVersion)):
            for row in rows:
                row["group_id"] = by_index[row.pop("group_no")]
            for offset in range(0, len(rows), 5000):
                session.execute(insert(model), rows[offset:offset + 5000])
        filer_agency = session.get(Agency, agency_ids[0])
        filer = accounts.create_user(session, username="filer", password=PASSWORD, role="agency_admin",
                                     agency=filer_agency.licence_no)
        regulators = {code: accounts.create_user(session, username=f"reg{code}", password=PASSWORD,
                                                 role="regulator", city=code) for code in ZONE}
        tokens = {"filer": accounts.issue_token(session, filer)[0],
                  **{code: accounts.issue_token(session, user)[0] for code, user in regulators.items()}}
        own_guides = [session.get(Guide, gid).licence_no for gid in guide_ids if employer[gid] == agency_ids[0]]
        session.commit()
        return first, tokens, filer_agency.licence_no, own_guides, len(assigned)


def timings(results):
    seconds = [r[3] * 1000 for r in results]
    bad = [r for r in results if r[1] is None or r[1] >= 500]
    return statistics.median(seconds), percentile(seconds, 0.99), bad


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--guides", type=int, default=3_000)
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    with tempfile.TemporaryDirectory() as folder:
        app = migrated_app(fresh_database("tourism_groups"), folder, 4)
        first, tokens, licence_no, own_guides, assignments = build(app, args.groups, args.guides)
        base, server = serve(app)
        rng = random.Random(5)
        auth = {code: {"Authorization": f"Bearer {token}"} for code, token in tokens.items()}
        ping, _ = run_clients(base, 1, args.calls, lambda i: ("ping", "GET", "/api/v1/ping", None))

        def filing(i):
            start = first + timedelta(days=40 + 4 * (i // max(1, len(own_guides) // 2)))
            pair = [own_guides[(2 * i) % len(own_guides)], own_guides[(2 * i + 1) % len(own_guides)]]
            day = [(start + timedelta(days=d)).isoformat() for d in range(3)]
            body = {"agency_licence_no": licence_no, "start_on": day[0], "end_on": day[2], "tourists": 30,
                    "leader": {"name": "领队", "phone": "13800000000"}, "language": "zh",
                    "days": [{"date": d, "stops": [{"time": "10:00", "place": "基准景点", "city": city,
                                                    "kind": "visit", "minutes": 120}]}
                             for d, city in zip(day, ("440100", "440600", "440700"), strict=True)],
                    "guides": [{"licence_no": pair[0], "role": "local", "cities": ["440100", "440600"],
                                "start_on": day[0], "end_on": day[1]},
                               {"licence_no": pair[1], "role": "escort", "cities": []}]}
            return ("file", "POST", "/api/v1/groups", json.dumps(body), auth["filer"])

        filed, _ = run_clients(base, 1, min(args.calls, len(own_guides) // 2 * 5), filing)

        def today(i):
            code = rng.choice(ZONE)
            day = (first + timedelta(days=rng.randrange(30))).isoformat()
            return ("city", "GET", f"/api/v1/cities/{code}/groups?date={day}&per_page=50", None, auth[code])

        listed, _ = run_clients(base, 1, args.calls, today)
        server.shutdown()
    refused = [r for r in filed if r[1] != 201]
    print(f"{args.groups} groups over 30 days, {args.guides} guides, {assignments} guide assignments (PostgreSQL)")
    ping_median, ping_p99, _ = timings(ping)
    print(f"{'request':<34} {'median ms':>10} {'p99 ms':>8} {'x ping (median)':>16}")
    print(f"{'GET /api/v1/ping (baseline)':<34} {ping_median:>10.2f} {ping_p99:>8.2f} {1:>16.1f}")
    for label, results in (("POST /api/v1/groups (all checks)", filed),
                           ("GET /api/v1/cities/{code}/groups", listed)):
        median, p99, bad = timings(results)
        print(f"{label:<34} {median:>10.2f} {p99:>8.2f} {median / ping_median:>16.1f}"
              + (f"   {len(bad)} answers 5xx or failed" if bad else ""))
    if refused:
        print(f"{len(refused)} filings refused: {refused[0][2][:300]!r}")


if __name__ == "__main__":
    main()
