"""Fixtures: one migrated database per run, emptied after every test.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set.
Tests commit for real (deadlines, locking and transactions are part of what they
check); every table is emptied afterwards, so tests pass in any order.
"""

import os
import re
import shutil
from pathlib import Path

import flask_migrate
import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("AUDIT_KEY", "test-audit-key-not-for-production")

from tourism import create_app  # noqa: E402
from tourism.extensions import db, limiter  # noqa: E402

TEST_CONFIG = {
    "TESTING": True,
    "PASSWORD_HASH_CHEAP": True,
    "LOGIN_RATE_LIMIT": "1000 per minute",
    "RATELIMIT_STORAGE_URI": "memory://",
    "DEMO_CREDENTIALS": True,
    "PLANNER_PAGE_TIME_S": 0.5,
}


def _normalise(url: str) -> str:
    return re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", url)


def _reset_postgresql(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        url = _normalise(url)
        _reset_postgresql(url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url},
                     instance_path=str(tmp_path_factory.mktemp("instance")))
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    return url


def empty_all_tables() -> None:
    tables = [t.name for t in db.metadata.sorted_tables]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in reversed(tables):
                conn.execute(text(f"DELETE FROM {name}"))  # noqa: S608 (table names from our metadata)


class IsolatedClient(FlaskClient):
    """A test client whose every request runs in its own application context.

    Without this, requests would reuse the test's context and with it ``g`` and the
    database session, hiding what a real second request would see.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def shared_app(database_url, tmp_path_factory):
    """One application for the whole run: building one registers every route and its OpenAPI document."""
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url},
                     instance_path=str(tmp_path_factory.mktemp("instance")))
    app.test_client_class = IsolatedClient
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(shared_app):
    """The application as new for each test: its settings, per-app state, rate limits, files and tables."""
    settings = dict(shared_app.config)
    extensions = set(shared_app.extensions)
    with shared_app.app_context():
        yield shared_app
        db.session.remove()
        empty_all_tables()
    shared_app.config.clear()
    shared_app.config.update(settings)
    for name in set(shared_app.extensions) - extensions:
        del shared_app.extensions[name]
    limiter.reset()
    instance = Path(shared_app.instance_path)
    shutil.rmtree(instance, ignore_errors=True)
    instance.mkdir()


@pytest.fixture
def fresh_app(database_url, tmp_path):
    """An application of its own, for a test that adds routes to it (the shared one has served requests)."""
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url},
                     instance_path=str(tmp_path / "instance"))
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        db.session.remove()
        empty_all_tables()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def session(app):
    return db.session


@pytest.fixture
def clients(app, database_url):
    """How many clients race: 50 on PostgreSQL, 8 on SQLite."""
    return 50 if database_url.startswith("postgresql") else 8
