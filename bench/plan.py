"""A realistic planning request over the whole catalogue, at growing time limits.

Four days from Guangzhou and back, the planner choosing the nights' bases, every place in routes_data/
a candidate, weights on several Lingnan themes. Prints, per time limit, the score, the places visited,
the seconds taken, and the score as a fraction of the score at the longest limit (60 s by default).

    .venv/bin/python bench/plan.py [--limits 1 3 10 60] [--seed 0]
"""

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tourism.planner import catalogue, itinerary, network  # noqa: E402

LUNCH = (catalogue.minutes_of("11:00"), catalogue.minutes_of("13:30"), 60)  # the default settings
THEMES = {"lingnan-architecture": 3, "garden": 3, "cantonese-opera": 2, "overseas-chinese-heritage": 2,
          "museum": 2, "old-town": 1, "cuisine": 1}


def request(limit: float, seed: int) -> itinerary.Request:
    return itinerary.Request(start_date=date(2026, 12, 8), days=4, start_city="440100", end_city="440100",
                             themes=THEMES, day_start=catalogue.minutes_of("09:00"),
                             day_end=catalogue.minutes_of("18:00"), lunch=LUNCH, group_size=2, time_limit_s=limit,
                             seed=seed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limits", type=float, nargs="+", default=[1, 3, 10, 60])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    print(f"{len(catalogue.pois())} places, 4 days from Guangzhou and back, themes {THEMES}")
    network.network("car")  # the travel matrix is built once per process, before any request
    results = []
    for limit in sorted(args.limits):
        started = time.perf_counter()
        plan = itinerary.plan(request(limit, args.seed))
        results.append((limit, plan, time.perf_counter() - started))
    reference = results[-1][1].score
    print(f"{'limit s':>8} {'score':>8} {'visits':>6} {'wall s':>8} {'of ' + str(results[-1][0]) + ' s':>9}  "
          f"travel min per day  bases")
    for limit, plan, wall in results:
        visits = sum(len(day.stops) for day in plan.days)
        fraction = plan.score / reference if reference else float("nan")
        bases = " ".join(day.base for day in plan.days)
        travel = " ".join(str(day.travel_minutes) for day in plan.days)
        print(f"{limit:>8g} {plan.score:>8.1f} {visits:>6} {wall:>8.2f} {fraction:>9.3f}  {travel:<18}  {bases}")


if __name__ == "__main__":
    main()
