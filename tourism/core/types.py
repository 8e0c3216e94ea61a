"""Column types shared by the models."""

from datetime import UTC, datetime

from sqlalchemy.types import DateTime, TypeDecorator

from tourism.core.clock import LOCAL_TZ


class UTCDateTime(TypeDecorator):
    """Aware timestamps stored as UTC on every database and read back in Asia/Shanghai.

    SQLite keeps no offset, so the value is normalised to UTC before it is written.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a timezone-aware column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(LOCAL_TZ)


def render_migration_item(type_, obj, autogen_context):
    """Write our column types into migrations as plain SQLAlchemy types (migrations never import the app)."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
