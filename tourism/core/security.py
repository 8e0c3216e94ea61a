"""Security headers on every response."""

from flask import request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


CAMERA_PAGES = {"guides.verify_credential"}  # the inspector's QR scanner


def add_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    camera = "(self)" if request.endpoint in CAMERA_PAGES else "()"
    headers.setdefault("Permissions-Policy", f"camera={camera}, microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.endpoint != "static":
        # Pages and answers may carry personal data (a complainant's phone, a group leader's contact):
        # no browser or proxy keeps a copy, unless a route says its answer is public.
        headers.setdefault("Cache-Control", "no-store")
    return response
