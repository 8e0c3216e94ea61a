"""The planner's model core on the standard TOPTW benchmark files, each solution checked independently.

For every instance in ../shared/benchmarks/toptw/instances and m = 1..4 routes: score, best known
(m = 1: the optima in bks.csv), gap %, seconds; each solution is recomputed by the benchmark's own
checker (check.py), and an infeasible one is reported as such. Averages at the end.

    .venv/bin/python bench/toptw.py [--time-limit 10] [--routes 1 2 3 4] [--compare]

--compare also times OR-Tools alone with several first-solution strategies and metaheuristics at the
same limit (m = 1), the measurement behind the choice in tourism/planner/search.py.
"""

import argparse
import csv
import importlib.util
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ortools.constraint_solver import routing_enums_pb2  # noqa: E402

from tourism.planner import search  # noqa: E402
from tourism.planner.ils import IteratedLocalSearch  # noqa: E402
from tourism.planner.orienteering import Solver  # noqa: E402
from tourism.planner.toptw import decimals_for, read_instance, to_problem  # noqa: E402

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "toptw"


def load_checker():
    spec = importlib.util.spec_from_file_location("toptw_check", BENCH / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def best_known() -> dict:
    with open(BENCH / "bks.csv") as handle:
        return {(row["file"], int(row["m"])): float(row["bks"]) for row in csv.DictReader(handle)}


def checked(checker, path, routes_m, routes):
    score, errors = checker.check(checker.read_instance(str(path)), routes, routes_m, decimals_for(path))
    return score, errors


def run(args, checker, bks):
    print(f"{'instance':<10} {'m':>2} {'score':>6} {'best':>6} {'gap %':>6} {'seconds':>8}  check")
    gaps, seconds = [], []
    for path in sorted((BENCH / "instances").glob("*.txt")):
        vertices = read_instance(path)
        for m in args.routes:
            problem, ids = to_problem(vertices, m, decimals_for(path))
            solution = search.solve(problem, args.time_limit, seed=0)
            routes = [[ids[stop.visit] for stop in route] for route in solution.routes]
            score, errors = checked(checker, path, m, routes)
            known = bks.get((path.name, m))
            gap = 100 * (known - score) / known if known else None
            if gap is not None:
                gaps.append(gap)
            seconds.append(solution.seconds)
            verdict = "feasible" if not errors else f"INFEASIBLE: {errors[0]}"
            print(f"{path.name:<10} {m:>2} {score:>6.0f} {known or '—':>6} "
                  f"{(f'{gap:.2f}' if gap is not None else '—'):>6} {solution.seconds:>8.2f}  {verdict}")
    print(f"average gap (m = 1, against the optima): {statistics.mean(gaps):.2f}% over {len(gaps)} instances; "
          f"average seconds {statistics.mean(seconds):.2f}")


STRATEGIES = {
    "parallel-cheapest-insertion + GLS": ("PARALLEL_CHEAPEST_INSERTION", "GUIDED_LOCAL_SEARCH"),
    "local-cheapest-insertion + GLS": ("LOCAL_CHEAPEST_INSERTION", "GUIDED_LOCAL_SEARCH"),
    "path-cheapest-arc + GLS": ("PATH_CHEAPEST_ARC", "GUIDED_LOCAL_SEARCH"),
    "parallel-cheapest-insertion + simulated annealing": ("PARALLEL_CHEAPEST_INSERTION", "SIMULATED_ANNEALING"),
    "parallel-cheapest-insertion + tabu search": ("PARALLEL_CHEAPEST_INSERTION", "TABU_SEARCH"),
}


def compare(args, checker, bks):
    print(f"\nm = 1 at {args.time_limit} s: gap % per instance")
    paths = sorted((BENCH / "instances").glob("*.txt"))
    print(f"{'strategy':<52} " + " ".join(f"{p.stem:>7}" for p in paths) + "   mean")
    rows = {}
    for label, (first, meta) in STRATEGIES.items():
        rows[label] = []
        for path in paths:
            problem, ids = to_problem(read_instance(path), 1, decimals_for(path))
            solution = Solver(problem).solve(args.time_limit, first=getattr(routing_enums_pb2.FirstSolutionStrategy,
                                                                           first),
                                             metaheuristic=getattr(routing_enums_pb2.LocalSearchMetaheuristic, meta))
            rows[label].append(solution.score)
    rows["our iterated local search alone"] = []
    for path in paths:
        problem, _ids = to_problem(read_instance(path), 1, decimals_for(path))
        started = time.perf_counter()
        routes = IteratedLocalSearch(problem).run(int(args.time_limit * search.ILS_ITERATIONS_PER_SECOND))
        rows["our iterated local search alone"].append(sum(problem.visits[v].score for r in routes for v in r))
        _elapsed = time.perf_counter() - started
    for label, scores in rows.items():
        gaps = [100 * (bks[(p.name, 1)] - s) / bks[(p.name, 1)] for p, s in zip(paths, scores, strict=True)]
        print(f"{label:<52} " + " ".join(f"{g:>7.2f}" for g in gaps) + f" {statistics.mean(gaps):>6.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--routes", type=int, nargs="+", default=[1, 2, 3, 4])
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    checker, bks = load_checker(), best_known()
    run(args, checker, bks)
    if args.compare:
        compare(args, checker, bks)


if __name__ == "__main__":
    main()
