"""Derive: run the build rules of queries/build/ over the assembled graph.

`truthy_facts.rq` fills the `facts` graph; the conflict rules fill `derived`. Rules are
SPARQL files, so what the build infers can be read and changed without touching code.
Each derived conflict is stamped `prov:wasGeneratedBy` the rule that found it.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS
from rdflib.term import Node

from .errors import QueryError
from .namespaces import FXD, GRAPHS

# rule file → target graph
RULES = {"truthy_facts.rq": "facts", "conflicting_numbers.rq": "derived", "conflicting_values.rq": "derived"}


def to_rdflib(term: object) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def oxigraph_of(ds: Dataset) -> ox.Store:
    """An in-memory pyoxigraph copy of the dataset (rules run there: 50–280× faster than rdflib)."""
    store = ox.Store()
    store.bulk_load(ds.serialize(format="nquads").encode("utf-8"), ox.RdfFormat.N_QUADS)
    return store


def derive(ds: Dataset, rules_dir: Path) -> dict[str, int]:
    """Add what each rule constructs to its graph; return triples added per rule."""
    store = oxigraph_of(ds)
    added: dict[str, int] = {}
    for name, graph in RULES.items():
        path = rules_dir / name
        try:
            triples = list(store.query(path.read_text(encoding="utf-8")))
        except (OSError, SyntaxError) as exc:
            raise QueryError(f"{path}: build rule failed: {exc}") from None
        target = ds.graph(GRAPHS[graph])
        rule = FXD[f"rule-{path.stem.replace('_', '-')}"]
        for t in triples:
            s, p, o = to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)
            target.add((s, p, o))
            if graph == "derived" and p == RDF.type:
                target.add((s, PROV.wasGeneratedBy, rule))
        if graph == "derived":
            target.add((rule, RDF.type, PROV.Activity))
            target.add((rule, RDFS.label, Literal(f"build rule queries/build/{name}")))
        added[name] = len(triples)
    return added
