"""One error shape for the whole API, and the exceptions that services raise.

Services raise :class:`DomainError` subclasses; the handlers registered here turn
them (and every HTTP error) into ``{"code", "message", "errors"}`` on API paths and
into an error page elsewhere.
"""

from flask import current_app, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException

API_PREFIX = "/api/"

MACHINE_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "busy",
}

DEFAULT_MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("Please log in first."),
    403: _l("You are not allowed to do this."),
    404: _l("Nothing was found at this address."),
    405: _l("This method is not allowed here."),
    409: _l("This conflicts with the current state; reload and try again."),
    413: _l("The upload is too large."),
    415: _l("This content type is not supported."),
    422: _l("Some fields are invalid."),
    429: _l("Too many requests; please wait a moment."),
    500: _l("Something went wrong on our side."),
    503: _l("The service is busy; please try again shortly."),
}


class ErrorSchema(Schema):
    """The error body of every failed API request."""

    code = fields.String(required=True, metadata={"description": "Machine-readable error code"})
    message = fields.String(required=True, metadata={"description": "Human-readable message"})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "Messages per field (dotted paths for nested fields)"},
    )
    checks = fields.List(fields.Dict(), metadata={
        "description": "A refused group filing: every check run, each with code, passed, message and blocking"})


class DomainError(Exception):
    """A rule of the domain refused the request."""

    status = 400
    code = "bad_request"

    def __init__(self, message=None, errors=None, code=None, details=None):
        super().__init__(message)
        self.message = message
        self.errors = errors
        self.details = details  # more of the answer, e.g. every check a filing ran
        if code:
            self.code = code

    def as_text(self) -> str:
        """The message and every field's messages on one line (for the command line and logs)."""
        details = "; ".join(f"{field}: {' '.join(map(str, msgs))}" for field, msgs in (self.errors or {}).items())
        return " ".join(filter(None, [str(self.message or ""), details])) or self.code


class InvalidInput(DomainError):
    """Well-formed input that breaks a rule; ``errors`` maps fields to messages."""

    status = 422
    code = "validation_error"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class ServiceBusy(DomainError):
    """Too much work in hand to take more now; the client should retry after ``retry_after`` seconds."""

    status = 503
    code = "busy"

    def __init__(self, message=None, retry_after=30):
        super().__init__(message)
        self.retry_after = retry_after


class RateLimited(ServiceBusy):
    """This client has asked for more than its share; it may ask again after ``retry_after`` seconds."""

    status = 429
    code = "rate_limited"


class StaleVersion(Conflict):
    """The client wrote against a version that someone else has since changed."""

    code = "stale_version"


def check_version(record, version) -> None:
    """Refuse a write made against an older version of ``record`` (optimistic locking); None skips the check."""
    if version is not None and version != record.version:
        raise StaleVersion(_("Someone changed this record since you loaded it (version %(mine)s, now %(now)s); "
                             "reload it and apply your change again.", mine=version, now=record.version))


def field_error(field, message, error_class=InvalidInput):
    """Shortcut for an error about one field."""
    return error_class(message, errors={field: [str(message)]})


def flatten_messages(messages, prefix=""):
    """Flatten marshmallow's nested messages into ``{"a.b.0": ["..."]}``."""
    flat = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten_messages(value, name))
    elif isinstance(messages, (list, tuple)) and all(isinstance(m, str) for m in messages):
        flat[prefix or "_schema"] = [str(m) for m in messages]
    elif isinstance(messages, (list, tuple)):
        for index, value in enumerate(messages):
            flat.update(flatten_messages(value, f"{prefix}.{index}" if prefix else str(index)))
    else:
        flat[prefix or "_schema"] = [str(messages)]
    return flat


def wants_json() -> bool:
    return request.path.startswith(API_PREFIX)


def error_body(status, code=None, message=None, errors=None, details=None):
    body = {
        **(details or {}),
        "code": code or MACHINE_CODES.get(status, "error"),
        "message": str(message or DEFAULT_MESSAGES.get(status, _("Error"))),
    }
    if errors:
        body["errors"] = errors
    return body


def _webargs_errors(error):
    """Field messages that webargs (through flask-smorest) attached to an abort."""
    data = getattr(error, "data", None) or {}
    messages = data.get("errors") or data.get("messages")
    if not messages:
        return None, data.get("message")
    if error.code == 400:
        # Malformed JSON: there is no field to point at.
        return None, _("The request body is not valid JSON.")
    merged = {}
    for location_messages in messages.values():
        merged.update(flatten_messages(location_messages))
    return merged, data.get("message")


def _respond(status, code=None, message=None, errors=None, headers=None, details=None):
    if wants_json() or request_ctx.url_adapter is None:
        # Without a URL adapter (a Host header outside TRUSTED_HOSTS) no page can build its links.
        return error_body(status, code, message, errors, details), status, headers or {}
    page = render_template(
        "errors/error.html", status=status, message=message or DEFAULT_MESSAGES.get(status, "")
    )
    return page, status, headers or {}


def handle_http_exception(error: HTTPException):
    errors, message = _webargs_errors(error)
    headers = dict(error.get_headers()) if error.code in (405, 429) else {}
    headers.pop("Content-Type", None)
    if error.code == 429:
        message = None
    return _respond(error.code, message=message, errors=errors, headers=headers)


def handle_domain_error(error: DomainError):
    retry_after = getattr(error, "retry_after", None)
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return _respond(error.status, error.code, error.message, error.errors, headers, error.details)


def handle_unexpected(error: Exception):
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return _respond(500)


def register_error_handlers(app):
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(Exception, handle_unexpected)
