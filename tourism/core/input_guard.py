"""Refuse JSON that cannot be stored: text with lone surrogates (valid JSON escapes, invalid Unicode).

JSON allows ``"\\ud800"``; no database can store it, so such a body is a malformed request (400), not
a failure deep in a write (500).
"""

import json

from flask import request
from flask_babel import gettext as _

from tourism.core.errors import API_PREFIX, DomainError


def _storable(value) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(v) for v in value)
    return True


def reject_unstorable_json():
    if not request.path.startswith(API_PREFIX) or not request.is_json or request.method in ("GET", "HEAD"):
        return
    try:
        body = json.loads(request.get_data(cache=True) or b"null")
    except (ValueError, UnicodeDecodeError):
        return  # the API's own parsing answers malformed JSON with 400
    if not _storable(body):
        raise DomainError(_("The request contains text that is not valid Unicode."), code="bad_request")
