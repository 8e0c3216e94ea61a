"""The schema comes from the migrations alone, and they agree with the models."""

import flask_migrate
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from tourism.core.types import render_migration_item
from tourism.extensions import db


def _diff():
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "render_item": render_migration_item})
        return compare_metadata(context, db.metadata)


def _tables():
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_models_and_migrations_agree(app):
    assert _diff() == []


def test_migrations_go_down_to_nothing_and_back_up(app):
    expected = {t.name for t in db.metadata.sorted_tables}
    assert _tables() == expected
    flask_migrate.downgrade(revision="base")
    db.engine.dispose()
    assert _tables() == set()
    flask_migrate.upgrade()
    db.engine.dispose()
    assert _tables() == expected
    assert _diff() == []
