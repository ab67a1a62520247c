"""Issue 5 (linked-data publishing and the research web UI), tested as a person would:
Debian's Chromium, driven by Playwright, on a real `fentkg serve` process."""
from __future__ import annotations

import re
from urllib.parse import quote



def test_query_editor_runs_an_example_and_shows_rows_and_a_chart(live, page, shoot):
    page.goto(live.url + "/entities")
    page.click("header nav >> text=Query")  # lands on /#editor: a fragment YASGUI must not read as a query
    page.wait_for_selector(".yasqe .CodeMirror")
    page.select_option("#example", "statistics")
    assert "number" in page.inner_text("#example-description").lower()
    page.click("#run-example")
    page.wait_for_selector(".yasr_results tbody tr", timeout=20000)
    rows = page.locator(".yasr_results tbody tr").count()
    assert rows >= 10
    assert "^^" not in page.inner_text(".yasr_results tbody tr >> nth=0")  # simple view: values as they read
    assert "results" in page.inner_text(".yasr_response_chip")
    shoot(page, "query-table")
    page.click(".yasr_btn.select_chart")
    bars = page.locator(".fentkg-chart rect.bar")
    bars.first.wait_for()
    assert bars.count() >= 10
    assert page.locator(".fentkg-chart rect.bar").first.bounding_box()["width"] > 0
    page.click(".yasr_btn.select_response")
    page.wait_for_selector(".yasr_results .CodeMirror")
    assert '"bindings"' in page.inner_text(".yasr_results")


def test_a_shared_link_restores_its_query(live, page):
    query = "SELECT ?doc WHERE { ?doc a <https://w3id.org/fentkg/ontology#SourceDocument> }"
    page.goto(f"{live.url}/?query={quote(query)}&endpoint={quote(live.url + '/sparql')}")
    page.wait_for_selector(".yasqe .CodeMirror")
    text = page.evaluate("window.fentkgYasgui.getTab().getQuery()")
    assert text == query
    link = page.evaluate("window.fentkgYasgui.getTab().getShareableLink()")
    assert "query=" in link and "SourceDocument" in link


def test_from_search_to_entity_to_the_highlighted_span(live, page, shoot):
    """Done means: without SPARQL, find what the documents say about the Sinaloa Cartel, and where."""
    page.goto(live.url + "/")
    page.fill("#home-search", "sinaloa cartel")
    page.press("#home-search", "Enter")
    page.click("ol.results a:text-is('Sinaloa Cartel')")
    assert page.inner_text("h1") == "Sinaloa Cartel"
    claims = page.locator("article.claim")
    assert claims.count() >= 5
    assert page.locator("article.claim .quote mark").first.inner_text().strip() != ""
    shoot(page, "entity-sinaloa-cartel")
    quote = page.locator("article.claim .quote mark").first.inner_text()
    first = page.locator("article.claim a.in-document").first
    target = first.get_attribute("href")
    anchor = target.split("#", 1)[1]
    first.click()
    page.wait_for_url(re.compile(r"/id/doc-[^#]+#ev-"))
    assert page.url.endswith("#" + anchor)
    span = page.locator(f'.hl[data-ev~="{anchor}"]').first
    assert "current" in span.get_attribute("class")
    assert span.is_visible()
    box = span.bounding_box()
    assert 0 <= box["y"] <= page.viewport_size["height"], "the highlighted span is scrolled into view"
    pieces = page.locator(f'.hl[data-ev~="{anchor}"]')
    assert "".join(pieces.nth(i).inner_text() for i in range(pieces.count())) == quote
    shoot(page, "document-highlight")
    # the highlight links to its claim
    span.click()
    page.wait_for_url(re.compile(r"/id/(claim|ev)-"))
    assert page.locator("article.claim").count() >= 1


def test_statistics_chart_renders_with_conflicts_marked(live, page, shoot):
    page.goto(live.url + "/statistics")
    charts = page.locator("svg.chart")
    assert charts.count() >= 5
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() >= 20
    assert bars.first.bounding_box()["width"] > 0
    disputed = live.get("/sparql", params={"query": "ASK { ?c <https://w3id.org/fentkg/ontology#verdict> "
                                                      "<https://w3id.org/fentkg/vocab/verdict-conflict> }"},
                        headers={"Accept": "application/sparql-results+json"}).json()["boolean"]
    assert (page.locator("svg.chart rect.bar.conflict").count() > 0) == disputed
    shoot(page, "statistics", full_page=False)


def test_pages_render_without_javascript(browser, live):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(live.url + "/id/org-sinaloa-cartel")
    assert pg.locator("article.claim .quote mark").count() >= 5
    pg.goto(live.url + "/statistics")
    assert pg.locator("svg.chart rect.bar").count() >= 20
    pg.goto(live.url + "/timeline")
    assert pg.locator("li.moment").count() >= 5
    pg.goto(live.url + "/network")
    assert pg.locator("h1").inner_text() == "Network of actors"
    context.close()


def test_readable_on_a_narrow_screen(browser, live, shoot):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    pg = context.new_page()
    for path in ("/", "/id/org-sinaloa-cartel", "/statistics", "/entities", "/timeline", "/network", "/ontology",
                 "/id/doc-2024-03-20-realuyo-senate-hsgac-testimony", "/.well-known/void", "/data"):
        pg.goto(live.url + path)
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 380, f"{path} scrolls sideways on a phone ({width}px)"
    shoot(pg, "narrow-entity-list")
    context.close()


def test_hostile_document_renders_escaped(live, page, hostile_id):
    """Markup in a document's text, title, author and footnote shows as text and never runs."""
    page.goto(f"{live.url}/id/doc-{hostile_id}")
    assert "<script>" in page.inner_text("h1")
    assert "<b>Mallory</b>" in page.inner_text(".meta-list")
    assert "<img src=x" in page.inner_text(".doc-text")
    assert page.evaluate("typeof window.__fentkg_xss") == "undefined"
    for path in (f"/search?q={quote('<script>')}", "/documents", "/timeline", "/id/org-sinaloa-cartel", "/entities"):
        page.goto(live.url + path)
        assert page.evaluate("typeof window.__fentkg_xss") == "undefined", path
