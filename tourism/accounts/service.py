"""Accounts: creating users, checking passwords, issuing and revoking API tokens."""

import hashlib
import secrets
from datetime import timedelta

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from tourism.accounts.models import ROLE_VALUES, ApiToken, Role, User
from tourism.core import clock
from tourism.core.errors import Conflict, InvalidInput, NotFound, Unauthorized, field_error
from tourism.zone.service import is_known_city

MIN_PASSWORD_LENGTH = 10

_scope_resolvers = {}


def register_scope(option: str, resolver):
    """Let a domain resolve a user's scope option (``agency``, ``guide``) to a column value.

    ``resolver(session, value)`` returns ``(attribute, id)`` or raises :class:`InvalidInput`.
    """
    _scope_resolvers[option] = resolver


def _hasher() -> PasswordHasher:
    if current_app.config.get("PASSWORD_HASH_CHEAP"):
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def hash_access_code(code: str) -> str:
    """Hash a long random code (e.g. a complaint's access code) with lighter work than a chosen password.

    The code's own entropy (60 bits) is what resists guessing; argon2 still makes a leaked hash useless.
    Verification (:func:`check_secret`) reads the parameters from the hash itself.
    """
    if current_app.config.get("PASSWORD_HASH_CHEAP"):
        return _hasher().hash(code)
    return PasswordHasher(time_cost=2, memory_cost=8 * 1024, parallelism=1).hash(code)


def _validate_new_user(username, password, role, city):
    errors = {}
    if not username or len(username) > 64 or not username.replace("_", "").replace("-", "").replace(".", "").isalnum():
        errors["username"] = [_("Use 1–64 letters, digits, '.', '-' or '_'.")]
    if password is None or len(password) < MIN_PASSWORD_LENGTH:
        errors["password"] = [_("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH)]
    if role not in ROLE_VALUES:
        errors["role"] = [_("Unknown role.")]
    if role == Role.REGULATOR and not (city and is_known_city(city)):
        errors["city"] = [_("A regulator needs the code of a Guangdong city.")]
    if errors:
        raise InvalidInput(errors=errors)


def create_user(session, username, password, role, city=None, **scope) -> User:
    """Create an account; ``scope`` holds ``agency``/``guide`` for those roles."""
    _validate_new_user(username, password, role, city)
    if session.scalar(select(User.id).where(User.username == username)):
        raise field_error("username", _("This username is taken."), Conflict)
    user = User(username=username, password_hash=hash_password(password), role=role,
                city_code=city if role == Role.REGULATOR else None)
    for option, value in scope.items():
        if value is None:
            continue
        attribute, target_id = _scope_resolvers[option](session, value)
        setattr(user, attribute, target_id)
    for option, needed_by in (("agency", Role.AGENCY_ADMIN), ("guide", Role.GUIDE)):
        if role == needed_by and scope.get(option) is None:
            raise field_error(option, _("This role needs its %(option)s.", option=option))
    session.add(user)
    session.flush()
    return user


def check_secret(hashed: str, value: str) -> bool:
    """Whether ``value`` matches an argon2 hash (passwords, complaint access codes)."""
    try:
        return _hasher().verify(hashed, value)
    except (VerificationError, InvalidHashError):
        return False


def spend_secret_check(value: str, access_code: bool = False) -> None:
    """Spend the work of a real check, so that an unknown name or number is not revealed by timing."""
    check_secret(_dummy_hash(access_code), value)


def authenticate(session, username: str, password: str) -> User | None:
    """The active user with these credentials, or None; time does not reveal which part failed."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        spend_secret_check(password)
        return None
    if not check_secret(user.password_hash, password) or not user.active:
        return None
    hasher = _hasher()
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.last_login_at = clock.now()
    return user


def _dummy_hash(access_code: bool = False) -> str:
    """A hash of nothing anyone knows, made with the same work as the real ones it stands in for."""
    cache = current_app.extensions.setdefault("tourism_dummy_hash", {})
    key = (bool(current_app.config.get("PASSWORD_HASH_CHEAP")), access_code)
    if key not in cache:
        value = secrets.token_hex(8)
        cache[key] = hash_access_code(value) if access_code else hash_password(value)
    return cache[key]


def set_password(user: User, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise field_error("password", _("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH))
    user.password_hash = hash_password(password)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session, user: User, name: str = "") -> tuple[str, ApiToken]:
    """A new bearer token for ``user``; the clear token is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    days = current_app.config["API_TOKEN_DAYS"]
    record = ApiToken(user=user, digest=_digest(token), name=name[:100],
                      created_at=clock.now(), expires_at=clock.now() + timedelta(days=days))
    session.add(record)
    session.flush()
    return token, record


def user_for_token(session, token: str) -> User | None:
    record = session.scalar(select(ApiToken).where(ApiToken.digest == _digest(token)))
    moment = clock.now()
    if record is None or not record.is_valid(moment) or not record.user.active:
        return None
    record.last_used_at = moment
    return record.user


def token_for(session, token: str) -> ApiToken | None:
    return session.scalar(select(ApiToken).where(ApiToken.digest == _digest(token)))


def revoke_token(session, user: User, token_id: int) -> ApiToken:
    """Revoke one of ``user``'s own tokens; another user's token looks like a missing one."""
    record = session.get(ApiToken, token_id)
    if record is None or record.user_id != user.id:
        raise NotFound()
    if record.revoked_at is None:
        record.revoked_at = clock.now()
    return record


def login(session, username, password) -> User:
    """:func:`authenticate`, raising 401 with a message when it fails."""
    user = authenticate(session, username or "", password or "")
    if user is None:
        raise Unauthorized(_("Wrong username or password."), code="bad_credentials")
    return user
