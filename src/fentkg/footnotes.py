"""Footnotes: numbered notes at the foot of pages or at the end of a text.

Numbers come as "¹ text", "¹²text", "<sup>1</sup> text", "$^{11}$ Id.", "$^{^{40}}$ See …" (strong
forms, trusted anywhere a block starts) or as "55 Supra note 26." and OCR'd "I4 *Id.* at 16."
(weak forms, trusted only beside strong notes or in a 1, 2, 3… chain). A note region runs from
the first note on a page to the page's end; without page marks, over the blocks that follow a
note while they look like citations. Inside a region, a block without a number is either a note
whose number was lost ("Id.", "Supra note 9.") — it gets the missing number the sequence leaves
room for — or the continuation of a note, often one cut by a page break.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from .corpus import Footnote, Page, Span
from .links import BARE, find_links

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
TO_DIGITS = str.maketrans(SUPERSCRIPTS + "IlO", "0123456789110")
TEX = r"\$[ \t]*\^\{[ \t]*(?:\^\{[ \t]*)?(?P<tex>\d{1,3})[ \t]*\}(?:[ \t]*\})?(?:\\[,;:! ]|[ \t])*\$"
NUMBER = (
    rf"(?<![{SUPERSCRIPTS}])(?P<sup>[{SUPERSCRIPTS}]{{1,3}})(?![{SUPERSCRIPTS}])"
    r"|<sup>[ \t]*(?P<html>\d{1,3})[ \t]*</sup>"
    rf"|{TEX}"
    r"|\^\{(?P<caret>\d{1,3})\}"
)
STRONG_START = re.compile(rf"[ \t]*(?:{NUMBER})[ \t]*")
INLINE_START = re.compile(rf"(?<=[.)>\]] )(?:{NUMBER})[ \t]*")  # "…03d0. ⁵² Id." on one line
WEAK_START = re.compile(r"[ \t]*(?P<weak>[0-9IlO]{1,3})[ \t]+(?=[A-Z*_\"“‘(\[])")
CITATION_START = re.compile(r"\W{0,3}(?:Id\b|Ibid\b|(?:See )?[Ss]upra note)")
URL_ONLY = re.compile(r"[<\[(]?https?://\S+$")
WEAK_SLACK = 5  # how far past the highest strong number a weak number may go
NEARBY = 8  # notes on either side searched for an open note a fragment may finish
MAX_GAP = 1000  # whitespace longer than this between a note and a block is no continuation


@dataclass(slots=True)
class _Piece:
    """A note (or a numberless block) while notes are assembled; mutable on purpose."""

    number: int | None
    start: int
    end: int
    body_start: int
    region: int
    tail: int = 0  # end of the last text appended, in reading order
    parts: list[Span] = field(default_factory=list)


def number_of(m: re.Match[str]) -> int:
    """The note number a NUMBER match stands for."""
    digits = m["sup"] or m["html"] or m["tex"] or m["caret"]
    return int(digits.translate(TO_DIGITS))


def find_footnotes(text: str, blocks: Sequence[Span], pages: Sequence[Page]) -> tuple[Footnote, ...]:
    """The footnotes among `blocks` (text blocks between blank lines, headers excluded)."""
    starts = _note_starts(text, blocks)
    if not starts:
        return ()
    regions = _regions(text, blocks, starts, pages)
    pieces = _pieces(text, blocks, regions, starts)
    _number_orphans(text, pieces)
    notes = _attach_continuations(text, pieces)
    return tuple(sorted((_footnote(text, n, pages) for n in notes), key=lambda f: f.number))


def _note_starts(text: str, blocks: Sequence[Span]) -> dict[int, tuple[int, int]]:
    """Block index -> (number, offset after the number) for blocks that open with one."""
    strong: dict[int, tuple[int, int]] = {}
    for i, b in enumerate(blocks):
        m = STRONG_START.match(text, b.start, b.end)
        if m:
            strong[i] = (number_of(m), m.end())
    numbers = {n for n, _ in strong.values()}
    top = max(numbers, default=0)
    weak: dict[int, tuple[int, int]] = {}
    for i, b in enumerate(blocks):
        m = None if i in strong else WEAK_START.match(text, b.start, b.end)
        if m is None or not any(c.isdigit() for c in m["weak"]):
            continue
        n = int(m["weak"].translate(TO_DIGITS))
        if n == 0 or n in numbers:
            continue
        # Without strong notes, flattened numbers count only as a chain 1, 2, 3…
        fits = n == len(weak) + 1 if not top else n <= top + WEAK_SLACK and _near(text, blocks, i, strong, weak)
        if fits:
            weak[i] = (n, m.end())
            numbers.add(n)
    if not top and len(weak) < 2:
        weak = {}
    return strong | weak


def _near(text: str, blocks: Sequence[Span], i: int, strong: dict[int, tuple[int, int]],
          weak: dict[int, tuple[int, int]]) -> bool:
    """True when block i sits beside a note (skipping a stray URL or two in between)."""
    if i - 1 in strong or i - 1 in weak:
        return True
    for j in range(i + 1, min(i + 3, len(blocks))):
        if j in strong:
            return True
        if not _citation_like(_block_text(text, blocks[j])):
            return False
    return False


def _regions(text: str, blocks: Sequence[Span], starts: dict[int, tuple[int, int]],
             pages: Sequence[Page]) -> list[list[int]]:
    """Runs of block indices that hold notes, in text order."""
    regions: list[list[int]] = []
    used: set[int] = set()
    page_starts = [p.start for p in pages]
    for first in sorted(starts):
        if first in used:
            continue
        if pages:  # a page's notes run from its first note to its end
            page = bisect_right(page_starts, blocks[first].start)
            limit = pages[page].start if page < len(pages) else len(text)
            members = []
            for j in range(first, len(blocks)):
                if blocks[j].start >= limit:
                    break
                members.append(j)
        else:
            members = [first]
            for j in range(first + 1, len(blocks)):
                if j not in starts and not _citation_like(_block_text(text, blocks[j])):
                    break
                members.append(j)
        lead = first - 1
        while lead >= 0 and lead not in used and lead not in starts and _citation_like(
                _block_text(text, blocks[lead]), fragment_only=True):
            if pages and bisect_right(page_starts, blocks[lead].start) != bisect_right(
                    page_starts, blocks[first].start):
                break
            members.insert(0, lead)
            lead -= 1
        used.update(members)
        regions.append(members)
    return regions


def _pieces(text: str, blocks: Sequence[Span], regions: list[list[int]],
            starts: dict[int, tuple[int, int]]) -> list[_Piece]:
    """Split regions into notes; a note may also start inside a block, at a line or after '. '."""
    pieces: list[_Piece] = []
    used: set[int] = set()
    last = 0
    for r, members in enumerate(regions):
        for i in members:
            b = blocks[i]
            number: int | None = None
            after = b.start
            if i in starts and starts[i][0] not in used:  # a second "12" is not note 12 again
                number, after = starts[i]
            cuts: list[tuple[int, int | None, int]] = [(b.start, number, after)]
            for m in _inner_starts(text, b):
                inner = number_of(m)
                if inner == (number if number is not None else last) + 1 and inner not in used:
                    cuts.append((m.start(), inner, m.end()))
                    number = inner
            for k, (s, num, a) in enumerate(cuts):
                e = cuts[k + 1][0] if k + 1 < len(cuts) else b.end
                while e > s and text[e - 1].isspace():
                    e -= 1
                pieces.append(_Piece(num, s, e, a, r, tail=e))
                if num is not None:
                    used.add(num)
                    last = num
    return pieces


def _inner_starts(text: str, b: Span) -> list[re.Match[str]]:
    """Strong note numbers inside a block: at the start of a later line, or after a full stop."""
    found = [m for m in INLINE_START.finditer(text, b.start, b.end)]
    line = text.find("\n", b.start, b.end)
    while line != -1:
        m = STRONG_START.match(text, line + 1, b.end)
        if m and m.group().strip():
            found.append(m)
        line = text.find("\n", line + 1, b.end)
    return sorted(found, key=lambda m: m.start())


def _number_orphans(text: str, pieces: list[_Piece]) -> None:
    """Give a numberless note ("Id.", "Supra note 9.") the missing number its neighbours leave."""
    numbered = [p.number for p in pieces if p.number is not None]
    missing = sorted(set(range(1, max(numbered, default=0) + 1)) - set(numbered))
    following: list[int | None] = [None] * len(pieces)  # number of the next numbered piece
    upcoming: int | None = None
    for k in range(len(pieces) - 1, -1, -1):
        following[k] = upcoming
        upcoming = pieces[k].number if pieces[k].number is not None else upcoming
    prev = 0
    for k, p in enumerate(pieces):
        if p.number is not None:
            prev = p.number
            continue
        if not missing or _fragment(text[p.start:min(p.end, p.start + 200)]):
            continue
        after = following[k]
        hi = after - 1 if after is not None and after > prev else prev + 3
        m = next((m for m in missing if prev < m <= hi), None)
        if m is not None:
            p.number = prev = m
            missing.remove(m)


def _attach_continuations(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """Join every numberless block to the note it continues; return the notes."""
    notes = [p for p in pieces if p.number is not None]
    by_region: dict[int, list[_Piece]] = {}
    for q in notes:
        by_region.setdefault(q.region, []).append(q)
    starts = {r: [q.start for q in qs] for r, qs in by_region.items()}
    for p in pieces:
        if p.number is not None or p.region not in by_region:
            continue
        region = by_region[p.region]
        i = bisect_left(starts[p.region], p.start)
        prev = region[i - 1] if i else None
        target = prev if prev is not None and _unfinished(text, prev) else None
        if target is None and _fragment(text[p.start:min(p.end, p.start + 200)]):
            # A cut URL or clause: finish the note a page break cut, else an open note nearby.
            earlier = by_region.get(p.region - 1)
            if earlier and _unfinished(text, earlier[-1]):
                target = earlier[-1]
            else:
                nearby = [q for q in region[max(0, i - NEARBY):i + NEARBY] if _unfinished(text, q)]
                target = min(nearby, key=lambda q: abs(q.start - p.start), default=None)
        _append(text, target or prev or region[i], p)
    return notes


def _append(text: str, note: _Piece, piece: _Piece) -> None:
    if piece.start >= note.end and piece.start - note.end <= MAX_GAP and text[note.end:piece.start].isspace():
        note.end = piece.end  # the next block: one contiguous note
    else:
        note.parts.append(Span(piece.start, piece.end))
    note.tail = max(note.tail, piece.end)


def _unfinished(text: str, note: _Piece) -> bool:
    """True when the note's text stops mid-citation ("…, available", "…DIR-008-", "…PM),")."""
    # Only the end matters; a bounded window keeps long chains of continuations linear.
    s = text[max(note.body_start, note.tail - 400):note.tail].rstrip(" \t\n*_")
    if not s:
        return True
    if s[-1] in ".?!)\"”’>]":
        return False
    word = s.rsplit(None, 1)[-1]
    if BARE.search(word):
        return word[-1] in "-/_%=&?"
    return True


