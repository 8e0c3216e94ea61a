"""Request ids, structured (JSON) logs, and the health check operators and load balancers poll."""

import json
import logging
import re
import time
import uuid

from flask import Blueprint, current_app, g, request
from sqlalchemy import text

from tourism.extensions import db

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
logger = logging.getLogger("tourism.requests")


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the request id when there is one."""

    def format(self, record):
        entry = {"time": self.formatTime(record), "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        for key in ("request_id", "method", "path", "status", "ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "request_id"):
            try:
                record.request_id = g.get("request_id")
            except RuntimeError:  # outside a request
                record.request_id = None
        return True


def configure_logging(app):
    if app.config.get("LOG_FORMAT") != "json":
        return
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.INFO)


def start_request():
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def finish_request(response):
    response.headers["X-Request-ID"] = g.get("request_id", "")
    if current_app.config.get("LOG_FORMAT") == "json":
        logger.info("request", extra={"request_id": g.get("request_id"), "method": request.method,
                                      "path": request.path, "status": response.status_code,
                                      "ms": round((time.perf_counter() - g.get("request_started", 0)) * 1000, 1)})
    return response


health = Blueprint("health", __name__)
_warnings: dict = {}


def register_health_warning(name: str, check) -> None:
    """``check()`` returns a message when operators must act soon; a warning does not make the instance unhealthy."""
    _warnings[name] = check


@health.route("/healthz")
def healthz():
    """200 when the database (and Redis, if configured) answer, with any warnings; 503 naming what does not."""
    checks = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 (any failure makes the instance unhealthy)
        checks["database"] = f"error: {type(error).__name__}"
    redis_url = current_app.config.get("REDIS_URL")
    if redis_url:
        try:
            import redis

            redis.Redis.from_url(redis_url, socket_timeout=2, socket_connect_timeout=2).ping()
            checks["redis"] = "ok"
        except Exception as error:  # noqa: BLE001
            checks["redis"] = f"error: {type(error).__name__}"
    else:
        checks["redis"] = "not configured"
    healthy = all(value in ("ok", "not configured") for value in checks.values())
    warnings = [message for check in _warnings.values() if healthy and (message := check())]
    return {"status": "ok" if healthy else "unavailable", **checks, "warnings": warnings}, 200 if healthy else 503
