"""Citations: every footnote/endnote as the work(s) it cites, with title, author, publisher, date, URL.

Targets "Author, *Title*, Publisher (Date), https://…" and its Chicago and APA variants (see
`bibliography`), notes that are only a URL, several works in one note ("…; see also …", "<url>
and …"), discursive notes whose commentary sentences cite nothing, "Id." / "Ibid." (the last work
of the note before, or of the sentence before inside a note) and "Supra note 9" (note 9's work).
URLs are the links `fentkg.links` found in the note, repaired where text extraction broke them.
Example: "² Example Agency, *Annual Drug Report 2031*, p. 4 (May 3, 2032), https://example.gov/r.pdf."
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from ..corpus import Document, Footnote, Link
from ..namespaces import doc_iri
from ..reference import ACTOR_TYPES
from ..vocab import FX
from .bibliography import APA, PAREN_DATE, Citation, looks_like_org, parse_citation
from .context import CitedNote, Context, Entity

ID_NOTE = re.compile(r"\W{0,3}(?:Id|Ibid)\b\.?\*?(?:,?\s+at\s+[^;]*)?", re.IGNORECASE)  # used with .match(text, pos)
SUPRA_NOTE = re.compile(r"\W{0,3}(?:\*?see\*?\s+)?(?:[^,;]{1,80},\s+)?\*?supra\*?\s+note\s+(\d+)[^;]*", re.IGNORECASE)
# Works in one note are separated by ";" (before "see also" or a new reference) or by " and " after a URL.
WORK_BREAK = re.compile(r";\s+(?=\*?(?:see|cf)\b|\*?[A-Z“\"])|(?<=>)\s+and\s+(?=[A-Z])", re.IGNORECASE)
# Sentence ends inside a note; abbreviations common in references do not end one.
SENTENCE_END = re.compile(r"\.[”\"’)]*\s+(?=[A-Z*“\"])")  # not "?": titles ask questions
ABBREVIATIONS = frozenset("dep't gov't nat'l int'l inst u.s no nos vol al co ltd inc jr dr mr ms st pp p id ibid".split())
ITALIC_OR_QUOTE = re.compile(r"\*[^*]{6,}\*|(?:^|,\s+)[“\"][^”\"]{6,}[”\"]")
ORG_TYPES = ACTOR_TYPES - {"Person", "Country"}
DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}
log = logging.getLogger("fentkg.extract.citations")


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a note's text: offsets into the joined note text, and what it refers to."""

    start: int
    end: int
    back: int | None = None  # note whose work an "Id." (0: the previous piece) or "Supra note N" points at
    supra: bool = False


def extract(doc: Document, ctx: Context) -> None:
    works: dict[int, list[URIRef]] = {}
    for note in doc.footnotes:
        extract_note(doc, ctx, note, works)


def note_text(doc: Document, note: Footnote) -> tuple[str, list[tuple[int, int]]]:
    """The note's text with its cut-off parts, and (local start, document start) of each stretch."""
    stretches = [(note.body_start, note.body_end)] + [(p.start, p.end) for p in note.parts]
    text, starts = "", []
    for start, end in stretches:
        if text:
            text += " "
        starts.append((len(text), start))
        text += doc.text[start:end]
    return text, starts


def to_doc(starts: list[tuple[int, int]], local: int) -> int:
    """The document offset of a position in the joined note text."""
    base = max((s for s in starts if s[0] <= local), default=starts[0])
    return base[1] + local - base[0]


def to_local(starts: list[tuple[int, int]], note: Footnote, offset: int) -> int:
    """The position in the joined note text of a document offset inside the note (or -1)."""
    stretches = [(note.body_start, note.body_end)] + [(p.start, p.end) for p in note.parts]
    for (local, doc_start), (_, doc_end) in zip(starts, stretches):
        if doc_start <= offset < doc_end:
            return local + offset - doc_start
    return -1


