from marshmallow import Schema, fields, validate

from tourism.calendar.notices import FIRST_YEAR, LAST_YEAR
from tourism.calendar.workdays import MAX_WORKING_DAYS
from tourism.core.schemas import Date


class WorkingDaysQuerySchema(Schema):
    from_ = Date(required=True, data_key="from",
                 metadata={"description": "The day the limit counts from (not counted)"})
    days = fields.Integer(required=True, validate=validate.Range(min=0, max=MAX_WORKING_DAYS),
                          metadata={"description": "The limit, in working days"})


class WorkingDaySchema(Schema):
    date = fields.Date(metadata={"description": "The day the limit ends"})
    provisional = fields.Boolean(metadata={"description": "A year counted through has no State Council notice "
                                                          "loaded: statutory holidays only, may change"})
    source = fields.String(metadata={"description": f"The notices (or the measures alone) the count used; "
                                                    f"the calendar covers {FIRST_YEAR}–{LAST_YEAR}"})
