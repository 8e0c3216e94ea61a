from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, url_for

from tourism.core.i18n import LANGUAGE_COOKIE, normalise
from tourism.extensions import api
from tourism.web.home import tasks_for

bp = Blueprint("web", __name__)


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go back to; anything pointing off-site falls back to ``default``."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


@bp.route("/")
def home():
    return render_template("home.html", groups=tasks_for())


@bp.route("/lang/<code>")
def set_language(code):
    """Switch language and remember it; a link, so it works without script."""
    language = normalise(code)
    response = redirect(safe_next(request.args.get("next"), url_for("web.home")))
    if language:
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


@bp.route("/api/v1/ping")
def ping():
    """A route that does nothing: the baseline the benchmarks measure against."""
    return {"ok": True}


@bp.route("/api/v1/docs")
def api_docs():
    """A browsable page of the OpenAPI document, rendered on the server (no external script)."""
    spec = api.spec.to_dict()
    return render_template("api/docs.html", spec=spec)