def _fragment(s: str) -> bool:
    """True for text that cannot open a note: a URL, a lowercase or numeric start, TeX debris."""
    return not s or not (s[0].isupper() or s[0] in "*_\"“‘(") or bool(URL_ONLY.match(s))


def _citation_like(s: str, fragment_only: bool = False) -> bool:
    """True for a block that continues a citation: a URL, TeX debris, or "Id."/"Supra note"."""
    if URL_ONLY.match(s) or s.startswith(("$", "^{")):
        return True
    if "://" in s and len(s) < 400 and _fragment(s):
        return True
    return not fragment_only and bool(CITATION_START.match(s))


def _block_text(text: str, b: Span) -> str:
    return text[b.start:b.end]


def _footnote(text: str, note: _Piece, pages: Sequence[Page]) -> Footnote:
    body_start = note.body_start
    while body_start < note.end and text[body_start].isspace():
        body_start += 1
    ranges = [(body_start, note.end)] + [(s.start, s.end) for s in note.parts]
    page = next((p.number for p in pages if p.start <= note.start < p.end), None)
    assert note.number is not None
    return Footnote(
        number=note.number,
        start=note.start,
        end=note.end,
        body_start=body_start,
        body_end=note.end,
        page=page,
        links=find_links(text, ranges),
        parts=tuple(note.parts),
    )
