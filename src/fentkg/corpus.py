"""Corpus: load a sources folder into Documents whose every part is a character span.

A Document keeps its text exactly as `Path.read_text(encoding="utf-8")` returns it; pages,
running headers, paragraphs, sentences, footnotes and footnote markers are (start, end)
offsets into that text (Python str indices, end exclusive), so any evidence can be sliced
back out of the unchanged file. Segmentation lives in `fentkg.segment`.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import SourceError
from .spans import OffsetIndex

CONTEXT_CHARS = 32  # prefix/suffix length on quote selectors


@dataclass(frozen=True, slots=True)
class Metadata:
    """What `<name>.meta.json` says about a document (or what could be inferred)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    addressee: str | None = None
    date: date | None = None
    genre: str | None = None
    url: str | None = None
    publisher: str | None = None
    expected: Mapping[str, int] = field(default_factory=dict)
    inferred: tuple[str, ...] = ()  # names of fields inferred from the text, not given


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Span:
    """A region of text with no structure of its own (paragraph, sentence, running header)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Marker:
    """A footnote reference in the text ("¹", "$^{20}$", "<sup>3</sup>", "I4" …)."""

    number: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Link:
    """A URL as written in the text, and as repaired where text extraction broke it."""

    start: int
    end: int
    url: str


@dataclass(frozen=True, slots=True)
class Footnote:
    """A numbered note; `start:end` covers the whole note, `body_start:body_end` its text.

    `parts` are further pieces of the note that are not contiguous with it, such as the rest of a
    note that a page break cut and text extraction moved among the next page's notes.
    """

    number: int
    start: int
    end: int
    body_start: int
    body_end: int
    page: int | None
    links: tuple[Link, ...] = ()
    parts: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of a document: the only thing a fact may rest on."""

    doc_id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    page: int | None
    footnote: int | None  # number of the footnote the span lies in, if any
    cites: tuple[int, ...]  # footnotes whose markers close the sentence(s) of the span


