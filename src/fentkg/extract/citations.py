"""Citations: every footnote/endnote as the work(s) it cites.

Targets "Author, *Title*, Publisher (Date), https://…", "<https://…>" notes with only a URL,
"Id." / "Ibid." (the previous note's work) and "Supra note 9" (note 9's work).
Example: "² Example Agency, *Annual Drug Report 2031*, p. 4 (May 3, 2032), https://example.gov/r.pdf."
"""
from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from ..corpus import Document, Footnote
from ..namespaces import doc_iri
from ..vocab import FX
from .context import CitedNote, Context, Entity

ID_NOTE = re.compile(r"^\W*(?:Id|Ibid)\b\.?", re.IGNORECASE)
SUPRA_NOTE = re.compile(r"^\W*(?:See\s+)?supra\s+note\s+(\d+)", re.IGNORECASE)
ITALIC_TITLE = re.compile(r"\*([^*]{6,}?)\*")
QUOTED_TITLE = re.compile(r"[“\"]([^”\"]{6,}?)[,.]?[”\"]")
DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2},\s+)?\d{4}\b"
    r"|\b\d{4},\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}\b"
)
# Several works in one note are separated by "; see also" or by a semicolon before another cited work.
WORK_SEPARATOR = re.compile(r";\s+(?=(?:\*?see also\*?\s+)|[A-Z])")


def extract(doc: Document, ctx: Context) -> None:
    for note in doc.footnotes:
        extract_note(doc, ctx, note)


def extract_note(doc: Document, ctx: Context, note: Footnote) -> None:
    """Resolve one note to its works, declare them, and register the note's primary work."""
    body = doc.footnote_text(note)
    if not body.strip():
        return
    evidence = doc.span(note.body_start, note.body_end)
    works = _referenced_works(doc, ctx, note, body)
    for work in works:
        ctx.emit(doc_iri(doc.id), DCTERMS.references, work, evidence=evidence, confidence=0.95)
    if works:
        ctx.cite(CitedNote(note.number, works[0], evidence))


def _referenced_works(doc: Document, ctx: Context, note: Footnote, body: str) -> list[URIRef]:
    if ID_NOTE.match(body):
        previous = ctx.notes.get(note.number - 1)
        return [previous.work] if previous else []
    supra = SUPRA_NOTE.match(body)
    if supra:
        target = ctx.notes.get(int(supra.group(1)))
        return [target.work] if target else []
    return [_declare_work(doc, ctx, note, part, note.body_start + body.find(part)) for part in _split_works(body)]


def _split_works(body: str) -> list[str]:
    parts = [p.strip() for p in WORK_SEPARATOR.split(body) if p.strip()]
    # Keep one work per part only when every part names something (a URL or a title).
    if len(parts) > 1 and all(("http" in p or "*" in p or "“" in p) for p in parts):
        return parts
    return [body.strip()]


def _declare_work(doc: Document, ctx: Context, note: Footnote, text: str, start: int) -> URIRef:
    links = [link for link in note.links if start <= link.start < start + len(text)] or list(note.links[:1])
    url = links[0].url if links else None
    title = _title(text)
    key = url or re.sub(r"\W+", " ", text).strip().lower()
    iri = ctx.make_iri("work", key)
    props: list[tuple[URIRef, object]] = [(DCTERMS.bibliographicCitation, Literal(text))]
    if title:
        props.append((DCTERMS.title, Literal(title)))
    if url:
        props.append((FX.url, Literal(url, datatype=XSD.anyURI)))
    date = DATE.search(text)
    if date:
        props.append((DCTERMS.date, Literal(date.group())))
    label = title or (url or text)[:120]
    ctx.declare(Entity(iri, (FX.CitedWork,), label, (), tuple(props), evidence=doc.span(note.body_start, note.body_end)))  # type: ignore[arg-type]
    return iri


def _title(text: str) -> str | None:
    """The cited work's title: italics, else a quoted title, else the first comma-separated part."""
    for pattern in (ITALIC_TITLE, QUOTED_TITLE):
        m = pattern.search(text)
        if m and not m.group(1).lower().startswith(("id", "see", "available")):
            return m.group(1).strip(" ,.")
    head = re.split(r",\s|\s<http|\shttp", text, maxsplit=1)[0].strip(" *<>")
    if head and not head.startswith("http") and len(head) > 3:
        return head
    return None
