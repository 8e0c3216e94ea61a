"""gunicorn settings for `make serve`; each can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("THREADS", "2"))
timeout = int(os.environ.get("TIMEOUT", "120"))  # plans solved in the request may take a minute
graceful_timeout = 30  # on SIGTERM, finish requests in flight for up to 30 s
max_requests = 2000
max_requests_jitter = 200
accesslog = None  # the app logs each request itself, with its id (LOG_FORMAT=json)
