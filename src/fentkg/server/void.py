"""The dataset description at `/.well-known/void`: VoID statistics and DCAT distributions (issue 5).

Counts come from the store itself (computed once per release): triples per named graph, per class
and per property, so a test can hold them against the store. Dumps are listed with their sizes,
and the SPARQL endpoint is the data service. Turtle by default; JSON-LD, N-Triples, RDF/XML by
`Accept`; a browser gets the Turtle inside a short HTML page.
"""
from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request

from ..namespaces import GRAPHS, PREFIXES
from .pages import Site, site
from .pages.sources import documents
from .publish import DUMP_TYPES, RDF_SUFFIXES

bp = Blueprint("void", __name__)

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
LICENSE = "https://spdx.org/licenses/MIT"
VOCABULARIES = ("ontology#", "prov#", "oa#", "cube#", "dcterms", "skos", "time#", "org#", "unit/")

_COUNTS = {
    "graphs": "SELECT ?key (COUNT(*) AS ?n) WHERE { GRAPH ?key { ?s ?p ?o } } GROUP BY ?key",
    "classes": "SELECT ?key (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?key } GROUP BY ?key",
    "properties": "SELECT ?key (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?key ?o } } GROUP BY ?key",
}
_DISTINCT = """SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) WHERE { GRAPH ?g { ?s ?p ?o } }"""
_ENTITIES = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?s), STR(fxd:))) }"


def counts(s: Site) -> dict[str, dict[str, int]]:
    """Triples per graph, entities per class, triples per property, and the dataset totals."""

    def compute() -> dict[str, dict[str, int]]:
        found = {name: {r["key"].value: int(r["n"].value) for r in s.rows(q) if r["key"] and r["n"]}
                 for name, q in _COUNTS.items()}
        distinct = s.rows(_DISTINCT)[0]
        entities = s.rows(_ENTITIES)[0]["n"]
        found["totals"] = {"triples": len(s.store), "subjects": int(distinct["subjects"].value),  # type: ignore[union-attr]
                           "objects": int(distinct["objects"].value),  # type: ignore[union-attr]
                           "entities": int(entities.value) if entities else 0}
        return found

    return s.cached("void", compute)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INT)


