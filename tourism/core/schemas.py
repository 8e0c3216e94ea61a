"""Fields and schemas shared by the domains' API schemas."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from tourism.core.clock import LOCAL_TZ

# The years the system deals in: nothing it records happened before 1950 or is planned after 2100.
# A date outside them is a typing slip or an attack (year 1 and 9999 overflow date arithmetic).
EARLIEST_DATE = date(1950, 1, 1)
LATEST_DATE = date(2100, 12, 31)
MAX_AMOUNT_CNY = 100_000_000  # the largest amount (claim, compensation, budget) taken as input
MAX_PEOPLE = 1_000_000  # the largest head count (casualties, stranded tourists) taken as input
MAX_ROW_ID = 2**31 - 1  # ids fit the databases' integer columns
AMOUNT_CNY = validate.Range(min=0, max=MAX_AMOUNT_CNY)
HEADCOUNT = validate.Range(min=0, max=MAX_PEOPLE)
PHONE_PATTERN = r"^[0-9+\-() ]{5,30}$"
PHONE = validate.Regexp(PHONE_PATTERN, error="Give a phone number of digits, spaces, +, - or ().")
ROW_ID = validate.Range(min=1, max=MAX_ROW_ID)



class HistoryEntrySchema(Schema):
    """One entry of a record's append-only history."""

    seq = fields.Integer()
    at = fields.DateTime()
    actor = fields.String(attribute="actor_name")
    action = fields.String()
    details = fields.Dict()


class Date(fields.Date):
    """An ISO date within the years the system deals in."""

    default_error_messages = {"out_of_range": _l("Give a date between 1950-01-01 and 2100-12-31.")}

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise self.make_error("out_of_range")
        return day


class AwareDateTime(fields.AwareDateTime):
    """An ISO 8601 time; without an offset, Asia/Shanghai; within the years the system deals in."""

    default_error_messages = {"out_of_range": _l("Give a time between 1950 and 2100.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("default_timezone", LOCAL_TZ)
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        moment: datetime = super()._deserialize(value, attr, data, **kwargs)
        if not EARLIEST_DATE <= moment.date() <= LATEST_DATE:
            raise self.make_error("out_of_range")
        return moment
