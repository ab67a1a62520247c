"""Issue 5: dereferenceable IRIs with content negotiation, the ontology, and 404/406 for what is not there."""
from __future__ import annotations

import pytest
import rdflib
from rdflib import URIRef

BASE = "https://w3id.org/fentkg/"
FORMATS = {  # suffix: (media type, rdflib parser)
    "ttl": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "nt": ("application/n-triples", "nt"),
    "rdf": ("application/rdf+xml", "xml"),
}


@pytest.fixture(scope="module")
def resources(live) -> list[str]:
    """Real resources of every kind: an actor, a document, a claim, a figure, evidence, a period, a concept."""
    query = """PREFIX fx: <https://w3id.org/fentkg/ontology#>
    SELECT ?r WHERE { { SELECT ?r WHERE { ?r a fx:TripleClaim } LIMIT 1 } UNION { SELECT ?r WHERE { ?r a fx:StatisticalObservation } LIMIT 1 }
      UNION { SELECT ?r WHERE { ?r a fx:Evidence } LIMIT 1 } UNION { SELECT ?r WHERE { ?r a fx:SourceDocument } LIMIT 1 } }"""
    found = live.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}).json()
    iris = [b["r"]["value"] for b in found["results"]["bindings"]]
    assert len(iris) == 4
    return [BASE + "id/org-sinaloa-cartel", BASE + "id/period-unspecified", BASE + "vocab/ind-overdose-deaths", *iris]


def _path(iri: str) -> str:
    return "/" + iri[len(BASE):]


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_every_format_by_accept_and_by_suffix(live, resources, suffix):
    mime, parser = FORMATS[suffix]
    for iri in resources:
        for response in (live.get(_path(iri), headers={"Accept": mime}), live.get(f"{_path(iri)}.{suffix}")):
            assert response.status_code == 200, (iri, response.text[:200])
            assert response.headers["Content-Type"].startswith(mime)
            assert "Accept" in response.headers["Vary"]
            assert f'<{_path(iri)}.ttl>; rel="alternate"; type="text/turtle"' in response.headers["Link"]
            g = rdflib.Graph().parse(data=response.content, format=parser, publicID=live.url)
            assert (URIRef(iri), None, None) in g, f"{iri} has no triples in its own {suffix} description"


def test_html_for_browsers_with_alternates(live, resources):
    for iri in resources:
        response = live.get(_path(iri), headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/html")
        assert 'rel="alternate"; type="application/ld+json"' in response.headers["Link"]
        assert "<h1>" in response.text
    entity = live.get("/id/org-sinaloa-cartel").text
    assert "Sinaloa Cartel" in entity and "Cártel de Sinaloa" in entity  # labels, aliases
    assert "reference data" in entity.lower() and "opensanctions.org" in entity  # curated record with its source


def test_entity_page_shows_claims_with_quote_document_page_and_footnote(live):
    html = live.get("/id/country-mx").text
    assert 'class="claim' in html and "<mark>" in html
    assert "page " in html and "characters " in html
    assert "Cited source" in html and 'rel="noopener"' in html


def test_unknown_iris_are_404_and_unacceptable_types_406(live):
    assert live.get("/id/org-does-not-exist").status_code == 404
    assert live.get("/id/org-does-not-exist.ttl").status_code == 404
    assert live.get("/id/a%3Eb%20c").status_code == 404
    assert live.get("/vocab/nothing-here").status_code == 404
    assert live.get("/id/org-sinaloa-cartel", headers={"Accept": "image/png"}).status_code == 406


def test_etag_gives_304(live):
    first = live.get("/id/org-sinaloa-cartel.ttl")
    again = live.get("/id/org-sinaloa-cartel.ttl", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_ontology_in_every_format(live, suffix):
    mime, parser = FORMATS[suffix]
    for response in (live.get("/ontology", headers={"Accept": mime}), live.get(f"/ontology.{suffix}")):
        assert response.headers["Content-Type"].startswith(mime)
        g = rdflib.Graph().parse(data=response.content, format=parser)
        assert (URIRef(BASE + "ontology"), rdflib.RDF.type, rdflib.OWL.Ontology) in g
        assert (URIRef(BASE + "ontology#TripleClaim"), rdflib.RDF.type, rdflib.OWL.Class) in g


def test_ontology_documentation_page(live):
    response = live.get("/ontology", headers={"Accept": "text/html"})
    assert response.headers["Content-Type"].startswith("text/html")
    html = response.text
    assert 'id="TripleClaim"' in html and 'id="suppliesPrecursorsTo"' in html
    assert "supplies precursors to" in html
    # an ontology term's IRI is a fragment of the ontology document, so type links land on its entry
    assert 'href="/ontology#CriminalOrganization"' in live.get("/id/org-sinaloa-cartel").text
