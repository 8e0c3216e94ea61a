"""Where to sleep each night: a beam search over the bases, knowing the must-sees.

Each day runs from the morning's base to the night's. A day between two bases is valued by the places
it can reach (routes_data places scored by the themes, taken greedily by score per minute of visit and
detour within the day's time and travel cap), and a sequence of nights by its days' values, with every
must-see it can fit worth more than all the rest, and each change of hotel costing a little. The beam
keeps the best few sequences night by night; the places a day takes are not counted again later, and
travel costs what it costs in the plan's objective.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from tourism.planner import catalogue, reach
from tourism.planner.network import Network, base_node

BEAM_WIDTH = 8
MUST_SEE_VALUE = 10_000.0  # above any sum of theme scores
HOTEL_CHANGE = 1.0  # a change of hotel costs one theme point


@dataclass(frozen=True)
class Candidate:
    poi: catalogue.Poi
    score: float
    must: bool


class _Days:
    """Day values, with the places each pair of bases can reach on a date worked out once."""

    def __init__(self, candidates, frame: reach.Day, net: Network, travel_cost: float):
        self.candidates, self.frame, self.net, self.travel_cost = candidates, frame, net, travel_cost
        self._options: dict = {}

    def _reachable(self, a: str, b: str, on: date):
        key = (a, b, on)
        if key not in self._options:
            net, frame = self.net, self.frame
            node_a, node_b = base_node(a), base_node(b)
            direct = net.minutes(node_a, node_b)
            options = []
            for c in self.candidates:
                out, back = net.minutes(node_a, c.poi.id), net.minutes(c.poi.id, node_b)
                detour = out + back - direct
                if detour > frame.max_travel - direct or not reach.fits(c.poi, c.poi.intervals_on(on), out, back,
                                                                         frame):
                    continue
                value = MUST_SEE_VALUE if c.must else c.score - self.travel_cost * detour / 2
                if value <= 0:
                    continue
                minutes = c.poi.visit_minutes + detour / 2
                options.append((value / minutes, value, minutes, c.poi.id))
            options.sort(reverse=True)
            budget = frame.day_end - frame.day_start - (frame.lunch[2] if frame.lunch else 0) - direct
            self._options[key] = (options, budget, self.travel_cost * direct)
        return self._options[key]

    def value(self, taken: frozenset, a: str, b: str, on: date) -> tuple[float, frozenset]:
        """The value of a day from base ``a`` to base ``b`` and the places it takes."""
        options, budget, moving = self._reachable(a, b, on)
        total, used, chosen = -moving, 0.0, []
        for _ratio, value, minutes, poi_id in options:
            if poi_id not in taken and used + minutes <= budget:
                used += minutes
                total += value
                chosen.append(poi_id)
        return total, taken | frozenset(chosen)


def choose(candidates: list[Candidate], *, start: str, end: str, first_day: date, days: int,
           frame: reach.Day, net: Network, travel_cost: float, fixed: list[str | None] | None = None) -> list[str]:
    """The base id of each night (days - 1 of them) for a trip from base ``start`` to base ``end``;
    ``travel_cost`` is what a minute of travel costs, in theme points; ``fixed`` gives the nights already
    decided (None for those to choose)."""
    if days <= 1:
        return []
    fixed = (fixed or []) + [None] * days
    all_bases = list(catalogue.bases())
    values = _Days(candidates, frame, net, travel_cost)
    beam = [(0.0, [], frozenset())]
    for night in range(days - 1):
        on = first_day + timedelta(days=night)
        grown = []
        for value, nights, taken in beam:
            here = nights[-1] if nights else start
            options = [fixed[night]] if fixed[night] else all_bases
            within = [b for b in options if net.minutes(base_node(here), base_node(b)) <= frame.max_travel]
            for base in within or options:  # a day's drive between bases stays under the cap when it can
                gained, now_taken = values.value(taken, here, base, on)
                penalty = HOTEL_CHANGE if nights and base != here else 0.0
                grown.append((value + gained - penalty, [*nights, base], now_taken))
        grown.sort(key=lambda state: state[0], reverse=True)
        beam = _distinct(grown)[:BEAM_WIDTH]
    last = first_day + timedelta(days=days - 1)
    finished = [(value + values.value(taken, nights[-1], end, last)[0], nights)
                for value, nights, taken in beam]
    return max(finished, key=lambda state: state[0])[1]


def _distinct(states):
    seen, kept = set(), []
    for state in states:
        key = tuple(state[1])
        if key not in seen:
            seen.add(key)
            kept.append(state)
    return kept
