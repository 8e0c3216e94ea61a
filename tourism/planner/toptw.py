"""Solve a standard (T)OPTW benchmark file with the planner's model core.

    python -m tourism.planner.toptw INSTANCE_FILE --routes M --time-limit SECONDS [--seed N] [--core lns|ortools]

Prints one JSON object: {"instance", "routes": [[NODE_ID, ...], ...], "score", "seconds"}.
File format and the literature's distance rounding: vertex 0 is the depot; Solomon-based files round
distances down to one decimal, Cordeau-based ``pr*`` files to two. Times are kept in hundredths so
the arithmetic is exact.
"""

import argparse
import json
import math
import sys
import time
from pathlib import Path

from tourism.planner import search
from tourism.planner.problem import Problem, Route, Visit

SCALE = 100  # hundredths
EXIT_MARGIN_S = 0.1  # printing the answer and the interpreter's exit


def read_instance(path: Path) -> dict:
    vertices = {}
    with open(path) as handle:
        rows = [line.split() for line in handle if line.strip()]
    for row in rows[2:]:
        numbers = [float(token) for token in row]
        if len(numbers) < 7:
            continue
        vertices[int(numbers[0])] = {"x": numbers[1], "y": numbers[2], "service": numbers[3], "score": numbers[4],
                                     "open": numbers[-2], "close": numbers[-1]}
    return vertices


def decimals_for(path: Path) -> int:
    return 2 if path.name.lower().startswith("pr") else 1


def distance(a: dict, b: dict, decimals: int) -> int:
    """The literature's distance, rounded down to ``decimals``, in hundredths."""
    floored = math.floor(math.hypot(a["x"] - b["x"], a["y"] - b["y"]) * 10 ** decimals + 1e-9)
    return floored * (SCALE // 10 ** decimals)


def to_problem(vertices: dict, routes: int, decimals: int) -> tuple[Problem, list[int]]:
    ids = sorted(v for v in vertices if v != 0)
    order = [vertices[0]] + [vertices[i] for i in ids]
    travel = [[distance(a, b, decimals) for b in order] for a in order]
    visits = [Visit(score=int(round(v["score"])), service=int(round(v["service"] * SCALE)),
                    windows=[(int(round(v["open"] * SCALE)), int(round(v["close"] * SCALE)))]) for v in order[1:]]
    depot = vertices[0]
    plan = [Route(0, 0, int(round(depot["open"] * SCALE)), int(round(depot["close"] * SCALE))) for _ in range(routes)]
    return Problem(visits=visits, routes=plan, travel=travel, depots=1), ids


def solve_file(path: Path, routes: int, time_limit: float, seed: int = 0, core: str = "lns") -> dict:
    started = time.perf_counter()
    vertices = read_instance(path)
    problem, ids = to_problem(vertices, routes, decimals_for(path))
    solution = search.solve(problem, time_limit - (time.perf_counter() - started), seed, core)
    return {"instance": path.name, "routes": [[ids[stop.visit] for stop in route] for route in solution.routes],
            "score": solution.score, "seconds": round(time.perf_counter() - started, 3)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Solve an OPTW/TOPTW benchmark file.")
    parser.add_argument("instance", type=Path)
    parser.add_argument("--routes", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--core", choices=search.CORES, default="lns")
    args = parser.parse_args(argv)
    # The limit holds for the whole command: the interpreter's start and the imports (CPU time so far) count.
    spent = time.process_time()
    print(json.dumps(solve_file(args.instance, args.routes, args.time_limit - spent - EXIT_MARGIN_S, args.seed,
                                args.core)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
