"""The search the planner runs: our iterated local search as a warm start, then OR-Tools' guided local
search and its tabu search, each from that start; the best plan wins.

Each part works to a budget of iterations or solutions derived from the time limit (so a given seed
and time limit give the same plan), with the wall clock only as a guard. The split and the
strategies were chosen by measurement on the TOPTW benchmark files (bench/toptw.py).
"""

import time

from ortools.constraint_solver import routing_enums_pb2

from tourism.planner.ils import IteratedLocalSearch
from tourism.planner.orienteering import Problem, Solution, Solver

ILS_ITERATIONS_PER_SECOND = 300
ILS_SHARE, GLS_SHARE, TABU_SHARE = 0.3, 0.35, 0.35


def solve(problem: Problem, time_limit: float = 10.0, seed: int = 0) -> Solution:
    started = time.perf_counter()
    # Each shake-and-fill touches every route, so a second buys fewer iterations with more routes.
    iterations = int(time_limit * ILS_SHARE * ILS_ITERATIONS_PER_SECOND / len(problem.routes))
    warm = IteratedLocalSearch(problem).run(max(10, iterations))
    candidates = [
        Solver(problem, seed).solve(time_limit * GLS_SHARE, initial=warm),
        Solver(problem, seed).solve(time_limit * TABU_SHARE, initial=warm,
                                    metaheuristic=routing_enums_pb2.LocalSearchMetaheuristic.TABU_SEARCH),
    ]
    best = max(candidates, key=lambda s: (s.status == "ok", s.score, -sum(len(r) for r in s.routes)))
    best.seconds = time.perf_counter() - started
    return best

