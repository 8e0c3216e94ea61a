"""Configuration from the environment, with safe defaults for a single machine."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit


def _instance_secret(instance_path: Path, name: str) -> str:
    """Return a key kept in the instance folder, creating it once.

    The key never lives in the code: a fresh machine generates its own, and every
    later start (and every worker) reads the same file.
    """
    path = instance_path / name
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        instance_path.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{instance_path / 'tourism.sqlite3'}"
    # Hosted PostgreSQL URLs often say postgres://; SQLAlchemy wants a dialect+driver.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _trusted_hosts(public_base_url: str | None) -> list[str]:
    """The Host headers the app answers to: TRUSTED_HOSTS, the public address's host, and this machine."""
    hosts = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()]
    if public_base_url:
        hosts.append(urlsplit(public_base_url).hostname)
    return hosts + ["localhost", "127.0.0.1", "::1"]


def load_config(instance_path: Path) -> dict:
    """Build the application's settings; see the configuration table in README.md."""
    redis_url = os.environ.get("REDIS_URL") or None
    public_base_url = os.environ.get("PUBLIC_BASE_URL") or None
    return {
        # Absolute links (QR codes, Location headers) use this address; other Host headers are refused (400).
        "PUBLIC_BASE_URL": public_base_url,
        "TRUSTED_HOSTS": _trusted_hosts(public_base_url),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or _instance_secret(instance_path, "secret_key"),
        # Keys the audit chain (tourism/core/audit.py); kept off the database so that rewriting it cannot forge history.
        "AUDIT_KEY": os.environ.get("AUDIT_KEY") or _instance_secret(instance_path, "audit_key"),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", "tourism"),  # when apps share one Redis
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "text"),
        # Background planning (tourism/planner/jobs.py): the RQ queue's name, how many jobs it may hold,
        # how many plans one web process solves at once, and how long past its time limit a job may run.
        "PLANNER_QUEUE": os.environ.get("PLANNER_QUEUE", "planning"),
        "PLANNER_MAX_QUEUED": int(os.environ.get("PLANNER_MAX_QUEUED", "200")),
        "PLANNER_MAX_IN_PROCESS": int(os.environ.get("PLANNER_MAX_IN_PROCESS", "1")),
        "PLANNER_JOB_GRACE_S": float(os.environ.get("PLANNER_JOB_GRACE_S", "60")),
        # Fair shares of the planner: plan requests per client address, plans one client may have waiting or
        # running, and the longest search the public (not logged in) may ask for.
        "PLANNER_RATE_LIMIT": os.environ.get("PLANNER_RATE_LIMIT", "12 per minute"),
        "PLANNER_MAX_JOBS_PER_CLIENT": int(os.environ.get("PLANNER_MAX_JOBS_PER_CLIENT", "2")),
        "PLANNER_PUBLIC_MAX_TIME_S": float(os.environ.get("PLANNER_PUBLIC_MAX_TIME_S", "10")),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute"),
        # Failed log-ins per account, whatever the address (a guessing attack spread over many addresses).
        "ACCOUNT_LOGIN_RATE_LIMIT": os.environ.get("ACCOUNT_LOGIN_RATE_LIMIT", "10 per 10 minutes"),
        # Per client address; generous, since a tour group may share one hotel's address.
        "COMPLAINT_RATE_LIMIT": os.environ.get("COMPLAINT_RATE_LIMIT", "200 per hour"),
        # Bytes one client address may send to the complaint routes per day (attachments are 5 MB each).
        "UPLOAD_BYTES_PER_DAY": int(os.environ.get("UPLOAD_BYTES_PER_DAY", str(250 * 1024 * 1024))),
        "LOOKUP_RATE_LIMIT": os.environ.get("LOOKUP_RATE_LIMIT", "30 per minute"),
        "CREDENTIAL_SIGNING_KEY": os.environ.get("CREDENTIAL_SIGNING_KEY") or None,
        "API_TOKEN_DAYS": int(os.environ.get("API_TOKEN_DAYS", "30")),
        # Upheld complaints within the window that flag a licence for review (a policy choice, not a rule).
        "COMPLAINT_REVIEW_THRESHOLD": int(os.environ.get("COMPLAINT_REVIEW_THRESHOLD", "3")),
        "COMPLAINT_REVIEW_WINDOW_DAYS": int(os.environ.get("COMPLAINT_REVIEW_WINDOW_DAYS", "365")),
        # Minutes within which each affected city acknowledges an incident, per grade: set by the
        # provincial emergency plan; one hour by default (see tourism/incidents/emergencies.py).
        "INCIDENT_ACK_MINUTES": {"I": 60, "II": 60, "III": 60, "IV": 60},
        "DEMO_CREDENTIALS": os.environ.get("TOURISM_ENV", "development") == "development",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("TOURISM_ENV") == "production",
        "BABEL_DEFAULT_LOCALE": "zh_CN",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).resolve().parent.parent / "translations"),
        "MAX_CONTENT_LENGTH": 27 * 1024 * 1024,  # five attachments of 5 MB and the form
        "WTF_CSRF_TIME_LIMIT": None,
        # OpenAPI document, served at /api/v1/openapi.json.
        "API_TITLE": "Pearl River Delta barrier-free tourism zone",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
    }
