"""Relations: what the documents say actors do to each other along the supply chain.

A cue of patterns.yml (`relation_cues`; the group is the relation) relates the actor before it
(with those coordinated with it) to the actor or substance after it: "Ruritania … supplying the
Example Cartel with the ingredients" (fx:suppliesPrecursorsTo), "cartels … traffic it into Sampleland"
(fx:trafficsInto), "cartels manufacture fentanyl" (fx:traffics), "precursor chemicals
sourced mainly from China" (fx:sourcesPrecursorsFrom), "China and Mexican cartels work in tandem"
(fx:cooperatesWith), "Examplestan suspended counternarcotics cooperation with Mexico"
(fx:suspendedCooperationWith). Each relation is a triple claim on the clause that states it.
Example: "The Valle Cartel buys precursors from Sample Chemical Co., Ltd. and traffics them into Canada."
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from ..corpus import Document, Span
from ..vocab import FX
from .context import Context
from .cues import cue_groups, cue_regex, gap_of, prose_sentences, trim
from .mentions import Mention, recorded_mentions, within
from .targets import SUBSTANCES

TRADERS = (FX.CriminalOrganization, FX.Company, FX.Country, FX.Person, FX.Organization)
STATES = (FX.Country, FX.GovernmentAgency, FX.InternationalOrganization)
PLACES = (FX.Country, FX.Place)
PARTNERS = (FX.Country, FX.GovernmentAgency, FX.CriminalOrganization, FX.Company, FX.InternationalOrganization)


@dataclass(frozen=True, slots=True)
class Relation:
    """How a cue group becomes a triple: the property, what may stand on each side, and which side comes first."""

    prop: URIRef
    subjects: tuple[URIRef, ...]
    objects: tuple[URIRef, ...]
    reverse: bool = False  # the source follows the cue ("enters Mexico from China")
    from_to: bool = False  # the gap holds the source, the destination follows ("fentanyl from Mexico to the U.S.")
    passive: bool = False  # the doer follows the cue, the thing precedes it ("fentanyl supplied by cartels")


RELATIONS = {
    "supplies_precursors_to": Relation(FX.suppliesPrecursorsTo, TRADERS, TRADERS),
    "sourced_from": Relation(FX.sourcesPrecursorsFrom, (FX.CriminalOrganization, FX.Company), (FX.Country, FX.Company, FX.Place, FX.CriminalOrganization)),
    "source_of": Relation(FX.traffics, TRADERS, SUBSTANCES),
    "traffics_into": Relation(FX.trafficsInto, TRADERS, PLACES),
    "enters_from": Relation(FX.trafficsInto, PLACES, PLACES, reverse=True),
    "moves_from_to": Relation(FX.trafficsInto, PLACES, PLACES, from_to=True),
    "supplied_by": Relation(FX.traffics, (FX.CriminalOrganization, FX.Company, FX.Country), SUBSTANCES, passive=True),
    "manufactures": Relation(FX.traffics, (FX.CriminalOrganization, FX.Company, FX.Country), SUBSTANCES),
    "launders": Relation(FX.launderedMoneyFor, (FX.CriminalOrganization, FX.Company, FX.Person), (FX.CriminalOrganization, FX.Company, FX.Person)),
    "cooperates_with": Relation(FX.cooperatesWith, PARTNERS, PARTNERS),
    "suspended_cooperation_with": Relation(FX.suspendedCooperationWith, STATES, STATES),
}
SYMMETRIC = frozenset({FX.cooperatesWith})
COORDINATION = re.compile(r"\s*(?:,|and|or|,\s*and)\s*(?:the\s+|its\s+)?(?:\w+\s+){0,1}?")
SUBJECT_COORDINATION = re.compile(r"[\s*_]*(?:and|or)[\s*_]*(?:the\s+)?")  # not "," or ", and": those join clauses
# "… the United States, companies shifted …": a comma and a new subject end the clause of an actor.
CLAUSE_AFTER = re.compile(r",\s+(?:the|a|an|this|that|these|those|its|their|our|his|her|companies)\b")  # "who" refers back
NEGATION = re.compile(r"\b(?:not|never|no longer)\s+(?:\w+\s+)?$")
CLAUSE_START = re.compile(r"[;(—]|,\s+(?:while|but|and\s+then)\s|(?<=[a-z]{2})\.\s+(?=[A-Z])")  # not "U.S. has"
REACH = 40  # characters between a cue and its object
MODIFIER_AFTER = re.compile(r"\s*[-–]|-based|['’]s\b")


def extract(doc: Document, ctx: Context) -> None:
    mentions = recorded_mentions(ctx)
    groups = {g: cue_regex(c, ignore_case=True) for g, c in cue_groups(ctx.reference, "relation_cues").items() if g in RELATIONS}
    for sentence in prose_sentences(doc):
        here = [m for m in within(mentions, sentence.start, sentence.end) if not MODIFIER_AFTER.match(doc.text[m.end:m.end + 7])]
        objects_taken: set[tuple[int, int]] = set()
        cues = sorted(((cue, group) for group, pattern in groups.items()
                       for cue in pattern.finditer(doc.text, sentence.start, sentence.end)), key=lambda c: c[0].start())
        for cue, group in cues:  # in text order: an object of an earlier cue is no subject of a later one
            if NEGATION.search(doc.text[max(sentence.start, cue.start() - 16):cue.start()]):
                continue  # "we do not produce fentanyl"
            extract_relation(doc, ctx, sentence, cue, RELATIONS[group], here, objects_taken)


def extract_relation(doc: Document, ctx: Context, sentence: Span, cue: re.Match[str], rel: Relation,
                     here: list[Mention], objects_taken: set[tuple[int, int]]) -> None:
    text = doc.text
    gap = gap_of(cue)
    if rel.from_to:
        inside = [m for m in here if gap and gap[0] <= m.start and m.end <= gap[1]]
        moved = any(m.isa(*SUBSTANCES) and 0 <= cue.start() - m.end <= 60 for m in here)
        if not moved or len(inside) != 1 or not inside[0].isa(*rel.subjects) or gap is None \
                or text[gap[0]:gap[1]].strip() not in (text[inside[0].start:inside[0].end], "the " + text[inside[0].start:inside[0].end]):
            return  # only "<drug> from <country> to <country>", never "from 2008 to 2021" or firearms
        subjects, objects = inside, _after(text, here, cue.end(), sentence.end, rel.objects)
    elif rel.passive:
        subjects = _after(text, here, cue.end(), sentence.end, rel.subjects)
        things = [m for m in here if m.end <= cue.start() and cue.start() - m.end <= 30 and m.isa(*rel.objects)]
        objects = things[-1:]
    elif rel.reverse:
        destination = [m for m in here if gap and gap[0] <= m.start and m.end <= gap[1] and m.isa(*rel.objects)]
        sources = _after(text, here, cue.end(), sentence.end, rel.subjects)
        subjects, objects = sources, destination
        moving = [m for m in here if m.end <= cue.start() and cue.start() - m.end <= 3 and m.isa(*SUBSTANCES)]
        if moving and moving[-1].isa(FX.Precursor) or (moving and "precursor" in moving[-1].label):
            rel = RELATIONS["supplies_precursors_to"]  # "chemical precursors entering Mexico from China"
    else:
        inside = [m for m in here if gap and gap[0] <= m.start and m.end <= gap[1] and m.isa(*rel.objects)]
        # after a gapped cue ("sold … to") the object follows at once: "to the network, including X" is no sale to X
        objects = inside or _after(text, here, cue.end(), sentence.end, rel.objects, reach=12 if gap else REACH)
        subjects = _before(text, [m for m in here if (m.start, m.end) not in objects_taken], sentence.start, cue.start(), rel.subjects)
        if not objects and rel.prop in SYMMETRIC and len(subjects) >= 2:  # "China and Mexican cartels work in tandem"
            subjects, objects = subjects[:1], subjects[1:]
    if not subjects or not objects:
        return
    start = min(m.start for m in (*subjects, *objects, ))
    end = max(m.end for m in (*subjects, *objects))
    evidence = doc.span(*trim(doc, min(start, cue.start()), max(end, cue.end())))
    for s in subjects:
        for o in objects:
            if s.iri != o.iri:
                ctx.emit(s.iri, rel.prop, o.iri, evidence=evidence, confidence=0.6)
    objects_taken.update((m.start, m.end) for m in objects)


def _before(text: str, here: list[Mention], start: int, offset: int, classes: tuple[URIRef, ...]) -> list[Mention]:
    """The actor nearest before the cue in its clause, and those coordinated with it."""
    clause = start
    for boundary in CLAUSE_START.finditer(text, start, offset):
        clause = boundary.end()
    fitting = [m for m in here if clause <= m.start and m.end <= offset and m.isa(*classes)]
    if not fitting or CLAUSE_AFTER.search(text[fitting[-1].end:offset]):
        return []
    chosen = [fitting[-1]]
    for m in reversed(fitting[:-1]):
        if SUBJECT_COORDINATION.fullmatch(text[m.end:chosen[0].start]):
            chosen.insert(0, m)
        else:
            break
    return chosen


def _after(text: str, here: list[Mention], offset: int, end: int, classes: tuple[URIRef, ...], reach: int = REACH) -> list[Mention]:
    """The first fitting entity after the cue (within a short reach), and those coordinated with it."""
    fitting = [m for m in here if offset <= m.start and m.end <= end and m.isa(*classes)]
    if not fitting or fitting[0].start - offset > reach or re.search(r"[;:]|\.\s|\sto\s", text[offset:fitting[0].start]):
        return []  # "working with shippers to get data to CBP": CBP is no partner
    chosen = [fitting[0]]
    for m in fitting[1:]:
        if COORDINATION.fullmatch(text[chosen[-1].end:m.start]):
            chosen.append(m)
        else:
            break
    return chosen
