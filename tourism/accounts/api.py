"""Bearer tokens for API clients: issue, list, revoke."""

from flask_login import current_user

from tourism.accounts import service
from tourism.accounts.schemas import IssuedTokenSchema, TokenRequestSchema, TokenSchema, UserSchema
from tourism.core.api import Blueprint
from tourism.core.authz import require_login
from tourism.extensions import db, limiter

blp = Blueprint("auth_api", __name__, url_prefix="/auth", description="Accounts and API tokens")


@blp.route("/tokens", methods=["POST"])
@limiter.limit(service.address_login_limit)
@limiter.limit(service.account_login_limit, key_func=service.login_account_key, deduct_when=service.login_failed)
@blp.arguments(TokenRequestSchema)
@blp.response(201, IssuedTokenSchema)
@blp.errors(401, 429)
def create_token(data):
    """Exchange a username and password for a bearer token."""
    user = service.login(db.session, data["username"], data["password"])
    token, record = service.issue_token(db.session, user, data["name"])
    db.session.commit()
    record.token = token  # shown once, never stored
    return record


@blp.route("/tokens", methods=["GET"])
@blp.response(200, TokenSchema(many=True))
@blp.errors(401)
def list_tokens():
    """The caller's own tokens, newest first."""
    require_login()
    return sorted(current_user.tokens, key=lambda t: t.created_at, reverse=True)


@blp.route("/tokens/<int:token_id>", methods=["DELETE"])
@blp.response(200, TokenSchema)
@blp.errors(401, 404)
def revoke_token(token_id):
    """Revoke one of the caller's tokens; it stops working at once."""
    require_login()
    record = service.revoke_token(db.session, current_user, token_id)
    db.session.commit()
    return record


@blp.route("/me", methods=["GET"])
@blp.response(200, UserSchema)
@blp.errors(401)
def me():
    """The caller's account and scope."""
    require_login()
    return current_user
