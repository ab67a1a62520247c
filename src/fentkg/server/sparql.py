"""SPARQL 1.1 Protocol at /sparql: the query string goes to pyoxigraph, its serialization comes back.

The hot path (issue 4): a cache hit is a dict lookup; a miss is one lexer pass (guard.py), content
negotiation, and one round trip to a killable query process that returns pyoxigraph's own bytes. No
per-row Python and no rdflib on the way.
"""
from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, request

from ..settings import Settings
from .cache import Entry, etag_of
from .description import service_description
from .fastpath import CORS, entry_headers, get_key
from .guard import Refused, check_local, inspect_query
from .negotiation import BY_FORM, GRAPH, SOLUTIONS, NotAcceptable, negotiate
from .pool import DeadlineExceeded, WorkerLost
from .protocol import read_operation

bp = Blueprint("sparql", __name__)

CACHE_CONTROL = "public, max-age=60"  # short: a new build may replace the graph at any time
PREFLIGHT = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type, Cache-Control, If-None-Match, X-Query-Timeout",
    "Access-Control-Max-Age": "86400",
}


@bp.after_request
def _cors(response: Response) -> Response:
    """Any origin may read (never credentials, never the Origin echoed back); errors included."""
    response.headers.update(CORS)
    return response


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def sparql() -> Response:
    if request.method == "OPTIONS":
        return Response(status=204, headers=PREFLIGHT)
    ext = current_app.extensions
    settings, served, cache = ext["fentkg.settings"], ext["fentkg.served"], ext["fentkg.cache"]
    op = read_operation(request, settings.max_request_bytes, settings.update_token is not None)
    if op is None:
        return service_description()
    accept = request.headers.get("Accept", "")
    key = (get_key(served.id, request.query_string, accept) if request.method == "GET"
           else (served.id, op.query, op.default_graphs, op.named_graphs, accept, op.format))
    entry = None if "no-cache" in request.headers.get("Cache-Control", "") else cache.get(key)
    if entry is not None:
        return _respond(entry, "hit")
    try:
        inspection = inspect_query(op.query)
        if op.default_graphs is None and op.named_graphs is None:
            check_local(inspection, served.graphs)  # a protocol dataset replaces FROM, so FROM only counts here
    except Refused as exc:
        abort(400, str(exc))
    for iri in (*(op.default_graphs or ()), *(op.named_graphs or ())):
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            abort(400, f"graph {iri!r} is not an IRI: {exc}")
    family = BY_FORM.get(inspection.form or "", SOLUTIONS)
    try:
        fmt = negotiate(family, request.accept_mimetypes, op.format)
    except NotAcceptable as exc:
        abort(406, str(exc))
    job = {
        "release": served.path, "query": op.query, "base": base_iri(settings),
        "default": op.default_graphs, "named": op.named_graphs, "query_has_dataset": inspection.has_dataset,
        "max_rows": settings.max_result_rows,
        "graph_format": fmt.engine if family is GRAPH else "TURTLE",
        "solutions_format": fmt.engine if family is not GRAPH else "JSON",
    }
    timeout = min(op.timeout or settings.query_timeout, settings.query_timeout)
    try:
        outcome = ext["fentkg.pool"].run(job, timeout)
    except DeadlineExceeded:
        abort(503, f"the query ran past its deadline of {timeout:g} s and was stopped; simplify it or add a LIMIT")
    except WorkerLost as exc:
        abort(503, f"the query process was lost ({exc}); the query may need too much memory")
    head, body = outcome.head, outcome.body
    if not head["ok"]:
        abort(head["status"], head["error"])
    if (head["kind"] == "graph") != (family is GRAPH):  # the lexer misread the form: answer in the default
        fmt = (GRAPH if head["kind"] == "graph" else SOLUTIONS)[0]
    headers = [("X-Query-Ms", str(head["ms"]))]
    if head.get("truncated"):
        headers += [("X-Result-Truncated", "true"), ("X-Result-Limit", str(settings.max_result_rows))]
    # A remote store at another version than the served release (a push in progress) must not fill the cache (issue 7).
    cacheable = inspection.cacheable and head.get("cacheable", True)
    entry = Entry(body, fmt.content_type, etag_of(served.id, body) if cacheable else "", tuple(headers))
    if cacheable:
        cache.put(key, entry)
    return _respond(entry, "miss")


def base_iri(settings: Settings) -> str:
    """Relative IRIs in queries and updates resolve against the endpoint's IRI (the same for every client)."""
    return (settings.public_base or settings.base_iri).rstrip("/") + "/sparql"


def _respond(entry: Entry, cache_state: str) -> Response:
    headers = entry_headers(entry, cache_state, CACHE_CONTROL)
    if entry.etag and entry.etag in request.headers.get("If-None-Match", ""):
        return Response(status=304, headers=headers)
    return Response(entry.body, content_type=entry.content_type, headers=headers)
