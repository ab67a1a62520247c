"""Actors: countries, agencies, legislatures, cartels, companies, people, organisations.

Names from the curated alias table first (data/reference/aliases.yml); names not in it are
found by patterns ("<Name> Cartel", "Department of <X>", "<Name> Co., Ltd.", "Ministry of <X>")
and minted as new entities, logged for curators.
Example: "The Example Valley Cartel bought precursors from Sample Chemical Co., Ltd."
"""
from __future__ import annotations

import logging
import re

from ..corpus import Document
from ..reference import ACTOR_TYPES
from ..vocab import FX
from .context import Context, Entity
from .mentions import emit_curated_mentions, emit_mention, scan_regions

log = logging.getLogger("fentkg.extract.actors")

TYPES = ACTOR_TYPES | {"Place"}
LEADING_ARTICLE = re.compile(r"^(?:The|A|An|This|That|These|Both|Its|Their)\s+")
_NAME = r"(?:[A-Z][\w'’.-]*|de|del|la|of|and|&)"
# (pattern, class): capitalised names ending in an organisational head word, or led by one.
PATTERNS = (
    (re.compile(rf"\b(?:[A-Z][\w'’-]+\s+){{1,4}}(?:Cartel|Cártel)\b"), FX.CriminalOrganization),
    (re.compile(rf"\b(?:Cartel|Cártel)\s+(?:de\s+|del\s+)?(?:[A-Z][\w'’-]+\s?){{1,4}}"), FX.CriminalOrganization),
    (re.compile(rf"\b(?:[A-Z][\w'’&-]+\s+){{1,5}}(?:Co\.,?\s+Ltd\.|Co\.|Ltd\.|Inc\.|LLC|Corporation|Limited)"), FX.Company),
    (re.compile(rf"\b(?:U\.S\.\s+|US\s+)?(?:Department|Ministry|Bureau|Office)\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]+)(?:\s+(?:and|of|for|&)?\s*[A-Z][\w'’-]+){{0,5}}"), FX.GovernmentAgency),
)


def extract(doc: Document, ctx: Context) -> None:
    taken = emit_curated_mentions(doc, ctx, TYPES)
    for start, end in scan_regions(doc):
        for pattern, cls in PATTERNS:
            for m in pattern.finditer(doc.text, start, end):
                if _overlaps(m.start(), m.end(), taken):
                    continue
                extract_new_actor(doc, ctx, m.start(), m.end(), cls)
                taken.add((m.start(), m.end()))


def extract_new_actor(doc: Document, ctx: Context, start: int, end: int, cls: object) -> None:
    """Mint an entity for a name the alias table does not know, and log it for curators."""
    raw = doc.text[start:end]
    name = LEADING_ARTICLE.sub("", raw).strip()
    start += raw.index(name)
    end = start + len(name)
    entry = ctx.reference.resolve(name)
    if entry is not None:  # a folded spelling of a known name ("the sinaloa cartel")
        emit_mention(doc, ctx, ctx.entry_iri(entry), start, end, confidence=0.9)
        return
    iri = ctx.make_iri("actor", cls, name.lower())
    if iri not in ctx.entities:
        log.info("new entity %r (%s) in %s at %d: add it to data/reference/aliases.yml", name, cls, doc.id, start)
    ctx.declare(Entity(iri, (cls,), name, evidence=doc.span(start, end)))  # type: ignore[arg-type]
    emit_mention(doc, ctx, iri, start, end, confidence=0.6)


def _overlaps(start: int, end: int, taken: set[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)
