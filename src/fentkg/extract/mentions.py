"""Mentions: find curated names in a document and record each occurrence as a claim.

Shared by the actor, substance and agreement extractors, which differ only in the entry
types they take. A mention is the claim `<document> fx:mentions <entity>` on the exact
span of the name, so every entity is traceable to the words that name it.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import URIRef

from ..corpus import Document
from ..namespaces import doc_iri
from ..reference import Entry
from ..spans import SpanSet
from ..vocab import FX
from .context import Claim, Context


def scan_regions(doc: Document) -> Iterator[tuple[int, int]]:
    """The parts of the text worth reading: everything but running page headers."""
    pos = 0
    for header in sorted(doc.headers, key=lambda h: h.start):
        if header.start > pos:
            yield pos, header.start
        pos = max(pos, header.end)
    if pos < len(doc.text):
        yield pos, len(doc.text)


def curated_mentions(doc: Document, ctx: Context, types: frozenset[str]) -> Iterator[tuple[int, int, Entry]]:
    """Every occurrence of a curated name whose entry type is in `types`."""
    for start, end in scan_regions(doc):
        for m_start, m_end, entry in ctx.reference.mentions(doc.text, start, end):
            if entry.type in types:
                yield m_start, m_end, entry


def emit_mention(doc: Document, ctx: Context, entity: URIRef, start: int, end: int, confidence: float) -> None:
    ctx.emit(doc_iri(doc.id), FX.mentions, entity, evidence=doc.span(start, end), confidence=confidence)


def emit_curated_mentions(
    doc: Document, ctx: Context, types: frozenset[str], skip: Iterable[tuple[int, int]] = ()
) -> SpanSet:
    """Emit a mention claim for each curated name of these types outside `skip`; return the spans taken."""
    skip = SpanSet(skip)
    taken = SpanSet()
    for start, end, entry in curated_mentions(doc, ctx, types):
        if skip.overlaps(start, end):
            continue  # read otherwise, e.g. "Sinaloa" in "the Sinaloa and Jalisco Cartels" is the cartel
        emit_mention(doc, ctx, ctx.entry_iri(entry), start, end, confidence=0.95)
        taken.add(start, end)
    return taken


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named at start:end, as an earlier extractor recorded it."""

    start: int
    end: int
    iri: URIRef
    types: tuple[URIRef, ...]
    label: str

    def isa(self, *classes: URIRef) -> bool:
        return any(t in classes for t in self.types)


def recorded_mentions(ctx: Context) -> list[Mention]:
    """Every `fx:mentions` claim emitted so far in this document, in text order.

    The extractors of acts (designations, events, relations, …) run after the entity extractors
    and read their mentions here, so every name is resolved once, in one place.
    """
    subject = doc_iri(ctx.doc.id)
    found = {}
    for fact in ctx.facts:
        if isinstance(fact, Claim) and fact.predicate == FX.mentions and fact.subject == subject and isinstance(fact.object, URIRef):
            entity = ctx.entities.get(fact.object)
            ev = fact.evidence
            found[(ev.start, ev.end, fact.object)] = Mention(
                ev.start, ev.end, fact.object, entity.types if entity else (), entity.label if entity else ev.exact)
    return sorted(found.values(), key=lambda m: (m.start, -m.end))


def within(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions lying inside start:end, from a list sorted by start (as `mentions` and `within` return them).

    Found by bisection: a scan per sentence made extraction quadratic in the document's size (issue 6).
    """
    first = bisect.bisect_left(mentions, start, key=lambda m: m.start)
    last = bisect.bisect_left(mentions, end, lo=first, key=lambda m: m.start)
    return [m for m in mentions[first:last] if m.end <= end]
