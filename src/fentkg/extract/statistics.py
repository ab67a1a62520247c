"""Statistics: every stated number with its unit, bounds, indicator, period, place and reporter.

Targets "<agency> seized over 22,000 pounds of fentanyl so far in FY2023", "nearly 73% of
overdose deaths", "$3.5 billion", "6 out of 10 pills", "50 to 100 times more potent".
Example: "In FY2031 the Example Border Agency seized more than 9,000 pounds of fentanyl."
The indicator comes from the cue phrases of the indicator scheme in ontology/vocab.ttl.
"""
from __future__ import annotations

from rdflib import URIRef

from ..corpus import Document, Span
from ..namespaces import FXD, FXV, UNIT
from .context import Context
from .periods import resolve_period
from .quantities import Quantity, find_quantities

REPORTER_TYPES = frozenset({"GovernmentAgency", "InternationalOrganization", "Legislature"})
AREA_TYPES = frozenset({"Country", "Place"})
UNSPECIFIED = FXD["period-unspecified"]


def extract(doc: Document, ctx: Context) -> None:
    skip = not_prose(doc)
    for sentence in doc.sentences:
        if doc.in_header(sentence.start):
            continue
        for quantity in find_quantities(doc.text, sentence.start, sentence.end, ctx.reference.count_nouns):
            if not any(s < quantity.end and quantity.start < e for s, e in skip):
                extract_statistic(doc, ctx, sentence, quantity)


def not_prose(doc: Document) -> list[tuple[int, int]]:
    """Spans whose digits are not statistics: URLs, footnote markers and note numbers."""
    spans = [(m.start, m.end) for m in doc.markers]
    for note in doc.footnotes:
        spans.append((note.start, note.body_start))
        spans.extend((link.start, link.end) for link in note.links)
    return spans


def extract_statistic(doc: Document, ctx: Context, sentence: Span, q: Quantity) -> None:
    text = doc.text[sentence.start:sentence.end]
    local = doc.text[max(sentence.start, q.start - 80):min(sentence.end, q.end + 80)].lower()
    indicator = choose_indicator(ctx, local, text.lower(), q)
    period = resolve_period(ctx, text)
    area, reporter = _area_and_reporter(doc, ctx, sentence)
    ctx.observe(
        indicator=indicator,
        value=q.value,
        unit=q.unit,
        evidence=doc.span(q.start, q.end),
        period=ctx.period(period) if period else UNSPECIFIED,
        qualifier=FXV[f"qual-{q.qualifier}"],
        lower=q.lower,
        lower_inclusive=q.lower_inclusive,
        upper=q.upper,
        upper_inclusive=q.upper_inclusive,
        area=area,
        reporter=reporter,
        confidence=0.8 if indicator != FXV["ind-other"] else 0.5,
    )


def choose_indicator(ctx: Context, local: str, sentence: str, q: Quantity) -> URIRef:
    """The indicator whose cue phrases best match the words around the number."""
    best, best_score = FXV["ind-other"], 0
    for concept, cues, units in ctx.reference.indicators:
        if units and q.unit not in units:
            continue
        score = sum(2 if cue in local else 1 for cue in cues if cue in sentence)
        if q.noun and q.noun.lower() in cues:
            score += 3
        if score > best_score:
            best, best_score = concept, score
    if best_score == 0 and q.unit == UNIT.NUM:
        return FXV["ind-count"]
    return best


def _area_and_reporter(doc: Document, ctx: Context, sentence: Span) -> tuple[URIRef | None, URIRef | None]:
    area = reporter = None
    for _start, _end, entry in ctx.reference.mentions(doc.text, sentence.start, sentence.end):
        if area is None and entry.type in AREA_TYPES:
            area = ctx.entry_iri(entry)
        if reporter is None and entry.type in REPORTER_TYPES:
            reporter = ctx.entry_iri(entry)
    return area, reporter
