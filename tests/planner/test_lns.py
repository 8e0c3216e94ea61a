"""The custom core's side constraints, each checked by recomputing the answer from the problem alone."""

import random
import time

import pytest

from tourism.planner import lns
from tourism.planner.problem import Problem, Route, Visit


def verify(problem: Problem, solution) -> int:
    """Recompute the plan: windows, route bounds, travel caps, the break, groups, budget. Returns the score."""
    seen, spent = set(), 0
    for k, (route, stops) in enumerate(zip(problem.routes, solution.routes, strict=True)):
        here, now, travelled, groups_left, current = route.start, route.earliest, 0, set(), -1
        brk = solution.breaks[k] if solution.breaks else None
        busy = []  # (start, end) of visits the break may not overlap
        for stop in stops:
            visit = problem.visits[stop.visit]
            assert stop.visit not in seen, "a visit is planned twice"
            seen.add(stop.visit)
            node = problem.depots + stop.visit
            leg = problem.travel[here][node]
            travelled += leg
            assert stop.start >= now + leg, "a visit starts before the group can be there"
            assert any(lo <= stop.start <= hi for lo, hi in visit.windows), "a visit starts outside its hours"
            assert stop.end == stop.start + visit.service
            if not visit.meal or visit.service < (route.breaks[0][2] if route.breaks else 0):
                busy.append((stop.start, stop.end))
            if visit.group != -1 and visit.group != current:
                assert visit.group not in groups_left, "a route comes back to a group it left"
                if current not in (-1, route.home_group):
                    groups_left.add(current)
                current = visit.group
            spent += visit.cost
            here, now = node, stop.end
        travelled += problem.travel[here][route.end]
        assert solution.route_end[k] >= now + problem.travel[here][route.end]
        assert solution.route_end[k] <= route.latest
        if route.max_travel is not None:
            assert travelled <= route.max_travel, "a route travels more than its cap"
        if route.breaks:
            lo, hi, duration = route.breaks[0]
            assert brk is not None, "the route has no break"
            begin, end = brk
            assert lo <= begin <= hi and end - begin == duration
            assert all(end <= s or begin >= e for s, e in busy), "the break overlaps a visit without food"
            total_busy = sum(e - s for s, e in busy) + duration + travelled
            assert total_busy <= route.latest - route.earliest
    if problem.budget is not None:
        assert spent <= problem.budget
    assert all(problem.visits[v].mandatory is False or v in seen for v in range(len(problem.visits))
               if v not in solution.dropped)
    score = sum(problem.visits[v].score for v in seen)
    assert score == solution.score
    return score


