"""The one authorisation helper: every view asks here before it acts.

Each domain declares its actions once (``rule("branch.decide", ...)``) as a list of
grants; a grant is a predicate over the user and the target's scope (city, agency,
guide). Views call :func:`require` with the target, templates call :func:`can`.
An action nobody declared is refused, so a forgotten rule fails closed.
"""

from collections.abc import Callable
from functools import wraps

from flask_login import current_user

from tourism.core.errors import Forbidden, Unauthorized

Grant = Callable[[object, dict], bool]

_rules: dict[str, tuple[Grant, ...]] = {}


def rule(action: str, *grants: Grant) -> None:
    """Declare who may perform ``action``: any one of ``grants`` suffices."""
    _rules[action] = grants


def role(*roles: str) -> Grant:
    """Anyone holding one of ``roles``, whatever the target."""
    return lambda user, target: user.role in roles


def regulator_of(key: str = "city") -> Grant:
    """A city regulator whose city is the target's ``key`` (a city code, or a list of them)."""

    def grant(user, target):
        if user.role != "regulator" or user.city_code is None:
            return False
        value = target.get(key)
        cities = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        return user.city_code in cities

    return grant


def owner(holder_role: str, attribute: str, key: str) -> Grant:
    """A user of ``holder_role`` whose ``attribute`` (e.g. ``agency_id``) equals the target's ``key``.

    The role is part of the grant: a scope column set on an account of another role lends it nothing.
    """

    def grant(user, target):
        mine = getattr(user, attribute, None)
        return user.role == holder_role and mine is not None and mine == target.get(key)

    return grant


def can(action: str, user=None, **target) -> bool:
    user = current_user if user is None else user
    if not getattr(user, "is_authenticated", False):
        return False
    grants = _rules.get(action, ())
    return any(grant(user, target) for grant in grants)


def require(action: str, **target) -> None:
    """Raise 401 for an anonymous caller and 403 for one the rules do not grant."""
    if not current_user.is_authenticated:
        raise Unauthorized()
    if not can(action, current_user, **target):
        raise Forbidden()


def require_login() -> None:
    if not current_user.is_authenticated:
        raise Unauthorized()


def requires(action: str):
    """View decorator for actions whose rule needs no target (e.g. ``accounts.manage``)."""

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            require(action)
            return view(*args, **kwargs)

        return wrapped

    return decorate
