"""Querying the built store from the command line: results in the format asked, and figures."""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from .errors import QueryError
from .namespaces import PREFIXES
from .settings import Settings
from .store import Store

RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                  "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                 "xml": ox.RdfFormat.RDF_XML}


def execute(store: Store, sparql: str) -> Any:
    """Run a query; a syntax or evaluation error becomes a QueryError with the parser's message."""
    try:
        return store.query(sparql)
    except SyntaxError as exc:
        raise QueryError(f"malformed query: {exc}") from None
    except (OSError, ValueError, TypeError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def shorten(term: Any) -> str:
    """A term for a terminal table: prefixed names for IRIs, plain values for literals."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri):
                return f"{prefix}:{term.value[len(iri):]}"
        return f"<{term.value}>"
    return str(term.value)


def table(results: Any) -> bytes:
    names = [v.value for v in results.variables]
    rows = [[shorten(solution[name]) for name in names] for solution in results]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
    fmt = lambda cells: "  ".join(c[:60].ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    lines = [fmt(names), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows), f"({len(rows)} rows)"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def run_query(settings: Settings, sparql: str, fmt: str) -> bytes:
    """The serialized result of a query against the built store (or the remote one, with a store URL)."""
    if settings.store_url:
        return run_remote_query(settings, sparql, fmt)
    store = Store.open(settings.out_dir)
    results = execute(store, sparql)
    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            return b"true\n" if bool(results) else b"false\n"
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"format {fmt} does not fit an ASK query: use table, csv, tsv, json or xml")
        return bytes(results.serialize(format=RESULT_FORMATS[fmt]))
    if isinstance(results, ox.QuerySolutions):
        if fmt == "table":
            return table(results)
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"format {fmt} does not fit a SELECT query: use table, csv, tsv, json or xml")
        return bytes(results.serialize(format=RESULT_FORMATS[fmt]))
    fmt = "ttl" if fmt == "table" else fmt
    if fmt not in GRAPH_FORMATS:
        raise QueryError(f"format {fmt} does not fit a CONSTRUCT/DESCRIBE query: use ttl, nt, jsonld or xml")
    return bytes(ox.serialize(results, format=GRAPH_FORMATS[fmt], prefixes=PREFIXES if fmt == "ttl" else None) or b"")


def run_remote_query(settings: Settings, sparql: str, fmt: str) -> bytes:
    """The same as `run_query`, against the remote store at `settings.store_url` (issue 7), within the deadline."""
    from .backends.remote import RemoteBackend

    backend = RemoteBackend(str(settings.store_url))
    try:
        answer = backend.query(sparql, timeout=settings.query_timeout,
                               results_format=RESULT_FORMATS.get(fmt, ox.QueryResultsFormat.JSON),
                               graph_format=GRAPH_FORMATS.get("ttl" if fmt == "table" else fmt, ox.RdfFormat.TURTLE))
    finally:
        backend.close()
    if answer.kind == "graph":
        if fmt not in GRAPH_FORMATS and fmt != "table":
            raise QueryError(f"format {fmt} does not fit a CONSTRUCT/DESCRIBE query: use ttl, nt, jsonld or xml")
        return answer.body
    form = "an ASK" if answer.kind == "boolean" else "a SELECT"
    if fmt not in RESULT_FORMATS and fmt != "table":
        raise QueryError(f"format {fmt} does not fit {form} query: use table, csv, tsv, json or xml")
    if fmt != "table":
        return answer.body
    results = ox.parse_query_results(answer.body, ox.QueryResultsFormat.JSON)
    if isinstance(results, ox.QueryBoolean):
        return b"true\n" if bool(results) else b"false\n"
    return table(results)


_STATS = {
    "graphs": "SELECT ?key (COUNT(*) AS ?n) WHERE { GRAPH ?key { ?s ?p ?o } } GROUP BY ?key ORDER BY ?key",
    "claims per extractor": """PREFIX fx: <https://w3id.org/fentkg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?key (COUNT(?c) AS ?n) WHERE { VALUES ?kind { fx:TripleClaim fx:StatisticalObservation } ?c a ?kind ; prov:wasGeneratedBy ?run . ?run prov:wasAssociatedWith ?key } GROUP BY ?key ORDER BY ?key""",
    "claims per predicate": """PREFIX fx: <https://w3id.org/fentkg/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?key (COUNT(?c) AS ?n) WHERE { { ?c a fx:TripleClaim ; rdf:predicate ?key } UNION { ?c a fx:StatisticalObservation BIND(fx:StatisticalObservation AS ?key) } } GROUP BY ?key ORDER BY DESC(?n)""",
    "claims per document": """PREFIX fx: <https://w3id.org/fentkg/ontology#>
        SELECT ?key (COUNT(?c) AS ?n) WHERE { ?c fx:statedIn ?key } GROUP BY ?key ORDER BY ?key""",
    "entities per type": """PREFIX fxg: <https://w3id.org/fentkg/graph/>
        SELECT ?key (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH fxg:entities { ?e a ?key } } GROUP BY ?key ORDER BY DESC(?n)""",
    "conflicts by verdict": """PREFIX fx: <https://w3id.org/fentkg/ontology#>
        SELECT ?key (COUNT(?c) AS ?n) WHERE { ?c a fx:ClaimConflict ; fx:verdict ?key } GROUP BY ?key""",
}


def graph_stats(settings: Settings) -> dict[str, Any]:
    """Counts that describe a build (for `fentkg stats` and closing notes)."""
    store = Store.open(settings.out_dir)
    figures: dict[str, Any] = {"quads": len(store)}
    for name, sparql in _STATS.items():
        figures[name] = {shorten(s["key"]): int(s["n"].value) for s in execute(store, sparql)}
    manifest = store.release.manifest
    figures["build"] = {"seconds": manifest.get("build_seconds"), "version": manifest.get("fentkg_version")}
    return figures
