"""The one audit writer: an append-only, hash-chained history per subject.

Every change to a licence, a filing, a case or an incident appends an entry to
its subject's stream (``"agency:L-GD-00001"``, ``"complaint:TS..."``). Each entry
carries the hash of the one before it in the stream, so an edit or a deletion
anywhere breaks the chain and :func:`verify_all` names the first broken link.
Nothing here updates or deletes a row.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db

GENESIS = "0" * 64


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

    actor = relationship("User")


def _digest(stream, seq, at: datetime, actor_name, action, details, prev_hash) -> str:
    payload = json.dumps(
        [stream, seq, at.astimezone(UTC).isoformat(timespec="microseconds"), actor_name, action, details,
         prev_hash],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def actor_name(actor) -> str:
    """How an actor is named in histories: a user's name, a label such as ``"system"``, or ``"public"``."""
    if isinstance(actor, str):
        return actor
    return actor.username if actor is not None else "public"


def record(session, stream: str, action: str, actor=None, **details) -> AuditEntry:
    """Append an entry to ``stream``; ``actor`` is a User, a label such as ``"system"``, or None (the public)."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.stream == stream)
        .order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS)
    at = clock.now()
    name = actor_name(actor)
    actor = None if isinstance(actor, str) else actor
    details = json.loads(json.dumps(details, default=str))
    entry = AuditEntry(stream=stream, seq=seq, at=at, actor_id=getattr(actor, "id", None), actor_name=name,
                       action=action, details=details, prev_hash=prev_hash,
                       hash=_digest(stream, seq, at, name, action, details, prev_hash))
    session.add(entry)
    session.flush()
    return entry


def history(session, stream: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.stream == stream).order_by(AuditEntry.seq)))


@dataclass
class BrokenLink:
    stream: str
    seq: int
    entry_id: int
    problem: str

    def __str__(self):
        return f"{self.stream} #{self.seq} (entry {self.entry_id}): {self.problem}"


def verify_stream(entries) -> BrokenLink | None:
    prev_hash, expected_seq = GENESIS, 1
    for entry in entries:
        if entry.seq != expected_seq:
            return BrokenLink(entry.stream, entry.seq, entry.id, f"expected entry #{expected_seq}; one is missing")
        if entry.prev_hash != prev_hash:
            return BrokenLink(entry.stream, entry.seq, entry.id, "does not point at the entry before it")
        actual = _digest(entry.stream, entry.seq, entry.at, entry.actor_name, entry.action, entry.details,
                         entry.prev_hash)
        if actual != entry.hash:
            return BrokenLink(entry.stream, entry.seq, entry.id, "content does not match its hash")
        prev_hash, expected_seq = entry.hash, expected_seq + 1
    return None


def verify_all(session) -> tuple[int, BrokenLink | None]:
    """Check every stream; returns the number of streams and the first broken link, if any."""
    streams = session.scalars(select(AuditEntry.stream).group_by(AuditEntry.stream).order_by(
        func.min(AuditEntry.id))).all()
    for stream in streams:
        broken = verify_stream(history(session, stream))
        if broken:
            return len(streams), broken
    return len(streams), None
