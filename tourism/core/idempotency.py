"""Idempotent submissions: a client that retries with the same key gets the first answer, never a second record.

The first answer can hold a secret shown once (a complaint's access code), so it is kept encrypted under
a key derived from the client's own idempotency key, which the server stores only as a keyed hash:
the database alone cannot read a kept answer. Keys are remembered for REMEMBER (24 hours).
"""

import hashlib
import hmac
import json
import os
from collections.abc import Callable
from datetime import datetime, timedelta

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import LargeBinary, String, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from tourism.core import clock
from tourism.core.errors import DomainError, InvalidInput
from tourism.core.types import UTCDateTime
from tourism.extensions import db

REMEMBER = timedelta(hours=24)
MAX_KEY_LENGTH = 255


class IdempotentAnswer(db.Model):
    __tablename__ = "idempotent_answers"

    key_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_digest: Mapped[str] = mapped_column(String(64))
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)  # None while the first request is in hand
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


def check_key(key: str | None) -> str | None:
    if key is None:
        return None
    if not 1 <= len(key) <= MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise DomainError(_("The Idempotency-Key must be 1–255 printable ASCII characters, e.g. a UUID."),
                          code="bad_idempotency_key")
    return key


def fingerprint(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def _digest(scope: str, key: str) -> str:
    return hmac.new(current_app.config["SECRET_KEY"].encode(), f"{scope}\n{key}".encode(), hashlib.sha256).hexdigest()


def _cipher(key: str) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"idempotent answer").derive(key.encode())
    return AESGCM(derived)


def _open(row: IdempotentAnswer, key: str, request_digest: str) -> dict:
    if row.request_digest != request_digest:
        raise InvalidInput(_("This Idempotency-Key was used for a different request; use a new key."),
                           code="idempotency_key_reused")
    return json.loads(_cipher(key).decrypt(row.sealed[:12], row.sealed[12:], None))


def once(session, scope: str, key: str | None, request_digest: str, act: Callable[[], dict]) -> tuple[dict, bool]:
    """Run ``act`` once per key within REMEMBER; returns its answer and whether it was replayed.

    The key is claimed before acting, so two requests with one key race on the claim's primary key: the
    loser waits for the winner's transaction, fails on the key, and replays the winner's answer.
    """
    if key is None:
        return act(), False
    key_digest, now = _digest(scope, key), clock.now()
    session.execute(delete(IdempotentAnswer).where(IdempotentAnswer.created_at < now - REMEMBER))
    existing = session.get(IdempotentAnswer, key_digest)
    if existing is not None:
        return _open(existing, key, request_digest), True
    claim = IdempotentAnswer(key_digest=key_digest, request_digest=request_digest, created_at=now)
    try:
        with session.begin_nested():
            session.add(claim)
    except IntegrityError:
        session.rollback()
        return _open(session.get(IdempotentAnswer, key_digest), key, request_digest), True
    answer = act()
    nonce = os.urandom(12)
    claim.sealed = nonce + _cipher(key).encrypt(nonce, json.dumps(answer, default=str).encode(), None)
    session.flush()
    return answer, False
