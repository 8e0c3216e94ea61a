"""The home page's tasks, one list per user group, contributed by each domain."""

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l

from tourism.core.authz import can

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

    @property
    def url(self) -> str:
        return url_for(self.endpoint)


_tasks: list[Task] = []


def add_task(group, endpoint, title, description, action=None):
    _tasks.append(Task(group, endpoint, title, description, action))


def tasks_for():
    """The tasks to show the current visitor, grouped; public tasks are shown to everyone."""
    grouped = []
    for key, label in GROUPS.items():
        tasks = [t for t in _tasks if t.group == key]
        grouped.append((key, label, [(t, t.action is None or can(t.action)) for t in tasks]))
    return grouped
