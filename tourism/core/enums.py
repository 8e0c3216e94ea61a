"""Closed sets of values (statuses, kinds, grades) as enums that know their labels, column and field.

Each set is declared once, in its domain's ``enums.py``, member by member with its translated label::

    class FilingStatus(Choices):
        SUBMITTED = "submitted", _l("submitted")

and from that one declaration come the column (text in the database, with a CHECK constraint listing the
values, so no other value can be stored), the API field (``fields.Enum``, documented with its values) and
the label pages show. Members are strings, so they compare equal to their values.
"""

from enum import StrEnum

import sqlalchemy as sa
from marshmallow import fields
from sqlalchemy.orm import mapped_column


class Choices(StrEnum):
    def __new__(cls, value: str, label=None):
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label if label is not None else value
        return member

    @property
    def label(self) -> str:
        """The member's name in the current request's language."""
        return str(self._label)

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @classmethod
    def label_of(cls, value) -> str:
        """The label of a stored or recorded value; an unknown one is shown as it is."""
        try:
            return cls(value).label
        except ValueError:
            return str(value)

    @classmethod
    def choices(cls, *, blank=None) -> list[tuple[str, str]]:
        """``(value, label)`` pairs for a select field, optionally after a blank choice."""
        pairs = [(member.value, member._label) for member in cls]
        return ([("", blank)] if blank is not None else []) + pairs

    @classmethod
    def column(cls, check: str, length: int, **kwargs):
        """A text column holding one of the values, with a CHECK constraint named ``check`` listing them."""
        kind = sa.Enum(cls, name=check, native_enum=False, create_constraint=True, length=length,
                       validate_strings=True, values_callable=lambda enum: [member.value for member in enum])
        return mapped_column(kind, **kwargs)

    @classmethod
    def field(cls, **kwargs) -> fields.Field:
        """The API field: one of the values, documented as such."""
        return EnumField(cls, **kwargs)


class EnumField(fields.Enum):
    """``fields.Enum`` by value that also writes a value not yet loaded as a member (a fresh object's)."""

    def __init__(self, enum, **kwargs):
        super().__init__(enum, by_value=fields.String, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else super()._serialize(self.enum(value), attr, obj, **kwargs)
