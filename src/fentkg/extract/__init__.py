"""Extractors: one module per fact kind, each `extract(doc, ctx) -> None`.

The registry below fixes the order: citations first (claims in marked sentences point at
the notes' works), then the entity extractors, then the kinds that use their results.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rdflib import URIRef

from ..corpus import Corpus, Document
from ..errors import EvidenceError, ExtractionError
from ..reference import Reference
from . import actors, agreements, citations, designations, events, people, recommendations, relations, statistics, substances
from .context import CitedNote, Context, Entity, Fact, Period, digest

log = logging.getLogger("fentkg.extract")

Extractor = Callable[[Document, Context], None]

REGISTRY: dict[str, Extractor] = {
    "citations": citations.extract,
    "actors": actors.extract,
    "substances": substances.extract,
    "agreements": agreements.extract,
    "people": people.extract,
    "statistics": statistics.extract,
    # Acts read the mentions the entity extractors above recorded (mentions.recorded_mentions).
    "designations": designations.extract,
    "events": events.extract,
    "relations": relations.extract,
    "recommendations": recommendations.extract,
}

__all__ = ["REGISTRY", "DocumentExtraction", "Extraction", "extract_document", "run_extractors"]


@dataclass(frozen=True, slots=True)
class DocumentExtraction:
    """What the extractors found in one document."""

    doc: Document
    facts: tuple[Fact, ...]
    entities: dict[URIRef, Entity]
    periods: dict[URIRef, Period]
    notes: dict[int, CitedNote]


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractors found in a corpus; `run_id` names this build's runs."""

    run_id: str
    documents: tuple[DocumentExtraction, ...] = field(default=())

    def entities(self) -> Iterator[Entity]:
        seen: set[URIRef] = set()
        for d in self.documents:
            for iri, entity in d.entities.items():
                if iri not in seen:
                    seen.add(iri)
                    yield entity

    def periods(self) -> Iterator[Period]:
        seen: set[URIRef] = set()
        for d in self.documents:
            for iri, period in d.periods.items():
                if iri not in seen:
                    seen.add(iri)
                    yield period

    def counts(self) -> dict[str, int]:
        """Facts per extractor, for progress and the closing report."""
        out: dict[str, int] = {}
        for d in self.documents:
            for fact in d.facts:
                out[fact.extractor] = out.get(fact.extractor, 0) + 1
        return out


def extract_document(doc: Document, reference: Reference, extractors: dict[str, Extractor] | None = None) -> DocumentExtraction:
    """Run every extractor on one document; a crash names the document and the extractor."""
    ctx = Context(doc, reference)
    for name, extractor in (extractors or REGISTRY).items():
        try:
            extractor(doc, ctx.for_extractor(name))
        except EvidenceError:
            raise
        except Exception as exc:  # boundary: re-raise with where it happened (STYLE.md §7)
            raise ExtractionError(f"{doc.id}: extractor {name} failed: {type(exc).__name__}: {exc}") from exc
    return DocumentExtraction(doc, tuple(ctx.facts), ctx.entities, ctx.periods, ctx.notes)


def run_extractors(corpus: Corpus, reference: Reference, progress: Callable[[str], None] | None = None) -> Extraction:
    """Extract every document of the corpus, in order."""
    run_id = digest(*(d.sha256 for d in corpus), length=12)
    results = []
    for i, doc in enumerate(corpus, 1):
        if progress:
            progress(f"extract [{i}/{len(corpus)}] {doc.id}")
        results.append(extract_document(doc, reference))
    return Extraction(run_id, tuple(results))
