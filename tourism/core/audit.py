"""The one audit writer: an append-only, keyed hash chain per subject, with a sealed head per chain.

Every change to a licence, a filing, a case or an incident appends an entry to its subject's stream
(``"agency:L-GD-00001"``, ``"complaint:TS..."``). Each entry carries an HMAC-SHA256, under a key held
outside the database (``AUDIT_KEY``), of all its fields (stream, number, time, actor id and name,
action, details) and of the MAC of the entry before it. Each stream also has a head row with its
length and last MAC, itself MACed, and the writer locks that head, so concurrent writers to one stream
queue instead of colliding.

What :func:`verify_all` detects, and what it does not, is stated in README.md ("The audit chain").
"""

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import JSON, ForeignKey, Integer, SmallInteger, String, UniqueConstraint, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db

GENESIS = "0" * 64
KEYED = 2  # entries written since the chain was keyed
LEGACY = 1  # unkeyed SHA-256 entries written before: refused until `flask audit-seal-legacy` keys them


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"
    __table_args__ = (UniqueConstraint("stream", "seq", name="uq_audit_entries_stream_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stream: Mapped[str] = mapped_column(String(80), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    scheme: Mapped[int] = mapped_column(SmallInteger, default=KEYED, server_default=str(LEGACY))

    actor = relationship("User")


class AuditHead(db.Model):
    """Where a stream ends: its length and last MAC, sealed with a MAC of their own."""

    __tablename__ = "audit_heads"

    stream: Mapped[str] = mapped_column(String(80), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(64))  # None: written before the chain was keyed


def _key() -> bytes:
    return current_app.config["AUDIT_KEY"].encode()


def _mac(*fields) -> str:
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hmac.new(_key(), payload.encode(), hashlib.sha256).hexdigest()


def _utc(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def entry_mac(entry) -> str:
    return _mac("entry", entry.stream, entry.seq, _utc(entry.at), entry.actor_id, entry.actor_name, entry.action,
                entry.details, entry.prev_hash)


def head_mac(stream: str, seq: int, last_hash: str) -> str:
    return _mac("head", stream, seq, last_hash)


def actor_name(actor) -> str:
    """How an actor is named in histories: a user's name, a label such as ``"system"``, or ``"public"``."""
    if isinstance(actor, str):
        return actor
    return actor.username if actor is not None else "public"


def _locked_head(session, stream: str) -> AuditHead:
    """The stream's head, locked until the transaction ends (created at its genesis when new)."""
    query = select(AuditHead).where(AuditHead.stream == stream).with_for_update() \
        .execution_options(populate_existing=True)
    head = session.scalar(query)
    if head is None:
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        session.execute(insert(AuditHead).values(stream=stream, seq=0, hash=GENESIS, mac=None)
                        .on_conflict_do_nothing(index_elements=["stream"]))
        head = session.scalar(query)
    return head


def record(session, stream: str, action: str, actor=None, **details) -> AuditEntry:
    """Append an entry to ``stream``; ``actor`` is a User, a label such as ``"system"``, or None (the public)."""
    head = _locked_head(session, stream)
    user = None if isinstance(actor, str) else actor
    entry = AuditEntry(stream=stream, seq=head.seq + 1, at=clock.now(), actor_id=getattr(user, "id", None),
                       actor_name=actor_name(actor), action=action,
                       details=json.loads(json.dumps(details, default=str)), prev_hash=head.hash, scheme=KEYED)
    entry.hash = entry_mac(entry)
    head.seq, head.hash = entry.seq, entry.hash
    head.mac = head_mac(stream, head.seq, head.hash)
    session.add(entry)
    session.flush()
    return entry


def history(session, stream: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.stream == stream).order_by(AuditEntry.seq)))


# --- verification ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    stream: str
    seq: int | None
    problem: str

    def __str__(self):
        return f"{self.stream} #{self.seq}: {self.problem}" if self.seq else f"{self.stream}: {self.problem}"


# A subject check reads a domain's records and yields a Problem wherever a record's current state is not
# what its stream says, or a record has no stream at all. Domains register theirs (core knows no domain).
SubjectCheck = Callable[[object, dict[str, list[AuditEntry]]], Iterable[Problem]]
_subject_checks: dict[str, SubjectCheck] = {}


def register_subject_check(name: str, check: SubjectCheck) -> None:
    _subject_checks[name] = check


def verify_stream(stream: str, entries: list[AuditEntry], head: AuditHead | None) -> Problem | None:
    """The first broken link of one stream, checked against its sealed head."""
    prev_hash = GENESIS
    for expected_seq, entry in enumerate(entries, start=1):
        if entry.seq != expected_seq:
            return Problem(stream, entry.seq, f"expected entry #{expected_seq}; one is missing")
        if entry.prev_hash != prev_hash:
            return Problem(stream, entry.seq, "does not point at the entry before it")
        if entry.scheme != KEYED:
            return Problem(stream, entry.seq, "is not keyed (written before the keyed chain: run `flask "
                                              "audit-seal-legacy` once after upgrading)")
        if not hmac.compare_digest(entry_mac(entry), entry.hash):
            return Problem(stream, entry.seq, "content does not match its MAC")
        prev_hash = entry.hash
    if head is None:
        return Problem(stream, None, "its head is missing")
    if head.mac is None or not hmac.compare_digest(head.mac, head_mac(stream, head.seq, head.hash)):
        return Problem(stream, None, "its head does not match its MAC")
    if head.seq != len(entries) or head.hash != prev_hash:
        return Problem(stream, head.seq, f"the head records {head.seq} entries, the stream holds {len(entries)}")
    return None


@dataclass
class Report:
    streams: int
    problems: list[Problem]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_all(session) -> Report:
    """Check every stream against its head, and every registered subject against its stream."""
    entries: dict[str, list[AuditEntry]] = {}
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.stream, AuditEntry.seq)):
        entries.setdefault(entry.stream, []).append(entry)
    heads = {head.stream: head for head in session.scalars(select(AuditHead))}
    problems = []
    for stream in sorted(set(entries) | set(heads)):
        problem = verify_stream(stream, entries.get(stream, []), heads.get(stream))
        if problem:
            problems.append(problem)
    for check in _subject_checks.values():
        problems.extend(check(session, entries))
    return Report(len(set(entries) | set(heads)), problems)


