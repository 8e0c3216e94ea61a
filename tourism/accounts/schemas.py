from marshmallow import Schema, fields, validate

from tourism.accounts.enums import Role


class TokenRequestSchema(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=1024))
    name = fields.String(load_default="", validate=validate.Length(max=100),
                         metadata={"description": "A label to recognise the token by"})


class TokenSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String()
    created_at = fields.DateTime()
    expires_at = fields.DateTime()
    last_used_at = fields.DateTime(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)


class IssuedTokenSchema(TokenSchema):
    token = fields.String(
        required=True, metadata={"description": "Shown once; send as 'Authorization: Bearer <token>'"}
    )


class UserSchema(Schema):
    id = fields.Integer()
    username = fields.String()
    role = Role.field()
    city_code = fields.String(allow_none=True)
