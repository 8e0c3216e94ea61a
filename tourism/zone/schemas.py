from marshmallow import Schema, fields


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
