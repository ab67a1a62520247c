"""Sentences: split a paragraph into sentence spans without touching the text.

A sentence ends at ".", "!" or "?" (plus closing quotes, brackets, emphasis and footnote markers,
so "…United States.¹ You" keeps "¹" with the sentence before it) when whitespace and a plausible
sentence start follow. A period after an abbreviation ("Dep't.", "Jan.", "pp."), an initial
("J. Blinken"), a list number ("1. Combating") or inside an ellipsis (". . .") ends nothing;
after "U.S.", "Inc." or "Id." it ends a sentence only when a typical first word follows.
List items, Markdown headings and hard line breaks start new sentences too.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from .corpus import Span
from .footnotes import NUMBER

TERMINAL = re.compile(r"\.(?:[ \u00a0]?\.){2,}|[.!?]+|…")
CLOSERS = re.compile(rf"(?:[\"'”’)\]*_]|{NUMBER})*")
LIST_ITEM = re.compile(
    r"[ \t]*(?:[-*+•▪◦‣][ \t]+|(?:\d{1,3}|[a-z]|[ivx]{1,4}|[IVX]{1,4})[.)][ \t]+|\(\w{1,3}\)[ \t]+|#{1,6}[ \t]+)"
)
ENUMERATOR = re.compile(r"[ \t]*(?:[-*+•][ \t]+)?\(?$")
WORD = re.compile(r"[A-Za-z]+")
STARTS = "\"“‘'[*$<_¿¡"  # not "(": '…risks.") (Feb. 2022)' goes on

# Never end a sentence: titles, months, citation and reference abbreviations (lowercased).
HARD = frozenset(
    "mr mrs ms dr prof gen sen rep gov lt col sgt capt hon amb pres sec dept st mt ft no nos "
    "jan feb mar apr jun jul aug sep sept oct nov dec p pp para ch art fig vol ed eds cf vs v "
    "approx est ca inst nat'l int'l dep't gov't ass'n univ comm cong sess stat fed reg rev "
    "ky cal ariz tex fla mass va md wash ill mich minn ore pa tenn wis ave blvd "
    "adm admin assoc bros dist div".split()
)
# May end a sentence: end it only before a typical first word.
SOFT = frozenset("inc co corp ltd llc jr sr al etc id ibid esq".split())
FIRST_WORDS = frozenset(
    "The This That These Those There Their They Then Thus Therefore It Its In On At As A An He She "
    "His Her We Our I But And Or Yet So If While When Where Since After Before According For To "
    "Despite However Moreover Furthermore Also Although Because Finally Today Last Next Such Some "
    "Many Most Both Each Every Not One Under Over With Without Indeed Instead Meanwhile What Why How "
    "Who Given Even Only Further Additionally Unfortunately Fortunately Still Now Here Other".split()
)
ADDRESS_LINE = 60  # lines this short, each capitalised, are an address or signature block


def split_sentences(text: str, start: int, end: int, flat_markers: Mapping[int, int]) -> list[Span]:
    """Sentences of text[start:end]; `flat_markers` maps start -> end of plain-digit markers."""
    spans: list[Span] = []
    for lo, hi in _units(text, start, end):
        spans.extend(_split(text, lo, hi, flat_markers))
    return spans


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a paragraph at lines that start list items or headings, or follow a hard break."""
    lines: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        lines.append((pos, stop))
        pos = stop + 1
    address = 2 <= len(lines) <= 8 and all(
        e - s <= ADDRESS_LINE and (k == 0 or text[s:e].lstrip()[:1].isupper() or text[s:e].lstrip()[:1].isdigit())
        for k, (s, e) in enumerate(lines)
    )
    cuts = [start]
    for k in range(1, len(lines)):
        s, _ = lines[k]
        ps, pe = lines[k - 1]
        hard_break = text.endswith("  ", ps, pe) or text.endswith("\\", ps, pe)
        if address or hard_break or LIST_ITEM.match(text, s, lines[k][1]):
            cuts.append(s)
    cuts.append(end)
    units = []
    for lo, hi in zip(cuts, cuts[1:]):
        lo, hi = _trim(text, lo, hi)
        if lo < hi:
            units.append((lo, hi))
    return units


def _split(text: str, start: int, end: int, flat: Mapping[int, int]) -> list[Span]:
    spans: list[Span] = []
    cur = start
    for m in TERMINAL.finditer(text, start, end):
        t = m.group()
        if t == "…" or (t[0] == "." and t.count(".") == 3):
            continue  # an ellipsis (". . ." or "...") elides words; a fourth dot would end the sentence
        closers = CLOSERS.match(text, m.end(), end)
        r = closers.end() if closers else m.end()
        if r >= end:
            break
        if not text[r].isspace():
            continue  # "3.5", "U.S.-Mexico", "e.g.,"
        s = _skip_space(text, r, end)
        if s in flat:  # "…from China. 13 The cartels": the flattened marker closes the sentence
            r = flat[s]
            s = _skip_space(text, r, end)
        if s >= end:
            break
        nxt = text[s]
        if not (nxt.isupper() or nxt.isdigit() or nxt in STARTS):
            continue
        if t == "." and not _period_ends(text, m.start(), start, s, text[m.end():r]):
            continue
        spans.append(Span(cur, r))
        cur = s
    cur, end = _trim(text, cur, end)
    if cur < end:
        spans.append(Span(cur, end))
    return spans


def _period_ends(text: str, p: int, unit_start: int, nxt: int, closers: str) -> bool:
    """Does the period at p end a sentence, given the token before it and the word after?"""
    q = p
    while q > max(unit_start, p - 24) and (text[q - 1].isalnum() or text[q - 1] in "'’."):
        q -= 1
    token = text[q:p]
    if not token:
        return True  # "(2012)." or '."'
    if ENUMERATOR.match(text, unit_start, q) and (token.isdigit() or len(token) == 1 or _roman(token)):
        return False  # "1. Combating", "- a. What", "III. Conclusion."
    if any(c in closers for c in "\"”’'") or any(c.isdigit() or c in "<$^" for c in closers):
        return True  # '…the U.S."⁴⁴ Yet' — a closing quote or marker settles it
    if token.isdigit():
        return True
    low = token.lower().strip(".'’")
    if "." in token or low in SOFT:
        word = WORD.match(text, nxt)
        return bool(word and word.group() in FIRST_WORDS)
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "F.B.", "David J. Trone"
    if low in HARD and not (low in ("no", "nos") and token[0].islower()):
        return False
    return True


def _roman(token: str) -> bool:
    return bool(re.fullmatch(r"[IVX]{1,4}|[ivx]{1,4}", token))


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    lo = _skip_space(text, lo, hi)
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi
