"""A small threaded HTTP load generator shared by the benchmarks: keep-alive clients, timed requests."""

import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit


def run_clients(base_url, clients, count, request_for):
    """Send ``count`` requests from ``clients`` threads; ``request_for(i)`` gives (label, method, path, body)
    and, optionally, a fifth item: headers to add.

    Returns ``[(label, status, body, seconds)]`` in request order and the wall-clock seconds taken.
    """
    parts = urlsplit(base_url)
    results = [None] * count
    next_index = iter(range(count))
    lock = threading.Lock()

    def connect():
        return http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=60)

    def worker():
        connection = connect()
        while True:
            with lock:
                index = next(next_index, None)
            if index is None:
                break
            label, method, path, body, *extra = request_for(index)
            headers = {"Content-Type": "application/json", **(extra[0] if extra else {})}
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                results[index] = (label, response.status, payload, time.perf_counter() - started)
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = connect()
                results[index] = (label, None, str(error).encode(), time.perf_counter() - started)
        connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for _ in range(clients):
            pool.submit(worker)
    return results, time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")