def pieces(text: str) -> list[Piece]:
    """The references of a note: leading "Id."/"Supra", then each work; commentary sentences drop out."""
    out: list[Piece] = []
    pos = 0
    for lead, supra in ((ID_NOTE, False), (SUPRA_NOTE, True)):
        m = lead.match(text)
        if m:
            out.append(Piece(m.start(), m.end(), int(m.group(1)) if supra else -1, supra))
            pos = m.end()
            break
    for k, (ws, we) in enumerate(_works(text, pos, len(text))):
        if APA.match(text[ws:we].strip()):
            out.append(Piece(ws, we))  # "Ahmad, F.B. (2023). *Title*. Publisher.": one reference of several sentences
            continue
        for s, e in _sentences(text, ws, we):
            m = ID_NOTE.match(text, s)
            if m and m.end() - s >= 3 and not text[m.end():e].strip(" .;"):
                out.append(Piece(s, e, 0))  # "… Id." inside a note: the reference just before
            elif _is_reference(text[s:e]) or (k and s == ws):
                out.append(Piece(s, e))
    return out


def _sentences(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    spans, start = [], pos
    for m in SENTENCE_END.finditer(text, pos, end):
        word = (text[max(start, m.start() - 12):m.start()].split()[-1:] or [""])[0].strip("*(“\"")
        if not ID_NOTE.match(text, m.end()) and (word.lower() in ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*[A-Z][a-z]{0,2}", word)):
            continue  # "Dep't. of State", "Liana W. Rosen", "Ky. Office": not a sentence end; "… Id." is
        spans.append((start, m.start() + 1))
        start = m.end()
    spans.append((start, end))
    return [(s, e) for s, e in spans if text[s:e].strip(" ;.")]


def _works(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, s = [], start
    for m in WORK_BREAK.finditer(text, start, end):
        spans.append((s, m.start()))
        s = m.end()
    spans.append((s, end))
    return [(a, b) for a, b in spans if text[a:b].strip(" ;.")]


def _is_reference(text: str) -> bool:
    """A reference names a URL, a dated source, or an italic or quoted title; commentary does not."""
    return ("http" in text or bool(PAREN_DATE.search(text)) or bool(APA.match(text.strip()))
            or bool(ITALIC_OR_QUOTE.search(text)) or bool(re.search(r"^\W*(?:see|cf)\b", text, re.IGNORECASE)))


def extract_note(doc: Document, ctx: Context, note: Footnote, works: dict[int, list[URIRef]]) -> None:
    """Resolve one note to its works, declare them, and register the note's first work."""
    text, starts = note_text(doc, note)
    if not text.strip() or note.body_end <= note.body_start:  # issue 6: an empty note body (mangled text) has no span
        return
    found: list[URIRef] = []
    for piece in pieces(text):
        work = _resolve(doc, ctx, note, piece, text, starts, works, found)
        if work is not None and work not in found:
            found.append(work)
    works[note.number] = found
    note_ev = doc.span(note.body_start, note.body_end)
    for work in found:
        ctx.emit(doc_iri(doc.id), DCTERMS.references, work, evidence=note_ev, confidence=0.9)
    if found:
        ctx.cite(CitedNote(note.number, found[0], note_ev))


def _resolve(doc: Document, ctx: Context, note: Footnote, piece: Piece, text: str, starts: list[tuple[int, int]],
             works: dict[int, list[URIRef]], found: list[URIRef]) -> URIRef | None:
    if piece.back == 0:
        return found[-1] if found else None
    if piece.back == -1:  # "Id." opening the note: the last work of the note before
        before = works.get(note.number - 1)
        return before[-1] if before else None
    if piece.supra:
        target = works.get(piece.back or 0)
        return target[0] if target else None
    links = [link for link in note.links if piece.start <= to_local(starts, note, link.start) < piece.end]
    reference = text[piece.start:piece.end].strip()
    work, cite = declare_work(doc, ctx, note, reference, links)
    if cite.author:
        local = piece.start + text[piece.start:piece.end].find(reference)
        extract_authors(doc, ctx, reference, cite.author, [to_doc(starts, local + i) for i in range(len(reference) + 1)])
    return work


def declare_work(doc: Document, ctx: Context, note: Footnote, text: str, links: list[Link]) -> tuple[URIRef, Citation]:
    """Mint (by URL, else by title) and declare the cited work of one reference."""
    cite = parse_citation(text, lambda name: is_org(ctx, name), lambda name: ctx.reference.resolve(name) is not None)
    url = links[0].url if links else None
    key = normalize_url(url) if url else re.sub(r"\W+", " ", (cite.title or text)).strip().lower()
    iri = ctx.make_iri("work", key)
    ctx.declare(Entity(iri, (FX.CitedWork,), cite.title or url or text[:120], (), _properties(cite, text, url),
                       evidence=doc.span(note.body_start, note.body_end)))
    return iri, cite


def extract_authors(doc: Document, ctx: Context, reference: str, authors: str, offsets: list[int]) -> None:
    """A mention of each person who wrote a cited work ("Liana W. Rosen et al.", "Ahmad, F.B., and
    Sutton, P."), resolved through the alias table or minted, like any person the text names."""
    where = reference.find(authors)
    if where < 0:
        return
    for start, end, label in author_names(authors):
        lo, hi = offsets[where + start], offsets[where + end - 1] + 1
        if doc.text[lo:hi] != authors[start:end]:
            continue  # the name runs over a cut in the note: no single span to rest on
        if ctx.reference.resolve(label) or ctx.reference.resolve(authors[start:end]):
            continue  # a curated name: the actors extractor reads it wherever it stands
        iri = ctx.make_iri("person", label.lower())
        if iri not in ctx.entities:
            log.info("new person %r (author of a cited work) in %s at %d: add it to data/reference/aliases.yml", label, doc.id, lo)
        ctx.declare(Entity(iri, (FX.Person,), label, evidence=doc.span(lo, hi)))
        ctx.emit(doc_iri(doc.id), FX.mentions, iri, evidence=doc.span(lo, hi), confidence=0.7)


APA_NAME = re.compile(r"(?P<last>[A-Z][\w'’-]+),\s+(?P<initials>(?:[A-Z]\.\s?)*[A-Z]\.?)(?=,|\s|$)")
FULL_NAME = re.compile(r"(?:[A-Z][\w'’-]*\.?\s+){1,3}[A-Z][\w'’-]+")
NOT_NAME_WORDS = frozenset("testimony report statement congressional press release department office committee".split())


def author_names(authors: str) -> list[tuple[int, int, str]]:
    """(start, end, 'First Last') of each person in an author string."""
    apa = list(APA_NAME.finditer(authors))
    if apa:
        return [(m.start(), m.end(), f"{m['initials'].replace(' ', '').rstrip('.')}. {m['last']}") for m in apa]
    names = []
    for m in FULL_NAME.finditer(authors):
        name = m.group()
        if {w.lower().strip(".") for w in name.split()} & NOT_NAME_WORDS:
            continue
        names.append((m.start(), m.end(), name))
    return names


def _properties(cite: Citation, text: str, url: str | None) -> tuple[tuple[URIRef, Literal], ...]:
    props = [(DCTERMS.bibliographicCitation, Literal(text))]
    if cite.title:
        props.append((DCTERMS.title, Literal(cite.title)))
    if cite.author:
        props.append((DCTERMS.creator, Literal(cite.author)))
    if cite.publisher:
        props.append((DCTERMS.publisher, Literal(cite.publisher)))
    if cite.date:
        props.append((DCTERMS.date, Literal(cite.date, datatype=DATE_TYPES[len(cite.date)])))
    if url:
        props.append((FX.url, Literal(url, datatype=XSD.anyURI)))
    return tuple(props)


def is_org(ctx: Context, name: str) -> bool:
    """An organisation: a curated agency, legislature, company or outlet, or a name shaped like one."""
    entry = ctx.reference.resolve(name)
    if entry is not None:
        return entry.type in ORG_TYPES
    return looks_like_org(name)


def normalize_url(url: str) -> str:
    """The URL without scheme, 'www.' and trailing slash, so one page cited twice is one work."""
    return re.sub(r"^https?://(?:www\.)?", "", url).rstrip("/").lower()