@dataclass(frozen=True, slots=True)
class Document:
    """One source document with its segmentation, all as offsets into `text`."""

    id: str
    path: Path
    text: str
    meta: Metadata
    sha256: str
    pages: tuple[Page, ...]
    headers: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    footnotes: tuple[Footnote, ...]
    markers: tuple[Marker, ...]
    # Offsets for bisection, computed once: a scan per lookup made extraction quadratic in the document's size.
    _sentences_at: OffsetIndex = field(init=False, repr=False, compare=False)
    _markers_by_start: tuple[Marker, ...] = field(init=False, repr=False, compare=False)
    _marker_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _pages_at: OffsetIndex = field(init=False, repr=False, compare=False)
    _notes_at: OffsetIndex = field(init=False, repr=False, compare=False)
    _headers_at: OffsetIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_sentences_at", OffsetIndex((s.start, s.end, s) for s in self.sentences))
        object.__setattr__(self, "_markers_by_start", tuple(sorted(self.markers, key=lambda m: m.start)))
        object.__setattr__(self, "_marker_starts", tuple(m.start for m in self._markers_by_start))
        object.__setattr__(self, "_pages_at", OffsetIndex((p.start, p.end, p.number) for p in self.pages))
        object.__setattr__(self, "_notes_at", OffsetIndex(
            (s.start, s.end, n) for n in self.footnotes for s in (n, *n.parts)))
        object.__setattr__(self, "_headers_at", OffsetIndex((h.start, h.end, True) for h in self.headers))

    def span(self, start: int, end: int) -> Evidence:
        """Evidence for text[start:end], with context, page, footnote and cited notes."""
        from .errors import EvidenceError

        if not 0 <= start < end <= len(self.text):
            raise EvidenceError(f"{self.id}: span {start}:{end} outside text of length {len(self.text)}")
        note = self.footnote_at(start)
        return Evidence(
            doc_id=self.id,
            start=start,
            end=end,
            exact=self.text[start:end],
            prefix=self.text[max(0, start - CONTEXT_CHARS):start],
            suffix=self.text[end:end + CONTEXT_CHARS],
            page=self.page_at(start),
            footnote=note.number if note else None,
            cites=() if note else self.citations_for(start, end),
        )

    def page_at(self, offset: int) -> int | None:
        """Number of the page that holds `offset` (None when the text has no page marks)."""
        return self._pages_at.get(offset)

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence that holds `offset`."""
        return self._sentences_at.get(offset)

    def footnote_at(self, offset: int) -> Footnote | None:
        """The footnote whose text (or a part of it) holds `offset`, if any."""
        return self._notes_at.get(offset)

    def footnote(self, number: int) -> Footnote | None:
        """The footnote with this number."""
        return next((n for n in self.footnotes if n.number == number), None)

    def footnote_text(self, note: Footnote) -> str:
        return self.text[note.body_start:note.body_end]

    def in_header(self, offset: int) -> bool:
        """True inside a running page header/footer ("… Page 2 of 10")."""
        return self._headers_at.get(offset, False)

    def citations_for(self, start: int, end: int) -> tuple[int, ...]:
        """Footnote numbers whose markers fall in the sentence(s) covering start:end."""
        first = self.sentence_at(start)
        last = self.sentence_at(max(start, end - 1))
        lo = first.start if first else start
        hi = last.end if last else end
        found = self._markers_by_start[bisect.bisect_left(self._marker_starts, lo):bisect.bisect_left(self._marker_starts, hi)]
        return tuple(m.number for m in found)

    def body_sentences(self) -> Iterator[Span]:
        """Sentences of the running text: not in footnotes, not in page headers."""
        for s in self.sentences:
            if self.footnote_at(s.start) is None and not self.in_header(s.start):
                yield s

    def footnote_sentences(self) -> Iterator[Span]:
        """Sentences inside footnote bodies."""
        for s in self.sentences:
            if self.footnote_at(s.start) is not None:
                yield s


@dataclass(frozen=True, slots=True)
class Corpus:
    """The documents of a sources folder, in file-name order."""

    folder: Path
    documents: tuple[Document, ...]

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def get(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)


# --- loading -------------------------------------------------------------------------------

META_SUFFIX = ".meta.json"
TEXT_FIELDS = ("title", "addressee", "genre", "url", "publisher")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATELINE = re.compile(
    rf"[ \t*_]*(?:(?P<month>{MONTHS})[ \t]+(?P<day>\d{{1,2}}),?[ \t]+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})[ \t]+(?P<month2>{MONTHS})[ \t]+(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))[ \t*_]*$",
    re.MULTILINE,
)
HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
BOLD_BLOCK = re.compile(r"^[ \t]*\*\*([^*\n](?:[^*]|\*(?!\*)){0,300}?)\*\*[ \t]*$", re.MULTILINE)
TOP = 3000  # a title or dateline sits near the top; read no further for them


def source_paths(folder: Path) -> list[Path]:
    """The `<name>.txt` files of a sources folder in name order; errors for a missing or empty folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(f"{folder}: sources folder not found")
    for meta in sorted(folder.glob(f"*{META_SUFFIX}")):
        if not meta.with_name(meta.name[: -len(META_SUFFIX)] + ".txt").is_file():
            raise SourceError(f"{meta}: metadata without its text file {meta.name[: -len(META_SUFFIX)]}.txt")
    paths = sorted(p for p in folder.glob("*.txt") if p.is_file())
    if not paths:
        raise SourceError(f"{folder}: no .txt documents in the sources folder")
    return paths


def load_corpus(folder: Path) -> Corpus:
    """Load every `<name>.txt` (and `<name>.meta.json`) of a sources folder, in name order."""
    return Corpus(folder=Path(folder), documents=tuple(load_document(p) for p in source_paths(folder)))


def load_document(path: Path) -> Document:
    """Read one source text, its metadata (given, else inferred) and its segmentation."""
    from .segment import segment  # segment imports this module's dataclasses

    path = Path(path)
    text = _read_text(path)
    meta_path = path.with_name(path.stem + META_SUFFIX)
    given = read_metadata(meta_path) if meta_path.is_file() else Metadata()
    seg = segment(text)
    return Document(
        id=path.stem,
        path=path,
        text=text,
        meta=_complete(given, infer_metadata(text)),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        pages=seg.pages,
        headers=seg.headers,
        paragraphs=seg.paragraphs,
        sentences=seg.sentences,
        footnotes=seg.footnotes,
        markers=seg.markers,
    )


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror or e})") from e
    if b"\x00" in data:
        raise SourceError(f"{path}: binary file (NUL byte at byte offset {data.index(0)})")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SourceError(f"{path}: not UTF-8 (invalid byte 0x{data[e.start]:02x} at byte offset {e.start})") from e
    # Offsets are defined on exactly what read_text returns (universal newlines included).
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        raise SourceError(f"{path}: empty document")
    return text


