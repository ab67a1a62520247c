"""/sparql beyond the W3C suite: formats, content negotiation, service description, errors, cache (issue 4)."""
from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
import rdflib
import requests

from .conftest import Server

LOOKUP = "SELECT ?p ?o WHERE { <https://w3id.org/fentkg/graph/claims> ?p ?o }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s a ?t } WHERE { SELECT DISTINCT ?s ?t WHERE { ?s a ?t } LIMIT 5 }"


def get(server: Server, query: str, **headers: str) -> requests.Response:
    return requests.get(server.sparql, params={"query": query}, headers=headers, timeout=30)


@pytest.mark.parametrize("accept,fmt", [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", None),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_formats_hold_the_same_count(live_server: Server, accept: str, fmt: ox.QueryResultsFormat | None) -> None:
    response = get(live_server, COUNT, Accept=accept)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(accept)
    if fmt is None:  # CSV is lossy: pyoxigraph does not read it back
        n = int(response.text.splitlines()[1])
    else:
        n = int(next(iter(ox.parse_query_results(response.content, fmt)))["n"].value)
    assert n > 30000  # the union of all named graphs: the whole seed build


@pytest.mark.parametrize("accept,fmt", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"), ("application/n-quads", "nquads"), ("application/trig", "trig"),
])
def test_construct_formats(live_server: Server, accept: str, fmt: str) -> None:
    response = get(live_server, CONSTRUCT, Accept=accept)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith(accept)
    graph = rdflib.Dataset() if fmt in ("nquads", "trig") else rdflib.Graph()
    graph.parse(data=response.content, format=fmt)
    assert len(graph) == 5


def test_negotiation_uses_q_values_and_wildcards(live_server: Server) -> None:
    assert get(live_server, COUNT, Accept="text/csv;q=0.5, text/tab-separated-values").headers["Content-Type"].startswith("text/tab-separated-values")
    assert get(live_server, COUNT, Accept="text/*").headers["Content-Type"].startswith("text/csv")
    assert get(live_server, COUNT, Accept="*/*").headers["Content-Type"].startswith("application/sparql-results+json")
    assert get(live_server, CONSTRUCT, Accept="application/*, text/turtle;q=0.1").headers["Content-Type"].startswith("application/n-triples")
    # the same Accept picks per query form: a browser's Accept gets JSON results and Turtle graphs
    browser = "text/html,application/xhtml+xml,*/*;q=0.8"
    assert get(live_server, CONSTRUCT, Accept=browser).headers["Content-Type"].startswith("text/turtle")


def test_nothing_acceptable_is_406(live_server: Server) -> None:
    response = get(live_server, COUNT, Accept="image/png")
    assert response.status_code == 406 and "offered" in response.json()["error"]
    assert get(live_server, "ASK {}", Accept="text/csv").status_code == 406  # CSV has no boolean
    assert get(live_server, CONSTRUCT, Accept="application/sparql-results+json").status_code == 406


def test_format_parameter_overrides_accept(live_server: Server) -> None:
    response = requests.get(live_server.sparql, params={"query": COUNT, "format": "csv"},
                            headers={"Accept": "application/sparql-results+xml"}, timeout=30)
    assert response.headers["Content-Type"].startswith("text/csv") and response.text.startswith("n\r\n")
    bad = requests.get(live_server.sparql, params={"query": COUNT, "format": "ttl"}, timeout=30)
    assert bad.status_code == 406 and "csv" in bad.json()["error"]


def test_post_form_and_direct_give_the_same_result(live_server: Server) -> None:
    direct = requests.post(live_server.sparql, data=COUNT.encode(), timeout=30,
                           headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    form = requests.post(live_server.sparql, data={"query": COUNT}, headers={"Accept": "text/csv"}, timeout=30)
    assert direct.status_code == form.status_code == 200 and direct.text == form.text


def test_protocol_dataset_names_local_graphs(live_server: Server) -> None:
    g = "https://w3id.org/fentkg/graph/ontology"
    only = requests.get(live_server.sparql, params={"query": COUNT, "default-graph-uri": g}, timeout=30)
    everything = get(live_server, COUNT)
    assert 0 < int(only.json()["results"]["bindings"][0]["n"]["value"]) < int(everything.json()["results"]["bindings"][0]["n"]["value"])
    # FROM a graph of this store works like the protocol parameter …
    from_local = get(live_server, f"SELECT (COUNT(*) AS ?n) FROM <{g}> WHERE {{ ?s ?p ?o }}")
    assert from_local.json() == only.json()


def test_bad_queries_get_the_parser_message(live_server: Server) -> None:
    response = get(live_server, "SELECT * WHERE { ?s ?p }")
    assert response.status_code == 400
    assert re.search(r"malformed query: error at 1:\d+", response.json()["error"])


def test_service_description_in_turtle_and_json_ld(live_server: Server) -> None:
    ttl = requests.get(live_server.sparql, headers={"Accept": "text/turtle"}, timeout=30)
    graph = rdflib.Graph().parse(data=ttl.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef(live_server.sparql)
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph
    assert (service, rdflib.RDFS.seeAlso, rdflib.URIRef(live_server.url + "/.well-known/void")) in graph
    assert "union of all named graphs" in ttl.text
    jsonld = requests.get(live_server.sparql, headers={"Accept": "application/ld+json"}, timeout=30)
    assert jsonld.headers["Content-Type"].startswith("application/ld+json")
    assert rdflib.Graph().parse(data=jsonld.text, format="json-ld").isomorphic(graph)
    page = requests.get(live_server.sparql, headers={"Accept": "text/html"}, timeout=30)
    assert "default graph is the union of all named graphs" in page.text


def test_void_links_back_to_the_endpoint(live_server: Server) -> None:
    response = requests.get(live_server.url + "/.well-known/void", headers={"Accept": "text/turtle"}, timeout=30)
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    assert (None, void.sparqlEndpoint, rdflib.URIRef(live_server.sparql)) in graph


def test_one_error_shape(live_server: Server) -> None:
    as_json = requests.get(live_server.sparql, params={"query": "ASK {"}, timeout=30)
    assert set(as_json.json()) == {"ok", "error", "status"} and as_json.json()["status"] == 400
    as_html = requests.get(live_server.sparql, params={"query": "ASK {"}, headers={"Accept": "text/html,*/*;q=0.8"}, timeout=30)
    assert as_html.headers["Content-Type"].startswith("text/html") and "<h1>Error 400</h1>" in as_html.text


def test_cache_etag_and_304(live_server: Server) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }  # cache test"
    first, second = get(live_server, query), get(live_server, query)
    assert first.headers["X-Cache"] == "miss" or second.headers["X-Cache"] == "hit"
    assert second.headers["ETag"] == first.headers["ETag"] and "max-age" in second.headers["Cache-Control"]
    assert second.content == first.content
    revalidated = get(live_server, query, **{"If-None-Match": first.headers["ETag"]})
    assert revalidated.status_code == 304 and revalidated.content == b""
    fresh = get(live_server, query, **{"Cache-Control": "no-cache"})
    assert fresh.headers["X-Cache"] == "miss" and fresh.content == first.content


def test_volatile_queries_are_not_cached(live_server: Server) -> None:
    response = get(live_server, "SELECT (STRUUID() AS ?id) {}")
    assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers
    assert get(live_server, "SELECT (STRUUID() AS ?id) {}").json() != response.json()


def test_cors_is_open_without_credentials(live_server: Server) -> None:
    response = get(live_server, COUNT, Origin="https://tool.example")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    preflight = requests.options(live_server.sparql, timeout=30, headers={
        "Origin": "https://tool.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 204 and preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "https://tool.example" not in json.dumps(dict(preflight.headers))
    error = get(live_server, "ASK {", Origin="https://tool.example")
    assert error.headers["Access-Control-Allow-Origin"] == "*"


def test_health_and_access_log(live_server: Server) -> None:
    health = requests.get(live_server.url + "/-/health", timeout=30).json()
    assert health["ok"] is True and health["quads"] > 30000
    get(live_server, LOOKUP + " # logged", **{"Cache-Control": "no-cache"})
    assert re.search(r'"GET /sparql\?query=\S+logged HTTP/1.1" 200 \d+ \d+ms query=[\d.]+ms cache=miss', live_server.log_text())
