"""Mentions: find curated names in a document and record each occurrence as a claim.

Shared by the actor, substance and agreement extractors, which differ only in the entry
types they take. A mention is the claim `<document> fx:mentions <entity>` on the exact
span of the name, so every entity is traceable to the words that name it.
"""
from __future__ import annotations

from collections.abc import Iterator

from rdflib import URIRef

from ..corpus import Document
from ..namespaces import doc_iri
from ..reference import Entry
from ..vocab import FX
from .context import Context


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


def emit_curated_mentions(doc: Document, ctx: Context, types: frozenset[str]) -> set[tuple[int, int]]:
    """Emit a mention claim for each curated name of these types; return the spans taken."""
    taken = set()
    for start, end, entry in curated_mentions(doc, ctx, types):
        emit_mention(doc, ctx, ctx.entry_iri(entry), start, end, confidence=0.95)
        taken.add((start, end))
    return taken