def read_metadata(path: Path) -> Metadata:
    """Parse and check a `<name>.meta.json`; unknown keys are ignored."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({e.strerror or e})") from e
    except UnicodeDecodeError as e:
        raise SourceError(f"{path}: not UTF-8 (byte offset {e.start})") from e
    except json.JSONDecodeError as e:
        raise SourceError(f"{path}: invalid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from e
    if not isinstance(raw, dict):
        raise SourceError(f"{path}: metadata must be a JSON object, not {type(raw).__name__}")
    values: dict[str, Any] = {}
    for key in TEXT_FIELDS:
        if raw.get(key) is not None:
            values[key] = _expect_str(path, key, raw[key])
    author = raw.get("author", raw.get("authors"))
    if isinstance(author, str):
        values["authors"] = (author,)
    elif isinstance(author, list) and all(isinstance(a, str) for a in author):
        values["authors"] = tuple(author)
    elif author is not None:
        raise SourceError(f"{path}: 'author' must be a string or a list of strings, not {author!r}")
    if raw.get("date") is not None:
        values["date"] = _parse_date(path, raw["date"])
    expected = raw.get("expected")
    if expected is not None:
        if not isinstance(expected, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0
            for k, v in expected.items()
        ):
            raise SourceError(f"{path}: 'expected' must map fact kinds to counts >= 0, not {expected!r}")
        values["expected"] = dict(expected)
    return Metadata(**values)


def _expect_str(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise SourceError(f"{path}: '{key}' must be a string, not {value!r}")
    return value


def _parse_date(path: Path, value: object) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10] if "T" in value else value)
        except ValueError:
            pass
    raise SourceError(f"{path}: 'date' must be an ISO 8601 date (YYYY-MM-DD), not {value!r}")


def infer_metadata(text: str) -> Metadata:
    """Title and date read off the top of the text (never invented); `inferred` names them."""
    top = text[:TOP]
    title = _infer_title(top)
    when = _infer_date(top)
    inferred = tuple(name for name, value in (("title", title), ("date", when)) if value is not None)
    return Metadata(title=title, date=when, inferred=inferred)


def _infer_title(top: str) -> str | None:
    """The first Markdown heading, else the first bold line, else the first short line."""
    for pattern in (HEADING, BOLD_BLOCK):
        m = pattern.search(top)
        if m:
            title = " ".join(m.group(1).replace("*", " ").split())
            if title:
                return title
    for line in top.splitlines():
        words = " ".join(line.replace("*", " ").replace("#", " ").split())
        if words and len(words) <= 120 and any(c.isalpha() for c in words) and not DATELINE.fullmatch(line):
            return words
    return None


def _infer_date(top: str) -> date | None:
    """The first dateline: a line holding only a date ("July 31, 2023", "4 March 2024", ISO)."""
    for m in DATELINE.finditer(top):
        try:
            if m["iso"]:
                return date.fromisoformat(m["iso"])
            month = m["month"] or m["month2"]
            day = int(m["day"] or m["day2"])
            year = int(m["year"] or m["year2"])
            return date(year, MONTHS.split("|").index(month) + 1, day)
        except ValueError:
            continue  # "February 30, 2023" is not a date
    return None


def _complete(given: Metadata, found: Metadata) -> Metadata:
    """Metadata as given, with missing title and date filled in from the text."""
    title = given.title if given.title is not None else found.title
    when = given.date if given.date is not None else found.date
    inferred = tuple(
        name for name, mine, theirs in (("title", given.title, found.title), ("date", given.date, found.date))
        if mine is None and theirs is not None
    )
    return Metadata(
        title=title, authors=given.authors, addressee=given.addressee, date=when, genre=given.genre,
        url=given.url, publisher=given.publisher, expected=given.expected, inferred=inferred,
    )
