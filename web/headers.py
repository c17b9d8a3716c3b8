"""Security headers on every response, and a server that does not give its version away.

The pages load scripts and styles only from this site, none inline (the simulator's
settings travel as a JSON data block, the print button is wired in public.js, bars are
SVG, not style attributes), so the Content-Security-Policy needs no 'unsafe-inline'. No
page may be framed (clickjacking), no response is sniffed into another type, and no
address leaves in a Referer (download links carry their signature in the query).
"""

from __future__ import annotations

from flask import Flask, Response
from werkzeug.serving import WSGIRequestHandler

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # the simulator shows a picture being sent from its data URL
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


class QuietRequestHandler(WSGIRequestHandler):
    """`serve`'s server says `Server: Tidtam`, not `Werkzeug/3.1.9 Python/3.11.2`
    (gunicorn says `gunicorn`, without a version, by itself)."""

    def version_string(self) -> str:
        return "Tidtam"


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
