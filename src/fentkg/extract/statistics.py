"""Statistics: every stated number with its unit, bounds, indicator, period, place and reporter.

Targets "<agency> seized over 22,000 pounds of fentanyl so far in FY2023", "nearly 73% of
overdose deaths", "$3.5 billion", "6 out of 10 pills", "50 to 100 times more potent",
"more than doubling from 2020 to 2021", in body text and in footnotes.
Example: "In FY2031 the Example Border Agency seized more than 9,000 pounds of fentanyl."
The indicator comes from the cue phrases of the indicator scheme in ontology/vocab.ttl; a
sentence that names no period takes the one period of the sentence before it in the same
paragraph ("90,000 people overdosed in 2030. 60,000 of those involved synthetic opioids").
"""
from __future__ import annotations

import bisect
import re

from rdflib import URIRef

from ..corpus import Document
from ..reference import Entry
from ..namespaces import FXD, FXV
from .context import Context
from .indicators import choose_indicator, cue_index, fallback, has_own_cue, phrase_end
from .periods import Mention, choose_period, find_periods, unlinked
from .quantities import Lexicon, Quantity, find_quantities

REPORTER_TYPES = frozenset({"GovernmentAgency", "InternationalOrganization", "Legislature", "Organization"})
AREA_TYPES = frozenset({"Country", "Place"})
UNSPECIFIED = FXD["period-unspecified"]
_ENDS_SENTENCE = re.compile(r"[.!?:\"”’)\]*_]\s*\Z")
_ACCORDING = re.compile(r"\b(?:according to|as reported by|data from)\s+(?:the\s+)?$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:—–().!?]")
# A number after these words measures what the number before it measured, when its own phrase names nothing:
# "27,023 pounds, up from 14,699 pounds", "212 arrests, including 37 nationals", "73% … and around 67% nationwide".
_COMPARED = re.compile(r"\b(?:(?:up|down)\s+from|compared\s+(?:with|to)|versus|vs\.?|including|of\s+whom|and|or|but|while)\s+$")
_NO_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", " " * 10)
_LOCATIVE = re.compile(r"\b(?:in|across|throughout|within|along|inside|at|to|from|into|of)\s+(?:the\s+|all\s+of\s+)?$", re.IGNORECASE)
_OWNED = re.compile(r"['’]s\b|-(?:based|wide)\b|\s+nationwide\b")
# People of an agency named in the sentence before ("CBP announced … Officers seized 4,750 pounds").
_PERSONNEL = re.compile(r"\b(?:officers|agents|officials|investigators|inspectors|personnel|the agency|the department|the bureau)\b",
                        re.IGNORECASE)
_HYPHEN_BASED = re.compile(r"-(?=(?:based|backed|linked|owned|run|made)\b)")


