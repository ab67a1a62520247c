"""The document page: the full text with every claim's span highlighted in place, its metadata,
footnotes and cited works (issue 5). Works without JavaScript: highlights are links."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import Site
from .claims import ClaimView, load_claims
from .sources import DocInfo, Footnote, Work, document_text, works

MENTIONS = "https://w3id.org/fentkg/ontology#mentions"
REFERENCES = "http://purl.org/dc/terms/references"


@dataclass(slots=True)
class Highlight:
    """One evidence span of the document and the claims that rest on it."""

    evidence: str
    start: int
    end: int
    claims: list[ClaimView] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.evidence.rsplit("/", 1)[-1]

    @property
    def kind(self) -> str:
        """For the colour of the highlight: figure, citation, mention or another claim."""
        if any(c.is_observation for c in self.claims):
            return "figure"
        predicates = {c.predicate for c in self.claims}
        if predicates == {REFERENCES}:
            return "citation"
        return "mention" if predicates == {MENTIONS} else "claim"


@dataclass(slots=True)
class Segment:
    """A run of text covered by the same highlights (innermost first), or a page break."""

    text: str
    covering: list[Highlight]
    anchors: list[str]  # ids of the highlights that start here
    page: int | None = None


@dataclass(slots=True)
class DocumentPage:
    doc: DocInfo
    has_text: bool
    segments: list[Segment]
    highlights: list[Highlight]
    figures: list[ClaimView]
    footnotes: list[tuple[Footnote, list[Work]]]
    counts: list[tuple[str, int]]


def _segments(text: str, highlights: list[Highlight]) -> list[Segment]:
    """Cut the text at every span boundary and page break; each piece knows what covers it."""
    cuts = {0, len(text)}
    for h in highlights:
        cuts.update((h.start, h.end))
    cuts.update(i for i, ch in enumerate(text) if ch == "\f")
    cuts.update(i + 1 for i, ch in enumerate(text) if ch == "\f")
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    starting: dict[int, list[Highlight]] = {}
    for h in highlights:
        starting.setdefault(h.start, []).append(h)
    open_: list[Highlight] = []
    segments: list[Segment] = []
    page = 1
    for lo, hi in zip(points, points[1:]):
        open_ = [h for h in open_ if h.end > lo] + starting.get(lo, [])
        anchors = [h.anchor for h in starting.get(lo, [])]
        if text[lo:hi] == "\f":
            page += 1
            segments.append(Segment("", [], anchors, page))
            continue
        covering = sorted(open_, key=lambda h: (h.end - h.start, h.start))
        segments.append(Segment(text[lo:hi], covering, anchors))
    return segments


def document_page(site: Site, doc: DocInfo) -> DocumentPage:
    """Text, highlights, figures and footnotes of one document."""
    claims = load_claims(site, "?claim fx:statedIn ?d", with_snippets=False, d=doc.iri)
    by_evidence: dict[str, Highlight] = {}
    for claim in claims:
        for quote in claim.quotes:
            h = by_evidence.setdefault(quote.evidence, Highlight(quote.evidence, quote.start, quote.end))
            h.claims.append(claim)
    text = document_text(site, doc)
    highlights = sorted(by_evidence.values(), key=lambda h: (h.start, -h.end))
    if text is not None:
        highlights = [h for h in highlights if h.end <= len(text.text)]
    segments = _segments(text.text, highlights) if text is not None else []
    by_note: dict[str, tuple[Footnote, list[Work]]] = {}
    for work in works(site).values():
        for note in work.footnotes:
            if note.doc == doc.iri:
                by_note.setdefault(note.evidence, (note, []))[1].append(work)
    notes = sorted(by_note.values(), key=lambda nw: (nw[0].number or 0, nw[0].start))
    counts: dict[str, int] = {}
    for claim in claims:
        name = "stated figure" if claim.is_observation else site.label(claim.predicate)
        counts[name] = counts.get(name, 0) + 1
    return DocumentPage(doc, text is not None, segments, highlights, [c for c in claims if c.is_observation], notes,
                        sorted(counts.items(), key=lambda kv: -kv[1]))
