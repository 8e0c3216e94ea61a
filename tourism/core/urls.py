"""Absolute URLs built from the configured public address, never from the Host header a client sent."""

from flask import current_app, url_for


def public_url(endpoint: str, **values) -> str:
    """The URL of ``endpoint`` as the public reaches it (``PUBLIC_BASE_URL``), for QR codes and Location headers."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    # Without a configured address the request's host is used; TRUSTED_HOSTS has already vetted it.
    return url_for(endpoint, _external=True, **values)
