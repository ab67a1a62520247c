"""The SPARQL 1.1 Service Description of `/sparql` (a bare GET), in Turtle, JSON-LD or a short HTML page.

It states what a client needs before its first query: the endpoint, the languages and formats, that the
default graph is the union of all named graphs, the limits (deadline, result cap) and where VoID is.
"""
from __future__ import annotations

from html import escape

import pyoxigraph as ox
from flask import Request, Response, abort, current_app, request

from .negotiation import Format, NotAcceptable, negotiate

DESCRIPTIONS = (
    Format("text/turtle", ("ttl", "turtle"), "TURTLE"),
    Format("application/ld+json", ("jsonld", "json-ld", "json"), "JSON_LD"),
    Format("application/n-triples", ("nt",), "N_TRIPLES"),
    Format("application/rdf+xml", ("rdfxml", "xml"), "RDF_XML"),
    Format("text/html", ("html",), "HTML"),
)
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "N-Quads", "TriG", "JSON-LD", "RDF_XML")


def site_root() -> str:
    """The server's public base URL, ending in '/': the setting if given, else what the client called."""
    public = current_app.extensions["fentkg.settings"].public_base
    return (public.rstrip("/") + "/") if public else request.url_root


def service_turtle(root: str) -> str:
    served = current_app.extensions["fentkg.served"]
    settings = current_app.extensions["fentkg.settings"]
    named = "".join(f" ;\n      sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ]" for g in sorted(served.graphs))
    formats = ", ".join(f"formats:{f}" for f in RESULT_FORMATS)
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix void: <http://rdfs.org/ns/void#> .

<{root}sparql> a sd:Service ;
  sd:endpoint <{root}sparql> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat {formats} ;
  rdfs:comment "Read-only. The default graph is the union of all named graphs (unless the request names its own dataset). Every query has a deadline of {settings.query_timeout:g} s (ask for less with timeout=SECONDS); results are capped at {settings.max_result_rows} rows, announced by the X-Result-Truncated header. SERVICE, FROM with a graph this store does not hold, and updates are refused." ;
  rdfs:seeAlso <{root}.well-known/void> ;
  sd:defaultDataset [
      a sd:Dataset ;
      void:inDataset <{root}.well-known/void#dataset> ;
      sd:defaultGraph [ a sd:Graph ; rdfs:comment "The union of all named graphs." ]{named}
  ] .
"""


def render(turtle: str, req: Request) -> Response:
    """Turtle as the client prefers it: RDF through pyoxigraph, or the Turtle inside a page for browsers."""
    try:
        fmt = negotiate(DESCRIPTIONS, req.accept_mimetypes, req.args.get("format"))
    except NotAcceptable as exc:
        abort(406, str(exc))
    body: str | bytes
    if fmt.engine == "HTML":
        body = _page(turtle)
    elif fmt.engine == "TURTLE":
        body = turtle.encode()
    else:
        body = ox.serialize(ox.parse(turtle, ox.RdfFormat.TURTLE), format=getattr(ox.RdfFormat, fmt.engine)) or b""
    response = Response(body, content_type=fmt.content_type if fmt.engine != "HTML" else "text/html; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response


def _page(turtle: str) -> str:
    return ("<!doctype html><html lang=en><meta charset=utf-8><title>fentkg SPARQL endpoint</title>"
            "<h1>fentkg SPARQL endpoint</h1>"
            "<p>Send SPARQL 1.1 queries here with <code>GET ?query=…</code>, a form <code>POST</code> or a "
            "<code>POST</code> of <code>application/sparql-query</code>. <strong>The default graph is the union of all "
            "named graphs</strong>, so queries need no <code>GRAPH</code> clause. Results come as SPARQL JSON, XML, "
            "CSV or TSV (SELECT, ASK) and Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML (CONSTRUCT, DESCRIBE), "
            "by <code>Accept</code> or <code>format=</code>.</p>"
            "<p>Dataset description: <a href=/.well-known/void>VoID</a>. This service description as "
            "<a href=?format=ttl>Turtle</a> or <a href=?format=jsonld>JSON-LD</a>:</p>"
            f"<pre>{escape(turtle)}</pre>")


def service_description() -> Response:
    response = render(service_turtle(site_root()), request)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
