"""A holiday burst of plans against `make serve` with planning workers (`make worker`): does the API keep up?

Times eligibility checks (the inspectors' API) alone, then again while a burst of background plans is
submitted at once and polled until each is done; prints req/s and p50/p99 for both phases and their
ratio, and the plans submitted, finished, failed and refused (503), with the seconds until the last one.

    .venv/bin/python bench/burst.py [--url http://127.0.0.1:8000] [--plans 40] [--requests 3000]
"""

import argparse
import http.client
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.httpload import percentile, run_clients  # noqa: E402
from bench.load import CITIES, GUIDES  # noqa: E402

PLAN = {"start_date": "2026-12-08", "days": 3, "start_city": "440100", "end_city": "440600", "async": True,
        "themes": {"garden": 3, "lingnan-architecture": 3, "museum": 2}, "time_limit_s": 3}


def eligibility(index):
    body = {"licence_no": GUIDES[index % len(GUIDES)], "cities": [CITIES[index % 9], CITIES[(index + 4) % 9]],
            "start_on": "2026-12-04", "end_on": "2026-12-06", "language": "en", "agency_licence_no": "L-GD-DEMO01"}
    return "POST /eligibility", "POST", "/api/v1/eligibility", json.dumps(body)


def burst(base_url, count, outcome):
    """Submit ``count`` background plans at once, then poll each until it is done or failed."""
    parts = urlsplit(base_url)
    started = time.perf_counter()
    jobs, refused = [], 0
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    for seed in range(count):
        connection.request("POST", "/api/v1/itineraries", body=json.dumps({**PLAN, "seed": seed}),
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        if response.status == 202:
            jobs.append(urlsplit(response.getheader("Location")).path)
        else:
            refused += 1
    states = {}
    while len(states) < len(jobs):
        for path in jobs:
            if path in states:
                continue
            connection.request("GET", path)
            job = json.loads(connection.getresponse().read())
            if job["status"] in ("done", "failed"):
                states[path] = job["status"]
        time.sleep(0.5)
    outcome.update(submitted=count, accepted=len(jobs), refused=refused, seconds=time.perf_counter() - started,
                   done=sum(1 for s in states.values() if s == "done"),
                   failed=sum(1 for s in states.values() if s == "failed"))


def summary(label, results, seconds):
    times = [elapsed for _label, _status, _body, elapsed in results]
    errors = sum(1 for _label, status, _body, _elapsed in results if status is None or status >= 500)
    rate = len(results) / seconds
    print(f"{label:<22} {len(results):>8} {errors:>6} {rate:>8.0f} {percentile(times, .5) * 1000:>7.1f} "
          f"{percentile(times, .99) * 1000:>7.1f}")
    return rate


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--plans", type=int, default=40)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()

    print(f"{'phase':<22} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7}")
    alone = summary("eligibility alone", *run_clients(args.url, args.clients, args.requests, eligibility))
    outcome = {}
    planner = threading.Thread(target=burst, args=(args.url, args.plans, outcome))
    planner.start()
    during = summary("eligibility in burst", *run_clients(args.url, args.clients, args.requests, eligibility))
    planner.join()
    print(f"throughput during the burst: {during / alone:.2f} of the API alone")
    print(f"plans submitted {outcome['submitted']}, accepted {outcome['accepted']}, refused {outcome['refused']}, "
          f"done {outcome['done']}, failed {outcome['failed']}; last finished after {outcome['seconds']:.1f} s")
    sys.exit(0 if outcome["done"] == outcome["accepted"] else 1)


if __name__ == "__main__":
    main()
