"""The orienteering cores on a standard benchmark file, checked by an independent recomputation."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from tourism.planner import search
from tourism.planner.toptw import decimals_for, read_instance, to_problem

C101 = Path(__file__).parent / "data" / "c101.txt"
ROOT = Path(__file__).resolve().parents[2]


def distance(a, b, decimals=1):
    return math.floor(math.hypot(a["x"] - b["x"], a["y"] - b["y"]) * 10 ** decimals + 1e-9) / 10 ** decimals


def recompute(vertices, routes):
    """Feasibility and score from the raw file: start within each window, back at the depot in time."""
    depot, seen, score = vertices[0], set(), 0
    for route in routes:
        now, here = depot["open"], depot
        for vid in route:
            assert vid not in seen and vid != 0
            seen.add(vid)
            v = vertices[vid]
            start = max(now + distance(here, v), v["open"])
            assert start <= v["close"] + 1e-6, f"{vid} starts at {start} after {v['close']}"
            now, here, score = start + v["service"], v, score + v["score"]
        back = now + distance(here, depot)
        assert back <= depot["close"] + 1e-6
    return score


def _first(vertices, count):
    return {k: v for k, v in vertices.items() if k <= count}


@pytest.mark.parametrize("core", search.CORES)
def test_solutions_are_feasible_and_scored_honestly(core):
    vertices = read_instance(C101)
    for m in (1, 2):
        problem, ids = to_problem(vertices, m, decimals_for(C101))
        solution = search.solve(problem, time_limit=0.5, core=core)
        routes = [[ids[s.visit] for s in route] for route in solution.routes]
        assert recompute(vertices, routes) == solution.score > 0


def test_more_routes_never_score_less():
    vertices = _first(read_instance(C101), 40)
    scores = []
    for m in (1, 2, 3):
        problem, _ids = to_problem(vertices, m, 1)
        scores.append(search.solve(problem, time_limit=0.5).score)
    assert scores == sorted(scores)


def test_the_custom_core_reaches_the_proven_optimum_of_c101():
    problem, _ids = to_problem(read_instance(C101), 1, 1)
    assert search.solve(problem, time_limit=3.0).score == 320


def test_a_converged_search_gives_the_same_plan_for_the_same_seed():
    problem, _ids = to_problem(_first(read_instance(C101), 30), 2, 1)
    # A limit far beyond convergence on any machine: the search must stop well before it.
    first = search.solve(problem, time_limit=120.0, seed=3)
    again = search.solve(problem, time_limit=120.0, seed=3)
    assert first.seconds < 100, "the search stops on convergence, not at the clock"
    assert [[s.visit for s in r] for r in first.routes] == [[s.visit for s in r] for r in again.routes]


def test_the_ortools_core_refuses_what_it_does_not_model():
    problem, _ids = to_problem(_first(read_instance(C101), 10), 1, 1)
    problem.visits[0].meal = True
    with pytest.raises(ValueError, match="models"):
        search.solve(problem, time_limit=0.2, core="ortools")


@pytest.mark.parametrize("core", search.CORES)
def test_command_line_prints_the_fixed_json(core):
    command = [sys.executable, "-m", "tourism.planner.toptw", str(C101), "--routes", "1", "--time-limit", "1",
               "--seed", "1", "--core", core]
    out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)  # noqa: S603
    result = json.loads(out.stdout)
    assert set(result) == {"instance", "routes", "score", "seconds"} and result["instance"] == "c101.txt"
    assert recompute(read_instance(C101), result["routes"]) == result["score"]
    assert result["seconds"] <= 1.0
