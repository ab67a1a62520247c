"""One error shape: JSON `{"ok": false, "error": …, "status": …}` for clients, a short page for browsers."""
from __future__ import annotations

from html import escape

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

# Headers an error must keep: what a client needs to act on it (RFC 9110: 405 Allow, 401 WWW-Authenticate).
KEPT = ("Allow", "WWW-Authenticate", "Retry-After")
# An error answered before the body was read (413, a refused POST) leaves the body on the connection; gunicorn
# then answers "keep-alive" but drops the connection when more than 64 KiB are left, so the client's next
# request fails (issue 6, found by fuzzing). Reading what is left, up to this much, keeps the connection usable.
DRAIN_BYTES = 16 * 1024 * 1024


def drain_body() -> None:
    """Read and drop what is left of the request body (at most DRAIN_BYTES), so the connection stays usable."""
    stream = request.environ.get("wsgi.input")
    left = DRAIN_BYTES
    while stream is not None and left > 0:
        chunk = stream.read(min(left, 1 << 16))
        if not chunk:
            break
        left -= len(chunk)


def error_response(status: int, message: str) -> Response:
    best = request.accept_mimetypes.best_match(["application/json", "text/html", "text/plain"], default="application/json")
    if best == "text/html":
        body = f"<!doctype html><title>{status}</title><h1>Error {status}</h1><p>{escape(message)}</p>"
        response = Response(body, status=status, mimetype="text/html")
    elif best == "text/plain":
        response = Response(message + "\n", status=status, mimetype="text/plain")
    else:
        response = jsonify({"ok": False, "error": message, "status": status})
        response.status_code = status
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        if request.content_length:
            drain_body()
        response = error_response(exc.code or 500, exc.description or exc.name)
        original = exc.get_response().headers
        for name in KEPT:
            if original.get(name):
                response.headers[name] = original[name]
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:  # the last boundary: log, never leak a traceback
        app.logger.exception("unhandled error")
        return error_response(500, "internal error")
