from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields

from tourism.zone.service import is_known_city, is_prefecture


class CityCode(fields.String):
    """A GB/T 2260 city code known to the reference data."""

    default_error_messages = {"unknown": _l("Unknown city: use the six-digit GB/T 2260 code of a Guangdong city.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {"description": "GB/T 2260 city code, e.g. 440100"})
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs)
        if not is_known_city(code):
            raise self.make_error("unknown")
        return code


class PrefectureCode(fields.String):
    """A GB/T 2260 prefecture-level code anywhere in the country (e.g. 430100 Changsha)."""

    default_error_messages = {"unknown": _l("Unknown place: use the six-digit GB/T 2260 code of a prefecture-level "
                                            "city, e.g. 430100 for Changsha.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {"description": "GB/T 2260 prefecture-level code, in Guangdong or not"})
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs)
        if not is_prefecture(code):
            raise self.make_error("unknown")
        return code


class CitySchema(Schema):
    code = fields.String(metadata={"description": "GB/T 2260 code"})
    name_zh = fields.String()
    name_en = fields.String()
    lat = fields.Float()
    lon = fields.Float()
    in_zone = fields.Boolean(metadata={"description": "Member of the zone today"})


class CityListSchema(Schema):
    items = fields.List(fields.Nested(CitySchema))


class ZoneSchema(Schema):
    id = fields.String()
    name_zh = fields.String()
    name_en = fields.String()
    effective_from = fields.Date(attribute="start")
    effective_to = fields.Date(attribute="end", allow_none=True)
    source = fields.String()
    members = fields.List(fields.String(), metadata={"description": "Member city codes today"})


class ZoneListSchema(Schema):
    items = fields.List(fields.Nested(ZoneSchema))
