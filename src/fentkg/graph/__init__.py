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
from ..extract import DocumentExtraction, Extraction
from ..namespaces import GRAPHS, PREFIXES
from ..reference import Reference
from .claims import ClaimWriter
from .records import add_documents, add_entities, add_periods
from .reference import reference_graph

__all__ = ["build_graph", "document_dataset", "new_dataset", "static_dataset"]


def new_dataset() -> Dataset:
    """An empty Dataset with the project's prefixes bound."""
    ds = Dataset()
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri)
    return ds


def static_dataset(reference: Reference, ontology: Path, vocab: Path) -> Dataset:
    """The graphs that do not come from documents: ontology, vocabularies, curated reference data."""
    ds = new_dataset()
    ds.graph(GRAPHS["ontology"]).parse(ontology, format="turtle")
    ds.graph(GRAPHS["vocab"]).parse(vocab, format="turtle")
    _copy(reference_graph(reference), ds.graph(GRAPHS["reference"]))
    return ds


def document_dataset(extraction: DocumentExtraction, run_id: str, ds: Dataset | None = None) -> Dataset:
    """The `sources`, `entities` and `claims` triples of one document (added to `ds` if given)."""
    ds = ds if ds is not None else new_dataset()
    sources, entities, claims = (ds.graph(GRAPHS[n]) for n in ("sources", "entities", "claims"))
    add_documents(sources, [extraction.doc])
    writer = ClaimWriter(claims, sources, run_id)
    writer.add_notes(extraction.doc, extraction.notes.values())
    for fact in extraction.facts:
        writer.add(fact)
    add_entities(entities, writer, extraction.entities.values())
    add_periods(entities, extraction.periods.values())
    return ds


def build_graph(extraction: Extraction, corpus: Corpus, reference: Reference, ontology: Path, vocab: Path) -> Dataset:
    """Every named graph except `facts` and `derived` (the rules add those), in memory."""
    ds = static_dataset(reference, ontology, vocab)
    for doc_extraction in extraction.documents:
        document_dataset(doc_extraction, extraction.run_id, ds)
    return ds


def _copy(source: Graph, target: Graph) -> None:
    for triple in source:
        target.add(triple)
