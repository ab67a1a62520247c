"""HTML pages for readers who do not write SPARQL: search, entity index, entity, document and
claim pages, statistics, timeline, network, downloads, and the query editor at `/` (issue 5).

Every page is server-rendered and works without JavaScript; only the query editor and the
interactive touches (highlighting the targeted span) need it. Jinja escapes every value.
"""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from .. import __version__
from .pages import site
from .pages.catalog import read_catalog
from .pages.claims import load_claims, values_block
from .pages.document import document_page
from .pages.entity import entity_page
from .pages.index import by_type, entries, is_a, search
from .pages.network import network
from .pages.ontology_doc import ontology_terms
from .pages.sources import documents, works
from .pages.statistics import HrefFor, figure_text, statistics_page
from .pages.terms import format_number, prefixed
from .pages.timeline import by_year, timeline

bp = Blueprint("browse", __name__)  # templates/ and static/ are the app's own folders

FX = "https://w3id.org/fentkg/ontology#"
_CLAIM_TYPES = {FX + "TripleClaim", FX + "StatisticalObservation"}
_TYPES = "SELECT ?t WHERE { ?r a ?t }"
_EVIDENCE_CLAIMS = "?claim prov:wasDerivedFrom ?ev"
_INCOMING = "SELECT ?s ?p WHERE { ?s ?p ?r FILTER(?p NOT IN (rdf:subject, rdf:object)) } ORDER BY ?p ?s LIMIT 200"


@bp.app_context_processor
def _helpers() -> dict[str, object]:
    """Functions every template may call: labels, links, figures."""
    if "fentkg.store" not in current_app.extensions:
        return {}
    s = site()
    return {"label": s.label, "href": s.href, "prefixed": prefixed, "format_number": format_number,
            "figure_text": lambda c: figure_text(s, c), "version": __version__, "base_iri": s.base}


def _render(template: str, **context: object) -> str:
    return render_template(template, **context)


def render_resource(iri: str) -> str:
    """The HTML view of any resource: document, claim, evidence, or entity (the default)."""
    s = site()
    types = {r["t"].value for r in s.rows(_TYPES, r=iri) if r["t"] is not None}
    if FX + "SourceDocument" in types:
        doc = documents(s).get(iri)
        if doc is not None:
            page = document_page(s, doc)
            return _render("document.html", page=page, doc=doc, title=doc.title)
    if types & _CLAIM_TYPES:
        claims = load_claims(s, values_block([iri]))
        if claims:
            return _render("claim.html", claims=claims, title=f"Claim {prefixed(iri)}", iri=iri, evidence=None)
    if FX + "Evidence" in types:
        claims = load_claims(s, _EVIDENCE_CLAIMS, ev=iri)
        return _render("claim.html", claims=claims, title=f"Evidence {prefixed(iri)}", iri=iri, evidence=iri)
    entity = entity_page(s, iri)
    incoming = [] if entity.claim_count else s.rows(_INCOMING, r=iri)
    return _render("entity.html", page=entity, title=entity.label, incoming=incoming)


def render_ontology() -> str:
    head, classes, properties = ontology_terms(site())
    return _render("ontology.html", head=head, classes=classes, properties=properties, title="fentkg ontology")


@bp.get("/")
def home() -> str:
    """The query editor (YASGUI on /sparql) with the catalog, and the ways into the pages."""
    s = site()
    catalog = s.cached("catalog", lambda: read_catalog(s.settings.queries_dir))
    top = [e for e in entries(s) if e.claims and is_a(s, e, "Actor", "ChemicalSubstance", "SubstanceClass")][:16]
    catalog_json = [{"name": e.name, "title": e.title, "description": e.description, "query": e.query} for e in catalog]
    return _render("home.html", catalog=catalog, catalog_json=catalog_json, top=top, title="fentkg: explore and query")


@bp.get("/search")
def search_page() -> str:
    query = request.args.get("q", "").strip()[:200]
    results = search(site(), query) if query else []
    return _render("search.html", query=query, results=results, title=f"Search: {query}" if query else "Search")


@bp.get("/entities")
def entity_index() -> str:
    return _render("entities.html", groups=by_type(site()), title="Entities")


@bp.get("/documents")
def document_index() -> str:
    s = site()
    cited = works(s)
    counts = {d: sum(1 for w in cited.values() for n in w.footnotes if n.doc == d) for d in documents(s)}
    return _render("documents.html", docs=list(documents(s).values()), notes=counts, title="Documents")


@bp.get("/statistics")
def statistics() -> str:
    s = site()
    groups = statistics_page(s, HrefFor(s))
    return _render("statistics.html", groups=groups, title="Stated figures")


@bp.get("/timeline")
def timeline_page() -> str:
    moments = timeline(site())
    return _render("timeline.html", years=by_year(moments), count=len(moments), title="Timeline")


@bp.get("/network")
def network_page() -> str:
    return _render("network.html", net=network(site()), title="Network of actors")


@bp.get("/data")
def data_page() -> str:
    """Downloads, the SPARQL endpoint, VoID and the ontology in one place."""
    s = site()
    dumps = sorted((p.name, p.stat().st_size) for p in s.store.release.dumps.glob("*") if p.is_file()) \
        if s.store.release.dumps.is_dir() else []
    return _render("data.html", dumps=dumps, quads=len(s.store), title="Data and downloads")
