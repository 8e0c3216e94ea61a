"""Team orienteering with time windows, and the trip planner's side constraints.

Engine: ruin-and-recreate (large neighbourhood search) under simulated-annealing acceptance, with
restarts from the cycle's best. Each route keeps its earliest departure and latest feasible arrival
at every position (Savelsbergh's forward/backward times, the "max shift" bookkeeping of Vansteenwegen
et al.'s ILS), so whether a visit fits between two stops is an O(1) test; the recreate step runs that
test for every unrouted visit and every gap of a route at once with numpy.
"""

import itertools
import math
import random
import time

import numpy as np

from tourism.planner.problem import Problem, Route, Solution, Stop

INF = 1 << 60  # times are integers; an integer infinity keeps numpy in int64 (INF + INF still fits)
# Tuned on the benchmark files with bench/toptw.py.
T0 = 1.0  # starting temperature, in average visit scores
NOISE = 3.0  # the recreate step's random spread of insertion worth
POWER = 2.0  # insertion worth: score ** POWER per unit of time
RUIN_SHARE, RUIN_MAX = 0.3, 15  # largest ruin: this share of an average route's visits, at most RUIN_MAX
CYCLE_BASE, CYCLE_PER_VISIT = 400, 10  # iterations per annealing cycle
STOP_AFTER = 30  # cycles without a new best: converged


def _earliest_start(windows, t):
    """The first allowed start at or after ``t``."""
    for lo, hi in windows:
        if t <= hi:
            return t if t > lo else lo
    return INF


def _latest_start(windows, t):
    """The last allowed start at or before ``t``."""
    for lo, hi in reversed(windows):
        if t >= lo:
            return t if t < hi else hi
    return -INF


def _after_break(leave, leg, brk):
    """Earliest arrival at the next stop when the break is taken on this leg (it may split the travel)."""
    lo, hi, dur = brk
    if leave > hi:
        return INF
    arrive = leave + leg
    return (arrive if arrive > lo else lo) + dur


def _before_break(leg, arrive_by, brk):
    """Latest departure on a leg that still fits the break and arrives by ``arrive_by``."""
    lo, hi, dur = brk
    if lo + dur > arrive_by:
        return -INF
    leave = arrive_by - dur - leg
    return leave if leave < hi else hi


def _contiguous(inst, path, home) -> bool:
    """Whether the route never comes back to a group it left (its home group excepted)."""
    left, current = set(), -1
    for v in path[1:-1]:
        g = inst.group[v]
        if g == -1 or g == current:
            continue
        if g in left:
            return False
        if current != -1 and current != home:
            left.add(current)
        current = g
    return True


