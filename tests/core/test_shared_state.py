"""Two web processes of one deployment share what they must: rate limits (in Redis) and sessions."""

import uuid

import pytest
import requests

from tests.factories import PASSWORD, csrf_from, make_user
from tests.services import flask_process, free_port, redis_or_skip, wait_until_serving


@pytest.fixture
def two_workers(app, database_url):
    redis_or_skip()
    env = {"LOGIN_RATE_LIMIT": "4 per minute", "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
           "SECRET_KEY": app.config["SECRET_KEY"]}
    ports = [free_port(), free_port()]
    processes = [flask_process(database_url, "run", "--port", str(port), **env) for port in ports]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url in urls:
            wait_until_serving(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)


def test_a_rate_limit_holds_across_processes(two_workers):
    statuses = [requests.post(two_workers[i % 2] + "/api/v1/auth/tokens", timeout=10,
                              json={"username": "nobody", "password": "wrong-password"}).status_code
                for i in range(5)]
    assert statuses == [401, 401, 401, 401, 429]  # two tries at each, then the shared limit


def test_a_session_opened_on_one_process_is_honoured_by_the_other(two_workers):
    make_user("officer", "provincial")
    first, second = two_workers
    browser = requests.Session()
    page = browser.get(first + "/login", timeout=10).text
    signed_in = browser.post(first + "/login", data={"csrf_token": csrf_from(page), "username": "officer",
                                                     "password": PASSWORD}, timeout=10)
    assert signed_in.ok and "/login" not in signed_in.url
    account = browser.get(second + "/account", timeout=10)
    assert account.status_code == 200 and "officer" in account.text and "/login" not in account.url
    for url in two_workers:
        assert requests.get(url + "/healthz", timeout=10).json()["redis"] == "ok"
