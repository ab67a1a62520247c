"""Content negotiation per query form: `Accept` (q-values, wildcards), overridden by `format=`.

Each form has its own list, in the server's order of preference (the first is the default when the
client accepts anything). The names are what `format=` accepts, so a browser link can pick a format.
"""
from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept


@dataclass(frozen=True, slots=True)
class Format:
    """One serialization: its media type, the `format=` names for it, and pyoxigraph's name of it."""

    media_type: str
    names: tuple[str, ...]
    engine: str  # a QueryResultsFormat or RdfFormat attribute name, sent to the query worker

    @property
    def content_type(self) -> str:
        text = self.media_type.startswith("text/") or self.media_type in ("application/n-triples", "application/n-quads", "application/trig")
        return f"{self.media_type}; charset=utf-8" if text else self.media_type


_JSON = Format("application/sparql-results+json", ("json", "srj"), "JSON")
_XML = Format("application/sparql-results+xml", ("xml", "srx"), "XML")
SOLUTIONS = (
    _JSON, _XML,
    Format("text/csv", ("csv",), "CSV"),
    Format("text/tab-separated-values", ("tsv",), "TSV"),
    Format("application/json", (), "JSON"),
    Format("application/xml", (), "XML"),
)
# CSV and TSV define no serialization of a boolean (SPARQL 1.1 Query Results CSV and TSV, section 1).
BOOLEAN = (_JSON, _XML, Format("application/json", (), "JSON"), Format("application/xml", (), "XML"))
GRAPH = (
    Format("text/turtle", ("ttl", "turtle"), "TURTLE"),
    Format("application/n-triples", ("nt", "ntriples"), "N_TRIPLES"),
    Format("application/ld+json", ("jsonld", "json-ld", "json"), "JSON_LD"),
    Format("application/rdf+xml", ("rdfxml", "rdf", "xml"), "RDF_XML"),
    Format("application/n-quads", ("nq", "nquads"), "N_QUADS"),
    Format("application/trig", ("trig",), "TRIG"),
    Format("text/plain", (), "N_TRIPLES"),  # N-Triples' old media type, still sent by some clients
)
BY_FORM = {"SELECT": SOLUTIONS, "ASK": BOOLEAN, "CONSTRUCT": GRAPH, "DESCRIBE": GRAPH}


class NotAcceptable(ValueError):
    """Nothing the client accepts can represent this result."""


def negotiate(formats: tuple[Format, ...], accept: MIMEAccept, override: str | None) -> Format:
    """The format named by `format=` (name or media type), else the best match for `Accept`."""
    if override:
        wanted = override.strip().lower()
        for fmt in formats:
            if wanted in fmt.names or wanted == fmt.media_type:
                return fmt
        names = sorted({n for f in formats for n in f.names})
        raise NotAcceptable(f"format={override!r} cannot represent this result; use one of {', '.join(names)}")
    if not accept:  # no Accept header: anything goes
        return formats[0]
    best = accept.best_match([f.media_type for f in formats])
    if best is None:
        offered = ", ".join(dict.fromkeys(f.media_type for f in formats))
        raise NotAcceptable(f"none of the accepted types ({accept}) fits this result; offered: {offered}")
    return next(f for f in formats if f.media_type == best)
