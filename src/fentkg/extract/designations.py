"""Designations: sanctions, terrorist designations, Entity List changes, scheduling, the Majors list.

Targets "<authority> designated|sanctioned|added <target> [to <list>] [under <law>] [on <date>]",
the passive "<targets> were designated under <law> by <authority>", nominal "<authority>'s scheduling
of <substance>", and the asks "urged you to declare <cartels> foreign terrorist organizations",
"should consider designating <X> as FTOs". Each target gets one designation entity, minted from
(authority, target, regime) — never offsets — so the same act told by two documents is one IRI
with two evidences; its attributes are claims: fx:designatedEntity, fx:authority, fx:regime,
fx:legalBasis, fx:effectiveDate / fx:announcedDate / fx:endDate and fx:designationStatus.
A designation that the sentence only urges, recommends or requests gets that status, never "in
force". Regimes, their cue labels, classes and authorities come from ontology/vocab.ttl; verb and
status cues from data/reference/patterns.yml.
Example: "On 2 May 2031 the Example Ministry designated the Rio Oscuro Cartel under the Kingpin Act."
"""
from __future__ import annotations

import logging
import re

from rdflib import URIRef

from ..corpus import Document, Span
from ..namespaces import FXV
from ..vocab import FX
from .concepts import Regime, concepts
from .context import Context, Entity
from .cues import cue_groups, cue_regex, cue_values, gap_of, prose_sentences, trim
from .dates import find_dates, nearest
from .mentions import Mention, recorded_mentions, within
from .targets import SUBSTANCES, authority_before, authority_by, jurisdiction, pick_targets, regions_before

log = logging.getLogger("fentkg.extract.designations")

NOMINAL = re.compile(r"^(?:designations?|sanctions?|scheduling|listing)$", re.IGNORECASE)
PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+){0,2}$")
INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$")
MODAL = re.compile(r"\b(?:would|could|should|will|may|might|must|can)\s+(?:not\s+)?(?:be\s+|have\s+been\s+)?(?:\w+ly\s+){0,2}$")
POSSESSIVE_BEFORE = re.compile(r"['’]s\s+(?:\w+\s+){0,2}$")
# Where the object of an active designation verb ends.
OBJECT_END = re.compile(r"\s(?:to|from|in|into|as|under|for|on|by|because|after|which|who|that|accused|involved|led|while|when)\s|[;:(—]|,\s(?:and|but|which|who)\s")
INCLUDING = re.compile(r",\s+including\s+")
LEGAL_CUE = re.compile(r"\b(?:under|pursuant\s+to|of|through)\s+(?:the\s+)?[*_]*$")
DATE_PROPERTY = {"in-force": FX.effectiveDate, "temporary": FX.effectiveDate, "announced": FX.announcedDate, "revoked": FX.endDate}
SCHEDULING_WORDS = re.compile(r"schedul|control|classif|regulat|treated|place|list|Schedule", re.IGNORECASE)


def extract(doc: Document, ctx: Context) -> None:
    verbs = cue_regex(cue_values(ctx.reference, "designation_verbs"), ignore_case=True)
    mentions = recorded_mentions(ctx)
    sentences = list(prose_sentences(doc))
    for i, sentence in enumerate(sentences):
        taken: list[tuple[int, int]] = []
        for verb in verbs.finditer(doc.text, sentence.start, sentence.end):
            if any(s < verb.end() and verb.start() < e for s, e in taken):
                continue
            taken.append(verb.span())
            following = sentences[i + 1] if i + 1 < len(sentences) else None
            extract_designation(doc, ctx, sentence, verb, mentions, following)


def regime_matches(ctx: Context, start: int, end: int, here: list[Mention]) -> list[tuple[Regime, int, int]]:
    """Every regime whose cue label occurs in text[start:end], with the span of the cue. A cue inside the
    name of another country's law does not count ("controlled substances" in "Controlled Substances Act"
    is no Chinese list)."""
    found = []
    for regime in concepts(ctx.reference).regimes:
        pattern = cue_regex(regime.cues, ignore_case=True)
        for m in pattern.finditer(ctx.doc.text, start, end):
            if any(n.start <= m.start() and m.end() <= n.end and _foreign(ctx, n, regime) for n in here):
                continue
            found.append((regime, m.start(), m.end()))
    return found


def _foreign(ctx: Context, name: Mention, regime: Regime) -> bool:
    if name.isa(*SUBSTANCES) or regime.authority is None:
        return False
    mine, theirs = jurisdiction(ctx.reference, name.iri), jurisdiction(ctx.reference, regime.authority)
    return bool(mine and theirs and mine != theirs)


