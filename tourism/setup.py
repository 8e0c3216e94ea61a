"""Wiring done once per application: extensions, sign-in, errors, headers, templates."""

from datetime import timedelta

from flask import redirect, request, url_for
from flask_babel import gettext as _
from flask_babel.speaklater import LazyString

from tourism import ROOT
from tourism.accounts.enums import Role
from tourism.core import authz, clock
from tourism.core.api import RowIdConverter, row_id_schema
from tourism.core.database import register_conflict_handlers
from tourism.core.errors import API_PREFIX, Unauthorized, error_body, register_error_handlers
from tourism.core.i18n import HTML_LANG, LANGUAGES, language_name, local_name, select_locale
from tourism.core.input_guard import reject_unstorable_input
from tourism.core.observability import configure_logging, finish_request, health, start_request
from tourism.core.security import add_security_headers
from tourism.core.types import render_migration_item
from tourism.extensions import api, babel, csrf, db, limiter, login_manager, migrate
from tourism.web.home import menu_for
from tourism.zone.service import city_name, city_names

TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


def _plain_text(value):
    """Templates print a lazily translated string as text: Flask-Babel's LazyString claims to be HTML
    (``__html__``), so a name interpolated into one would reach the page unescaped."""
    return str(value) if isinstance(value, LazyString) else value


def init_extensions(app):
    app.jinja_options = {**app.jinja_options, "finalize": _plain_text}
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                    compare_type=True, render_item=render_migration_item)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    api.init_app(app)
    api.register_converter(RowIdConverter, row_id_schema)
    _init_login(app)
    register_error_handlers(app)
    register_conflict_handlers(app)
    configure_logging(app)
    app.before_request(start_request)
    app.before_request(reject_unstorable_input)
    app.after_request(add_security_headers)
    app.after_request(finish_request)
    app.register_blueprint(health)
    app.jinja_env.globals.update(can=authz.can, languages=LANGUAGES, html_lang=HTML_LANG,
                                  current_language=_current_language,
                                  city_name=city_name, city_names=city_names, language_name=language_name,
                                  local_name=local_name,
                                  menu_for=menu_for, Role=Role)


def register_api(app, blueprint):
    """Register an API blueprint: documented in OpenAPI, authenticated by bearer token, so no CSRF."""
    csrf.exempt(blueprint)
    api.register_blueprint(blueprint)


def _current_language() -> str:
    """The page's language as the switch names it (Babel's own locale reads zh_Hans_CN for zh_CN)."""
    return select_locale()


def _is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def _init_login(app):
    from tourism.accounts import service
    from tourism.accounts.models import User

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_session_user(session_id):
        # The API trusts bearer tokens only, so a browser's cookie lends no authority
        # to a cross-site request (which is why the API needs no CSRF token).
        if _is_api_request():
            return None
        user_id, _sep, version = session_id.partition(":")
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        if user is None or not user.active or version != str(user.session_version):
            return None  # logged out, password changed or deactivated since this session began
        return user

    @login_manager.request_loader
    def load_bearer_user(req):
        header = req.headers.get("Authorization", "")
        if not _is_api_request() or not header:
            return None
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized(_("The token is invalid, expired or revoked."), code="bad_token")
        record = service.token_for(db.session, token.strip())
        moment = clock.now()
        if record is None or not record.is_valid(moment) or not record.user.active:
            raise Unauthorized(_("The token is invalid, expired or revoked."), code="bad_token")
        if record.last_used_at is None or moment - record.last_used_at > TOKEN_TOUCH_INTERVAL:
            service.touch_token(db.session, record, moment)
        return record.user

    @login_manager.unauthorized_handler
    def unauthorized():
        if _is_api_request():
            return error_body(401), 401
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def init_cli(app):
    from tourism.cli import register_commands

    register_commands(app)
