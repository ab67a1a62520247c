"""Indicators: what a stated number measures, from the cue phrases of the indicator scheme.

The cues are the labels and hidden labels of the concepts of `fxv:indicators` in
ontology/vocab.ttl, and each concept's `fx:expectedUnit` limits the numbers it can measure.
A cue counts more the longer it is and the closer it stands to the number; a cue inside the
number's own phrase ("200 deaths each day") counts most, and so does the counted noun itself.
Example: in "fatal overdoses from synthetic opioids took 41,000 lives last year",
"overdoses from synthetic opioids" makes 41,000 a count of synthetic-opioid deaths.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from ..namespaces import FXV, UNIT
from .quantities import Quantity

OTHER = FXV["ind-other"]
COUNT = FXV["ind-count"]
PHRASE_CHARS = 50  # how far the number's own phrase reaches, at most
NEAR_CHARS = 60  # cues closer than this count more the closer they are
_PHRASE_END = re.compile(r"[,;:.()—–\[\]]|\s-\s")
_WORD_START = re.compile(r"(?<![\w-])\w")


@dataclass
class CueIndex:
    """All cue phrases of the indicator scheme, matchable at once."""

    concepts: dict[str, list[tuple[URIRef, frozenset[URIRef]]]] = field(default_factory=dict)
    cues_of: dict[URIRef, frozenset[str]] = field(default_factory=dict)
    pattern: re.Pattern[str] = re.compile(r"(?!)")

    @classmethod
    def build(cls, indicators: list[tuple[URIRef, frozenset[str], frozenset[URIRef]]]) -> "CueIndex":
        concepts: dict[str, list[tuple[URIRef, frozenset[URIRef]]]] = defaultdict(list)
        for concept, cues, units in indicators:
            for cue in cues:
                concepts[cue].append((concept, units))
        alternation = "|".join(re.escape(c) for c in sorted(concepts, key=len, reverse=True))
        pattern = re.compile(rf"(?:{alternation})(?![\w-])" if concepts else r"(?!)")
        return cls(dict(concepts), {c: cues for c, cues, _ in indicators}, pattern)

    def occurrences(self, text: str) -> list[tuple[int, int, str]]:
        """Cue occurrences in lower-cased `text`: the longest cue at each word start, none inside another."""
        found: list[tuple[int, int, str]] = []
        for w in _WORD_START.finditer(text):
            m = self.pattern.match(text, w.start())
            if m:
                found.append((m.start(), m.end(), m.group()))
        return [o for o in found if not any(p[0] <= o[0] and o[1] <= p[1] and p != o for p in found)]


_INDEXES: dict[int, tuple[object, CueIndex]] = {}


def cue_index(indicators: list[tuple[URIRef, frozenset[str], frozenset[URIRef]]]) -> CueIndex:
    """The index of a Reference's indicator list, built once per list."""
    cached = _INDEXES.get(id(indicators))
    if cached is None or cached[0] is not indicators:
        cached = (indicators, CueIndex.build(indicators))
        _INDEXES[id(indicators)] = cached
    return cached[1]


Occurrence = tuple[int, int, str]


def phrase_end(text: str, end: int) -> int:
    """Where the phrase of a number ending at `end` stops: at a clause break, or PHRASE_CHARS on."""
    brk = _PHRASE_END.search(text, end, end + PHRASE_CHARS)
    return brk.start() if brk else min(len(text), end + PHRASE_CHARS)


def score_indicators(index: CueIndex, cues: list[Occurrence], text: str, start: int, end: int, q: Quantity,
                     others: tuple[tuple[int, int], ...] = ()) -> dict[URIRef, float]:
    """Score of each indicator for the number at text[start:end], given the cue occurrences of `text`.

    `others` are the phrases (start, end) of the sentence's other numbers: a cue inside one of them
    says what that number measures ("five individuals and two entities": "entities" is the two's).
    """
    own_end = phrase_end(text, end)
    scores: dict[URIRef, float] = defaultdict(float)
    for c_start, c_end, cue in cues:
        if start <= c_start and c_end <= end:
            continue  # the number's own words ("out of 10") do not say what it measures
        if any(o_start <= c_start < o_end for o_start, o_end in others):
            continue
        words = len(cue.split())
        if (c_start < end and start < c_end) or end <= c_start < own_end:
            weight = 4.0  # in the number's own phrase ("kilograms of fentanyl", "200 deaths each day")
        else:
            distance = c_start - end if c_start >= end else start - c_end
            weight = 1.0 + 2.0 * max(0.0, 1.0 - distance / NEAR_CHARS)
        for concept, units in index.concepts[cue]:
            if not units or q.unit in units:
                scores[concept] += words * weight
    if q.noun:
        for concept, concept_cues in index.cues_of.items():
            if q.noun.lower() in concept_cues and concept in scores:
                scores[concept] += 6.0
    return scores


def has_own_cue(cues: list[Occurrence], text: str, start: int, end: int) -> bool:
    """True when a cue stands in the number's own phrase ("26 China-based companies")."""
    own_end = phrase_end(text, end)
    return any((c_start < end and start < c_end and not (start <= c_start and c_end <= end)) or end <= c_start < own_end
               for c_start, c_end, _ in cues)


def choose_indicator(index: CueIndex, cues: list[Occurrence], text: str, start: int, end: int, q: Quantity,
                     others: tuple[tuple[int, int], ...] = ()) -> URIRef | None:
    """The best-scoring indicator, or None when no cue speaks for any (the caller decides then)."""
    scores = score_indicators(index, cues, text, start, end, q, others)
    if not scores:
        return None
    return max(sorted(scores), key=lambda c: scores[c])


def fallback(q: Quantity) -> URIRef:
    """The indicator of a number no cue explains: a generic count, or 'other'."""
    return COUNT if q.unit == UNIT.NUM else OTHER
