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


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


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
        "PLANNER_PAGE_TIME_S": float(os.environ.get("PLANNER_PAGE_TIME_S", "5")),
        # Each day's lunch break in plans (a policy): it starts between these times and lasts this long, and may
        # be taken during a visit to a place that serves food.
        "PLANNER_LUNCH_FROM": os.environ.get("PLANNER_LUNCH_FROM", "11:00"),
        "PLANNER_LUNCH_UNTIL": os.environ.get("PLANNER_LUNCH_UNTIL", "13:30"),
        "PLANNER_LUNCH_MINUTES": _int("PLANNER_LUNCH_MINUTES", 60),
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
        # Complaint limits (tourism/complaints/rules.py): the 2010 measures' values; the 2026 measures that
        # replaced them could not be checked, so each is a setting.
        "COMPLAINT_ACCEPT_WORKING_DAYS": _int("COMPLAINT_ACCEPT_WORKING_DAYS", 5),
        "COMPLAINT_CONTRACT_CUTOFF_DAYS": _int("COMPLAINT_CONTRACT_CUTOFF_DAYS", 90),
        "COMPLAINT_REPLY_DAYS": _int("COMPLAINT_REPLY_DAYS", 10),
        "COMPLAINT_MEDIATION_DAYS": _int("COMPLAINT_MEDIATION_DAYS", 60),
        # Working days the authority takes to decide a branch or outlet filing: in a draft revision only,
        # not in the enacted 条例 or 实施细则 (tourism/agencies/deadlines.py).
        "FILING_DECISION_WORKING_DAYS": _int("FILING_DECISION_WORKING_DAYS", 3),
        # Deposit added for a branch doing outbound business: 300,000 CNY by the enacted 条例 art. 14; some
        # local practice charges 350,000 for a branch doing both (tourism/agencies/deposit.py).
        "BRANCH_OUTBOUND_DEPOSIT_CNY": _int("BRANCH_OUTBOUND_DEPOSIT_CNY", 300_000),
        # Days before a bank guarantee expires from which the deposit page warns (a policy choice).
        "GUARANTEE_WARNING_DAYS": _int("GUARANTEE_WARNING_DAYS", 30),
        # Minutes within which each affected city acknowledges an incident, per grade: this system's own
        # policy among the zone's cities, not a legal limit (tourism/emergencies/rules.py).
        "INCIDENT_ACK_MINUTES": {grade: _int(f"INCIDENT_ACK_MINUTES_{grade}", 60)
                                 for grade in ("I", "II", "III", "IV")},
        # Hours each level has to report an incident to the level above. The tourism measures' own article
        # could not be read; 《生产安全事故报告和调查处理条例》art. 11 sets 2 hours per level (by analogy).
        "INCIDENT_UPWARD_REPORT_HOURS": _int("INCIDENT_UPWARD_REPORT_HOURS", 2),
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