class _Instance:
    """The problem flattened into per-location lists (scalar code) and per-column arrays (numpy code).

    A column is one (visit, window) pair: a visit with several windows is several single-window
    candidates to the vectorised insertion test, and the best of them is its best insertion."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.depots = problem.depots
        self.travel = [list(row) for row in problem.travel]
        integral = all(isinstance(x, int) for row in self.travel for x in row)
        self.T = np.array(self.travel, dtype=np.int64 if integral else np.float64)
        self.TT = np.ascontiguousarray(self.T.T)  # row-wise access to "from anywhere to b"
        size = len(self.travel)
        self.score = [0] * size
        self.service = [0] * size
        self.open = [0] * size
        self.close = [-1] * size
        self.windows = [None] * size  # only for visits with several windows
        self.cost = [0] * size
        self.mandatory = [False] * size
        self.meal = [False] * size
        self.group = [-1] * size
        self.nodes = []  # visits that can be planned at all
        columns = []
        for index, visit in enumerate(problem.visits):
            node = self.depots + index
            windows = sorted((int(lo), int(hi)) for lo, hi in visit.windows if lo <= hi)
            self.score[node] = visit.score
            self.service[node] = visit.service
            self.cost[node] = visit.cost
            self.mandatory[node] = visit.mandatory
            self.meal[node] = visit.meal
            self.group[node] = visit.group
            if not windows or (problem.budget is not None and self.cost[node] > problem.budget):
                continue
            self.open[node], self.close[node] = windows[0][0], windows[-1][1]
            if len(windows) > 1:
                self.windows[node] = windows
            self.nodes.append(node)
            columns += [(node, lo, hi) for lo, hi in windows]
        self.close_np = np.array(self.close, dtype=np.int64)
        self.budget = problem.budget
        self.weight = float(problem.travel_weight or 0)
        self.has_groups = any(self.group[v] != -1 for v in self.nodes)
        self.labels = sorted({self.group[v] for v in self.nodes} | {-1})
        self.label_index = {g: i for i, g in enumerate(self.labels)}
        col = np.array(columns, dtype=np.int64).reshape(-1, 3)
        self.col_node, self.col_open, self.col_close = col[:, 0], col[:, 1], col[:, 2]
        pick = lambda values, dtype: np.array([values[v] for v in self.col_node], dtype=dtype)  # noqa: E731
        self.col_service = pick(self.service, np.int64)
        self.col_score = pick(self.score, np.float64)
        self.col_cost = pick(self.cost, np.int64)
        self.col_mandatory = pick(self.mandatory, bool)
        self.col_meal = pick(self.meal, bool)
        self.col_label = np.array([self.label_index[self.group[v]] for v in self.col_node], dtype=np.int64)

    def earliest(self, v, t):
        windows = self.windows[v]
        if windows is None:
            start = t if t > self.open[v] else self.open[v]
            return start if start <= self.close[v] else INF
        return _earliest_start(windows, t)

    def latest(self, v, t):
        windows = self.windows[v]
        if windows is None:
            last = t if t < self.close[v] else self.close[v]
            return last if last >= self.open[v] else -INF
        return _latest_start(windows, t)


class _Candidates:
    """Attribute arrays of a set of columns, sliced once per recreate step."""

    __slots__ = ("cols", "node", "open", "close", "service", "meal", "label", "cost", "score", "mandatory")

    def __init__(self, inst: _Instance, cols):
        self.cols = cols
        self.node, self.open, self.close = inst.col_node[cols], inst.col_open[cols], inst.col_close[cols]
        self.service, self.meal, self.label = inst.col_service[cols], inst.col_meal[cols], inst.col_label[cols]
        self.cost, self.score, self.mandatory = inst.col_cost[cols], inst.col_score[cols], inst.col_mandatory[cols]

    def subset(self, keep):
        part = _Candidates.__new__(_Candidates)
        for name in _Candidates.__slots__:
            setattr(part, name, getattr(self, name)[keep])
        return part


class _Route:
    """One route's sequence and schedule.

    ``dep[i]`` is the earliest departure from position i and ``lat[i]`` the latest arrival at position i
    that still lets the rest of the route finish in time (position 0 is the start, the last the end;
    ``dep[last]`` is the arrival at the end). A route with a break keeps both twice: ``depA``/``latA``
    while the break is still to be taken, ``dep``/``lat`` once it is taken."""

    __slots__ = ("index", "start", "end", "earliest", "latest", "cap", "brk", "home", "path", "dep", "lat",
                 "depA", "latA", "travel", "score", "cost", "mandatory", "usable", "_arrays", "_allowed")

    def __init__(self, index, spec: Route, inst: _Instance):
        self.index = index
        self.start, self.end = spec.start, spec.end
        self.earliest, self.latest = spec.earliest, spec.latest
        self.cap = INF if spec.max_travel is None else spec.max_travel
        self.home = spec.home_group
        self.brk = tuple(spec.breaks[0]) if spec.breaks else None
        self.path = [self.start, self.end]
        self.dep = self.lat = self.depA = self.latA = None  # an unusable route keeps no schedule
        self.usable = self.plan(inst)
        if not self.usable and self.brk is not None:  # a break that cannot fit even an empty route is dropped
            self.brk = None
            self.usable = self.plan(inst)

    def plan(self, inst: _Instance) -> bool:
        """Recompute the schedule arrays and totals; False when the sequence is infeasible."""
        path, travel, service = self.path, inst.travel, inst.service
        score = cost = mandatory = moved = 0
        for a, b in itertools.pairwise(path):
            moved += travel[a][b]
            score += inst.score[b]
            cost += inst.cost[b]
            mandatory += inst.mandatory[b]
        self.score, self.cost, self.mandatory, self.travel = score, cost, mandatory, moved
        self._arrays = self._allowed = None
        if moved > self.cap:
            return False
        if self.brk is not None:
            return self._plan_with_break(inst)
        last = len(path) - 1
        dep = [0] * (last + 1)
        t = dep[0] = self.earliest
        prev = path[0]
        for i in range(1, last):
            v = path[i]
            t += travel[prev][v]
            if inst.windows[v] is None:
                if t < inst.open[v]:
                    t = inst.open[v]
                elif t > inst.close[v]:
                    return False
            else:
                t = _earliest_start(inst.windows[v], t)
                if t == INF:
                    return False
            t = dep[i] = t + service[v]
            prev = v
        t = dep[last] = t + travel[prev][path[last]]
        if t > self.latest:
            return False
        lat = [0] * (last + 1)
        late = lat[last] = self.latest
        nxt = path[last]
        for i in range(last - 1, 0, -1):
            v = path[i]
            late -= travel[v][nxt] + service[v]
            if inst.windows[v] is None:
                if late > inst.close[v]:
                    late = inst.close[v]
            else:
                late = _latest_start(inst.windows[v], late)
            lat[i] = late
            nxt = v
        lat[0] = late - travel[path[0]][nxt]
        self.dep, self.lat, self.depA, self.latA = dep, lat, None, None
        return True

    def _plan_with_break(self, inst: _Instance) -> bool:
        """Both states at every position; the break goes wherever it fits, on a leg or in a meal visit."""
        path, travel, service, meal, brk = self.path, inst.travel, inst.service, inst.meal, self.brk
        lo, hi, dur = brk
        last = len(path) - 1
        depA, dep = [INF] * (last + 1), [INF] * (last + 1)
        depA[0] = self.earliest
        for i in range(1, last):
            v, leg = path[i], travel[path[i - 1]][path[i]]
            s = service[v]
            arrive_a = depA[i - 1] + leg
            depA[i] = inst.earliest(v, arrive_a) + s
            dep[i] = inst.earliest(v, min(dep[i - 1] + leg, _after_break(depA[i - 1], leg, brk))) + s
            if meal[v] and s >= dur:
                host = inst.earliest(v, max(arrive_a, lo + dur - s))
                if host <= hi:
                    dep[i] = min(dep[i], host + s)
        leg = travel[path[last - 1]][path[last]]
        dep[last] = min(dep[last - 1] + leg, _after_break(depA[last - 1], leg, brk))
        if dep[last] > self.latest:
            return False
        latA, lat = [-INF] * (last + 1), [-INF] * (last + 1)
        lat[last] = self.latest
        for i in range(last - 1, -1, -1):
            v, leg = path[i], travel[path[i]][path[i + 1]]
            leave = lat[i + 1] - leg
            leave_a = max(latA[i + 1] - leg, _before_break(leg, lat[i + 1], brk))
            if i == 0:
                lat[0], latA[0] = leave, leave_a
                break
            s = service[v]
            lat[i] = inst.latest(v, leave - s)
            latA[i] = inst.latest(v, leave_a - s)
            if meal[v] and s >= dur:
                host = inst.latest(v, min(hi, leave - s))
                if host >= lo + dur - s:
                    latA[i] = max(latA[i], host)
        self.dep, self.lat, self.depA, self.latA = dep, lat, depA, latA
        return True

    _STATE = ("dep", "lat", "depA", "latA", "travel", "score", "cost", "mandatory", "_arrays", "_allowed")

    def state(self):
        """Everything plan() computes, to roll a rejected change back without recomputing it."""
        return (list(self.path),) + tuple(getattr(self, name) for name in self._STATE)

    def set_state(self, state):
        self.path = state[0]
        for name, value in zip(self._STATE, state[1:], strict=True):
            setattr(self, name, value)

    def arrays(self):
        """numpy copies of the path and schedule, made once per plan()."""
        if self._arrays is None:
            path = np.array(self.path, dtype=np.int64)
            self._arrays = (path, np.array(self.dep, dtype=np.int64), np.array(self.lat, dtype=np.int64),
                            None if self.brk is None else np.array(self.depA, dtype=np.int64),
                            None if self.brk is None else np.array(self.latA, dtype=np.int64))
        return self._arrays

    def insert(self, inst: _Instance, gap, v) -> bool:
        """Put v after position ``gap``; the schedule is updated only as far as the insertion moves it
        (forward until a departure is unchanged, backward until a latest arrival is)."""
        if self.brk is not None:
            self.path.insert(gap + 1, v)
            if self.plan(inst):
                return True
            self.path.pop(gap + 1)
            self.plan(inst)
            return False
        path, dep, lat, travel, service = self.path, self.dep, self.lat, inst.travel, inst.service
        a, b = path[gap], path[gap + 1]
        moved = self.travel + travel[a][v] + travel[v][b] - travel[a][b]
        if moved > self.cap:
            return False
        start = inst.earliest(v, dep[gap] + travel[a][v])
        if start == INF:
            return False
        t, prev, last = start + service[v], v, len(path) - 1
        ahead = [t]
        k = gap + 1
        while k < last:
            w = path[k]
            start = inst.earliest(w, t + travel[prev][w])
            if start == INF:
                return False
            t = start + service[w]
            if t == dep[k]:
                break
            ahead.append(t)
            prev = w
            k += 1
        else:
            t += travel[prev][path[last]]
            if t > self.latest:
                return False
            ahead.append(t)
            k = last + 1
        late = inst.latest(v, lat[gap + 1] - travel[v][b] - service[v])
        behind = [late]
        nxt, j = v, gap
        while j > 0:
            w = path[j]
            late = inst.latest(w, late - travel[w][nxt] - service[w])
            if late == lat[j]:
                break
            behind.append(late)
            nxt = w
            j -= 1
        else:
            behind.append(late - travel[path[0]][nxt])
            j = -1
        behind.reverse()
        self.dep = dep[:gap + 1] + ahead + dep[k:]
        self.lat = lat[:j + 1] + behind + lat[gap + 1:]
        path.insert(gap + 1, v)
        self.travel = moved
        self.score += inst.score[v]
        self.cost += inst.cost[v]
        self.mandatory += inst.mandatory[v]
        self._arrays = self._allowed = None
        return True

    def bounds(self):
        """Earliest departures and latest arrivals whatever the break state (for pruning moves)."""
        _path, dep, lat, depA, latA = self.arrays()
        return (dep, lat) if depA is None else (np.minimum(dep, depA), np.maximum(lat, latA))

    def insertion_costs(self, inst: _Instance, cand):
        """For each candidate column: (shift, gap, extra travel) of its cheapest feasible insertion.

        shift is how much later the gap's far end is reached (INF when no gap works): Vansteenwegen et
        al.'s Shift = travel in + wait + service + travel out - travel saved. ``cand`` holds the columns'
        attribute arrays (see _Candidates)."""
        path, dep, lat, depA, latA = self.arrays()
        a, b = path[:-1], path[1:]
        into = inst.T[a][:, cand.node]
        out = inst.TT[b][:, cand.node]
        direct = inst.T[a, b]
        if self.brk is None:
            shift = dep[:-1, None] + into  # the start, then the finish, then the shift, in place
            np.maximum(shift, cand.open, out=shift)
            bad = shift > cand.close
            shift += cand.service
            shift += out
            bad |= shift > lat[1:, None]
            shift -= (dep[:-1] + direct)[:, None]
        else:
            shift, bad = self._break_shift(cand, into, out, direct[:, None], dep, lat, depA, latA)
        need_extra = self.cap < INF or inst.weight
        if need_extra:
            extra = into + out - direct[:, None]
            if self.cap < INF:
                bad |= extra > self.cap - self.travel
        if inst.has_groups:
            bad |= ~self.group_allowed(inst)[:, cand.label]
        shift[bad] = INF
        gap = shift.argmin(0)
        return shift.min(0), gap, extra[gap, np.arange(len(gap))] if need_extra else None

    def _break_shift(self, cand, into, out, direct, dep, lat, depA, latA):
        """The two-state insertion test of ``_plan_with_break``, vectorised."""
        lo, hi, dur = self.brk
        opening, closing, service = cand.open, cand.close, cand.service

        def after_break(leave, leg):
            return np.where(leave > hi, INF, np.maximum(leave + leg, lo) + dur)

        def earliest(t):
            start = np.maximum(t, opening)
            return np.where(start <= closing, start, INF)

        leave_a, leave = depA[:-1, None], dep[:-1, None]
        arrive_a = leave_a + into
        done_a = earliest(arrive_a) + service
        done = earliest(np.minimum(leave + into, after_break(leave_a, into))) + service
        host = earliest(np.maximum(arrive_a, lo + dur - service))
        can_host = cand.meal & (service >= dur) & (host <= hi)
        done = np.where(can_host, np.minimum(done, host + service), done)
        at_b = np.minimum(done + out, after_break(done_a, out))
        at_b_a = done_a + out
        ok_b, ok_a = at_b <= lat[1:, None], at_b_a <= latA[1:, None]
        was_b = np.minimum(leave + direct, after_break(leave_a, direct))
        shift = np.where(ok_b, at_b - was_b, at_b_a - (leave_a + direct))
        return shift, ~(ok_b | ok_a)

    def group_allowed(self, inst: _Instance):
        """(gaps x labels): where a visit of each group keeps every group's visits contiguous.

        Walking a route, once it leaves a group it may not come back, except to its home group; visits
        without a group are neutral."""
        if self._allowed is not None:
            return self._allowed
        path, group, home = self.path, inst.group, self.home
        last = len(path) - 1
        before, label = [], -1
        for i in range(last):
            if i and group[path[i]] != -1:
                label = group[path[i]]
            before.append(label)
        after, label = [0] * last, -1
        for i in range(last - 1, -1, -1):
            if i + 1 < last and group[path[i + 1]] != -1:
                label = group[path[i + 1]]
            after[i] = label
        present = {group[v] for v in path[1:-1]} - {-1, home}
        allowed = np.ones((last, len(inst.labels)), dtype=bool)
        for i in range(last):
            inside = before[i] == after[i] != -1 and before[i] != home  # within another group's run
            for j, g in enumerate(inst.labels):
                if g == -1:
                    continue
                if inside and before[i] != g or g in present and before[i] != g and after[i] != g:
                    allowed[i, j] = False
        self._allowed = allowed
        return allowed

class _Search:
    """Ruin and recreate with simulated annealing, restarting each cycle from the best solution."""

    def __init__(self, inst: _Instance, seed: int, deadline: float):
        self.inst = inst
        self.rng = random.Random(seed)
        self.nprng = np.random.default_rng(seed)
        self.deadline = deadline
        self.routes = [_Route(k, spec, inst) for k, spec in enumerate(inst.problem.routes)]
        self.where = dict.fromkeys(inst.nodes, -1)  # route index of each plannable visit, -1 when unrouted
        self.free = np.zeros(len(inst.travel), dtype=bool)  # unrouted plannable visits
        self.free[inst.nodes] = True
        self.spent = 0
        self.temperature0 = T0 * sum(inst.score[v] for v in inst.nodes) / max(1, len(inst.nodes))
        self.near = self._neighbours()
        self.focus = None
        self.time_available = sum(r.latest - r.earliest for r in self.routes if r.usable)

    def _neighbours(self):
        """For each visit the nearest others by travel time both ways (the related-removal order)."""
        nodes = np.array(self.inst.nodes, dtype=np.int64)
        if not nodes.size:
            return {}
        T = self.inst.T[nodes][:, nodes]
        both = T + T.T
        np.fill_diagonal(both, np.iinfo(np.int64).max if both.dtype == np.int64 else np.inf)
        order = np.argsort(both, axis=1, kind="stable")[:, :30]
        return {int(v): [int(u) for u in nodes[row]] for v, row in zip(nodes, order, strict=True)}

    # -- solution bookkeeping ------------------------------------------------------------------------
    def value(self):
        """Mandatory visits first, then score net of weighted travel, then less travel."""
        travel = sum(r.travel for r in self.routes)
        return (sum(r.mandatory for r in self.routes),
                sum(r.score for r in self.routes) - self.inst.weight * travel, -travel)

    def snapshot(self):
        return [list(r.path) for r in self.routes]

    def rollback(self, states, which):
        """Put the routes in ``which`` back as they were in ``states`` (from _Route.state)."""
        for k in which:
            for v in self.routes[k].path[1:-1]:
                self.where[v] = -1
                self.free[v] = True
        for k in which:
            self.routes[k].set_state(states[k])
            for v in self.routes[k].path[1:-1]:
                self.where[v] = k
                self.free[v] = False
        self.spent = sum(r.cost for r in self.routes)

    def restore(self, paths, which=None):
        for k in range(len(self.routes)) if which is None else which:
            route = self.routes[k]
            for v in route.path[1:-1]:
                self.where[v] = -1
                self.free[v] = True
            route.path = list(paths[k])
            route.plan(self.inst)
        for route in self.routes:
            for v in route.path[1:-1]:
                self.where[v] = route.index
                self.free[v] = False
        self.spent = sum(r.cost for r in self.routes)

    def _place(self, route, gap, v) -> bool:
        if not route.insert(self.inst, gap, v):  # cannot happen: the vectorised test is exact; kept as a guard
            return False
        self.where[v] = route.index
        self.free[v] = False
        self.spent += self.inst.cost[v]
        return True

    # -- recreate -----------------------------------------------------------------------------------
    def fill(self, which, noise=0.0):
        """Greedy insertion into the routes in ``which`` until nothing fits, best score^2 / shift first
        (Vansteenwegen et al.'s ratio, with multiplicative noise); mandatory visits before all others."""
        inst = self.inst
        routes = [self.routes[k] for k in which if self.routes[k].usable]
        cols = np.flatnonzero(self.free[inst.col_node])
        if inst.budget is not None:
            cols = cols[inst.col_cost[cols] <= inst.budget - self.spent]
        if not routes or not cols.size:
            return
        cand = _Candidates(inst, cols)
        nodes = cand.node
        # two resources, time and money: charge each insertion its share of both (multi-knapsack greedy)
        money = cand.cost * (self.time_available / inst.budget) if inst.budget else 0
        base = 1.0 + noise * self.nprng.random(len(cols))
        bonus = np.where(cand.mandatory, 1e15, 0.0)
        if self.focus is not None:
            bonus = bonus + np.where(nodes == self.focus, 1e12, 0.0)
        power = POWER
        shifts = np.empty((len(routes), len(cols)), dtype=np.int64)
        gaps = np.empty_like(shifts)
        extras = np.empty_like(shifts) if inst.weight else None
        for r, route in enumerate(routes):
            shifts[r], gaps[r], extra = route.insertion_costs(inst, cand)
            if extras is not None:
                extras[r] = extra
        every = np.arange(len(cols))
        worth = np.where((cand.score > 0) | (bonus > 0), cand.score ** power * base + bonus, -1.0)
        while True:
            shift = shifts[0] if len(routes) == 1 else shifts.min(0)
            if inst.weight:  # the gain depends on the detour of the best insertion
                gain = cand.score - inst.weight * extras[shifts.argmin(0), every]
                worth = np.where((gain > 0) | (bonus > 0), np.maximum(gain, 0) ** power * base + bonus, -1.0)
            key = worth / (np.maximum(shift, 1) + money)
            key[shift >= INF] = -1.0
            c = int(key.argmax())
            if key[c] < 0:
                return
            r = int(shifts[:, c].argmin())
            v = int(nodes[c])
            route = routes[r]
            if not self._place(route, int(gaps[r, c]), v):
                shifts[r, c] = INF
                continue
            shifts[:, nodes == v] = INF
            if inst.budget is not None:
                shifts[:, cand.cost > inst.budget - self.spent] = INF
            live = np.flatnonzero(shifts[r] < INF)
            if live.size:
                shifts[r, live], gaps[r, live], extra = route.insertion_costs(inst, cand.subset(live))
                if extras is not None:
                    extras[r, live] = extra

    # -- route improvement ---------------------------------------------------------------------------
    def _remove(self, victims):
        """Take the visits out of their routes; returns the routes touched. A route that would become
        infeasible (possible without the triangle inequality) keeps its visits."""
        touched = {}
        for v in victims:
            k = self.where[v]
            if k >= 0:
                touched.setdefault(k, set()).add(v)
        for k, gone in touched.items():
            route = self.routes[k]
            saved = route.path
            route.path = [x for x in saved if x not in gone]
            if route.plan(self.inst):
                for v in gone:
                    self.where[v] = -1
                    self.free[v] = True
                    self.spent -= self.inst.cost[v]
            else:
                route.path = saved
                route.plan(self.inst)
        return list(touched)

    def ruin(self, size):
        rng = self.rng
        routed = [v for v, r in self.where.items() if r >= 0]
        if not routed:
            return []
        kind = rng.random()
        if kind < 0.3:  # related: a visit and its nearest routed neighbours
            seed = rng.choice(routed)
            victims = [seed] + [u for u in self.near[seed] if self.where[u] >= 0][:size - 1]
        elif kind < 0.6:  # a string of consecutive visits in one route
            route = self.routes[self.where[rng.choice(routed)]]
            n = len(route.path) - 2
            length = min(size, n)
            start = rng.randrange(1, n - length + 2)
            victims = route.path[start:start + length]
        elif kind < 0.8:  # make room for an unrouted visit among its routed neighbours
            unrouted = [v for v, r in self.where.items() if r < 0]
            if unrouted:
                self.focus = rng.choice(unrouted)
                victims = [u for u in self.near[self.focus] if self.where[u] >= 0][:size]
            else:
                victims = rng.sample(routed, min(size, len(routed)))
        else:
            victims = rng.sample(routed, min(size, len(routed)))
        return self._remove(victims)

    def run(self):
        inst, rng = self.inst, self.rng
        all_routes = list(range(len(self.routes)))
        self.fill(all_routes)
        current = best = run_best = self.value()  # run_best: this cycle's best, where the next cycle starts
        best_paths = run_paths = self.snapshot()
        if not inst.nodes:
            return 0
        routed_avg = max(1.0, sum(len(r.path) - 2 for r in self.routes) / len(self.routes))
        max_size = max(2, min(RUIN_MAX, int(RUIN_SHARE * routed_avg) + 2))
        cycle = CYCLE_BASE + CYCLE_PER_VISIT * len(inst.nodes)
        iteration = stale = 0
        while time.perf_counter() < self.deadline:
            temperature = self.temperature0 * (1 - (iteration % cycle) / cycle)
            before, before_value = [r.state() for r in self.routes], current
            self.focus = None
            touched = self.ruin(rng.randint(1, max_size))
            if inst.budget is not None:
                touched = all_routes  # freed budget can let any route take more
            self.fill(touched, noise=NOISE)
            self.focus = None
            candidate = self.value()
            if self._accept(candidate, before_value, temperature):
                current = candidate
                if candidate > run_best:
                    run_best, run_paths = candidate, self.snapshot()
                if candidate > best:
                    best, best_paths = candidate, self.snapshot()
                    stale = -1
            else:
                self.rollback(before, touched)
                current = before_value
            iteration += 1
            if iteration % cycle == 0:
                stale += 1
                if stale >= STOP_AFTER:
                    break  # converged: stopping here, not at the clock, makes the answer reproducible
                self.restore(run_paths)
                current = run_best
        self.restore(best_paths)
        return iteration

    def _accept(self, candidate, current, temperature):
        if candidate[0] != current[0]:
            return candidate[0] > current[0]
        delta = candidate[1] - current[1]
        if delta >= 0:
            return True
        return temperature > 0 and self.rng.random() < math.exp(delta / temperature)


def solve(problem: Problem, time_limit: float, seed: int = 0) -> Solution:
    """Plan the routes within ``time_limit`` seconds of wall time."""
    started = time.perf_counter()
    inst = _Instance(problem)
    search = _Search(inst, seed, started + max(0.0, time_limit - 0.05))
    search.run()
    return _solution(inst, search.routes, time.perf_counter() - started)


def _solution(inst: _Instance, routes, seconds) -> Solution:
    problem = inst.problem
    out, ends, breaks, visited = [], [], [], set()
    for route in routes:
        stops, end, brk = _timetable(inst, route)
        out.append(stops)
        ends.append(end)
        breaks.append(brk)
        visited.update(stop.visit for stop in stops)
    score = sum(problem.visits[v].score for v in visited)
    travel = sum(r.travel for r in routes)
    dropped = [v for v in range(len(problem.visits)) if v not in visited]
    return Solution(out, ends, score, dropped, seconds, "ok", breaks, score - inst.weight * travel)


def _timetable(inst: _Instance, route: _Route):
    """Stops at their earliest times, with the break where the earliest schedule takes it."""
    path, travel, service = route.path, inst.travel, inst.service
    if not route.usable:
        return [], route.earliest, None
    place = _break_place(inst, route) if route.brk is not None else None
    last = len(path) - 1
    stops, t, taken = [], route.earliest, None
    for i in range(1, last + 1):
        v, leg = path[i], travel[path[i - 1]][path[i]]
        arrive = ready = t + leg
        if place == ("leg", i):
            lo, _hi, dur = route.brk
            begin = max(t, lo)
            taken = (begin, begin + dur)
            ready = max(arrive, lo) + dur
            if arrive > begin:  # the break interrupts the journey
                arrive += dur
        if i == last:
            return stops, ready, taken
        start = inst.earliest(v, ready)
        if place == ("meal", i):
            lo, _hi, dur = route.brk
            start = inst.earliest(v, max(ready, lo + dur - service[v]))
            begin = max(start, lo)
            taken = (begin, begin + dur)
        stops.append(Stop(v - inst.depots, arrive, start, start + service[v]))
        t = start + service[v]
    return stops, t, taken


def _break_place(inst: _Instance, route: _Route):
    """("leg", i): the break on the way into position i; ("meal", i): during the visit at position i.

    Walks back from the end along the option that gave each earliest after-break departure."""
    path, travel, service, brk = route.path, inst.travel, inst.service, route.brk
    lo, hi, dur = brk
    last = len(path) - 1
    for i in range(last, 0, -1):
        v, leg = path[i], travel[path[i - 1]][path[i]]
        s = service[v] if i < last else 0
        if i < last and inst.meal[v] and s >= dur:
            host = inst.earliest(v, max(route.depA[i - 1] + leg, lo + dur - s))
            if host <= hi and host + s == route.dep[i]:
                return ("meal", i)
        ready = _after_break(route.depA[i - 1], leg, brk)
        if (ready if i == last else inst.earliest(v, ready) + s) == route.dep[i]:
            return ("leg", i)
    raise AssertionError("a feasible route with a break has a place for it")
