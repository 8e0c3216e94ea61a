"""A second orienteering core on OR-Tools' routing library, kept to compare against the planner's own.

It solves the benchmark subset of the model (windows, distinct route ends, mandatory visits, a budget,
fixed breaks); the trip planner's meal-aware lunch, travel caps, city contiguity and travel cost are
the custom core's (tourism.planner.lns), so itineraries use that one. ``python -m
tourism.planner.toptw --core ortools`` and ``bench/toptw.py --core ortools`` run this one.

- optional visits are disjunctions whose drop penalty is their score, so minimising cost maximises
  the score; mandatory visits carry a penalty larger than every score together;
- a time dimension with waiting allowed (slack); a visit starts inside one of its windows;
- the search stops on the wall-clock time limit (OR-Tools checks it between moves).
"""

import random
import time

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from tourism.planner.problem import Problem, Solution, Stop


def supports(problem: Problem) -> bool:
    """Whether the problem uses only what this core models."""
    return not (problem.travel_weight or any(v.meal or v.group != -1 for v in problem.visits)
                or any(r.max_travel is not None for r in problem.routes))


class Solver:
    def __init__(self, problem: Problem, seed: int = 0):
        if not supports(problem):
            raise ValueError("this core models windows, route ends, mandatory visits, a budget and breaks only")
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
    def solve(self, time_limit: float = 5.0) -> Solution:
        started = time.perf_counter()
        params = pywrapcp.DefaultRoutingSearchParameters()
        params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
        params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
        params.time_limit.FromMilliseconds(max(1, int(time_limit * 1000)))
        return self._read(self.routing.SolveWithParameters(params), time.perf_counter() - started)

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
        return Solution(routes, ends, score, dropped, seconds, "ok", objective=float(score))
