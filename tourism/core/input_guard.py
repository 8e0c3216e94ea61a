"""Refuse, before any handler runs, input that no field could ever accept: a malformed request (400).

- JSON nested deeper than MAX_DEPTH: the parser would recurse until the interpreter gives up.
- Text with a NUL character: PostgreSQL cannot store one in a text column.
- Text with lone surrogates (valid JSON escapes such as ``"\\ud800"``, invalid Unicode): no database stores it.

The checks walk the input without recursion, so no input can exhaust the stack.
"""

import json

from flask import request
from flask_babel import gettext as _

from tourism.core.errors import DomainError

MAX_DEPTH = 32


def _depth_exceeds(raw: bytes, limit: int) -> bool:
    """Whether brackets nest deeper than ``limit`` outside strings (scanned, not parsed)."""
    depth, in_string, escaped = 0, False, False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def _bad_text(value: str) -> str | None:
    if "\x00" in value:
        return _("The request contains a NUL character, which no field accepts.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("The request contains text that is not valid Unicode.")
    return None


def _strings(value):
    """Every string in a parsed JSON value, keys included, without recursion."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def _refuse(message):
    raise DomainError(message, code="bad_request")


def _multidict_texts(values):
    for key, items in values.lists():
        yield key or ""  # a multipart part whose name cannot be read has none
        yield from (item for item in items if isinstance(item, str))


def reject_unstorable_input():
    texts = [request.path, *_multidict_texts(request.args)]
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        if request.is_json:
            raw = request.get_data(cache=True) or b"null"
            if _depth_exceeds(raw, MAX_DEPTH):
                _refuse(_("The request nests its data more than %(n)d levels deep.", n=MAX_DEPTH))
            try:
                texts.extend(_strings(json.loads(raw)))
            except (json.JSONDecodeError, UnicodeDecodeError):
                return  # the handler's own parsing answers malformed JSON with 400
            except ValueError:  # well-formed, but a number longer than Python reads (4,300 digits)
                _refuse(_("A number in the request is too long."))
        elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            texts.extend(_multidict_texts(request.form))
            texts.extend(upload.filename or "" for _name, uploads in request.files.lists() for upload in uploads)
    for text in texts:
        problem = _bad_text(text)
        if problem:
            _refuse(problem)