def random_problem(seed, visits=40, routes=2, **route_options):
    rng = random.Random(seed)
    points = [(rng.uniform(0, 100), rng.uniform(0, 100)) for _ in range(2 + visits)]
    travel = [[round(((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5) for bx, by in points] for ax, ay in points]
    plan = [Visit(score=rng.randint(1, 10), service=rng.randint(10, 60),
                  windows=[(rng.randint(0, 200), rng.randint(250, 480))]) for _ in range(visits)]
    return Problem(visits=plan, routes=[Route(0, 1, 0, 480, **route_options) for _ in range(routes)],
                   travel=travel, depots=2)


def test_lunch_is_taken_inside_its_window_and_never_during_a_visit_without_food():
    problem = random_problem(1, routes=2, breaks=[(150, 240, 60)])
    verify(problem, lns.solve(problem, 0.5))


def test_a_long_visit_to_a_place_with_food_can_hold_lunch():
    """A 240-minute visit in an eight-hour day with a 60-minute lunch starting in a two-hour window: only by
    eating inside the visit (the diaolou villages, the mountains) does it fit with the morning's other visit."""
    travel = [[0, 0, 30, 30], [0, 0, 30, 30], [30, 30, 0, 20], [30, 30, 20, 0]]
    long_visit = Visit(score=10, service=240, windows=[(0, 540)], meal=True)
    morning = Visit(score=5, service=120, windows=[(0, 60)])
    problem = Problem(visits=[long_visit, morning], routes=[Route(0, 1, 0, 480, breaks=[(150, 270, 60)])],
                      travel=travel, depots=2)
    solution = lns.solve(problem, 0.3)
    assert verify(problem, solution) == 15
    long_visit.meal = False
    assert verify(problem, lns.solve(problem, 0.3)) < 15


def test_no_route_travels_more_than_its_cap():
    problem = random_problem(2, visits=60, routes=3, max_travel=150)
    solution = lns.solve(problem, 0.5)
    assert verify(problem, solution) > 0


def test_the_budget_holds_over_the_whole_plan():
    problem = random_problem(3, visits=40, routes=2)
    for visit in problem.visits:
        visit.cost = 30
    problem.budget = 200
    solution = lns.solve(problem, 0.5)
    assert verify(problem, solution) > 0
    assert sum(len(r) for r in solution.routes) <= 6


def test_a_route_never_returns_to_a_group_it_left_but_its_home():
    problem = random_problem(4, visits=60, routes=2)
    for index, visit in enumerate(problem.visits):
        visit.group = index % 4
    for route in problem.routes:
        route.home_group = 0
    verify(problem, lns.solve(problem, 0.5))


def test_travel_is_worth_its_cost_in_score():
    """A far-off place worth one point is not worth 400 minutes on the road once travel has a price."""
    travel = [[0, 0, 10, 200], [0, 0, 10, 200], [10, 10, 0, 200], [200, 200, 200, 0]]
    problem = Problem(visits=[Visit(score=5, service=30, windows=[(0, 600)]),
                              Visit(score=1, service=30, windows=[(0, 600)])],
                      routes=[Route(0, 1, 0, 600)], travel=travel, depots=2)
    assert verify(problem, lns.solve(problem, 0.2)) == 6
    problem.travel_weight = 0.01
    solution = lns.solve(problem, 0.2)
    assert verify(problem, solution) == 5 and solution.dropped == [1]


def test_a_route_that_cannot_reach_its_end_within_its_cap_stays_empty():
    problem = random_problem(10, visits=10, routes=2)
    problem.travel[0][1] = problem.travel[1][0] = 90
    problem.routes[0].max_travel = 60
    solution = lns.solve(problem, 0.2)
    assert solution.routes[0] == [] and solution.routes[1]
    assert solution.score == sum(problem.visits[stop.visit].score for stop in solution.routes[1])


def test_a_visit_with_several_windows_starts_inside_one_of_them():
    problem = random_problem(6, visits=30, routes=2)
    for visit in problem.visits[::2]:
        visit.windows = [(0, 60), (300, 400)]
    verify(problem, lns.solve(problem, 0.5))


def test_mandatory_visits_come_before_score():
    problem = random_problem(7, visits=40, routes=1)
    cheap = min(range(40), key=lambda v: problem.visits[v].score)
    problem.visits[cheap].mandatory = True
    solution = lns.solve(problem, 0.5)
    verify(problem, solution)
    assert cheap not in solution.dropped


def test_routes_may_start_and_end_at_different_places():
    problem = random_problem(8, visits=30, routes=2)
    problem.routes[1] = Route(1, 0, 0, 480)
    solution = lns.solve(problem, 0.5)
    assert verify(problem, solution) > 0


@pytest.mark.parametrize("limit", [0.5, 2.0])
def test_the_time_limit_holds_on_a_large_instance(limit):
    """Larger than the largest benchmark file (288 visits), with the itinerary's side constraints."""
    problem = random_problem(9, visits=400, routes=4, breaks=[(150, 240, 60)], max_travel=300)
    for index, visit in enumerate(problem.visits):
        visit.group, visit.meal = index % 9, index % 7 == 0
    started = time.perf_counter()
    solution = lns.solve(problem, limit)
    assert time.perf_counter() - started <= limit + 0.5
    verify(problem, solution)