def extract_designation(doc: Document, ctx: Context, sentence: Span, verb: re.Match[str], mentions: list[Mention], following: Span | None) -> None:
    """The designations one cue of a sentence speaks of: one per target."""
    text = doc.text
    here = within(mentions, sentence.start, sentence.end)
    gap = gap_of(verb)
    first_word = verb.group().split()[0]
    before = text[sentence.start:verb.start()]
    passive = gap is None and bool(PASSIVE.search(before[-40:]))
    family = _family(text[verb.start():min(sentence.end, verb.end() + 40)])  # "added … to its fentanyl scheduling"
    if gap is not None:
        targets = pick_targets(text, within(here, *gap), gap[0], gap[1], mentions, family)
    elif passive:
        targets = []
        for start in regions_before(text, sentence.start, verb.start()):
            targets = pick_targets(text, within(here, start, verb.start()), start, verb.start(), mentions, family)
            if targets:
                break
    else:
        obj_start = verb.end()
        if NOMINAL.match(first_word):
            lead = re.match(r"\s+(?:of|against|on)\s+", text[obj_start:sentence.end])
            if lead is None:
                return  # "the scheduling order", "sanctions to deter": no object named
            obj_start += lead.end()
        end_match = OBJECT_END.search(text, obj_start, sentence.end)
        obj_end = end_match.start() if end_match else sentence.end
        targets = pick_targets(text, within(here, obj_start, obj_end), obj_start, obj_end, mentions, family)
        including = INCLUDING.search(text, obj_end, sentence.end)
        if not targets and including:  # "designated 11 individuals …, including Example Co., Ltd., which …"
            stop = OBJECT_END.search(text, including.end(), sentence.end)
            last = stop.start() if stop else sentence.end
            targets = pick_targets(text, within(here, including.end(), last), including.end(), last, mentions, family)
    if not targets:
        return
    target_iris = {t.iri for t in targets}
    authority = None
    if passive:
        authority = authority_by(text, here, verb.end(), sentence.end)
    if authority is None:
        authority = authority_before(text, [m for m in here if m.iri not in target_iris], sentence.start, verb.start())
    status = status_of(ctx, text, sentence.start, verb, passive)
    regimes = regime_matches(ctx, sentence.start, sentence.end, here)
    dates = find_dates(text, sentence.start, sentence.end, ctx.doc.meta.date)
    legal = legal_basis(doc, ctx, here, sentence, following, mentions, regimes)
    evidence = doc.span(*trim(doc, sentence.start, sentence.end))
    for target in targets:
        regime = choose_regime(ctx, regimes, verb, target, authority)
        cls = regime.cls if regime else _class_for(family, target, authority, ctx)
        stated = authority.iri if authority else None
        acting = stated or (regime.authority if regime else None)
        if acting is None:
            log.debug("%s@%d: designation of %s without authority or regime; skipped", doc.id, verb.start(), target.label)
            continue
        key = regime.authority if regime and regime.authority else acting
        iri = ctx.make_iri("desig", key, target.iri, regime.iri if regime else cls)
        label = f"{regime.label if regime else str(cls).rsplit('#', 1)[-1]}: {target.label}"
        ctx.declare(Entity(iri, (cls,), label))
        confidence = 0.8 if stated else 0.6
        ctx.emit(iri, FX.designatedEntity, target.iri, evidence=evidence, confidence=confidence)
        ctx.emit(iri, FX.authority, acting, evidence=evidence, confidence=confidence)
        ctx.emit(iri, FX.designationStatus, FXV[f"status-{status}"], evidence=evidence, confidence=0.7)
        if regime is not None:
            ctx.emit(iri, FX.regime, regime.iri, evidence=evidence, confidence=0.7)
        for instrument, ev in legal:
            ctx.emit(iri, FX.legalBasis, instrument, evidence=doc.span(*trim(doc, ev.start, ev.end)), confidence=0.7)
        when = nearest(dates, verb.start(), verb.end(), prefer_after=True)
        if when is not None and status in DATE_PROPERTY:
            ctx.emit(iri, DATE_PROPERTY[status], when.value, evidence=evidence, confidence=0.6)


def _family(cue: str) -> str:
    """What kind of act a cue names: an Entity List change, scheduling, a sanction or a designation."""
    if re.search(r"entity list", cue, re.IGNORECASE):
        return "entity"
    if SCHEDULING_WORDS.search(cue):
        return "schedule"
    if re.search(r"sanction", cue, re.IGNORECASE):
        return "sanction"
    return "designate"


