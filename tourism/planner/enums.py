"""The planner's sets of values, each with its label."""

from flask_babel import lazy_pgettext as _lp

from tourism.core.enums import Choices


class JobStatus(Choices):
    QUEUED = "queued", _lp("planning job", "waiting for a planner")
    RUNNING = "running", _lp("planning job", "being planned")
    DONE = "done", _lp("planning job", "ready")
    FAILED = "failed", _lp("planning job", "failed")


class TravelMode(Choices):
    """How the group travels (a request's choice)."""

    CAR = "car", _lp("travel mode", "by coach or car")
    PUBLIC = "public", _lp("travel mode", "by train, metro and taxi")


class LegMode(Choices):
    """How one leg is travelled."""

    CAR = "car", _lp("leg mode", "coach")
    TAXI = "taxi", _lp("leg mode", "taxi")
    METRO = "metro", _lp("leg mode", "metro")
    RAIL = "rail", _lp("leg mode", "train")
    COACH = "coach", _lp("leg mode", "intercity coach")


class MustSeeProblem(Choices):
    """Why a must-see place cannot be planned (the ``code`` of an ``unvisited_must_visit`` entry)."""

    CLOSED = "closed", _lp("must-see", "it is closed on every day of the trip")
    HOURS = "hours", _lp("must-see", "its visit does not fit its opening hours within the days' hours")
    TOO_FAR = "too_far", _lp("must-see", "it is too far from the nights' bases to go there and back within a day")
    TRAVEL_CAP = "travel_cap", _lp("must-see", "going there and back needs more travel than the day's limit")
    BUDGET = "budget", _lp("must-see", "the group's tickets exceed the budget")
    CONFLICT = "conflict", _lp("must-see", "it does not fit with the other must-see places in the days available")
