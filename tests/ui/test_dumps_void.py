"""Issue 5: dumps written at build time hold the whole store; the VoID description counts what the store holds."""
from __future__ import annotations

import csv
import gzip
import io

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
GRAPH = "https://w3id.org/fentkg/graph/"


def _count(live, query: str) -> int:
    result = live.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}).json()
    return int(result["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def quads(live) -> int:
    return _count(live, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")


@pytest.mark.parametrize("name, fmt", [("fentkg.trig", "trig"), ("fentkg.nq", "nquads"), ("fentkg.jsonld", "json-ld")])
def test_dataset_dumps_hold_every_quad(live, quads, name, fmt):
    response = live.get(f"/dump/{name}")
    assert response.status_code == 200
    ds = rdflib.Dataset()
    ds.parse(data=response.content, format=fmt)
    assert sum(1 for _ in ds.quads((None, None, None, None))) == quads
    assert {str(g.identifier) for g in ds.graphs() if str(g.identifier).startswith(GRAPH)} >= {GRAPH + "claims", GRAPH + "sources"}
    packed = live.get(f"/dump/{name}.gz")
    assert packed.headers["Content-Type"] == "application/gzip"
    assert gzip.decompress(packed.content) == response.content


def test_turtle_dump_holds_every_distinct_triple(live):
    triples = _count(live, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    g = rdflib.Graph().parse(data=live.get("/dump/fentkg.ttl").content, format="turtle")
    assert len(g) == triples


def test_claims_csv_has_one_row_per_claim_and_evidence(live):
    response = live.get("/dump/claims.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ["claim", "subject", "property", "value", "document", "start", "end", "quote", "confidence", "rank"]
    expected = _count(live, """PREFIX fx: <https://w3id.org/fentkg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT (COUNT(*) AS ?n) WHERE { VALUES ?kind { fx:TripleClaim fx:StatisticalObservation } ?c a ?kind ; prov:wasDerivedFrom ?ev }""")
    assert len(rows) == expected
    assert all(int(r["end"]) - int(r["start"]) == len(r["quote"]) for r in rows)


def test_unknown_dumps_are_404(live):
    for name in ("fentkg.csv", "claims.ttl", "../manifest.json", "fentkg.xyz", "report.ttl"):
        assert live.get(f"/dump/{name}").status_code == 404, name


@pytest.fixture(scope="module")
def void(live) -> rdflib.Graph:
    response = live.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.headers["Content-Type"].startswith("text/turtle")
    return rdflib.Graph().parse(data=response.content, format="turtle")


def _dataset(void: rdflib.Graph) -> URIRef:
    found = list(void.subjects(RDF.type, VOID.Dataset))
    main = [d for d in found if (d, DCAT.distribution, None) in void]
    assert len(main) == 1
    return main[0]  # type: ignore[return-value]


def test_void_counts_match_the_store(live, void, quads):
    ds = _dataset(void)
    assert void.value(ds, VOID.triples).toPython() == quads
    for name in ("claims", "sources", "entities", "reference", "derived"):
        graph = URIRef(GRAPH + name)
        assert (ds, VOID.subset, graph) in void
        expected = _count(live, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        assert void.value(graph, VOID.triples).toPython() == expected, name
    parts = {void.value(p, VOID["class"]): void.value(p, VOID.entities).toPython() for p in void.objects(ds, VOID.classPartition)}
    claim_class = URIRef("https://w3id.org/fentkg/ontology#TripleClaim")
    assert parts[claim_class] == _count(live, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a <{claim_class}> }}")
    assert void.value(ds, VOID.classes).toPython() == len(parts)
    by_property = {void.value(p, VOID.property): void.value(p, VOID.triples).toPython() for p in void.objects(ds, VOID.propertyPartition)}
    assert sum(by_property.values()) == quads


def test_void_names_endpoint_dumps_licence_and_sources(live, void):
    ds = _dataset(void)
    assert void.value(ds, VOID.sparqlEndpoint) == URIRef(live.url + "/sparql")
    assert void.value(ds, rdflib.DCTERMS.license) is not None
    assert len(list(void.objects(ds, rdflib.DCTERMS.source))) >= 5
    dumps = list(void.objects(ds, VOID.dataDump))
    assert {str(d).rsplit("/", 1)[-1] for d in dumps} >= {"fentkg.trig", "fentkg.nq", "fentkg.ttl", "fentkg.jsonld"}
    for dump in dumps:
        assert live.get(str(dump)[len(live.url):], stream=True).status_code == 200
    sizes = [void.value(d, DCAT.byteSize) for d in void.objects(ds, DCAT.distribution)]
    assert all(isinstance(s, Literal) and s.toPython() > 0 for s in sizes)


def test_service_description_links_the_void(live):
    response = live.get("/sparql", headers={"Accept": "text/turtle"})
    assert "/.well-known/void" in response.text
