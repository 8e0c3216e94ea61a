"""The orienteering core: choose and order visits to maximise score, on OR-Tools' routing library.

Plain data in, plain data out, so the same core serves itineraries, the TOPTW benchmark files and
the tests. Times are integers in one unit chosen by the caller (minutes for itineraries, hundredths
for the benchmark files).

The model (Vansteenwegen et al.'s TOPTW, generalised):
- one vehicle per route (a day), from its start location to its end location, within its window;
- optional visits are disjunctions whose drop penalty is their score, so minimising cost maximises
  the score; mandatory visits carry a penalty larger than every score together (so an impossible
  one is dropped and reported, never silently, rather than failing the whole plan);
- a time dimension with waiting allowed (slack); a visit starts inside one of its windows;
- optional breaks (a lunch) per route, and an optional budget over the whole plan;
- deterministic: the search stops on a work budget derived from the time limit (the number of
  solutions), with the time limit itself only as a guard; the seed permutes the visits.
"""

import random
import time
from dataclasses import dataclass, field

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

SOLUTIONS_PER_SECOND = 250  # the work budget per second of time limit, measured with bench/toptw.py


@dataclass
class Visit:
    score: int
    service: int
    windows: list[tuple[int, int]]  # allowed start times, inclusive, sorted
    cost: int = 0
    mandatory: bool = False


@dataclass
class Route:
    start: int  # index into ``Problem.locations`` for the route's start
    end: int
    earliest: int  # leave the start no earlier than this
    latest: int  # be back at the end no later than this
    breaks: list[tuple[int, int, int]] = field(default_factory=list)  # (earliest start, latest start, duration)


@dataclass
class Problem:
    """``travel[a][b]`` over locations: the routes' start and end points first, then the visits."""

    visits: list[Visit]
    routes: list[Route]
    travel: list[list[int]]
    depots: int  # how many of the locations are route ends (the visits follow them)
    budget: int | None = None
    travel_weight: int = 0  # tie-break: cost per time unit of travel (keep it below one score unit per route)


@dataclass
class Stop:
    visit: int  # index into Problem.visits
    arrive: int
    start: int
    end: int


@dataclass
class Solution:
    routes: list[list[Stop]]
    route_end: list[int]
    score: int
    dropped: list[int]
    seconds: float
    status: str


