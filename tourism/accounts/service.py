"""Accounts: creating users, checking passwords, issuing and revoking API tokens."""

import hashlib
import re
import secrets
import unicodedata
from datetime import timedelta

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, request
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from zxcvbn import zxcvbn

from tourism.accounts.enums import Role
from tourism.accounts.models import ApiToken, User
from tourism.core import clock
from tourism.core.errors import Conflict, InvalidInput, NotFound, Unauthorized, field_error
from tourism.zone.service import city_name, is_known_city

MIN_PASSWORD_LENGTH = 10
MIN_PASSWORD_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more

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


USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
# The scope each role needs, and no other: a regulator acts for a city, never for an agency.
ROLE_SCOPE = {Role.ADMIN: None, Role.PROVINCIAL: None, Role.REGULATOR: "city", Role.INSPECTOR: "city",
              Role.AGENCY_ADMIN: "agency",
              Role.GUIDE: "guide"}


def normalise_username(username: str | None) -> str:
    """Usernames compare in NFKC lower case, so 'Admin' and 'ａｄｍｉｎ' are the same name as 'admin'."""
    return unicodedata.normalize("NFKC", username or "").strip().lower()


def password_problems(password: str | None, *user_inputs: str) -> list[str]:
    """Why a new password is too weak: too short, or guessable (zxcvbn's estimate, with the user's own names)."""
    if password is None or len(password) < MIN_PASSWORD_LENGTH:
        return [_("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH)]
    # zxcvbn's cost grows with length; the first 100 characters decide how guessable a password is.
    estimate = zxcvbn(password[:100], user_inputs=[value for value in user_inputs if value])
    if estimate["score"] < MIN_PASSWORD_SCORE:
        return [_("This password is too easy to guess; use a longer phrase of unrelated words.")]
    return []


def _validate_new_user(username, password, role, scope: dict):
    errors = {}
    if not USERNAME.match(username):
        errors["username"] = [_("Use 1–64 lower-case Latin letters, digits, '.', '-' or '_', starting with a letter "
                                "or digit.")]
    problems = password_problems(password, username)
    if problems:
        errors["password"] = problems
    if role not in Role.values():
        errors["role"] = [_("Unknown role.")]
    else:
        needed = ROLE_SCOPE[Role(role)]
        for option, value in scope.items():
            if value is not None and option != needed:
                errors[option] = [_("The role %(role)s takes no %(option)s.", role=role, option=option)]
        if needed and scope.get(needed) is None:
            errors[needed] = [_("This role needs its %(option)s.", option=needed)]
        elif needed == "city" and not is_known_city(scope["city"]):
            errors["city"] = [_("A regulator needs the code of a Guangdong city.")]
    if errors:
        raise InvalidInput(errors=errors)


def create_user(session, *, username, password, role, **scope) -> User:
    """Create an account; ``scope`` holds the one option its role needs (``city``, ``agency`` or ``guide``)."""
    username = normalise_username(username)
    _validate_new_user(username, password, role, scope)
    if session.scalar(select(User.id).where(User.username == username)):
        raise field_error("username", _("This username is taken."), Conflict)
    user = User(username=username, password_hash=hash_password(password), role=role, city_code=scope.get("city"))
    for option, value in scope.items():
        if value is not None and option in _scope_resolvers:
            attribute, target_id = _scope_resolvers[option](session, value)
            setattr(user, attribute, target_id)
    session.add(user)
    session.flush()
    return user


def find_user(session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == normalise_username(username)))


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
    user = find_user(session, username)
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


def end_sessions(user: User) -> None:
    """Make every browser session opened so far invalid (the session carries the version it was opened at)."""
    user.session_version += 1


def set_password(user: User, password: str) -> None:
    """A new password ends every earlier session and revokes every API token."""
    problems = password_problems(password, user.username)
    if problems:
        raise InvalidInput(errors={"password": problems})
    user.password_hash = hash_password(password)
    end_sessions(user)
    for token in user.tokens:
        token.revoked_at = token.revoked_at or clock.now()


def set_active(user: User, active: bool) -> None:
    """Deactivate (or reactivate) an account; either way no earlier session comes back."""
    user.active = active
    end_sessions(user)


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


def touch_token(session, record: ApiToken, moment) -> None:
    """Note when a token was last used, in its own short transaction; a lost race only skips the note."""
    record.last_used_at = moment
    try:
        session.commit()
    except (OperationalError, StaleDataError):
        session.rollback()


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


def address_login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def account_login_limit() -> str:
    return current_app.config["ACCOUNT_LOGIN_RATE_LIMIT"]


def login_account_key() -> str:
    """Failed log-ins are also counted per account, so guessing spread over many addresses is slowed too."""
    body = request.get_json(silent=True) if request.is_json else request.form
    username = body.get("username") if hasattr(body, "get") else None
    return "login-account:" + normalise_username(username if isinstance(username, str) else "")


def login_failed(response) -> bool:
    return response.status_code in (400, 401, 422)


def login(session, username, password) -> User:
    """:func:`authenticate`, raising 401 with a message when it fails."""
    user = authenticate(session, username or "", password or "")
    if user is None:
        raise Unauthorized(_("Wrong username or password."), code="bad_credentials")
    return user


def display_names(session, user_ids) -> dict[int, str]:
    """How histories name these accounts: "fs-regulator (city regulator, 佛山市)"."""
    names = {}
    for user in session.scalars(select(User).where(User.id.in_(user_ids))):
        role = Role.label_of(user.role)
        names[user.id] = (_("%(user)s (%(role)s, %(city)s)", user=user.username, role=role,
                            city=city_name(user.city_code)) if user.city_code
                          else _("%(user)s (%(role)s)", user=user.username, role=role))
    return names
