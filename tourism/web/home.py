"""The home page's tasks, one list per user group, contributed by each domain."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tourism.core.authz import can
from tourism.extensions import db

GROUPS = {
    "tourist": _l("Tourists"),
    "agency": _l("Travel agencies"),
    "guide": _l("Tour guides and inspectors"),
    "regulator": _l("Regulators"),
}


@dataclass(frozen=True)
class Task:
    group: str
    endpoint: str
    title: object
    description: object
    action: str | None = None  # an authorisation action; shown only to users it grants
    # count(session, user): the work waiting there for this user, shown beside the task in the menu
    count: Callable | None = None
    count_label: object = None
    landing: tuple[str, ...] = ()  # the roles whose work page this is: they land here after logging in

    @property
    def url(self) -> str:
        return url_for(self.endpoint)


_tasks: list[Task] = []


def add_task(group, endpoint, title, description, action=None, *, count=None, count_label=None, landing=()):
    _tasks.append(Task(group, endpoint, title, description, action, count, count_label, tuple(landing)))


def tasks_for():
    """The tasks to show on the home page, grouped: to a visitor every task (those needing an account lead
    to the log-in); to a logged-in user the public ones and their own, never tasks their role cannot do."""
    grouped = []
    signed_in = current_user.is_authenticated
    for key, label in GROUPS.items():
        tasks = [(t, t.action is None or can(t.action)) for t in _tasks if t.group == key]
        if signed_in:
            tasks = [(t, allowed) for t, allowed in tasks if allowed]
        if tasks or not signed_in:
            grouped.append((key, label, tasks))
    return grouped


@dataclass(frozen=True)
class MenuItem:
    task: Task
    count: int | None


def menu_for(user) -> list[MenuItem]:
    """A logged-in user's own tasks (those their role grants), each with the work waiting there."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    for task in _tasks:
        if task.action is not None and can(task.action, user=user):
            items.append(MenuItem(task, task.count(db.session, user) if task.count else None))
    return items


def landing_for(user) -> str:
    """Where a user lands after logging in: their role's work page, or the home page."""
    task = next((t for t in _tasks if user.role in t.landing), None)
    return task.url if task else url_for("web.home")