def description(s: Site, root: str) -> list[ox.Triple]:
    """The VoID + DCAT triples; `root` is the public URL of this server (ending in "/")."""
    here = ox.NamedNode(root + ".well-known/void")
    ds = ox.NamedNode(root + ".well-known/void#dataset")  # the IRI the service description points at
    n = ox.NamedNode
    out: list[ox.Triple] = []

    def add(subject: ox.NamedNode, predicate: str, obj: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Triple(subject, n(predicate), obj))

    figures = counts(s)
    add(here, RDF_TYPE.value, n(VOID + "DatasetDescription"))
    add(here, DCT + "title", ox.Literal("Description of the fentkg dataset"))
    add(here, FOAF + "primaryTopic", ds)
    for cls in (VOID + "Dataset", DCAT + "Dataset"):
        add(ds, RDF_TYPE.value, n(cls))
    add(ds, DCT + "title", ox.Literal("fentkg: the illicit fentanyl supply chain, as policy documents describe it", language="en"))
    add(ds, DCT + "description", ox.Literal("Claims extracted from policy documents (letters, testimony, reports), each with "
                                            "its document, page, footnote, exact quote and cited source.", language="en"))
    add(ds, DCT + "license", n(LICENSE))
    add(ds, DCT + "modified", ox.Literal(dt.datetime.fromtimestamp(s.release_path.stat().st_mtime, dt.timezone.utc).date().isoformat(),
                                         datatype=n("http://www.w3.org/2001/XMLSchema#date")))
    add(ds, VOID + "uriSpace", ox.Literal(s.base + "id/"))
    add(ds, VOID + "sparqlEndpoint", n(root + "sparql"))
    add(ds, VOID + "rootResource", n(s.base + "ontology"))
    for vocab in sorted({ns for ns in PREFIXES.values() if ns.endswith(VOCABULARIES)}):
        add(ds, VOID + "vocabulary", n(vocab))
    for doc in documents(s).values():
        add(ds, DCT + "source", n(doc.iri))
        if doc.url:
            add(n(doc.iri), FOAF + "page", n(doc.url))
    totals = figures["totals"]
    for key, prop in (("triples", "triples"), ("subjects", "distinctSubjects"), ("objects", "distinctObjects"), ("entities", "entities")):
        add(ds, VOID + prop, _int(totals[key]))
    add(ds, VOID + "classes", _int(len(figures["classes"])))
    add(ds, VOID + "properties", _int(len(figures["properties"])))
    for name, iri in GRAPHS.items():  # each named graph is a subset
        add(ds, VOID + "subset", n(str(iri)))
        add(n(str(iri)), RDF_TYPE.value, n(VOID + "Dataset"))
        add(n(str(iri)), DCT + "title", ox.Literal(f"named graph {name}"))
        add(n(str(iri)), VOID + "triples", _int(figures["graphs"].get(str(iri), 0)))
    for i, (cls, count) in enumerate(sorted(figures["classes"].items())):
        part = n(f"{root}.well-known/void#class-{i}")
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", n(cls))
        add(part, VOID + "entities", _int(count))
    for i, (prop, count) in enumerate(sorted(figures["properties"].items())):
        part = n(f"{root}.well-known/void#property-{i}")
        add(ds, VOID + "propertyPartition", part)
        add(part, VOID + "property", n(prop))
        add(part, VOID + "triples", _int(count))
    service = n(root + "sparql")
    add(ds, DCAT + "accessService", service)
    add(service, RDF_TYPE.value, n(DCAT + "DataService"))
    add(service, DCAT + "endpointURL", service)
    add(service, DCT + "conformsTo", n("https://www.w3.org/TR/sparql11-protocol/"))
    dumps = s.store.release.dumps
    for path in sorted(dumps.glob("*")) if dumps.is_dir() else []:
        ext = path.name.removesuffix(".gz").rpartition(".")[2]
        if ext not in DUMP_TYPES:
            continue
        url = n(root + "dump/" + path.name)
        if ext != "csv":  # the claims table is a distribution, but not an RDF dump
            add(ds, VOID + "dataDump", url)
        dist = n(f"{root}.well-known/void#dist-{path.name}")
        add(ds, DCAT + "distribution", dist)
        add(dist, RDF_TYPE.value, n(DCAT + "Distribution"))
        add(dist, DCAT + "downloadURL", url)
        add(dist, DCAT + "mediaType", n("https://www.iana.org/assignments/media-types/" + DUMP_TYPES[ext]))
        if path.name.endswith(".gz"):
            add(dist, DCAT + "compressFormat", n("https://www.iana.org/assignments/media-types/application/gzip"))
        add(dist, DCAT + "byteSize", _int(path.stat().st_size))
    return out


@bp.get("/.well-known/void")
def void() -> Response:
    s = site()
    root = s.settings.public_base or request.url_root
    root = root if root.endswith("/") else root + "/"
    choices = ["text/turtle", "text/html", "application/ld+json", "application/n-triples", "application/rdf+xml"]
    best = request.accept_mimetypes.best_match(choices, default="text/turtle")
    suffix = {"text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt", "application/rdf+xml": "rdf"}
    prefixes = {**PREFIXES, "void": VOID, "dcat": DCAT}
    if best == "text/html":
        turtle = (ox.serialize(description(s, root), format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b"").decode("utf-8")
        response = Response(render_template("void.html", turtle=turtle, title="Dataset description (VoID)"), mimetype="text/html")
    else:
        mime, fmt = RDF_SUFFIXES[suffix[best]]
        body = ox.serialize(description(s, root), format=fmt, prefixes=prefixes if fmt != ox.RdfFormat.N_TRIPLES else None)
        response = Response(body or b"", mimetype=mime)
    response.headers["Vary"] = "Accept"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
