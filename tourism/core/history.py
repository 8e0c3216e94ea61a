"""Histories as people read them: each audit entry told as a sentence in the page's language.

The audit chain keeps the raw entries (the API's history endpoints and ``verify-audit`` read those); pages
show what each domain says its actions mean. A domain registers a sentence for each action it records
(``tell("status", lambda d: ...)``); the sentence gets the entry's details, with values already made
readable: cities by name, dates in the page's format.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

_sentences: dict[str, Callable[[dict], str]] = {}
_fields: dict[str, object] = {}  # field name -> its label, for entries that list changes
_values: dict[str, Callable[[object], str]] = {}  # field name -> how its values read


def tell(action: str, sentence: Callable[[dict], str]) -> None:
    """Register how an action reads: ``sentence(details)`` gives the text, in the page's language."""
    _sentences[action] = sentence


def told(action: str) -> bool:
    return action in _sentences


def label_fields(labels: dict, values: dict | None = None) -> None:
    """Register the labels of a domain's fields (and how some of their values read) for "changed" entries."""
    _fields.update(labels)
    _values.update(values or {})


def _value(field, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field in _values:
        return _values[field](value)
    if field.endswith(("_on", "_since", "_due")):
        return when(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def changes(details: dict) -> str:
    """``{"changes": {"field": [before, after]}}`` as "deposit: 100000 → 200000; manager: — → 陈经理"."""
    return "; ".join(f"{_fields.get(field, field)}: {_value(field, before)} → {_value(field, after)}"
                     for field, (before, after) in (details.get("changes") or {}).items())


@dataclass(frozen=True)
class Line:
    at: datetime
    actor: str  # who, as people know them: the account and its role and city
    text: str
    note: str | None  # the free text the actor wrote (a reason, a message), shown as written


NOTE_KEYS = ("reason", "note", "body", "summary")


def when(value) -> str:
    """A date or time from the details (stored as ISO text) in the page's format."""
    if not value:
        return "—"
    text = str(value)
    try:
        return format_datetime(datetime.fromisoformat(text), "short") if len(text) > 10 \
            else format_date(date.fromisoformat(text))
    except ValueError:
        return text


def name_actors(namer: Callable) -> None:
    """Register ``namer(session, actor_ids) -> {id: name}``, how accounts are shown (the accounts domain does)."""
    global _namer
    _namer = namer


_namer: Callable | None = None
ANONYMOUS = {"public": _l("a member of the public"), "system": _l("the system"), "": _l("the system")}


def _actor(entry, people: dict) -> str:
    if entry.actor_id in people:
        return people[entry.actor_id]
    return str(ANONYMOUS.get(entry.actor_name, entry.actor_name))


tell("updated", lambda d: _("corrected the record: %(changes)s", changes=changes(d)))
tell("closed", lambda d: _("closed it from %(day)s", day=when(d["closed_on"])) if d.get("closed_on")
     else _("closed it"))


def readable(session, entries) -> list[Line]:
    """The entries as sentences, oldest first, with their actors named."""
    ids = {e.actor_id for e in entries if e.actor_id is not None}
    people = _namer(session, ids) if ids and _namer else {}
    lines = []
    for entry in entries:
        details = entry.details or {}
        sentence = _sentences.get(entry.action)
        text = sentence(details) if sentence else _("recorded a change")
        note = next((str(details[key]) for key in NOTE_KEYS if details.get(key)), None)
        lines.append(Line(entry.at, _actor(entry, people), text, note))
    return lines


def of_stream(session, stream: str) -> list[Line]:
    """A record's history as its page shows it."""
    from tourism.core import audit

    return readable(session, audit.history(session, stream))
