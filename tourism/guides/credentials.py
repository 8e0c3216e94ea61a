"""Signed guide credentials an inspector can check offline against the published Ed25519 public key.

A credential is ``v1.<payload>.<signature>`` (base64url, no padding): the payload is JSON with the
licence, its status and validity, the issue time and a short expiry; the signature is Ed25519 over
``v1.<payload>``. It verifies as valid only while unexpired, when it says the licence is active and in
date: a guide suspended or revoked after issue cannot use it beyond its short life.
"""

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from flask import current_app

from tourism.core import clock

VERSION = "v1"
BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
ISSUER = "prd-tourism-zone"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    """Decode base64url in its one canonical form (no padding, no stray characters, no spare bits)."""
    if not BASE64URL.fullmatch(text):
        raise ValueError("not canonical base64url")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if _b64(data) != text:
        raise ValueError("not canonical base64url")
    return data


def signing_key() -> Ed25519PrivateKey:
    """The key from CREDENTIAL_SIGNING_KEY (PEM), or one generated once into the instance folder."""
    cache = current_app.extensions.setdefault("tourism_signing_key", {})
    if "key" not in cache:
        pem = current_app.config.get("CREDENTIAL_SIGNING_KEY")
        if not pem:
            path = Path(current_app.instance_path) / "credential_signing_key.pem"
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                data = Ed25519PrivateKey.generate().private_bytes(
                    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
            pem = path.read_bytes()
        cache["key"] = serialization.load_pem_private_key(pem if isinstance(pem, bytes) else pem.encode(), None)
    return cache["key"]


def public_key_raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_key: Ed25519PublicKey) -> str:
    return hashlib.sha256(public_key_raw(public_key)).hexdigest()[:16]


def published_key() -> dict:
    public = signing_key().public_key()
    return {
        "kid": key_id(public),
        "alg": "Ed25519",
        "public_key": _b64(public_key_raw(public)),
        "pem": public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode(),
    }


def issue(guide, ttl: timedelta | None = None) -> tuple[str, dict]:
    """Sign a credential for ``guide`` as it stands now."""
    ttl = ttl or timedelta(minutes=current_app.config.get("CREDENTIAL_TTL_MINUTES", 60))
    now = clock.now().replace(microsecond=0)
    key = signing_key()
    claims = {
        "iss": ISSUER, "kid": key_id(key.public_key()), "licence_no": guide.licence_no, "name": guide.name,
        "home_city": guide.home_city, "level": guide.level, "status": guide.status,
        "licence_valid_from": guide.issued_on.isoformat(), "licence_valid_to": guide.expires_on.isoformat(),
        "iat": now.isoformat(), "exp": (now + ttl).isoformat(),
    }
    body = f"{VERSION}.{_b64(json.dumps(claims, ensure_ascii=False, separators=(',', ':')).encode())}"
    return f"{body}.{_b64(key.sign(body.encode()))}", claims


@dataclass(frozen=True)
class Verification:
    valid: bool
    # ok, malformed, bad_signature, expired, licence_not_active, licence_out_of_date; online also not_in_registry
    # and licence_not_active_now (the registry's status today overrides what the credential vouched for)
    reason: str
    claims: dict | None
    current_status: str | None = None  # the registry's status now; None for an offline check
    online: bool = False


def verify(token: str, public_key: Ed25519PublicKey, now: datetime) -> Verification:
    """Check a credential offline: signature, expiry, and that it vouches for an active, in-date licence."""
    parts = (token or "").strip().split(".")
    if len(parts) != 3 or parts[0] != VERSION:
        return Verification(False, "malformed", None)
    try:
        signature = _unb64(parts[2])
        public_key.verify(signature, f"{parts[0]}.{parts[1]}".encode())
    except (InvalidSignature, ValueError):
        return Verification(False, "bad_signature", None)
    try:
        claims = json.loads(_unb64(parts[1]))
        expires = datetime.fromisoformat(claims["exp"])
        valid_from = datetime.fromisoformat(claims["licence_valid_from"]).date()
        valid_to = datetime.fromisoformat(claims["licence_valid_to"]).date()
    except (ValueError, KeyError, TypeError):
        return Verification(False, "malformed", None)
    if now >= expires:
        return Verification(False, "expired", claims)
    if claims.get("status") != "active":
        return Verification(False, "licence_not_active", claims)
    today = now.astimezone(clock.LOCAL_TZ).date()
    if not valid_from <= today <= valid_to:
        return Verification(False, "licence_out_of_date", claims)
    return Verification(True, "ok", claims)


def verify_online(token: str, public_key: Ed25519PublicKey, now: datetime, registry_status) -> Verification:
    """The offline check, then the registry's word: a licence suspended or revoked since issue is not valid.

    ``registry_status(licence_no)`` gives the licence's status today, or None when it is not registered.
    """
    offline = verify(token, public_key, now)
    if offline.claims is None:
        return Verification(False, offline.reason, None, online=True)
    current = registry_status(offline.claims.get("licence_no", ""))
    if current is None:
        return Verification(False, "not_in_registry", offline.claims, None, online=True)
    if offline.valid and current != "active":
        return Verification(False, "licence_not_active_now", offline.claims, current, online=True)
    return Verification(offline.valid, offline.reason, offline.claims, current, online=True)
