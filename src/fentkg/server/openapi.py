"""The OpenAPI 3 description of the HTTP API, served at /-/openapi.json (issue 6).

Written by hand, as data: the routes are few and stable, and a description generated from Flask's URL map
would know neither the media types nor the error shapes. tests/reliability runs schemathesis against a
live server with it, so a route or status that drifts from this description fails the suite.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from .. import __version__

bp = Blueprint("openapi", __name__)

_ERROR = {"type": "object", "required": ["ok", "error", "status"],
          "properties": {"ok": {"type": "boolean", "enum": [False]}, "error": {"type": "string", "minLength": 1},
                         "status": {"type": "integer"}}}
SOLUTIONS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
             "text/tab-separated-values"]
GRAPHS = ["text/turtle", "application/n-triples", "application/n-quads", "application/trig", "application/ld+json",
          "application/rdf+xml"]
RESOURCE = ["text/html", "text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]


def _error(description: str) -> dict[str, Any]:
    """An error answer: JSON for clients, a short page for browsers, text for `Accept: text/plain`."""
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
                                                    "text/html": {"schema": {"type": "string"}},
                                                    "text/plain": {"schema": {"type": "string"}}}}


def _body(description: str, types: list[str]) -> dict[str, Any]:
    """A body in any of `types`: JSON ones (SPARQL results, JSON-LD) are documents, not strings."""
    return {"description": description, "content": {t: {"schema": {} if "json" in t else {"type": "string"}} for t in types}}


def _param(name: str, where: str, description: str, required: bool = False, schema: dict[str, Any] | None = None,
           style: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": schema or {"type": "string"}, **(style or {})}


_QUERY_PARAMS = [
    _param("default-graph-uri", "query", "a graph of this store as (part of) the default graph; never fetched",
           schema={"type": "array", "items": {"type": "string"}}),
    _param("named-graph-uri", "query", "a graph of this store as a named graph; never fetched",
           schema={"type": "array", "items": {"type": "string"}}),
    _param("timeout", "query", "a shorter deadline in seconds (never longer than the server's)",
           schema={"type": "number", "minimum": 0, "exclusiveMinimum": True}),
    _param("format", "query", "the answer's format, instead of Accept",
           schema={"type": "string", "enum": ["json", "xml", "csv", "tsv", "ttl", "nt", "nq", "trig", "jsonld", "rdfxml"]}),
    _param("X-Query-Timeout", "header", "a shorter deadline in seconds, as a header", schema={"type": "number", "minimum": 0, "exclusiveMinimum": True}),
]
_QUERY_ANSWERS = {
    "200": _body("the results: solutions or a boolean (SELECT, ASK), or a graph (CONSTRUCT, DESCRIBE); "
                 "X-Result-Truncated: true when cut to the server's row limit", SOLUTIONS + GRAPHS + ["text/html"]),
    "304": {"description": "not modified (If-None-Match)"},
    "400": _error("malformed query, SERVICE, remote FROM, a repeated or missing query, a bad parameter"),
    "403": _error("an update sent to the read-only endpoint"),
    "406": _error("no acceptable format"), "413": _error("body too large"), "414": _error("URL too long"),
    "503": _error("the query ran past its deadline and was stopped"),
}
_WRITE_ANSWERS = {"204": {"description": "done; a new release is served"}, "400": _error("malformed or refused (LOAD)"),
                  "401": _error("missing or wrong bearer token"), "403": _error("writes are disabled"),
                  "404": _error("no such graph"), "413": _error("body too large"), "415": _error("not an RDF media type")}
_PAGE = {"200": _body("an HTML page", ["text/html"]), "304": {"description": "not modified"}, "404": _error("not found")}


def _get(summary: str, responses: dict[str, Any], parameters: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": parameters or [], "responses": responses}}


def document() -> dict[str, Any]:
    """The OpenAPI 3.0 document (a fresh dict: callers may change it)."""
    name = _param("name", "path", "the local name, optionally with .ttl, .jsonld, .nt, .rdf or .html", required=True)
    resource = {"200": _body("the resource as HTML or RDF (by suffix or Accept)", RESOURCE),
                "304": {"description": "not modified"}, "404": _error("no such resource"), "406": _error("no acceptable format")}
    paths: dict[str, Any] = {
        "/sparql": {
            "get": {"summary": "SPARQL 1.1 query (or, without `query`, the service description)",
                    "parameters": [_param("query", "query", "the SPARQL query"), *_QUERY_PARAMS],
                    "responses": _QUERY_ANSWERS},
            "post": {"summary": "SPARQL 1.1 query by POST (form or direct)", "parameters": _QUERY_PARAMS,
                     "requestBody": {"required": True, "content": {
                         "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["query"],
                                                                          "properties": {"query": {"type": "string"}}}},
                         "application/sparql-query": {"schema": {"type": "string"}}}},
                     "responses": _QUERY_ANSWERS},
            "options": {"summary": "CORS preflight", "responses": {"204": {"description": "allowed methods and headers"}}},
        },
        "/sparql/update": {"post": {
            "summary": "SPARQL 1.1 Update (off unless FENTKG_UPDATE_TOKEN is set)", "security": [{"bearer": []}],
            "requestBody": {"required": True, "content": {
                "application/sparql-update": {"schema": {"type": "string"}},
                "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["update"],
                                                                 "properties": {"update": {"type": "string"}}}}}},
            "responses": _WRITE_ANSWERS}},
        "/sparql/graph": {method: {
            "summary": f"Graph Store Protocol {method.upper()} (off unless FENTKG_UPDATE_TOKEN is set)",
            "security": [{"bearer": []}],
            "parameters": [_param("graph", "query", "the graph's IRI"), _param("default", "query", "the default graph")],
            **({} if method == "delete" else {"requestBody": {"content": {t: {"schema": {"type": "string"}} for t in GRAPHS}}}),
            "responses": _WRITE_ANSWERS} for method in ("put", "post", "delete")},
        "/id/{name}": _get("an instance, document, claim or evidence (https://w3id.org/fentkg/id/…)", resource, [name]),
        "/vocab/{name}": _get("a SKOS concept (https://w3id.org/fentkg/vocab/…)", resource, [name]),
        "/ontology": _get("the OWL ontology: HTML documentation or RDF", resource),
        "/dump/{name}": _get("a download of the whole graph (fentkg.trig|nq|ttl|jsonld, claims.csv, each also .gz)", {
            "200": _body("the file", ["application/trig", "application/n-quads", "text/turtle", "application/ld+json",
                                      "text/csv", "application/gzip"]),
            "304": {"description": "not modified"}, "404": _error("no such dump")},
            [_param("name", "path", "the file name", required=True)]),
        "/.well-known/void": _get("the VoID and DCAT description of the dataset",
                                  {"200": _body("VoID", ["text/html", *GRAPHS]), "304": {"description": "not modified"},
                                   "406": _error("no acceptable format")}),
        "/-/health": _get("for load balancers: the release served and its size (no query runs)",
                          {"200": {"description": "serving", "content": {"application/json": {"schema": {
                              "type": "object", "required": ["ok", "quads", "release"],
                              "properties": {"ok": {"type": "boolean", "enum": [True]}, "quads": {"type": "integer"},
                                             "release": {"type": "string"}}}}}}}),
        "/-/version": _get("the software version", {"200": {"description": "version", "content": {
            "application/json": {"schema": {"type": "object", "required": ["fentkg"]}}}}}),
        "/-/openapi.json": _get("this description", {"200": _body("OpenAPI 3.0", ["application/json"])}),
        "/": _get("the query editor and the ways into the pages", _PAGE),
        "/search": _get("entities by name or alias", _PAGE, [_param("q", "query", "words to look for")]),
        **{path: _get(summary, _PAGE) for path, summary in (
            ("/entities", "the entity index by type"), ("/documents", "the source documents"),
            ("/statistics", "every stated figure by indicator"), ("/timeline", "dated designations, agreements, events"),
            ("/network", "relations between actors"), ("/data", "downloads and endpoints"))},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "fentkg", "version": __version__,
                 "description": "SPARQL 1.1 endpoint, linked data and pages of the fentkg knowledge graph. Read routes "
                                "answer any origin (CORS *, no credentials); errors are {ok: false, error, status}."},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": {"Error": _ERROR},
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }


@bp.get("/-/openapi.json")
def openapi() -> Response:
    response = jsonify(document())
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
