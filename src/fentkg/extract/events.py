"""Events: meetings, visits, arrests, extraditions, indictments, launches, hearings, suspensions …

A cue of patterns.yml (`event_verbs`; the group is the event type, whose class comes from
ontology/vocab.ttl) starts a candidate in a sentence. Its window runs to the neighbouring cues;
the window gives the date (resolved against the document's date: "On November 17, 2023", "In June",
"last month"), the participants (actors; "you" is the addressee, "I" the author), the place ("in San
Francisco", "to Beijing") and, for launches, the initiative launched. A cue is an event when the
sentence dates it or names who takes part; a definite noun ("the meeting", "this visit") refers back
to an event already told, and a sentence opening "The two leaders …" continues the previous event.
Event IRIs are minted from type, date and participants, so one event told twice is one entity.
Example: "On March 3, 2031, the Example Minister met with Foreign Minister Jo Sample in Springfield."
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef

from ..corpus import Document, Span
from ..vocab import FX
from .concepts import concepts
from .context import Context, Entity
from .cues import cue_groups, cue_regex, prose_sentences, trim
from .dates import find_dates
from .mentions import Mention, recorded_mentions, within
from .parties import addressee, authors

ACTORS = (FX.Person, FX.Country, FX.GovernmentAgency, FX.Legislature, FX.InternationalOrganization,
          FX.CriminalOrganization, FX.Company, FX.Organization)
PLACES = (FX.Place, FX.Country)
DETERMINER = re.compile(r"(?:\b(?P<det>a|an|the|this|that|these|those|The|This|That|These|Those|A|An)|(?P<poss>\b(?:your|his|her|their|its|our|my|Your|His|Her|Their|Its|Our|My)|['’]s))\s+(?:\w+[- ]){0,2}?$")
COORDINATED_NOUN = re.compile(r"\b(?:the|this|that|these|those|The|This|That|These|Those)\s+[a-z]\w+\s+and\s+$")
PLACE_CUE = re.compile(r"\b(?:in|to|at)\s+(?:the\s+)?$")
SECOND_PERSON = re.compile(r"\b(?:you|your|You|Your)\b")
FIRST_PERSON = re.compile(r"\b(?:I|my|we|our|We|Our|My)\b")
DIPLOMATIC = frozenset({"meeting", "visit", "hearing", "launch", "agreement", "suspension", "resumption"})
OBJECT_GROUPS = frozenset({"arrest", "extradition", "indictment", "release", "prosecution"})
MODAL = re.compile(r"\b(?:should|must|could|would|might|may)\b")
PLURAL = re.compile(r"\w+(?:ions|ments|ings|ests|ures|s)")
STOP = re.compile(r"[,:]\s*[“\"]|;|\bthat\b|,\s+which\b")  # reported speech and relative clauses
VERBAL = re.compile(r".*ed|met|meet|spoke with|testify|resume|visiting|stall|captured|arrested")
REACH = 900  # characters back to the event an anaphoric sentence continues


@dataclass
class Told:
    """An event as one sentence tells it."""

    group: str
    date: Literal | None
    participants: dict[URIRef, Mention | None]
    agent: URIRef | None
    targets: list[URIRef]
    places: list[URIRef]
    end: int


def extract(doc: Document, ctx: Context) -> None:
    qualifiers: dict[str, Any] = ctx.reference.patterns.get("event_qualifiers", {}) or {}
    skip_groups = set(qualifiers.get("not_events", []))
    groups = {g: c for g, c in cue_groups(ctx.reference, "event_verbs").items() if g not in skip_groups}
    openers = tuple(qualifiers.get("anaphoric_openers", []))
    needs_person = set(qualifiers.get("needs_person", []))
    mentions = recorded_mentions(ctx)
    previous: Told | None = None
    for sentence in prose_sentences(doc):
        text = doc.text[sentence.start:sentence.end].strip()
        inherits = previous if previous and text.startswith(openers) and sentence.start - previous.end < REACH else None
        told = extract_sentence(doc, ctx, sentence, groups, needs_person, mentions, inherits)
        if told:
            previous = told[-1]


def extract_sentence(doc: Document, ctx: Context, sentence: Span, groups: dict[str, list[str]], needs_person: set[str],
                     mentions: list[Mention], inherits: Told | None) -> list[Told]:
    text = doc.text
    objects = {g: [str(w) for w in ws] for g, ws in (ctx.reference.patterns.get("event_qualifiers", {}) or {}).get("objects", {}).items()}
    cues = []
    dated = find_dates(text, sentence.start, sentence.end, ctx.doc.meta.date)
    for group, words in groups.items():
        found = [m for m in cue_regex(words).finditer(text, sentence.start, sentence.end) if not _anaphoric(text, sentence.start, m)]
        for i, m in enumerate(found):
            # a second cue of the same kind is another event only when a date of its own follows it
            if i == 0 or any(m.end() <= d.start <= m.end() + 40 and not d.ranged for d in dated):
                cues.append((m.start(), m.end(), group))
    cues.sort()
    here = within(mentions, sentence.start, sentence.end)
    owned = own_dates(find_dates(text, sentence.start, sentence.end, ctx.doc.meta.date), cues)
    evidence = doc.span(*trim(doc, sentence.start, sentence.end))
    told = []
    for i, (start, end, group) in enumerate(cues):
        lo = cues[i - 1][1] if i else sentence.start
        hi = cues[i + 1][0] if i + 1 < len(cues) else sentence.end
        if MODAL.search(text[lo:hi]) or (group in objects and not _has_object(text, start, end, objects[group])):
            continue  # an ask or a possibility is no event; "cut off the flow" suspends no cooperation
        if PLURAL.fullmatch(text[start:end]) and not owned.get(start) and not DETERMINER.search(text[max(lo, start - 30):start]):
            continue  # "examples of arrests, extraditions": no particular event
        event = read_event(ctx, text, group, start, end, lo, hi, here, owned.get(start), sentence)
        if inherits is not None and event.date is None:
            event.date = inherits.date
            event.participants = dict(inherits.participants)
        if group in needs_person and not any(m is not None and m.isa(FX.Person, FX.Company) for m in event.participants.values()):
            continue  # "released a proposal": no one was released
        if event.date is None and not event.participants:
            continue  # a cue alone is not an event
        emit_event(doc, ctx, event, evidence)
        told.append(event)
    return told


def _anaphoric(text: str, sentence_start: int, cue: re.Match[str]) -> bool:
    """A definite noun ("the meeting", "the capture and extradition of …") refers back to a told event,
    unless a complement introduces it ("the launch of a strike force")."""
    if VERBAL.fullmatch(cue.group()):
        return False  # a verb tells an event; only nouns refer back
    before = text[max(sentence_start, cue.start() - 40):cue.start()]
    det = DETERMINER.search(before)
    if COORDINATED_NOUN.search(before):
        return True
    definite = det is not None and det["det"] is not None and det["det"].lower() not in ("a", "an")
    return definite and not re.match(r"\s+(?:\w+\s+)?(?:of|between)\s", text[cue.end():cue.end() + 20])


def own_dates(dates: list[Any], cues: list[tuple[int, int, str]]) -> dict[int, Literal]:
    """Which cue each date belongs to: the last cue before it ("arrested … in January 2023 … extradited
    … in September 2023"), or the first cue when the sentence opens with the date ("On May 2, …, met")."""
    owned: dict[int, Literal] = {}
    opening = None
    for d in dates:
        if d.ranged or not cues:
            continue
        adjacent = [c for c in cues if 0 <= c[0] - d.end <= 3]  # "the November 2023 meeting"
        before = adjacent or [c for c in cues if c[1] <= d.start]
        if before:
            owned.setdefault(before[-1][0], d.value)
        elif opening is None:
            opening = d.value
    if opening is not None:  # "Late last month, DOJ announced the arrests … and indictments …": all of them
        for c in cues:
            owned.setdefault(c[0], opening)
    return owned


def _has_object(text: str, start: int, end: int, words: list[str]) -> bool:
    near = text[max(0, start - 60):end + 60].lower()
    return any(re.search(rf"\b{re.escape(w.lower())}\b", near) for w in words)


def read_event(ctx: Context, text: str, group: str, start: int, end: int, lo: int, hi: int,
               here: list[Mention], when: Literal | None, sentence: Span) -> Told:
    """Participants, agent, targets and places of one cue, from its window lo:hi: the subject before
    the cue (with those coordinated with it), everyone named after it up to a quotation."""
    stop = STOP.search(text, end, hi)
    hi = stop.start() if stop else hi
    participants: dict[URIRef, Mention | None] = {}
    places: list[URIRef] = []
    agent = None
    targets: list[URIRef] = []
    subjects = _subjects(text, [m for m in here if lo <= m.start and m.end <= start and not (group in DIPLOMATIC and m.isa(FX.CriminalOrganization))], start)
    for m in subjects + [m for m in here if end <= m.start and m.end <= hi]:
        if m.isa(*PLACES) and PLACE_CUE.search(text[max(lo, m.start - 12):m.start]):
            places.append(m.iri)
            continue
        if re.match(r"\s*[-–]|-based", text[m.end:m.end + 7]) or not m.isa(*ACTORS):
            continue
        if re.match(r"['’]s\b", text[m.end:m.end + 3]) and not re.fullmatch(r"['’]s\s+(?:\w+\s+)?", text[m.end:start]):
            continue  # "El Chapo's mother": the possessor is not the one who met; "Pelosi's visit" is hers
        participants.setdefault(m.iri, m)
        if m.end <= start:
            agent = m.iri
        elif group in OBJECT_GROUPS and m.isa(FX.Person, FX.Company, FX.CriminalOrganization):
            targets.append(m.iri)
    before = text[lo:start]
    if SECOND_PERSON.search(text[max(lo, start - 30):min(hi, end + 30)]):
        for person in addressee(ctx):
            participants.setdefault(person, None)
    if FIRST_PERSON.search(before[-40:]) or (FIRST_PERSON.search(text[end:min(hi, end + 30)]) and group == "meeting"):
        for person in authors(ctx):
            participants.setdefault(person, None)
    if group in OBJECT_GROUPS and not any(m is not None and m.isa(FX.Person) for m in participants.values()):
        for m in here:  # "arrested X … and eventually extradited to Chicago": the same X
            if m.isa(FX.Person) and not re.match(r"['’]s\b", text[m.end:m.end + 3]):
                participants.setdefault(m.iri, m)
                targets.append(m.iri)
    if group == "launch":
        launched = [m for m in within(here, end, sentence.end) if m.isa(FX.Initiative, FX.Agreement)]
        targets.extend(m.iri for m in launched[:1])
    return Told(group, when, participants, agent, targets, places, sentence.end)


def _subjects(text: str, before: list[Mention], start: int) -> list[Mention]:
    """The actor right before a cue and those coordinated with it ("President Biden and President Xi met")."""
    actors = [m for m in before if m.isa(*ACTORS, *PLACES)]
    if not actors:
        return []
    chosen = [actors[-1]]
    for m in reversed(actors[:-1]):
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", text[m.end:chosen[0].start]):
            chosen.insert(0, m)
        else:
            break
    return chosen


def emit_event(doc: Document, ctx: Context, event: Told, evidence: Any) -> URIRef:
    kind = concepts(ctx.reference).event_types.get(event.group)
    cls = kind.cls if kind else FX.Event
    people = sorted(str(p) for p in event.participants)
    iri = ctx.make_iri("event", event.group, event.date or "", *people)
    names = [ctx.entities[p].label for p in event.participants if p in ctx.entities][:4]
    label = f"{kind.label if kind else event.group}{' ' + str(event.date) if event.date else ''}: {', '.join(names) or 'unnamed parties'}"
    ctx.declare(Entity(iri, (cls,), label))
    if kind is not None:
        ctx.emit(iri, FX.eventType, kind.iri, evidence=evidence, confidence=0.7)
    if event.date is not None:
        ctx.emit(iri, FX.date, event.date, evidence=evidence, confidence=0.7)
    for person in event.participants:
        ctx.emit(iri, FX.participant, person, evidence=evidence, confidence=0.6)
    if event.agent is not None:
        ctx.emit(iri, FX.agent, event.agent, evidence=evidence, confidence=0.5)
    for target in dict.fromkeys(event.targets):
        ctx.emit(iri, FX.target, target, evidence=evidence, confidence=0.6)
    for place in dict.fromkeys(event.places):
        ctx.emit(iri, FX.location, place, evidence=evidence, confidence=0.6)
    return iri
