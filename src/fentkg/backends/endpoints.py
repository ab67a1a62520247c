"""Where a remote store takes queries, updates and uploads, read from one store URL (issue 7).

    oxigraph+http://HOST:PORT                `oxigraph serve`: /query, /update, Graph Store Protocol at /store
    virtuoso+http://USER:PASSWORD@HOST:PORT  Virtuoso: /sparql, /sparql-auth and GSP at /sparql-graph-crud-auth
                                             (HTTP digest auth); without USER, /sparql and /sparql-graph-crud,
                                             which need the SPARQL_UPDATE role granted to the SPARQL user
    http(s)://HOST/PATH                      any SPARQL 1.1 endpoint: queries and updates both at the URL,
                                             loads as SPARQL Update INSERT DATA

`https` works in place of `http` after the `+`. Credentials never appear in messages (`display`).
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from ..errors import StoreError

FLAVOURS = ("oxigraph", "virtuoso", "sparql")


@dataclass(frozen=True, slots=True)
class Endpoints:
    """The URLs and habits of one remote store."""

    flavour: str
    display: str  # the store URL without credentials, for messages
    query: str
    update: str
    gsp: str | None  # Graph Store Protocol endpoint; None: load with SPARQL Update
    auth: AuthBase | None
    # Oxigraph writes every format the endpoint offers exactly as pyoxigraph does; other stores are asked for
    # SPARQL JSON / N-Triples and pyoxigraph writes the requested format, so clients get the same bytes.
    native_formats: bool
    timeout_param: str | None  # a query parameter (milliseconds) the store uses as its own deadline


def endpoints(url: str) -> Endpoints:
    """Parse a store URL; a clear StoreError if it is not one of the forms above."""
    parts = urlsplit(url)
    flavour, plus, transport = parts.scheme.partition("+")
    if not plus:
        flavour, transport = "sparql", parts.scheme
    if flavour not in FLAVOURS or transport not in ("http", "https") or not parts.hostname:
        raise StoreError(f"store URL {url!r} not understood: use oxigraph+http://HOST:PORT, "
                         "virtuoso+http://USER:PASSWORD@HOST:PORT or the http(s) URL of a SPARQL endpoint")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    path = parts.path.rstrip("/")
    base = f"{transport}://{netloc}{path}"
    display = f"{parts.scheme}://{netloc}{path}"
    user, password = parts.username, parts.password or ""
    if flavour == "oxigraph":
        auth = HTTPBasicAuth(user, password) if user else None
        return Endpoints(flavour, display, base + "/query", base + "/update", base + "/store", auth, True, None)
    if flavour == "virtuoso":
        if user:
            return Endpoints(flavour, display, base + "/sparql", base + "/sparql-auth", base + "/sparql-graph-crud-auth",
                             HTTPDigestAuth(user, password), False, "timeout")
        return Endpoints(flavour, display, base + "/sparql", base + "/sparql", base + "/sparql-graph-crud", None,
                         False, "timeout")
    endpoint = base + (f"?{parts.query}" if parts.query else "")
    auth = HTTPBasicAuth(user, password) if user else None
    return Endpoints(flavour, f"{transport}://{netloc}{path}", endpoint, endpoint, None, auth, False, None)