class Solver:
    def __init__(self, problem: Problem, seed: int = 0):
        self.problem = problem
        self.seed = seed
        locations = problem.depots + len(problem.visits)
        self.manager = pywrapcp.RoutingIndexManager(
            locations, len(problem.routes), [r.start for r in problem.routes], [r.end for r in problem.routes])
        self.routing = pywrapcp.RoutingModel(self.manager)
        self._build()

    # -- model ----------------------------------------------------------------------------------
    def _visit_of(self, node: int) -> int | None:
        return node - self.problem.depots if node >= self.problem.depots else None

    def _service(self, node: int) -> int:
        visit = self._visit_of(node)
        return self.problem.visits[visit].service if visit is not None else 0

    def _build(self):
        problem, manager, routing = self.problem, self.manager, self.routing
        travel = problem.travel

        def transit(from_index, to_index):
            a, b = manager.IndexToNode(from_index), manager.IndexToNode(to_index)
            return travel[a][b] + self._service(a)

        self.transit_index = routing.RegisterTransitCallback(transit)
        if problem.travel_weight:
            cost_index = routing.RegisterTransitCallback(
                lambda i, j: travel[manager.IndexToNode(i)][manager.IndexToNode(j)] * problem.travel_weight)
            routing.SetArcCostEvaluatorOfAllVehicles(cost_index)
        horizon = max(r.latest for r in problem.routes) + 1
        routing.AddDimension(self.transit_index, horizon, horizon, False, "time")
        self.time = routing.GetDimensionOrDie("time")
        solver = routing.solver()
        for vehicle, route in enumerate(problem.routes):
            self.time.CumulVar(routing.Start(vehicle)).SetRange(route.earliest, route.latest)
            self.time.CumulVar(routing.End(vehicle)).SetRange(route.earliest, route.latest)
            routing.AddVariableMinimizedByFinalizer(self.time.CumulVar(routing.End(vehicle)))
            if route.breaks:
                intervals = [solver.FixedDurationIntervalVar(lo, hi, length, False, f"break-{vehicle}-{k}")
                             for k, (lo, hi, length) in enumerate(route.breaks)]
                self.time.SetBreakIntervalsOfVehicle(
                    intervals, vehicle, [self._service(manager.IndexToNode(i)) for i in range(routing.Size())]
                    + [0] * routing.vehicles())
        big = sum(v.score for v in problem.visits) + 1
        order = list(range(len(problem.visits)))
        random.Random(self.seed).shuffle(order)
        for visit_index in order:
            visit = problem.visits[visit_index]
            index = manager.NodeToIndex(problem.depots + visit_index)
            cumul = self.time.CumulVar(index)
            cumul.SetRange(visit.windows[0][0], visit.windows[-1][1])
            for (_lo, hi), (next_lo, _hi) in zip(visit.windows, visit.windows[1:], strict=False):
                if next_lo > hi + 1:
                    cumul.RemoveInterval(hi + 1, next_lo - 1)
            routing.AddDisjunction([index], big if visit.mandatory else visit.score)
        if problem.budget is not None:
            routing.AddDimension(routing.RegisterUnaryTransitCallback(
                lambda i: self._cost(manager.IndexToNode(i))), 0, problem.budget, True, "budget")
            spend = routing.GetDimensionOrDie("budget")
            solver.Add(solver.Sum([spend.CumulVar(routing.End(v)) for v in range(routing.vehicles())])
                       <= problem.budget)

    def _cost(self, node: int) -> int:
        visit = self._visit_of(node)
        return self.problem.visits[visit].cost if visit is not None else 0

    # -- search ---------------------------------------------------------------------------------
    def parameters(self, time_limit: float, first=None, metaheuristic=None):
        params = pywrapcp.DefaultRoutingSearchParameters()
        params.first_solution_strategy = first or routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
        params.local_search_metaheuristic = (
            metaheuristic or routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH)
        params.solution_limit = max(1, int(time_limit * SOLUTIONS_PER_SECOND / len(self.problem.routes)))
        params.time_limit.FromMilliseconds(int(max(time_limit, 0.05) * 1500))  # a guard, not the stop rule
        return params

    def solve(self, time_limit: float = 5.0, initial: list[list[int]] | None = None, **strategy) -> Solution:
        started = time.perf_counter()
        params = self.parameters(time_limit, **strategy)
        if initial:
            indices = [[self.manager.NodeToIndex(self.problem.depots + v) for v in route] for route in initial]
            assignment = self.routing.ReadAssignmentFromRoutes(indices, True)
            result = self.routing.SolveFromAssignmentWithParameters(assignment, params) if assignment else None
            if result is None:
                result = self.routing.SolveWithParameters(params)
        else:
            result = self.routing.SolveWithParameters(params)
        return self._read(result, time.perf_counter() - started)

    def _read(self, assignment, seconds) -> Solution:
        problem, manager, routing = self.problem, self.manager, self.routing
        if assignment is None:
            return Solution([[] for _ in problem.routes], [r.earliest for r in problem.routes], 0,
                            list(range(len(problem.visits))), seconds, "infeasible")
        routes, ends, visited = [], [], set()
        for vehicle in range(len(problem.routes)):
            stops, index = [], routing.Start(vehicle)
            previous_end = assignment.Min(self.time.CumulVar(index))
            previous_node = manager.IndexToNode(index)
            index = assignment.Value(routing.NextVar(index))
            while not routing.IsEnd(index):
                node = manager.IndexToNode(index)
                visit = node - problem.depots
                start = assignment.Min(self.time.CumulVar(index))
                arrive = previous_end + problem.travel[previous_node][node]
                stops.append(Stop(visit, arrive, start, start + problem.visits[visit].service))
                visited.add(visit)
                previous_end, previous_node = start + problem.visits[visit].service, node
                index = assignment.Value(routing.NextVar(index))
            routes.append(stops)
            ends.append(assignment.Min(self.time.CumulVar(index)))
        score = sum(problem.visits[v].score for v in visited)
        dropped = [v for v in range(len(problem.visits)) if v not in visited]
        return Solution(routes, ends, score, dropped, seconds, "ok")
