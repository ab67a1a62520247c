"""Linked data: dereferenceable IRIs, the ontology and the dumps (issue 5).

`https://w3id.org/fentkg/id/X` is served at `/id/X` (and `…/vocab/X` at `/vocab/X`): HTML for
browsers, Turtle, JSON-LD, N-Triples or RDF/XML by `Accept` or by suffix, with `Link:
rel="alternate"` headers naming the twins and `Vary: Accept`. `/ontology` serves the OWL
ontology in the same formats and as generated HTML documentation. `/dump/…` serves the files
`fentkg build` wrote into the release, so downloads never cost a query.
"""
from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, request, send_file

from ..namespaces import PREFIXES
from .pages import BadIRI, site

bp = Blueprint("publish", __name__)

# suffix -> (media type, pyoxigraph format)
RDF_SUFFIXES: dict[str, tuple[str, ox.RdfFormat]] = {
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "rdf": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
_ACCEPTED = {
    "text/html": "html", "application/xhtml+xml": "html", "text/turtle": "ttl", "application/x-turtle": "ttl",
    "application/ld+json": "jsonld", "application/json": "jsonld", "application/n-triples": "nt",
    "text/plain": "nt", "application/rdf+xml": "rdf", "application/xml": "rdf",
}
DUMP_TYPES = {"trig": "application/trig", "nq": "application/n-quads", "ttl": "text/turtle",
              "jsonld": "application/ld+json", "csv": "text/csv"}

# The description of a resource: what it says, who points at it (bounded), and for evidence its selectors.
_DESCRIBE = """
CONSTRUCT { ?r ?p ?o . ?s ?q ?r . ?sel ?sp ?so } WHERE {
  { ?r ?p ?o } UNION { SELECT ?s ?q ?r WHERE { ?s ?q ?r } LIMIT 5000 }
  UNION { ?r oa:hasSelector ?sel . ?sel ?sp ?so }
}"""
_EXISTS = "ASK WHERE { { ?r ?p ?o } UNION { ?s ?q ?r } }"
_ONTOLOGY = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH fxg:ontology { ?s ?p ?o } }"


def negotiate(suffix: str | None) -> str:
    """The format to answer with: the suffix if given, else the best `Accept` match (HTML by default)."""
    if suffix:
        return suffix
    if not request.accept_mimetypes:  # no Accept header means anything is acceptable (RFC 9110 §12.5.1)
        return "html"
    best = request.accept_mimetypes.best_match(list(_ACCEPTED))
    if best is None:
        abort(406, "acceptable types: " + ", ".join(_ACCEPTED))
    return _ACCEPTED[best]


def split_suffix(name: str) -> tuple[str, str | None]:
    """`org-dea.ttl` -> (`org-dea`, `ttl`); names without a known suffix are kept whole."""
    stem, dot, suffix = name.rpartition(".")
    if dot and (suffix in RDF_SUFFIXES or suffix == "html"):
        return stem, suffix
    return name, None


def _alternates(path: str, fmt: str) -> str:
    links = [f'<{request.script_root}{path}>; rel="alternate"; type="text/html"']
    links += [f'<{request.script_root}{path}.{s}>; rel="alternate"; type="{mime}"' for s, (mime, _) in RDF_SUFFIXES.items()]
    return ", ".join(links)


def _finish(response: Response, path: str, fmt: str, tag: str) -> Response:
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = _alternates(path, fmt)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.set_etag(f"{site().release_path.name}-{fmt}-{tag}")
    response.make_conditional(request)  # turns the answer into a 304 when the client has it already
    return response


def rdf_response(triples: list[ox.Triple], fmt: str) -> Response:
    mime, rdf_format = RDF_SUFFIXES[fmt]
    unique = list(dict.fromkeys(triples))
    body = ox.serialize(unique, format=rdf_format, prefixes=PREFIXES if fmt in ("ttl", "rdf") else None) or b""
    return Response(body, mimetype=mime)


def _resource(prefix: str, name: str) -> Response:
    name, suffix = split_suffix(name)
    s = site()
    iri = s.iri(prefix, name)
    try:
        if suffix and s.ask(_EXISTS, r=f"{iri}.{suffix}"):
            name, suffix, iri = f"{name}.{suffix}", None, f"{iri}.{suffix}"  # a name that really ends in ".ttl"
        exists = s.ask(_EXISTS, r=iri)
    except BadIRI:
        exists = False
    if not exists:
        abort(404, f"no resource {iri} in this graph")
    fmt = negotiate(suffix)
    if fmt == "html":
        from .browse import render_resource

        response = Response(render_resource(iri), mimetype="text/html")
    else:
        response = rdf_response(s.construct(_DESCRIBE, r=iri), fmt)
    return _finish(response, f"/{prefix}/{name}", fmt, iri)


@bp.get("/id/<path:name>")
def resource(name: str) -> Response:
    return _resource("id", name)


@bp.get("/vocab/<path:name>")
def concept(name: str) -> Response:
    return _resource("vocab", name)


@bp.get("/ontology")
@bp.get("/ontology.<suffix>")
def ontology(suffix: str | None = None) -> Response:
    if suffix == "owl":
        suffix = "rdf"
    if suffix is not None and suffix not in RDF_SUFFIXES and suffix != "html":
        abort(404, f"no format .{suffix}: use .html, " + ", ".join(f".{s}" for s in RDF_SUFFIXES))
    fmt = negotiate(suffix)
    if fmt == "html":
        from .browse import render_ontology

        response = Response(render_ontology(), mimetype="text/html")
    else:
        response = rdf_response(site().construct(_ONTOLOGY), fmt)
    return _finish(response, "/ontology", fmt, "ontology")


@bp.get("/dump/<name>")
def dump(name: str) -> Response:
    """A file of the release's `dumps/` folder (written at build time)."""
    base = name.removesuffix(".gz")
    stem, _, ext = base.rpartition(".")
    if stem not in ("fentkg", "claims") or ext not in DUMP_TYPES or (stem == "claims") != (ext == "csv"):
        abort(404, f"no dump {name}: see /data for the list")
    path = site().store.release.dumps / name
    if not path.is_file():
        abort(404, f"dump {name} was not written for this release: run `fentkg build`")
    gz = name.endswith(".gz")
    response = send_file(path, mimetype="application/gzip" if gz else DUMP_TYPES[ext], as_attachment=gz,
                         download_name=name, conditional=True, etag=True, max_age=300)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
