"""Many clients at once on one record: real threads, real connections (see tests/test_races.py)."""

import threading
from concurrent.futures import ThreadPoolExecutor


def race(client, count, request):
    """Fire ``request(client, i)`` from ``count`` threads released at one moment; the status codes."""
    start = threading.Barrier(count)

    def one(index):
        start.wait()
        return request(client, index)

    with ThreadPoolExecutor(count) as pool:
        responses = list(pool.map(one, range(count)))
    codes = [response.status_code for response in responses]
    assert all(code in (200, 201, 409, 422) for code in codes), codes
    return codes, responses


def verify_audit_passes(app):
    result = app.test_cli_runner().invoke(args=["verify-audit"])
    assert result.exit_code == 0, result.output
