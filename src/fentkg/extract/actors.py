"""Actors: countries, agencies, legislatures, cartels, companies, people, organisations.

Names from the curated alias table first (data/reference/aliases.yml); names not in it are
found by patterns ("<Name> Cartel", "Department of <X>", "<Name> Co., Ltd.", "Ministry of <X>")
and minted as new entities, logged for curators. Coordinated names share their head word and
each gets its own span: "the Sinaloa and Jalisco Cartels" names the Sinaloa Cartel ("Sinaloa")
and the CJNG ("Jalisco Cartels"); "the Departments of Justice and Treasury" names two
departments. A demonym before "cartels" or "transnational criminal organizations" names the
collective ("Mexican cartels"), a group the documents treat as one actor.
Example: "The Example Valley and Rio Oscuro Cartels bought precursors from Sample Chemical Co., Ltd."
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache

from rdflib import URIRef

from ..corpus import Document
from ..reference import ACTOR_TYPES, Reference
from ..vocab import FX
from .context import Context, Entity
from .mentions import emit_curated_mentions, emit_mention, scan_regions

log = logging.getLogger("fentkg.extract.actors")

TYPES = ACTOR_TYPES | {"Place"}
LEADING_ARTICLE = re.compile(r"^(?:The|A|An|This|That|These|Both|Its|Their|the|both)\s+")
_NAME = r"(?:[A-Z][\w'’.-]*|de|del|la|of|and|&)"
_WORD = r"[A-Z][\w'’-]*"
_CONJUNCT = rf"(?:the\s+)?(?:{_WORD}\s+){{0,2}}{_WORD}"
# (pattern, class): capitalised names ending in an organisational head word, or led by one.
PATTERNS = (
    (re.compile(rf"\b(?:[A-Z][\w'’-]+\s+){{1,4}}(?:Cartel|Cártel)\b"), FX.CriminalOrganization),
    (re.compile(rf"\b(?:Cartel|Cártel)\s+(?:de\s+|del\s+)?(?:[A-Z][\w'’-]+\s?){{1,4}}"), FX.CriminalOrganization),
    (re.compile(rf"\b(?:[A-Z][\w'’&-]+\s+){{1,5}}(?:Co\.,?\s+Ltd\.|Co\.|Ltd\.|Inc\.|LLC|Corporation|Limited)"), FX.Company),
    (re.compile(rf"\b(?:U\.S\.\s+|US\s+)?(?:Department|Ministry|Bureau|Office)\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]+)(?:\s+(?:and|of|for|&)?\s*[A-Z][\w'’-]+){{0,5}}"), FX.GovernmentAgency),
)
# "the Sinaloa and Jalisco Cartels": conjuncts before a shared plural head.
COORDINATED_HEAD = re.compile(
    rf"\b(?P<first>{_CONJUNCT}(?:,\s+{_CONJUNCT})*),?\s+(?:and|or|&)\s+(?P<last>{_CONJUNCT})\s+(?P<head>Cartels|cartels|Cárteles)\b"
)
# "the Departments of Justice and Treasury": a shared plural head before the conjuncts.
COORDINATED_LEAD = re.compile(
    rf"\b(?P<head>Departments|Ministries)\s+of\s+(?:the\s+)?(?P<first>{_WORD}(?:\s+{_WORD}){{0,2}}(?:,\s+(?:the\s+)?{_WORD}(?:\s+{_WORD}){{0,2}})*),?\s+and\s+(?:the\s+)?(?P<last>{_WORD}(?:\s+{_WORD}){{0,2}})"
)
SINGULAR = {"Cartels": ("Cartel", FX.CriminalOrganization), "cartels": ("Cartel", FX.CriminalOrganization),
            "Cárteles": ("Cartel", FX.CriminalOrganization), "Departments": ("Department", FX.GovernmentAgency),
            "Ministries": ("Ministry", FX.GovernmentAgency)}
COLLECTIVE_HEADS = r"(?P<head>cartels|drug cartels|transnational criminal organizations|drug trafficking organizations)"


def extract(doc: Document, ctx: Context) -> None:
    coordinated = list(coordinated_names(doc, ctx))
    taken = emit_curated_mentions(doc, ctx, TYPES, skip=[(s, e) for s, e, _, _ in coordinated])
    for start, end, name, cls in coordinated:
        extract_named_actor(doc, ctx, start, end, name, cls)
        taken.add(start, end)
    for start, end in scan_regions(doc):
        for m in collective_pattern(ctx.reference).finditer(doc.text, start, end):
            if not taken.overlaps(*m.span()):
                extract_collective(doc, ctx, m)
                taken.add(*m.span())
        for pattern, cls in PATTERNS:
            for m in pattern.finditer(doc.text, start, end):
                if taken.overlaps(*m.span()):
                    continue
                extract_new_actor(doc, ctx, m.start(), m.end(), cls)
                taken.add(*m.span())


def coordinated_names(doc: Document, ctx: Context) -> Iterator[tuple[int, int, str, URIRef]]:
    """(start, end, full name, class) for each conjunct of a coordinated name; spans as the text splits them."""
    for region_start, region_end in scan_regions(doc):
        for m in COORDINATED_HEAD.finditer(doc.text, region_start, region_end):
            singular, cls = SINGULAR[m["head"]]
            spans = [*_conjuncts(doc.text, m.start("first"), m.end("first")), _strip(doc.text, m.start("last"), m.end("last"))]
            if any(_not_a_name_part(ctx.reference, doc.text[s:e]) for s, e in spans):
                continue  # "China and Mexican cartels": a country and a collective, not two cartel names
            for i, (s, e) in enumerate(spans):
                yield s, (m.end("head") if i == len(spans) - 1 else e), f"{doc.text[s:e]} {singular}", cls
        for m in COORDINATED_LEAD.finditer(doc.text, region_start, region_end):
            singular, cls = SINGULAR[m["head"]]
            for i, (s, e) in enumerate(_conjuncts(doc.text, m.start("first"), m.end("first"))):
                yield (m.start("head") if i == 0 else s), e, f"{singular} of {doc.text[s:e]}", cls
            s, e = _strip(doc.text, m.start("last"), m.end("last"))
            yield s, e, f"{singular} of {doc.text[s:e]}", cls


def _not_a_name_part(reference: Reference, word: str) -> bool:
    """A conjunct that is a country or a demonym names no organisation by itself."""
    entry = reference.resolve(word)
    return (entry is not None and entry.type == "Country") or any(word in e.demonyms for e in reference.entries.values())


def _conjuncts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for part in re.split(r",\s+", text[start:end]):
        s = text.index(part, pos)
        pos = s + len(part)
        yield _strip(text, s, pos)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    raw = text[start:end]
    name = LEADING_ARTICLE.sub("", raw)
    return start + len(raw) - len(name), end


@lru_cache(maxsize=8)
def _collective_regex(demonyms: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(d) for d in sorted(demonyms, key=len, reverse=True))
    return re.compile(rf"\b(?P<dem>{names})(?:-based)?\s+{COLLECTIVE_HEADS}\b")


def collective_pattern(reference: Reference) -> re.Pattern[str]:
    """"<Demonym> cartels" and the like, for every demonym of the alias table."""
    return _collective_regex(tuple(sorted({d for e in reference.entries.values() for d in e.demonyms})))


def extract_collective(doc: Document, ctx: Context, m: re.Match[str]) -> None:
    """A group named by nationality ("Mexican cartels"), minted as one criminal organization."""
    head = "cartels" if "cartels" in m["head"] else m["head"]
    name = f"{m['dem']} {head}"
    iri = ctx.make_iri("actor", FX.CriminalOrganization, name.lower())
    if iri not in ctx.entities:
        log.info("new collective entity %r in %s at %d: add it to data/reference/aliases.yml", name, doc.id, m.start())
    ctx.declare(Entity(iri, (FX.CriminalOrganization,), name, evidence=doc.span(*m.span())))
    emit_mention(doc, ctx, iri, m.start(), m.end(), confidence=0.7)


def extract_named_actor(doc: Document, ctx: Context, start: int, end: int, name: str, cls: URIRef) -> None:
    """A conjunct of a coordinated name: the curated entity its full name resolves to, else a new one."""
    entry = ctx.reference.resolve(name)
    if entry is not None and entry.type in TYPES:
        emit_mention(doc, ctx, ctx.entry_iri(entry), start, end, confidence=0.85)
        return
    iri = ctx.make_iri("actor", cls, name.lower())
    if iri not in ctx.entities:
        log.info("new entity %r (%s) in %s at %d: add it to data/reference/aliases.yml", name, cls, doc.id, start)
    ctx.declare(Entity(iri, (cls,), name, evidence=doc.span(start, end)))
    emit_mention(doc, ctx, iri, start, end, confidence=0.6)


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
