"""Substances: drugs, substance classes and precursor chemicals, by name or abbreviation.

Curated names come from data/reference/substances.yml, whose entries link to the precursor
table (data/reference/precursors.csv: CAS number, UN, US and Chinese control status, loaded
into the reference graph); names not in it are found by their chemical word endings
("…fentanyl", "…nitazene", "…piperidone") and minted as new substances, logged for curators.
Example: "The shipment held 4-AP, NPP and a new analogue, para-examplofentanyl."
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from ..corpus import Document
from ..reference import ENTRY_TYPES, Reference
from ..vocab import FX
from .context import Context, Entity
from .mentions import curated_mentions, emit_curated_mentions, emit_mention, scan_regions

log = logging.getLogger("fentkg.extract.substances")

TYPES = frozenset({"ChemicalSubstance", "Precursor", "ControlledDrug", "SubstanceClass"})
# A lower-case chemical word built on a known stem; the stem says what kind of substance it is.
# Prefixes (para-, ortho-, acetyl…) and locants (4-, N-) are what make it a new name.
# A hyphenated prefix is a locant or a short chemical prefix ("4-", "N-", "para-"), not a word ("counter-").
NEW_NAME = re.compile(r"(?<![\w-])(?:(?:[a-z]{1,5}|[a-z]*\d[a-z0-9,]*)-)*[a-z0-9]*(?:fentanyl|fentanil|nitazene|piperidone|piperidine)s?(?![\w-])")
URL = re.compile(r"(?:https?://|www\.)[^\s<>)\]]+")
STEM_CLASS = {"fentanyl": FX.ControlledDrug, "fentanil": FX.ControlledDrug, "nitazene": FX.ControlledDrug,
              "piperidone": FX.Precursor, "piperidine": FX.Precursor}


def extract(doc: Document, ctx: Context) -> None:
    urls = [m.span() for m in URL.finditer(doc.text)]  # words of a URL are file names, not substances
    taken = emit_curated_mentions(doc, ctx, TYPES, skip=urls)
    taken.update(urls)
    # names of bodies, laws and works are no substance mentions ("Counter-Fentanyl Strike Force")
    taken.update((s, e) for s, e, _ in curated_mentions(doc, ctx, ENTRY_TYPES - TYPES))
    for start, end in scan_regions(doc):
        for m in compound_pattern(ctx.reference).finditer(doc.text, start, end):
            if not taken.overlaps(*m.span()):  # "fentanyl-laced pills"
                entry = ctx.reference.resolve(m.group())
                if entry is not None:
                    emit_mention(doc, ctx, ctx.entry_iri(entry), m.start(), m.end(), confidence=0.85)
                    taken.add(*m.span())
        for m in NEW_NAME.finditer(doc.text, start, end):
            if not taken.overlaps(*m.span()):
                extract_new_substance(doc, ctx, m.start(), m.end())


@lru_cache(maxsize=4)
def _compound_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # first part ("fentanyl-laced") or last part after a word prefix ("counter-fentanyl technology")
    return re.compile(rf"(?<![\w-])(?:{names})(?=-[a-z])|(?<=[a-z]{{3}}-)(?:{names})(?![\w-])")


def compound_pattern(reference: Reference) -> re.Pattern[str]:
    """A one-word substance name as a part of a compound word ("fentanyl-laced", "counter-fentanyl")."""
    return _compound_regex(tuple(sorted({a for e in reference.entries.values() if e.type in TYPES
                                         for a in (e.label, *e.aliases) if " " not in a and "-" not in a})))


def extract_new_substance(doc: Document, ctx: Context, start: int, end: int) -> None:
    """Mint a substance for a chemical name the table does not know, and log it for curators."""
    name = doc.text[start:end]
    entry = ctx.reference.resolve(name)
    if entry is not None and entry.type in TYPES:
        emit_mention(doc, ctx, ctx.entry_iri(entry), start, end, confidence=0.9)
        return
    stem = next(s for s in STEM_CLASS if s in name)
    cls = STEM_CLASS[stem]
    iri = ctx.make_iri("sub", name.lower().rstrip("s"))
    if iri not in ctx.entities:
        log.info("new substance %r in %s at %d: add it to data/reference/substances.yml", name, doc.id, start)
    ctx.declare(Entity(iri, (cls,), name, evidence=doc.span(start, end)))
    emit_mention(doc, ctx, iri, start, end, confidence=0.6)
