"""The clients researchers use, against a live `fentkg serve` (issue 4): SPARQLWrapper, rdflib's
SPARQLStore and Comunica (Node.js, installed by .ci/run into tests/server/node)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from .conftest import Server

NODE_DIR = Path(__file__).with_name("node")
FX = "https://w3id.org/fentkg/ontology#"
LABELS = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?class ?label WHERE {{ GRAPH <https://w3id.org/fentkg/graph/ontology> {{ ?class a <http://www.w3.org/2002/07/owl#Class> ; rdfs:label ?label }}
  FILTER(STRSTARTS(STR(?class), "{FX}")) }} ORDER BY ?class"""
ASK = f"ASK {{ ?c a <{FX}StatisticalObservation> }}"
CONSTRUCT = f"CONSTRUCT {{ ?c a <{FX}StatisticalObservation> }} WHERE {{ ?c a <{FX}StatisticalObservation> }}"


@pytest.fixture(scope="module")
def expected(live_server: Server) -> dict[str, str]:
    """The class labels, read through the plain protocol, that every client must see too."""
    wrapper = SPARQLWrapper(live_server.sparql)
    wrapper.setQuery(LABELS)
    wrapper.setReturnFormat(JSON)
    rows = wrapper.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert len(rows) > 10
    return {r["class"]["value"]: r["label"]["value"] for r in rows}


def test_sparqlwrapper(live_server: Server, expected: dict[str, str]) -> None:
    wrapper = SPARQLWrapper(live_server.sparql)
    wrapper.setQuery(LABELS)
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(XML)
    xml_rows = wrapper.queryAndConvert().getElementsByTagName("result")  # type: ignore[union-attr]
    assert len(xml_rows) == len(expected)
    wrapper.setReturnFormat(CSV)
    assert len(wrapper.queryAndConvert().decode().strip().splitlines()) == len(expected) + 1  # type: ignore[union-attr]
    wrapper.setQuery(ASK)
    wrapper.setReturnFormat(JSON)
    assert wrapper.queryAndConvert()["boolean"] is True  # type: ignore[index]
    wrapper.setQuery(CONSTRUCT)
    wrapper.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=wrapper.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) > 20
    wrapper.setQuery("SELECT * WHERE { ?s ?p }")
    wrapper.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed):
        wrapper.queryAndConvert()


def test_rdflib_sparqlstore(live_server: Server, expected: dict[str, str]) -> None:
    as_json = rdflib.Graph(store=SPARQLStore(live_server.sparql, returnFormat="json"))
    assert {str(r[0]): str(r[1]) for r in as_json.query(LABELS)} == expected
    graph = rdflib.Graph(store=SPARQLStore(live_server.sparql))  # the default: SPARQL XML and RDF/XML
    assert {str(r[0]): str(r[1]) for r in graph.query(LABELS)} == expected
    assert graph.query(ASK).askAnswer is True
    constructed = graph.query(CONSTRUCT).graph
    assert constructed is not None and len(constructed) > 20
    observation = rdflib.URIRef(FX + "StatisticalObservation")
    assert len(list(graph.triples((None, rdflib.RDF.type, observation)))) == len(constructed)


def _comunica(server: Server, query: str) -> list[dict[str, object]]:
    node = shutil.which("node")
    assert node, "Node.js is needed for the Comunica test (.ci/run installs it)"
    assert (NODE_DIR / "node_modules" / "@comunica" / "query-sparql").is_dir(), "run: npm ci --prefix tests/server/node"
    done = subprocess.run([node, str(NODE_DIR / "query.mjs"), server.sparql, query], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_comunica(live_server: Server, expected: dict[str, str]) -> None:
    rows = _comunica(live_server, LABELS)
    assert {str(r["class"]): str(r["label"]) for r in rows} == expected
    assert _comunica(live_server, ASK) == [{"boolean": True}]
    assert len(_comunica(live_server, CONSTRUCT)) > 20
