"""SPARQL 1.1 Protocol at /sparql: the query string goes to pyoxigraph, its serialization comes back."""
from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, request

bp = Blueprint("sparql", __name__)

SELECT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def _query_text() -> str:
    if request.method == "GET":
        values = request.args.getlist("query")
    elif request.mimetype == "application/x-www-form-urlencoded":
        values = request.form.getlist("query")
    elif request.mimetype == "application/sparql-query":
        values = [request.get_data(as_text=True)]
    else:
        abort(400, "POST needs Content-Type application/x-www-form-urlencoded or application/sparql-query")
    if len(values) != 1:
        abort(400, "exactly one query parameter is required")
    return values[0]


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    if request.method == "GET" and "query" not in request.args:
        return Response("fentkg SPARQL endpoint: send ?query=…\n", mimetype="text/plain")
    store = current_app.extensions["fentkg.store"]
    try:
        results = store.query(_query_text())
    except SyntaxError as exc:
        abort(400, f"malformed query: {exc}")
    if isinstance(results, ox.QueryTriples):
        mime = request.accept_mimetypes.best_match(list(GRAPH_TYPES), default="text/turtle")
        body = ox.serialize(results, format=GRAPH_TYPES[mime]) or b""
    else:
        mime = request.accept_mimetypes.best_match(list(SELECT_TYPES), default="application/sparql-results+json")
        body = results.serialize(format=SELECT_TYPES[mime])
    return Response(body, mimetype=mime, headers={"Access-Control-Allow-Origin": "*"})
