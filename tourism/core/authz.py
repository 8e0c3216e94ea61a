"""The one authorisation helper: every view asks here before it acts.

Each domain declares its actions once (``rule("office.decide", ...)``) as a list of grants; a grant is a
predicate over the user and the target's scope (city, agency, guide). Each domain also declares how a
record of its own states its scope (``register_scope(Office, lambda office: {...})``), so a view asks
about the record itself: ``require("office.decide", office)``. An action nobody declared is refused, so a
forgotten rule fails closed; a record whose scope nobody declared is an error, not a silent pass.
"""

from collections.abc import Callable

from flask_login import current_user

from tourism.core.errors import Forbidden, Unauthorized

Grant = Callable[[object, dict], bool]

_rules: dict[str, tuple[Grant, ...]] = {}
_scopes: dict[type, Callable[[object], dict]] = {}


def rule(action: str, *grants: Grant) -> None:
    """Declare who may perform ``action``: any one of ``grants`` suffices."""
    _rules[action] = grants


def register_scope(model: type, scope: Callable[[object], dict]) -> None:
    """Declare the scope (``city``, ``agency``, ``guide``...) a record of ``model`` stands in."""
    _scopes[model] = scope


def scope_of(subject) -> dict:
    for kind in type(subject).__mro__:
        if kind in _scopes:
            return _scopes[kind](subject)
    raise TypeError(f"no scope declared for {type(subject).__name__}")


def role(*roles: str) -> Grant:
    """Anyone holding one of ``roles``, whatever the target."""
    return lambda user, target: user.role in roles


def _values(value) -> list:
    return list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]


def official_of(holder_role: str, key: str = "city") -> Grant:
    """A city's official of ``holder_role`` whose city is the target's ``key`` (a city code, or a list of them)."""

    def grant(user, target):
        if user.role != holder_role or user.city_code is None:
            return False
        return user.city_code in _values(target.get(key))

    return grant


def regulator_of(key: str = "city") -> Grant:
    """A city regulator whose city is the target's ``key`` (a city code, or a list of them)."""
    return official_of("regulator", key)


def inspector_of(key: str = "city") -> Grant:
    """A city's inspector whose city is the target's ``key`` (a city code, or a list of them)."""
    return official_of("inspector", key)


def owner(holder_role: str, attribute: str, key: str) -> Grant:
    """A user of ``holder_role`` whose ``attribute`` (e.g. ``agency_id``) is the target's ``key`` (or one of them).

    The role is part of the grant: a scope column set on an account of another role lends it nothing.
    """

    def grant(user, target):
        mine = getattr(user, attribute, None)
        return user.role == holder_role and mine is not None and mine in _values(target.get(key))

    return grant


def can(action: str, subject=None, *, user=None, **target) -> bool:
    """Whether ``user`` (the current one by default) may do ``action`` to ``subject`` and/or ``target``."""
    user = current_user if user is None else user
    if not getattr(user, "is_authenticated", False):
        return False
    scope = {**scope_of(subject), **target} if subject is not None else target
    return any(grant(user, scope) for grant in _rules.get(action, ()))


def require(action: str, subject=None, **target) -> None:
    """Raise 401 for an anonymous caller and 403 for one the rules do not grant."""
    if not current_user.is_authenticated:
        raise Unauthorized()
    if not can(action, subject, **target):
        raise Forbidden()


def require_login() -> None:
    if not current_user.is_authenticated:
        raise Unauthorized()


def own_city(user) -> str | None:
    """The city a city regulator works for; None for everyone else (the province sees the whole zone)."""
    return user.city_code if user.role == "regulator" else None
