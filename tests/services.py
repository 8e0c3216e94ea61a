"""Real services for the tests that need them: the local Redis, and the app run as separate processes."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_or_skip() -> None:
    """Skip without Redis, unless REQUIRE_REDIS says it must be there (as in .ci/run)."""
    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except RedisConnectionError:
        if os.environ.get("REQUIRE_REDIS"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")


def flask_process(database_url: str, *args: str, **env: str) -> subprocess.Popen:
    """`flask --app app ARGS` in its own process, on the test database and the test Redis."""
    environment = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": REDIS_URL, **env}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT, env=environment,  # noqa: S603
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(base_url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(base_url + "/healthz", timeout=2)  # noqa: S310 (a local test URL)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
