"""What the PostgreSQL benchmarks share: a fresh database, and the app served on a threaded server."""

import os
import threading

import flask_migrate
from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from tourism import create_app

ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def fresh_database(name: str = "tourism_bench") -> str:
    engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def migrated_app(url: str, instance_path: str, clients: int):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False,
                      "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": clients + 4, "pool_pre_ping": True}},
                     instance_path=instance_path)
    with app.app_context():
        flask_migrate.upgrade()
    return app


def serve(app):
    """Serve ``app`` on 127.0.0.1 in a thread; returns the base URL and the server (to shut down)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server
