"""Segmentation: pages, running headers, paragraphs, sentences, footnotes and markers of a text.

Every part is a (start, end) span into the text exactly as given (Python str indices, end
exclusive); the text is never normalised, so evidence slices back out of the file unchanged.

- Pages come from running headers such as "Secretary … July 31, 2023 Page **2** of **10**":
  page 1 starts at 0 and page N at its header line. A text without such headers has no pages
  (`pages == ()`), so `Document.page_at` answers None rather than inventing a page 1.
- Paragraphs are blocks between blank lines, trimmed; a footnote that starts inside a block
  starts a new paragraph. Headers and blocks without a letter or digit ("---") are not paragraphs.
- Markers are footnote references in the body ("¹", "<sup>3</sup>", "$^{20}$", "^{44}", and a
  flattened " 13" after a full stop); every marker names an existing footnote.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .corpus import Footnote, Marker, Page, Span
from .footnotes import NUMBER, find_footnotes, number_of
from .sentences import HARD, split_sentences

# "… Page **2** of **10**" after any short running title, or a line that is only "Page 2".
HEADER = re.compile(
    r"(?:[^\n]{0,150}?\s)?Page\s+\**\s*(\d{1,4})\s*\**\s+(?:of|/)\s+\**\s*\d{1,4}\s*\**"
    r"|\**Page\s+\**\s*(\d{1,4})\s*\**"
)
MAX_HEADER = 200  # a running header is one short line
CONTENT = re.compile(r"[^\W_]")
MARKER = re.compile(NUMBER)
# A superscript flattened to " 13" by text extraction: only right after sentence punctuation.
FLAT = re.compile(r"([.!?])[\"”’')\]]{0,2}[ \t]+(?P<flat>\d{1,3})(?=[ \t]+[A-Z\"“]|[ \t]*(?:\n|\Z))")


@dataclass(frozen=True, slots=True)
class Segmentation:
    """The structure of one text, all as spans into it."""

    pages: tuple[Page, ...]
    headers: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    footnotes: tuple[Footnote, ...]
    markers: tuple[Marker, ...]


def segment(text: str) -> Segmentation:
    """Find pages, headers, paragraphs, footnotes, markers and sentences of `text`."""
    headers, numbers, blocks = _scan(text)
    pages = _pages(text, headers, numbers)
    notes = find_footnotes(text, blocks, pages)
    paragraphs = _paragraphs(text, blocks, notes)
    markers = _markers(text, notes, headers)
    # A marker after the space that follows a full stop ("China. 13", "Carroll. $^{19}$") closes
    # the sentence before it.
    flat = {m.start: m.end for m in markers}
    body_starts = {n.start: n.body_start for n in notes}
    sentences: list[Span] = []
    for p in paragraphs:
        start = body_starts.get(p.start, p.start)  # a note's number is not part of its sentences
        if start < p.end:
            sentences.extend(split_sentences(text, start, p.end, flat))
    return Segmentation(tuple(pages), tuple(headers), tuple(paragraphs), tuple(sentences), notes,
                        tuple(markers))


def _scan(text: str) -> tuple[list[Span], list[int], list[Span]]:
    """Running headers (with their page numbers) and the trimmed blocks between blank lines."""
    headers: list[Span] = []
    numbers: list[int] = []
    blocks: list[Span] = []
    block_start = -1
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        line = text[pos:end] if end - pos <= MAX_HEADER else None
        header = line is not None and "Page" in line and HEADER.fullmatch(line.strip())
        blank = end == pos or (line is not None and not line.strip()) or (line is None and text[pos:end].isspace())
        if (blank or header) and block_start >= 0:
            _add_block(text, blocks, block_start, pos)
            block_start = -1
        if header:
            lo, hi = _trim(text, pos, end)
            headers.append(Span(lo, hi))
            numbers.append(int(header.group(1) or header.group(2)))
        elif not blank and block_start < 0:
            block_start = pos
        if nl == -1:
            break
        pos = nl + 1
    if block_start >= 0:
        _add_block(text, blocks, block_start, n)
    return headers, numbers, blocks


def _add_block(text: str, blocks: list[Span], start: int, end: int) -> None:
    lo, hi = _trim(text, start, end)
    if lo < hi and CONTENT.search(text, lo, hi):
        blocks.append(Span(lo, hi))


def _pages(text: str, headers: list[Span], numbers: list[int]) -> list[Page]:
    """Page 1 from 0 (or the page before the first header), then one page per header."""
    if not headers:
        return []
    starts = [0 if numbers[0] == 1 else headers[0].start] + [h.start for h in headers[1:]]
    nums = list(numbers)
    if numbers[0] != 1 and headers[0].start > 0:
        starts.insert(0, 0)
        nums.insert(0, max(numbers[0] - 1, 0))
    ends = starts[1:] + [len(text)]
    return [Page(num, s, e) for num, s, e in zip(nums, starts, ends) if s < e]


def _paragraphs(text: str, blocks: list[Span], notes: tuple[Footnote, ...]) -> list[Span]:
    """Blocks, cut where a footnote starts inside one ("…03d0. ⁵² Id.")."""
    cuts = sorted(n.start for n in notes)
    paragraphs: list[Span] = []
    for b in blocks:
        lo = b.start
        for c in cuts[bisect_right(cuts, b.start):bisect_right(cuts, b.end - 1)]:
            s, e = _trim(text, lo, c)
            if s < e:
                paragraphs.append(Span(s, e))
            lo = c
        s, e = _trim(text, lo, b.end)
        if s < e:
            paragraphs.append(Span(s, e))
    return paragraphs


def _markers(text: str, notes: tuple[Footnote, ...], headers: list[Span]) -> list[Marker]:
    """Footnote references outside notes and headers whose number is a footnote's."""
    numbers = {n.number for n in notes}
    if not numbers:
        return []
    skip = sorted([(n.start, n.end) for n in notes] + [(p.start, p.end) for n in notes for p in n.parts]
                  + [(h.start, h.end) for h in headers])
    skip_starts = [s for s, _ in skip]

    def in_body(offset: int) -> bool:
        i = bisect_right(skip_starts, offset) - 1
        return i < 0 or not skip[i][0] <= offset < skip[i][1]

    strong = [Marker(number_of(m), m.start(), m.end()) for m in MARKER.finditer(text) if in_body(m.start())]
    strong = [m for m in strong if m.number in numbers]
    found = list(strong)
    positions = [m.start for m in strong]
    for m in FLAT.finditer(text):
        n, start = int(m["flat"]), m.start("flat")
        if n not in numbers or not in_body(start) or _after_abbreviation(text, m.start()):
            continue
        i = bisect_right(positions, start)
        before = strong[i - 1].number if i > 0 else 0
        after = strong[i].number if i < len(strong) else None
        # Flattened numbers are plausible only in sequence with the markers around them.
        if before < n and (after is None or n < after):
            found.append(Marker(n, start, m.end("flat")))
    return sorted(found, key=lambda m: m.start)


def _after_abbreviation(text: str, p: int) -> bool:
    """True for "p. 14 …", "No. 5 …": the number belongs to the abbreviation, not a note."""
    q = p
    while q > max(0, p - 12) and (text[q - 1].isalpha() or text[q - 1] in "'’."):
        q -= 1
    token = text[q:p].lower().strip(".")
    return len(token) == 1 or token in HARD or "." in token


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi
