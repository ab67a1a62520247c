"""Links: the URLs a footnote cites, as written and as repaired.

Forms: bare "https://…" (also glued: "available athttps://…"), "<https://…>", "[text](url)";
Markdown escapes ("021523\\_Milgram") are undone; a URL that PDF extraction broke across a
line or paragraph break ("…DIR-008-" + "$^{20\\% 20} Fent anyl…pdf.$") or split with spaces
("…China-An Evolving Global Operation.pdf") is rejoined. `Link.start:end` is the span as
written; `Link.url` is the repaired string.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from .corpus import Link
from .spans import SpanSet

BARE = re.compile(r"https?://[^\s<>\"“”]+")
ANGLE = re.compile(r"<(https?://[^<>\s]{1,3000})>")
# Bounded repetitions keep every pattern linear on long lines without brackets.
MD_LINK = re.compile(
    r"\[([^\[\]\n]{0,1000})\]\(([^()\s]{0,2000}(?:\([^()\s]{0,200}\)[^()\s]{0,2000})?)\)"
)
# The piece that continues a broken URL: a LaTeX-mangled "$…$" run or a token without spaces.
CONTINUATION = re.compile(r"\$[^$\n]{1,1000}\$|\^?\{?[%\w][^\s]{0,1000}")
# Words before a file extension, as pdftotext leaves them when it turns "_" or "%20" into spaces.
SPACED_TAIL = re.compile(r"(?:[ \t]+[\w%-]{1,40}){1,6}?\.(?:pdf|html?|aspx?|php|docx?|xlsx?|csv)\b")
TRAILING = ".,;:!?*'’”\"_"
BROKEN_END = "-/_%=&?#"


def find_links(text: str, ranges: Iterable[tuple[int, int]]) -> tuple[Link, ...]:
    """Every URL inside the given (start, end) ranges of text, in text order."""
    links: list[Link] = []
    for lo, hi in ranges:
        taken = SpanSet()
        for m in MD_LINK.finditer(text, lo, hi):
            label, target = _unescape(m[1]), _unescape(m[2])
            url = target if _is_url(target) else label if _is_url(label) else None
            if url:  # "[spoke](#)" cites nothing
                links.append(Link(m.start(), m.end(), url))
                taken.add(*m.span())
        for m in ANGLE.finditer(text, lo, hi):
            if not taken.overlaps(*m.span()):
                links.append(Link(m.start(), m.end(), _unescape(m[1])))
                taken.add(*m.span())
        for m in BARE.finditer(text, lo, hi):
            if not taken.overlaps(*m.span()):
                links.append(_repair(text, m.start(), m.end(), hi))
    return tuple(sorted(links, key=lambda link: link.start))


def _repair(text: str, start: int, end: int, hi: int) -> Link:
    """A bare URL with trailing punctuation dropped and breaks rejoined."""
    raw_end = end
    end = _trim(text, start, end)
    url = _unescape(text[start:end])
    if end == raw_end and url.endswith(tuple(BROKEN_END)):
        joined = _continuation(text, end, hi)
        if joined:
            piece, end = joined
            url += piece
    elif end == raw_end and "." not in url.rsplit("/", 1)[-1] and not url.endswith("/"):
        tail = SPACED_TAIL.match(text, end, hi)
        if tail:
            sep = _separator(url)
            url += sep + sep.join(tail.group().split())
            end = tail.end()
    return Link(start, end, url)


def _continuation(text: str, end: int, hi: int) -> tuple[str, int] | None:
    """The rest of a URL cut at a line break, as (cleaned piece, end offset), if it follows."""
    gap = end
    while gap < hi and text[gap].isspace():
        gap += 1
    if gap == end or "\n" not in text[end:gap]:
        return None
    m = CONTINUATION.match(text, gap, hi)
    # A new URL or a plain word on the next line is not the rest of this one.
    if m is None or m.group().startswith("http") or not any(c in m.group() for c in "%/_$^"):
        return None
    piece_end = m.end() if m.group().startswith("$") else _trim(text, gap, m.end())
    piece = text[gap:piece_end].replace("\\sim", "~")
    piece = re.sub(r"[\s$^{}\\]", "", piece).rstrip(TRAILING)
    return (piece, piece_end) if piece else None


def _trim(text: str, start: int, end: int) -> int:
    """End of a URL without the sentence punctuation or unbalanced brackets after it."""
    balance = {")": text.count("(", start, end) - text.count(")", start, end),
               "]": text.count("[", start, end) - text.count("]", start, end)}
    while end > start:
        c = text[end - 1]
        if c in balance and balance[c] < 0:
            balance[c] += 1
        elif c not in TRAILING:
            break
        end -= 1
    return end


def _separator(url: str) -> str:
    """Guess what extraction turned into spaces from what the URL uses elsewhere."""
    last = url.rsplit("/", 1)[-1]
    if "_" in last:
        return "_"
    if "%20" in url:
        return "%20"
    return "-" if "-" in last else "%20"


def _unescape(url: str) -> str:
    # A backslash is never part of a URL: it is a Markdown or LaTeX escape ("\\_", "\\%").
    return url.replace("\\", "").strip()


def _is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))
