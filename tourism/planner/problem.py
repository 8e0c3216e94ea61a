"""The orienteering problem both cores solve, as plain data: itineraries and benchmark files alike.

Times are integers in one unit chosen by the caller (minutes for itineraries, hundredths for the
benchmark files). ``travel[a][b]`` is over locations: the routes' start and end points first
(``depots`` of them), then one per visit.

The model is Vansteenwegen et al.'s team orienteering problem with time windows, generalised for the
trip planner: several windows per visit (one per day it is open), distinct start and end points per
route (the nights' bases), mandatory visits, a budget over the whole plan, one flexible break per
route (lunch) that may be taken during a visit to a place that serves food, a cap on each route's
travel, visits grouped (by city) so that a route never returns to a group it left (its home group
excepted), and a cost per unit of travel in the objective.
"""

from dataclasses import dataclass, field


@dataclass
class Visit:
    score: int
    service: int
    windows: list[tuple[int, int]]  # allowed start times, inclusive, sorted
    cost: int = 0
    mandatory: bool = False
    meal: bool = False  # the place serves food: the route's break may be taken during the visit
    group: int = -1  # e.g. the city; -1: none


@dataclass
class Route:
    start: int  # index into the travel matrix
    end: int
    earliest: int  # leave the start no earlier than this
    latest: int  # be at the end no later than this
    breaks: list[tuple[int, int, int]] = field(default_factory=list)  # (earliest start, latest start, duration)
    max_travel: int | None = None
    home_group: int = -1  # the one group this route may leave and come back to


@dataclass
class Problem:
    visits: list[Visit]
    routes: list[Route]
    travel: list[list[int]]
    depots: int
    budget: int | None = None
    travel_weight: float = 0  # objective: score minus this times the total travel


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
    breaks: list[tuple[int, int] | None] = field(default_factory=list)  # each route's break (start, end)
    objective: float = 0.0
