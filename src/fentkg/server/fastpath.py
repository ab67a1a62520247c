"""The cache-hit fast path: a repeated GET /sparql answered below Flask, straight from the result cache.

A hit needs no routing, no request object and no negotiation: the key is the raw query string and
`Accept` header (what the Flask view stores GET results under), so the answer costs one dict lookup.
Everything else — misses, POST, `Cache-Control: no-cache`, other routes — goes to Flask unchanged.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask

from .cache import Entry

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WsgiApp = Callable[[Environ, StartResponse], Iterable[bytes]]

CORS = [("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Expose-Headers", "ETag, X-Query-Ms, X-Cache, X-Result-Truncated, X-Result-Limit")]


def get_key(release: str, query_string: bytes, accept: str) -> tuple[object, ...]:
    """The cache key of a GET /sparql request (shared with the Flask view)."""
    return (release, "GET", query_string, accept)


def entry_headers(entry: Entry, cache_state: str, cache_control: str) -> list[tuple[str, str]]:
    headers = [*entry.headers, ("X-Cache", cache_state), ("Vary", "Accept"), *CORS]
    if entry.etag:
        headers += [("ETag", entry.etag), ("Cache-Control", cache_control)]
    else:
        headers.append(("Cache-Control", "no-store"))
    return headers


class FastPath:
    """WSGI middleware in front of the Flask app."""

    def __init__(self, app: Flask, cache_control: str) -> None:
        self.flask = app
        self.next: WsgiApp = app.wsgi_app
        self.cache_control = cache_control

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        if (environ.get("PATH_INFO") == "/sparql" and environ.get("REQUEST_METHOD") == "GET"
                and "no-cache" not in environ.get("HTTP_CACHE_CONTROL", "")):
            served = self.flask.extensions["fentkg.served"]
            served.check()
            key = get_key(served.id, environ.get("QUERY_STRING", "").encode("latin-1"), environ.get("HTTP_ACCEPT", ""))
            entry = self.flask.extensions["fentkg.cache"].get(key, count_miss=False)
            if entry is not None and entry.etag:
                headers = entry_headers(entry, "hit", self.cache_control)
                if entry.etag in environ.get("HTTP_IF_NONE_MATCH", ""):
                    start_response("304 Not Modified", headers)
                    return []
                headers += [("Content-Type", entry.content_type), ("Content-Length", str(len(entry.body)))]
                start_response("200 OK", headers)
                return [entry.body]
        return self.next(environ, start_response)
