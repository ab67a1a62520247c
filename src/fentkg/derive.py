"""Derive: run the build rules of queries/build/ over the assembled graph.

`truthy_facts.rq` fills the `facts` graph; the conflict rules fill `derived`. Rules are
SPARQL files, so what the build infers can be read and changed without touching code.
Each derived conflict is stamped `prov:wasGeneratedBy` the rule that found it. Rules run in
pyoxigraph (50–280× faster than rdflib's engine), on the on-disk store of a new release or
on an in-memory copy of a small dataset.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS
from rdflib.term import Node

from .errors import QueryError
from .namespaces import FXD, GRAPHS

# rule file → target graph, run in this order: conflict_summaries.rq reads what conflicting_numbers.rq wrote
RULES = {"truthy_facts.rq": "facts", "conflicting_numbers.rq": "derived", "conflict_summaries.rq": "derived",
         "conflicting_values.rq": "derived"}
_TYPE = ox.NamedNode(str(RDF.type))
_GENERATED_BY = ox.NamedNode(str(PROV.wasGeneratedBy))


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


def derive_store(store: ox.Store, rules_dir: Path, chunk: int = 100_000) -> dict[str, int]:
    """Add what each rule constructs to its named graph of `store`; return triples per rule.

    The constructed triples go into the store a chunk at a time: a rule's whole output held in Python took
    gigabytes at thousands of documents (issue 7). The query reads a snapshot, so its own writes don't feed it.
    """
    added: dict[str, int] = {}
    for name, graph in RULES.items():
        path = rules_dir / name
        target = ox.NamedNode(str(GRAPHS[graph]))
        rule = ox.NamedNode(str(FXD[f"rule-{path.stem.replace('_', '-')}"]))
        count, quads = 0, []
        try:
            triples = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
            for t in triples:
                count += 1
                quads.append(ox.Quad(t.subject, t.predicate, t.object, target))
                if graph == "derived" and t.predicate == _TYPE:
                    quads.append(ox.Quad(t.subject, _GENERATED_BY, rule, target))
                if len(quads) >= chunk:
                    store.extend(quads)
                    quads = []
        except (OSError, SyntaxError) as exc:
            raise QueryError(f"{path}: build rule failed: {exc}") from None
        if graph == "derived":
            quads += [ox.Quad(rule, _TYPE, ox.NamedNode(str(PROV.Activity)), target),
                      ox.Quad(rule, ox.NamedNode(str(RDFS.label)), ox.Literal(f"build rule queries/build/{name}"), target)]
        store.extend(quads)
        added[name] = count
    return added


def derive(ds: Dataset, rules_dir: Path) -> dict[str, int]:
    """The same rules over an in-memory rdflib Dataset (tests, scoring, small corpora)."""
    store = ox.Store()
    store.bulk_load(ds.serialize(format="nquads").encode("utf-8"), ox.RdfFormat.N_QUADS)
    added = derive_store(store, rules_dir)
    for name in ("facts", "derived"):
        target = ds.graph(GRAPHS[name])
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(str(GRAPHS[name]))):
            target.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return added
