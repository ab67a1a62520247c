"""Graph: emitted facts → an rdflib Dataset in the ontology's terms (MODEL.md §2).

This package is the only place that decides how a fact and its evidence become triples:
claim nodes, evidence with quote and position selectors, citations, runs and agents
(`claims.py`); document, entity and period records (`records.py`); the curated tables
(`reference.py`). IRIs are hashes of what identifies a thing, so the same input always
gives the same graph.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from ..corpus import Corpus
from ..extract import Extraction
from ..namespaces import GRAPHS, PREFIXES
from ..reference import Reference
from .claims import ClaimWriter
from .records import add_documents, add_entities, add_periods
from .reference import reference_graph

__all__ = ["build_graph", "new_dataset"]


def new_dataset() -> Dataset:
    """An empty Dataset with the project's prefixes bound."""
    ds = Dataset()
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri)
    return ds


def build_graph(extraction: Extraction, corpus: Corpus, reference: Reference, ontology: Path, vocab: Path) -> Dataset:
    """Assemble every named graph except `facts` and `derived`, which the rules add."""
    ds = new_dataset()
    ds.graph(GRAPHS["ontology"]).parse(ontology, format="turtle")
    ds.graph(GRAPHS["vocab"]).parse(vocab, format="turtle")
    _copy(reference_graph(reference), ds.graph(GRAPHS["reference"]))
    sources = ds.graph(GRAPHS["sources"])
    entities = ds.graph(GRAPHS["entities"])
    claims = ds.graph(GRAPHS["claims"])
    add_documents(sources, corpus)
    writer = ClaimWriter(claims, sources, extraction.run_id)
    for doc_extraction in extraction.documents:
        writer.add_notes(doc_extraction.doc, doc_extraction.notes.values())
    for doc_extraction in extraction.documents:
        for fact in doc_extraction.facts:
            writer.add(fact)
    add_entities(entities, writer, extraction.entities())
    add_periods(entities, extraction.periods())
    return ds


def _copy(source: Graph, target: Graph) -> None:
    for triple in source:
        target.add(triple)
