"""Agreements, initiatives and laws: their mentions, parties, dates and status changes.

Names from data/reference/aliases.yml (types Initiative, Agreement, LegalInstrument); names not
in it by their head word ("… Initiative", "… Working Group", "… Act of 2018") or citation
("8 U.S.C. § 1189", "Executive Order 14059"), minted and logged. A status cue of patterns.yml
(`agreement_status_cues`: launched, suspended, declared dead, renewed, renamed, resumed,
proposed) gives the initiative named after it a status (fx:status), with the date of the
sentence (fx:date); countries and agencies named before it with a participation cue, and the
countries inside its name ("U.S.-Mexico Bicentennial Framework"), are its parties (fx:participant).
Example: "On 3 March 2031 Examplestan and Mexico launched the Example Border Initiative."
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from rdflib import URIRef

from ..corpus import Document, Span
from ..namespaces import FXV
from ..spans import SpanSet
from ..vocab import FX
from .context import Context, Entity
from .cues import cue_groups, cue_regex, cue_values, gap_of, prose_sentences, trim
from .dates import find_dates, nearest
from .mentions import Mention, emit_curated_mentions, emit_mention, recorded_mentions, scan_regions, within

log = logging.getLogger("fentkg.extract.agreements")

TYPES = frozenset({"Initiative", "Agreement", "LegalInstrument"})
KINDS = (FX.Initiative, FX.Agreement, FX.LegalInstrument)
PARTY_CLASSES = (FX.Country, FX.GovernmentAgency, FX.InternationalOrganization, FX.Legislature)
MAX_REACH = 90  # characters between a cue and the initiative it is about
DATED_STATUSES = frozenset({"launched", "renewed", "resumed", "suspended", "declared-dead"})
PASSIVE = re.compile(r"\b(?:was|were|is|are|been|be|being)\s+(?:\w+ly\s+)?$")
_WORD = r"(?:[A-Z][\w'’.-]*|U\.S\.|of|the|for|and|to|on|in|&)"


@lru_cache(maxsize=4)
def _head_pattern(heads: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    # One to six name words, the first capitalised, then the head; "of 2018" may follow an Act.
    return re.compile(rf"\b[A-Z][\w'’.-]*(?:\s+{_WORD}){{0,5}}?\s+(?:{alternation})\b(?:\s+of\s+(?:19|20)\d\d)?")


def extract(doc: Document, ctx: Context) -> None:
    taken = emit_curated_mentions(doc, ctx, TYPES)
    heads = cue_groups(ctx.reference, "agreement_heads")
    citations = [re.compile(c) for c in cue_values(ctx.reference, "agreement_heads", "citations")]
    for start, end in scan_regions(doc):
        for cls_name, words in heads.items():
            for m in _head_pattern(tuple(words)).finditer(doc.text, start, end):
                extract_new_agreement(doc, ctx, m.start(), m.end(), FX[cls_name], taken)
        for pattern in citations:
            for m in pattern.finditer(doc.text, start, end):
                extract_new_agreement(doc, ctx, m.start(), m.end(), FX.LegalInstrument, taken)
    mentions = recorded_mentions(ctx)
    for sentence in prose_sentences(doc):
        extract_statuses(doc, ctx, sentence, mentions)


def extract_new_agreement(doc: Document, ctx: Context, start: int, end: int, cls: URIRef, taken: SpanSet) -> None:
    """Mint an initiative or instrument for a name the alias table lacks, and log it for curators."""
    raw = doc.text[start:end]
    name = re.sub(r"^(?:The|A|An|This|That|Its|Their|Under|Through|In|On)\s+", "", raw)
    start += len(raw) - len(name)
    if len(name.split()) < 2 or taken.overlaps(start, end):
        return  # a bare head ("the Framework") refers back to a named one
    entry = ctx.reference.resolve(name)
    if entry is not None and entry.type in TYPES:
        iri = ctx.entry_iri(entry)
    else:
        iri = ctx.make_iri("agreement", cls, name.lower())
        if iri not in ctx.entities:
            log.info("new initiative/instrument %r (%s) in %s at %d: add it to data/reference/aliases.yml", name, cls, doc.id, start)
        ctx.declare(Entity(iri, (cls,), name, evidence=doc.span(start, end)))
    emit_mention(doc, ctx, iri, start, end, confidence=0.6)
    taken.add(start, end)


def extract_statuses(doc: Document, ctx: Context, sentence: Span, mentions: list[Mention]) -> None:
    """Status, date and parties of the initiatives named in one sentence."""
    named = [m for m in within(mentions, sentence.start, sentence.end) if m.isa(*KINDS)]
    if not named:
        return
    evidence = doc.span(*trim(doc, sentence.start, sentence.end))
    text = doc.text
    statuses = cue_groups(ctx.reference, "agreement_status_cues")
    any_status = cue_regex([c for cues in statuses.values() for c in cues], ignore_case=True)
    participation = cue_regex(cue_values(ctx.reference, "agreement_participation_cues"), ignore_case=True)
    parties = [m for m in within(mentions, sentence.start, sentence.end) if m.isa(*PARTY_CLASSES)]
    dates = find_dates(text, sentence.start, sentence.end, ctx.doc.meta.date)
    for group, cues in statuses.items():
        for cue in cue_regex(cues, ignore_case=True).finditer(text, sentence.start, sentence.end):
            target = _status_target(text, named, cue)
            if target is None:
                continue
            ctx.emit(target.iri, FX.status, FXV[f"agreement-{group}"], evidence=evidence, confidence=0.7)
            when = nearest(dates, cue.start(), cue.end())
            if when is not None and group in DATED_STATUSES:
                ctx.emit(target.iri, FX.date, when.value, evidence=evidence, confidence=0.6)
            if group == "renamed":
                successor = next((m for m in named if m.start >= target.end and m.iri != target.iri and m.isa(FX.Initiative)), None)
                if successor is not None:
                    ctx.emit(target.iri, FX.renamedTo, successor.iri, evidence=evidence, confidence=0.7)
    previous_end = sentence.start
    for agreement in named:
        if agreement.isa(FX.LegalInstrument) and not agreement.isa(FX.Initiative):
            previous_end = agreement.end
            continue  # a law has no parties
        for party in {p.iri: p for p in parties if previous_end <= p.start and p.end <= agreement.start}.values():
            if _takes_part(text[party.end:agreement.start], participation, any_status):
                ctx.emit(agreement.iri, FX.participant, party.iri, evidence=evidence, confidence=0.6)
        for country in name_parties(ctx, agreement):
            ctx.emit(agreement.iri, FX.participant, country, evidence=doc.span(agreement.start, agreement.end), confidence=0.7)
        previous_end = agreement.end


def name_parties(ctx: Context, agreement: Mention) -> list[URIRef]:
    """Countries joined by hyphens at the head of a name ("U.S.-Mexico …", "China-U.S. …"): its parties."""
    before = re.search(r"((?:[\w.'’]+[-–])+[\w.'’]+)\s+$", ctx.doc.text[max(0, agreement.start - 40):agreement.start])
    text = (before.group(1) + " " if before else "") + ctx.doc.text[agreement.start:agreement.end]  # "U.S.-PRC <name>"
    head = re.match(r"^(?:[^\s-]+(?:\s+[^\s-]+)*?)(?:\s?[-–]\s?[^\s-]+(?:\s+[^\s-]+)*?)+(?=\s+[a-zA-Z])", text)
    if head is None:
        return []
    found: list[URIRef] = []
    for piece in re.split(r"\s?[-–]\s?", head.group()):
        for _, _, entry in ctx.reference.mentions(piece):
            if entry.type == "Country" and entry.iri not in found:
                found.append(ctx.entry_iri(entry))
    return found if len(found) >= 2 else []


def _takes_part(between: str, participation: re.Pattern[str], status: re.Pattern[str]) -> bool:
    """A party named shortly before an initiative takes part in it when a participation or status cue
    follows the party in the same clause ("the U.S. and Mexico renewed cooperation through …")."""
    cue = participation.search(between) or status.search(between)
    return cue is not None and len(between) <= MAX_REACH and not re.search(r"[,;]", between[:cue.start()])


def _status_target(text: str, named: list[Mention], cue: re.Match[str]) -> Mention | None:
    """The initiative a status cue is about: the one in its gap ("declared the Mérida Initiative dead"),
    else the first named right after it, else, for a passive ("the dialogue was suspended"), the last before it."""
    initiatives = [m for m in named if m.isa(FX.Initiative, FX.Agreement)]
    gap = gap_of(cue)
    if gap is not None:
        return next((m for m in initiatives if gap[0] <= m.start and m.end <= gap[1]), None)
    after = [m for m in initiatives if cue.end() <= m.start <= cue.end() + MAX_REACH and not re.search(r"[,;]", text[cue.end():m.start])]
    if after:
        return after[0]
    if PASSIVE.search(text[max(0, cue.start() - 30):cue.start()]):
        before = [m for m in initiatives if m.end <= cue.start()]
        return before[-1] if before else None
    return None