class Statements:
    """The sentences of a document as statements: a sentence cut by a page break goes on in the next
    body sentence, and a sentence's predecessor is the one before it in its paragraph or note."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.paragraph_starts = [p.start for p in doc.paragraphs]
        self.notes = [self._note(s.start) for s in doc.sentences]
        self.marker_ends = [m.end for m in doc.markers]
        self._periods: dict[int, list[Mention]] = {}

    def _note(self, offset: int) -> int | None:
        note = self.doc.footnote_at(offset)
        return note.number if note else None

    def _paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1

    def is_cut(self, i: int) -> bool:
        """True when a body sentence stops mid-way (a page break), footnote markers at its end aside."""
        if self.notes[i] is not None:
            return False
        s = self.doc.sentences[i]
        text = self.doc.text
        end = s.end
        k = bisect.bisect_left(self.marker_ends, end + 1) - 1
        while True:
            while end > s.start and text[end - 1].isspace():
                end -= 1
            marker = self.doc.markers[k] if k >= 0 else None
            if marker is None or marker.start < s.start or marker.end < end:
                break
            end, k = marker.start, k - 1
        return not _ENDS_SENTENCE.search(text, s.start, end) if end > s.start else False

    def continuation(self, i: int) -> int | None:
        """The body sentence that finishes sentence i when a page break cut it."""
        if not self.is_cut(i):
            return None
        for j in range(i + 1, len(self.doc.sentences)):
            s = self.doc.sentences[j]
            if self.notes[j] is None and not self.doc.in_header(s.start):
                return j
        return None

    def previous(self, i: int) -> int | None:
        """The sentence whose period an unstated period follows."""
        if i == 0:
            return None
        cur, prev = self.doc.sentences[i], self.doc.sentences[i - 1]
        if self.notes[i] is not None:
            return i - 1 if self.notes[i - 1] == self.notes[i] else None
        if self._paragraph(cur.start) == self._paragraph(prev.start) and self.notes[i - 1] is None:
            return i - 1
        for j in range(i - 1, -1, -1):  # the first body sentence before: is it cut (so we go on it)?
            if self.notes[j] is None and not self.doc.in_header(self.doc.sentences[j].start):
                return j if self.continuation(j) == i else None
        return None

    def text(self, i: int) -> str:
        """Sentence i and, when cut, the rest of it; numbers keep their offsets from the sentence start."""
        s = self.doc.sentences[i]
        text = self.doc.text[s.start:s.end]
        nxt = self.continuation(i)
        if nxt is not None:
            c = self.doc.sentences[nxt]
            text += " " + self.doc.text[c.start:c.end]
        return text

    def periods(self, i: int) -> list[Mention]:
        if i not in self._periods:
            self._periods[i] = find_periods(self.text(i), self.doc.meta.date)
        return self._periods[i]


def extract(doc: Document, ctx: Context) -> None:
    lexicon = Lexicon(ctx.reference.count_nouns, frozenset(w.lower() for w in ctx.reference.cue_list("not_counted_nouns")))
    anaphora = tuple(a.lower() for a in ctx.reference.cue_list("statistic_anaphora"))
    index = cue_index(ctx.reference.indicators)
    skip = not_prose(doc)
    statements = Statements(doc)
    stated: dict[int, list[tuple[URIRef, URIRef, URIRef]]] = {}  # sentence -> (unit, indicator, period) of its numbers
    for i, sentence in enumerate(doc.sentences):
        if doc.in_header(sentence.start):
            continue
        found = [q for q in find_quantities(doc.text, sentence.start, sentence.end, lexicon)
                 if not any(s < q.end and q.start < e for s, e in skip)]
        if not found:
            continue
        text = statements.text(i)
        lower = text.lower()
        cues = index.occurrences(lower)
        spans = [(q.start - sentence.start, q.end - sentence.start) for q in found]
        # a number's phrase ends where the next number starts
        phrases = [(s, min(phrase_end(lower, e), spans[j + 1][0] if j + 1 < len(spans) else len(lower)))
                   for j, (s, e) in enumerate(spans)]
        previous = statements.previous(i)
        for k, q in enumerate(found):
            start, end = spans[k]
            indicator = choose_indicator(index, cues, lower, start, end, q, tuple(p for j, p in enumerate(phrases) if j != k))
            own = has_own_cue(cues, lower, start, end) or q.noun.lower() in index.concepts
            if k and not own and _COMPARED.search(lower[max(0, start - 20):start]):
                indicator = next((ind for unit, ind, _ in reversed(stated.get(i, [])) if unit == q.unit), indicator)
            if indicator is None and any(a in lower for a in anaphora):
                # "In 2022, that number soared to over $13 billion": what the last figure of this unit measured
                indicator = next((ind for j in (i, previous) for unit, ind, _ in reversed(stated.get(j, []) if j is not None else [])
                                  if unit == q.unit), None)
            indicator = indicator or fallback(q)
            before = stated.get(previous, []) if previous is not None and any(a in lower for a in anaphora) else []
            period = _period(ctx, statements, i, text, spans, k, before)
            stated.setdefault(i, []).append((q.unit, indicator, period))
            extract_statistic(doc, ctx, statements, i, q, indicator, period)


def not_prose(doc: Document) -> list[tuple[int, int]]:
    """Spans whose digits are not statistics: URLs, footnote markers and note numbers."""
    spans = [(m.start, m.end) for m in doc.markers]
    for note in doc.footnotes:
        spans.append((note.start, note.body_start))
        spans.extend((link.start, link.end) for link in note.links)
    return spans


def extract_statistic(doc: Document, ctx: Context, statements: Statements, i: int, q: Quantity,
                      indicator: URIRef, period: URIRef) -> None:
    sentence = doc.sentences[i]
    text = statements.text(i)
    start, end = q.start - sentence.start, q.end - sentence.start
    area, reporter = _area_and_reporter(ctx, text, start, end)
    if reporter is None and _PERSONNEL.search(text[:start]) and (j := statements.previous(i)) is not None:
        reporter = _first_agency(ctx, statements.text(j))  # "… CBP announced … Officers seized 4,750 pounds"
    ctx.observe(
        indicator=indicator,
        value=q.value,
        unit=q.unit,
        evidence=doc.span(q.start, q.end),
        period=period,
        qualifier=FXV[f"qual-{q.qualifier}"],
        lower=q.lower,
        lower_inclusive=q.lower_inclusive,
        upper=q.upper,
        upper_inclusive=q.upper_inclusive,
        area=area,
        reporter=reporter,
        confidence=0.5 if indicator == FXV["ind-other"] else 0.8,
    )


def _period(ctx: Context, statements: Statements, i: int, text: str, spans: list[tuple[int, int]], k: int,
            before: list[tuple[URIRef, URIRef, URIRef]]) -> URIRef:
    """The period the sentence gives number k; else, when the sentence refers back to the one before
    (`before` holds that one's numbers), the period all its numbers share ("90,000 people overdosed
    in 2030. 60,000 of those involved synthetic opioids"); else none."""
    mentions = statements.periods(i)
    start, end = spans[k]
    period = choose_period(mentions, text, start, end, tuple(sp for j, sp in enumerate(spans) if j != k))
    if period is not None:
        for related in next(m for m in mentions if m.period == period).related:
            ctx.period(related)
        return ctx.period(period)
    periods = {p for _, _, p in before}
    if len(periods) == 1 and UNSPECIFIED not in periods:
        return periods.pop()
    return UNSPECIFIED


def _names(ctx: Context, text: str) -> list[tuple[int, int, Entry]]:
    """Curated names in `text`, also before a footnote marker ("Kentucky²") or "-based" ("China-based")."""
    return list(ctx.reference.mentions(_HYPHEN_BASED.sub(" ", text.translate(_NO_SUPERSCRIPTS))))


def _first_agency(ctx: Context, text: str) -> URIRef | None:
    return next((ctx.entry_iri(e) for _, _, e in _names(ctx, text) if e.type in REPORTER_TYPES), None)


def _area_and_reporter(ctx: Context, text: str, start: int, end: int) -> tuple[URIRef | None, URIRef | None]:
    """Place: the nearest place named in the number's clause, else the first in the sentence.
    Reporter: the agency the sentence attributes the figure to ("According to the CDC"), else the
    nearest agency named before the number, else the nearest after it."""
    areas: list[tuple[int, int, URIRef]] = []
    agencies: list[tuple[int, int, URIRef]] = []
    for m_start, m_end, entry in _names(ctx, text):
        if entry.type in AREA_TYPES:
            # a place the figure is about: "in Kentucky", "Mexico's", "China-based"; not the subject of the
            # sentence ("Ruritania will lead this partnership of 40 nations")
            if (_LOCATIVE.search(text[max(0, m_start - 20):m_start]) or _OWNED.match(text, m_end)
                    or end <= m_start < phrase_end(text, end)):  # "eight more PRC chemical companies"
                areas.append((m_start, m_end, ctx.entry_iri(entry)))
        elif entry.type in REPORTER_TYPES:
            agencies.append((m_start, m_end, ctx.entry_iri(entry)))
    area = None
    own = [a for a in areas if not _CLAUSE_BREAK.search(unlinked(text[a[1]:start] if a[1] <= start else text[end:a[0]]))]
    if own:
        area = min(own, key=lambda a: abs(a[0] - start))[2]
    elif areas:
        area = areas[0][2]
    reporter = next((a[2] for a in agencies if _ACCORDING.search(text[max(0, a[0] - 20):a[0]])), None)
    if reporter is None:
        before = [a for a in agencies if a[1] <= start]
        after = [a for a in agencies if a[0] >= end]
        reporter = before[-1][2] if before else (after[0][2] if after else None)
    return area, reporter