def seal_legacy(session) -> int:
    """Key the entries written before the chain was keyed, trusting them as they stand; returns how many.

    Run once after upgrading a database that holds such entries (the key never enters the migrations).
    """
    legacy_streams = session.scalars(select(AuditEntry.stream).where(AuditEntry.scheme == LEGACY).distinct()).all()
    sealed = 0
    for stream in legacy_streams:
        prev_hash = GENESIS
        for entry in history(session, stream):
            sealed += entry.scheme == LEGACY
            entry.scheme, entry.prev_hash = KEYED, prev_hash
            entry.hash = prev_hash = entry_mac(entry)
        head = _locked_head(session, stream)
        head.seq, head.hash = len(history(session, stream)), prev_hash
        head.mac = head_mac(stream, head.seq, head.hash)
        session.flush()
    return sealed


def checkpoint(session) -> dict:
    """Every stream's length and last MAC now, sealed: keep it off this database to detect a later rollback."""
    heads = {h.stream: [h.seq, h.hash] for h in session.scalars(select(AuditHead).order_by(AuditHead.stream))}
    taken_at = clock.now().isoformat()
    return {"taken_at": taken_at, "heads": heads, "mac": _mac("checkpoint", taken_at, heads)}


def verify_checkpoint(session, saved: dict) -> list[Problem]:
    """Streams that are shorter than, or diverge from, a checkpoint taken earlier."""
    if not hmac.compare_digest(saved.get("mac", ""), _mac("checkpoint", saved.get("taken_at"), saved.get("heads"))):
        return [Problem("checkpoint", None, "the checkpoint file does not match its MAC")]
    problems = []
    for stream, (seq, last_hash) in saved["heads"].items():
        at_seq = session.scalar(select(AuditEntry.hash).where(AuditEntry.stream == stream, AuditEntry.seq == seq))
        if at_seq is None:
            problems.append(Problem(stream, seq, "held this entry at the checkpoint; it is gone"))
        elif at_seq != last_hash:
            problems.append(Problem(stream, seq, "differs from the checkpoint"))
    return problems


def replay(entries: list[AuditEntry], initial: dict, steps: dict[str, Callable[[dict, dict], None]]) -> dict:
    """The state a stream describes: ``initial`` changed by each entry whose action has a step."""
    state = dict(initial)
    for entry in entries:
        step = steps.get(entry.action)
        if step:
            step(state, entry.details or {})
    return state


def state_problems(stream: str, entries: list[AuditEntry] | None, described: dict, actual: dict) -> list[Problem]:
    """One problem per field whose stored value is not what the stream describes."""
    if not entries:
        return [Problem(stream, None, "the record has no history")]
    return [Problem(stream, None, f"{field} is {actual[field]!r} but its history says {value!r}")
            for field, value in described.items() if actual.get(field) != value]
