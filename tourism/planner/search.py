"""The planner's search: the custom core (tourism.planner.lns), or OR-Tools' for comparison."""

from tourism.planner import lns, orienteering
from tourism.planner.problem import Problem, Solution

CORES = ("lns", "ortools")


def solve(problem: Problem, time_limit: float = 10.0, seed: int = 0, core: str = "lns") -> Solution:
    if core == "ortools":
        return orienteering.Solver(problem, seed).solve(time_limit)
    return lns.solve(problem, time_limit, seed)
