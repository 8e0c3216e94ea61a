"""Complaint attachments on disk, outside the web root, under the instance folder.

The type is read from the first bytes (JPEG, PNG, PDF), never from the name or the claimed type.
"""

import hashlib
import secrets
from pathlib import Path

from flask import current_app, request
from flask_babel import gettext as _

from tourism.core.errors import field_error
from tourism.extensions import limiter

SIGNATURES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png", b"%PDF-": "application/pdf"}
MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5


def _daily_upload_limit() -> str:
    return f"{current_app.config['UPLOAD_BYTES_PER_DAY']} per day"


def _request_bytes() -> int:
    return request.content_length or 0


# Every route that takes files draws on one daily budget of bytes per client address.
upload_budget = limiter.shared_limit(_daily_upload_limit, scope="complaint-upload-bytes", cost=_request_bytes)


def _folder() -> Path:
    folder = Path(current_app.config.get("ATTACHMENT_FOLDER") or Path(current_app.instance_path) / "attachments")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sniff(data: bytes) -> str | None:
    return next((kind for magic, kind in SIGNATURES.items() if data.startswith(magic)), None)


def check(data: bytes) -> str:
    content_type = sniff(data)
    if content_type is None:
        raise field_error("attachments", _("Attach photos (JPEG, PNG) or PDF files only."))
    if len(data) > MAX_BYTES:
        raise field_error("attachments", _("Each file may be at most 5 MB."))
    return content_type


def store(data: bytes) -> tuple[str, str]:
    """Write the bytes under a random key; returns the key and their SHA-256."""
    key = secrets.token_hex(16)
    (_folder() / key).write_bytes(data)
    return key, hashlib.sha256(data).hexdigest()


def read(key: str) -> bytes:
    return (_folder() / key).read_bytes()
