"""Issue 5: what the HTML pages show, held against the store through /sparql (no browser needed)."""
from __future__ import annotations

import re
from html import unescape

FX = "PREFIX fx: <https://w3id.org/fentkg/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "


def _select(live, query: str) -> list[dict[str, str]]:
    found = live.get("/sparql", params={"query": FX + query}, headers={"Accept": "application/sparql-results+json"}).json()
    return [{k: v["value"] for k, v in b.items()} for b in found["results"]["bindings"]]


def test_home_leads_to_search_index_and_query_catalog(live):
    html = live.get("/").text
    assert 'role="search"' in html and 'action="/search"' in html
    assert 'id="yasgui"' in html and "vendor/yasgui/yasgui.min.js" in html
    for name in ("statistics", "entities", "designations", "agreements", "events", "citations", "conflicts"):
        assert f'<option value="{name}">' in html
    assert "Every stated figure" in html  # a catalog title, not a file name
    assert live.get("/static/vendor/yasgui/yasgui.min.js").status_code == 200
    assert "cdn" not in re.sub(r"<p[^>]*>.*?</p>", "", html).lower()


def test_search_finds_aliases_without_accents(live):
    html = live.get("/search", params={"q": "cartel de sinaloa"}).text
    assert 'href="/id/org-sinaloa-cartel"' in html
    assert "Nothing matches" in live.get("/search", params={"q": "zzqqxx"}).text


def test_entity_index_lists_every_mentioned_entity(live):
    html = live.get("/entities").text
    mentioned = _select(live, "SELECT DISTINCT ?e WHERE { ?c rdf:predicate fx:mentions ; rdf:object ?e }")
    links = set(re.findall(r'href="/id/([^"#]+)"', html))
    missing = [m["e"] for m in mentioned if m["e"].rsplit("/", 1)[-1] not in links]
    assert not missing, missing[:5]


def test_document_page_highlights_every_claim_span_and_lists_footnotes(live):
    doc = "doc-2023-01-23-trone-letter-prc-synthetic-opioids"
    html = live.get(f"/id/{doc}").text
    spans = _select(live, f"""PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT DISTINCT ?ev WHERE {{ ?c fx:statedIn <https://w3id.org/fentkg/id/{doc}> ; prov:wasDerivedFrom ?ev }}""")
    anchors = set(re.findall(r'<span class="anchor" id="(ev-[0-9a-f]+)"', html))
    assert {s["ev"].rsplit("/", 1)[-1] for s in spans} == anchors
    notes = re.findall(r'<li value="(\d+)"><a href="#ev-', html)
    assert notes == ["1", "2", "3", "4"]
    assert "Provisional drug overdose death counts" in html
    text = (live.out / "current" / "texts" / "2023-01-23-trone-letter-prc-synthetic-opioids.txt").read_text(encoding="utf-8")
    body = html.split('<div class="doc-text" lang="en">', 1)[1].split("</div>", 1)[0]
    shown = unescape(re.sub(r"<[^>]+>", "", re.sub(r'<span class="page-break"[^>]*>[^<]*</span>', "\f", body)))
    assert shown == text, "the page shows the document's text exactly, highlights aside"


def test_conflicting_values_side_by_side(live):
    rows = _select(live, """SELECT ?e WHERE { ?x a fx:ClaimConflict ; fx:conflictingClaim ?c .
        ?c fx:refArea|fx:subjectEntity|fx:reporter|rdf:subject|rdf:object ?e FILTER(isIRI(?e)) } LIMIT 1""")
    assert rows, "the seed build records conflicts about some entity"
    html = live.get("/id/" + rows[0]["e"].rsplit("/", 1)[-1]).text
    section = html.split('<section aria-labelledby="conflicts"', 1)[1].split("</section>", 1)[0]
    groups = section.split('<div class="side-by-side"')[1:]
    assert groups, "a conflict is shown"
    # every conflict shows all its differing claims (the seeds' conflicts are small), at least two
    for group in groups:
        conflict = re.search(r'aria-label="Conflict \d+', group)
        assert conflict and group.count('<article class="claim') >= 2


def test_statistics_page_lists_every_figure(live):
    html = live.get("/statistics").text
    figures = _select(live, "SELECT (COUNT(?o) AS ?n) WHERE { ?o a fx:StatisticalObservation }")
    assert html.count('<rect class="bar') == int(figures[0]["n"])


def test_timeline_has_every_dated_claim_and_document(live):
    html = live.get("/timeline").text
    dated = _select(live, """PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {
        ?c a fx:TripleClaim ; rdf:object ?d FILTER(isLiteral(?d) && DATATYPE(?d) IN (xsd:date, xsd:gYearMonth, xsd:gYear, xsd:dateTime)) }""")
    docs = _select(live, "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT (COUNT(?d) AS ?n) WHERE { ?d a fx:SourceDocument ; dcterms:date ?x }")
    assert html.count('<li class="moment') == int(dated[0]["n"]) + int(docs[0]["n"])
    years = re.findall(r'<h2 id="y(\d{4})">', html)
    assert years == sorted(years)


def test_network_edges_are_the_relation_claims_between_actors_substances_and_places(live):
    html = live.get("/network").text
    edges = _select(live, """PREFIX dcterms: <http://purl.org/dc/terms/> SELECT DISTINCT ?s ?p ?o WHERE {
        ?c a fx:TripleClaim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        FILTER(isIRI(?o) && ?p NOT IN (fx:mentions, dcterms:references, rdf:type)) }""")
    nodes = {r["n"] for r in _select(live, """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT DISTINCT ?n WHERE {
        VALUES ?top { fx:Actor fx:ChemicalSubstance fx:SubstanceClass fx:Place } ?cls rdfs:subClassOf* ?top . ?n a ?cls }""")}
    expected = [e for e in edges if e["s"] in nodes and e["o"] in nodes]
    assert html.count('<line class="edge"') == len(expected)
    assert html.count('<tr id="e') == len(expected)


def test_hostile_markup_is_escaped_in_the_html(live, hostile_id):
    for path in (f"/id/doc-{hostile_id}", "/documents", "/timeline", "/search?q=%3Cscript%3E", "/id/org-sinaloa-cartel"):
        html = live.get(path).text
        assert "<script>window.__fentkg_xss" not in html, path
        assert "<img src=x" not in html, path
        assert "<b>Mallory</b>" not in html, path
    assert "&lt;script&gt;window.__fentkg_xss" in live.get(f"/id/doc-{hostile_id}").text
