"""How the application meets its database under concurrency.

SQLite (the embedded default) writes ahead to a log, so readers never wait for a writer and a
backup can read one consistent snapshot while the app serves, and a writer waits up to 30 seconds
for another instead of failing at once. On every database, a write that lost a race (a stale
version, a unique number drawn twice, a lock given up, a deadlock broken) becomes a 409 for the
client to reload and retry: such a write never half-happens, so nothing is lost and nothing is 500.
"""

import sqlite3

from flask_babel import gettext as _
from sqlalchemy import event, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from tourism.core.errors import Conflict, StaleVersion, handle_domain_error, handle_unexpected
from tourism.extensions import db

BUSY_TIMEOUT_MS = 30_000

# PostgreSQL SQLSTATEs that mean "another transaction got there first".
PG_CONFLICTS = {"23505", "23503", "40001", "40P01", "55P03"}
SQLITE_CONFLICTS = ("UNIQUE constraint failed", "FOREIGN KEY constraint failed", "database is locked")


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _record):
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()


def lock_rows(session, model, ids) -> None:
    """Hold the rows of ``model`` with these ``ids`` until commit, in id order (so two callers never deadlock).

    PostgreSQL locks the rows (SELECT ... FOR UPDATE). SQLite has no row locks: a no-op UPDATE takes its one
    write lock, so a second writer waits here, before it reads what the first is about to write.
    """
    ids = sorted(set(ids))
    if not ids:
        return
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(model).where(model.id.in_(ids)).values(id=model.id)
                        .execution_options(synchronize_session=False))
    else:
        session.execute(select(model.id).where(model.id.in_(ids)).order_by(model.id).with_for_update())


def is_lost_race(error: DBAPIError) -> bool:
    """Whether a database error means a concurrent transaction won, rather than a bug."""
    original = getattr(error, "orig", None)
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if state:
        return state in PG_CONFLICTS
    return isinstance(error, (IntegrityError, OperationalError)) and any(
        text in str(original) for text in SQLITE_CONFLICTS)


def as_conflict(error: Exception) -> Conflict | None:
    """The 409 a lost race answers with, or None for an error that is not one."""
    if isinstance(error, StaleDataError):
        return StaleVersion(_("Someone changed this record at the same moment; reload it and apply your change "
                              "again."))
    if isinstance(error, DBAPIError) and is_lost_race(error):
        return Conflict(_("Someone else was changing this at the same moment; reload and try again."),
                        code="concurrent_change")
    return None


def register_conflict_handlers(app):
    """Answer a lost race as the 409 it is; any other database error stays a logged 500."""

    def handle(error):
        db.session.rollback()  # the error page must not read through a failed transaction
        conflict = as_conflict(error)
        return handle_domain_error(conflict) if conflict else handle_unexpected(error)

    app.register_error_handler(StaleDataError, handle)
    app.register_error_handler(DBAPIError, handle)
