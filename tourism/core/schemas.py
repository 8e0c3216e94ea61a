"""Fields and schemas shared by the domains' API schemas."""

from marshmallow import Schema, fields

from tourism.zone.service import is_known_city


class CityCode(fields.String):
    """A GB/T 2260 city code known to the reference data."""

    default_error_messages = {"unknown": "Unknown city: use the six-digit GB/T 2260 code of a Guangdong city."}

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {"description": "GB/T 2260 city code, e.g. 440100"})
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs)
        if not is_known_city(code):
            raise self.make_error("unknown")
        return code


class PageSchema(Schema):
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


class HistoryEntrySchema(Schema):
    """One entry of a record's append-only history."""

    seq = fields.Integer()
    at = fields.DateTime()
    actor = fields.String(attribute="actor_name")
    action = fields.String()
    details = fields.Dict()
