"""Iterated local search for the orienteering problem with time windows (Vansteenwegen et al., 2009).

Our warm start for the routing model: insert visits by best score-per-time ratio using the classic
wait / max-shift bookkeeping (each insertion checked in constant time), then shake by removing a run
of consecutive visits from every route, and keep the best. Deterministic: it runs a fixed number of
iterations. Lunch breaks are left to the routing model, which repairs or replaces the warm start.
"""

from dataclasses import dataclass

from tourism.planner.orienteering import Problem


@dataclass
class _Route:
    start: int
    end: int
    earliest: int
    latest: int
    visits: list  # visit indices
    arrive: list
    begin: list
    wait: list
    max_shift: list


class IteratedLocalSearch:
    def __init__(self, problem: Problem):
        self.p = problem
        self.node = [problem.depots + i for i in range(len(problem.visits))]

    # -- route bookkeeping ----------------------------------------------------------------------
    def _window(self, visit, time):
        """The start time in the first window that ``time`` can still make, or None."""
        for lo, hi in self.p.visits[visit].windows:
            if time <= hi:
                return max(time, lo), hi
        return None, None

    def _recompute(self, route: _Route) -> bool:
        p = self.p
        here, now = route.start, route.earliest
        route.arrive, route.begin, route.wait = [], [], []
        closes = []
        for visit in route.visits:
            arrive = now + p.travel[here][self.node[visit]]
            begin, close = self._window(visit, arrive)
            if begin is None:
                return False
            route.arrive.append(arrive)
            route.begin.append(begin)
            route.wait.append(begin - arrive)
            closes.append(close)
            here, now = self.node[visit], begin + p.visits[visit].service
        back = now + p.travel[here][route.end]
        if back > route.latest:
            return False
        # max_shift[i]: how much visit i's start may move later without breaking anything after it
        shift = route.latest - back
        route.max_shift = [0] * len(route.visits)
        for i in range(len(route.visits) - 1, -1, -1):
            route.max_shift[i] = min(closes[i] - route.begin[i], shift)
            shift = route.wait[i] + route.max_shift[i]
        return True

    def _best_insertion(self, routes, unrouted, spent):
        p, best = self.p, None
        for visit in unrouted:
            data = p.visits[visit]
            if p.budget is not None and spent + data.cost > p.budget:
                continue
            weight = data.score * (1000 if data.mandatory else 1)
            node = self.node[visit]
            for r, route in enumerate(routes):
                n = len(route.visits)
                for position in range(n + 1):
                    prev = route.start if position == 0 else self.node[route.visits[position - 1]]
                    nxt = route.end if position == n else self.node[route.visits[position]]
                    leave = route.earliest if position == 0 else (
                        route.begin[position - 1] + p.visits[route.visits[position - 1]].service)
                    arrive = leave + p.travel[prev][node]
                    begin, _close = self._window(visit, arrive)
                    if begin is None:
                        continue
                    shift = p.travel[prev][node] + (begin - arrive) + data.service + p.travel[node][nxt] - \
                        p.travel[prev][nxt]
                    if position < n:
                        limit = route.wait[position] + route.max_shift[position]
                    else:
                        back = leave + p.travel[prev][route.end]
                        limit = route.latest - back
                    if shift > limit:
                        continue
                    ratio = weight * weight / max(shift, 1)
                    if best is None or ratio > best[0]:
                        best = (ratio, visit, r, position)
        return best

    def _fill(self, routes, unrouted, spent):
        while True:
            best = self._best_insertion(routes, unrouted, spent)
            if best is None:
                return spent
            _ratio, visit, r, position = best
            route = routes[r]
            route.visits.insert(position, visit)
            if not self._recompute(route):  # multiple windows can defeat the shift test; undo then
                route.visits.pop(position)
                self._recompute(route)
                unrouted.discard(visit)
                continue
            unrouted.discard(visit)
            spent += self.p.visits[visit].cost

    def _score(self, routes):
        return sum(self.p.visits[v].score for route in routes for v in route.visits)

    # -- the search ----------------------------------------------------------------------------
    def _restore(self, routes, snapshot):
        for route, visits in zip(routes, snapshot, strict=True):
            route.visits = list(visits)
            self._recompute(route)
        taken = {v for visits in snapshot for v in visits}
        return set(range(len(self.p.visits))) - taken, sum(self.p.visits[v].cost for v in taken)

    def run(self, iterations: int) -> list[list[int]]:
        """The shake of the original ILS: remove ``size`` visits from position ``start`` of every route,
        growing ``size`` while nothing improves and moving ``start`` along; restart from the best when stuck."""
        p = self.p
        routes = [_Route(r.start, r.end, r.earliest, r.latest, [], [], [], [], []) for r in p.routes]
        for route in routes:
            self._recompute(route)
        unrouted = set(range(len(p.visits)))
        spent = self._fill(routes, unrouted, 0)
        best = ([list(r.visits) for r in routes], self._score(routes))
        size, start, stale = 1, 0, 0
        longest = max(1, len(p.visits) // (3 * max(1, len(routes))))
        for _iteration in range(iterations):
            for route in routes:
                if not route.visits:
                    continue
                first = start % len(route.visits)
                removed = route.visits[first:first + size]
                del route.visits[first:first + size]
                unrouted.update(removed)
                spent -= sum(p.visits[v].cost for v in removed)
                self._recompute(route)
            spent = self._fill(routes, unrouted, spent)
            score = self._score(routes)
            start += size
            size += 1
            if score > best[1]:
                best, size, stale = ([list(r.visits) for r in routes], score), 1, 0
            else:
                stale += 1
            if size > longest:
                size = 1
            if stale > 50:
                unrouted, spent = self._restore(routes, best[0])
                stale = 0
        return best[0]