def _class_for(family: str, target: Mention, authority: Mention | None, ctx: Context) -> URIRef:
    """The class of a designation whose regime the sentence does not name: from the cue, the target, or
    what the authority usually designates under (OFAC: sanctions) according to the vocabulary."""
    if family == "entity":
        return FX.EntityListing
    if target.isa(*SUBSTANCES):
        return FX.ScheduleControl
    if family == "sanction":
        return FX.Sanction
    if authority is not None:
        classes = [r.cls for r in concepts(ctx.reference).regimes if r.authority == authority.iri and r.cls != FX.ScheduleControl]
        if classes:
            return max(set(classes), key=classes.count)
    return FX.Designation


def choose_regime(ctx: Context, regimes: list[tuple[Regime, int, int]], verb: re.Match[str], target: Mention, authority: Mention | None) -> Regime | None:
    """The regime a designation is made under: of the authority's jurisdiction, fitting the target, longest cue."""
    fitting = []
    anchor = authority.iri if authority is not None else _anchor(ctx, regimes, target)
    for regime, start, end in regimes:
        if start < target.end and target.start < end and not target.isa(*SUBSTANCES):
            continue  # the target's own name is no regime cue
        if anchor is not None and regime.authority is not None:
            mine, theirs = jurisdiction(ctx.reference, anchor), jurisdiction(ctx.reference, regime.authority)
            if mine and theirs and mine != theirs:
                continue  # China's list is not the U.S. schedule
        substance = target.isa(*SUBSTANCES)
        if (regime.cls == FX.ScheduleControl) != substance:
            continue
        if regime.cls == FX.MajorsListing and not target.isa(FX.Country):
            continue
        fitting.append((end - start, -abs(start - verb.start()), regime))
    return max(fitting, key=lambda f: (f[0], f[1]))[2] if fitting else None


def _anchor(ctx: Context, regimes: list[tuple[Regime, int, int]], target: Mention) -> URIRef | None:
    """Without a stated authority, the authority of a regime named apart from the target's own name
    tells the jurisdiction ("list every nitazene under Schedule 1": the U.S.)."""
    apart = [r for r, start, end in regimes if not (start < target.end and target.start < end) and r.authority]
    return apart[0].authority if apart else None


def status_of(ctx: Context, text: str, sentence_start: int, verb: re.Match[str], passive: bool) -> str:
    """How the sentence presents the act: in force, or only urged, recommended, requested, announced …"""
    groups = cue_groups(ctx.reference, "designation_status_cues")
    before = text[sentence_start:verb.start()]
    if cue_regex(groups.get("revoked", []), ignore_case=True).search(verb.group()):
        return "revoked"
    if cue_regex(groups.get("temporary", []), ignore_case=True).search(before[-60:]):
        return "temporary"
    first = verb.group().split()[0]
    tail = before[-60:]
    realised = cue_values(ctx.reference, "designation_status_cues", "realised")
    if any(re.search(rf"\b{re.escape(r)}\s+(?:\w+ly\s+)?$", tail) for r in realised):
        return "in-force"  # "decided to add", "moved to regulate": the act was done
    hypothetical = bool(INFINITIVE.search(tail) or MODAL.search(tail) or (first.lower().endswith("ing") and not passive)
                        or NOMINAL.match(first))
    if not hypothetical:
        announced = cue_regex(groups.get("announced", []), ignore_case=True).search(tail)
        return "announced" if announced else "in-force"
    asks = []
    for group in ("urged", "recommended", "requested", "announced", "proposed"):
        for m in cue_regex(groups.get(group, []), ignore_case=True).finditer(before):
            asks.append((m.end(), group))
    if asks:
        return max(asks)[1]  # the cue nearest the verb governs it
    if NOMINAL.match(first) and POSSESSIVE_BEFORE.search(tail + " "):
        return "in-force"  # "China's scheduling of fentanyl-related substances"
    return "recommended"


def legal_basis(doc: Document, ctx: Context, here: list[Mention], sentence: Span, following: Span | None,
                mentions: list[Mention], regimes: list[tuple[Regime, int, int]]) -> list[tuple[URIRef, Span]]:
    """Laws the act is made under: "under/pursuant to/of <law>" in the sentence, or "do so under <law>" next."""
    found = []
    for m in here:
        if m.isa(FX.LegalInstrument) and LEGAL_CUE.search(doc.text[max(sentence.start, m.start - 30):m.start]):
            found.append((m.iri, sentence))
    if not found and following is not None:
        anaphora = cue_regex(cue_values(ctx.reference, "designation_status_cues", "legal_basis_anaphora"), ignore_case=True)
        cue = anaphora.search(doc.text, following.start, following.end)
        if cue:
            for m in within(mentions, cue.end(), following.end):
                if m.isa(FX.LegalInstrument):
                    found.append((m.iri, following))
                    break
    return list({iri: (iri, span) for iri, span in found}.values())

