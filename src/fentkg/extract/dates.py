"""Dates: the points in time a sentence names, resolved against the document's date.

"On November 17, 2023" → 2023-11-17 (xsd:date); "in September 2023" → 2023-09 (xsd:gYearMonth);
"in 2019" → 2019 (xsd:gYear); "On July 7" and "In June" → the latest such day or month not after
the document's date; "last month", "early next month", "earlier this year", "last year", "one
year ago" and "today" → relative to the document's date. The datatype records the precision
(MODEL.md §2.9). Dates that bound a range ("from around May 2008", "since 2019") are marked
`ranged`: they are the ends of a period, not the date of an act.
Example: in a letter of 2031-05-02, "early next month" is 2031-06 and "In March" is 2031-03.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from rdflib import Literal
from rdflib.namespace import XSD

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted({m.capitalize() for m in MONTHS}, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_REL = r"(?P<rel>last|next|this|previous|past)"
WORDS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

# (kind, pattern), tried in this order; a later pattern never overlaps an earlier match.
PATTERNS = (
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH}\s+{_YEAR}\b")),
    ("my", re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d\d)(?![\d%])")),
    ("rel_month", re.compile(rf"\b(?:(?P<part>early|late|mid)[- ])?{_REL}\s+month\b", re.IGNORECASE)),
    ("rel_year", re.compile(rf"\b(?:earlier\s+|later\s+)?{_REL}\s+year\b", re.IGNORECASE)),
    ("ago", re.compile(r"\b(?P<n>one|a|two|three|four|five|six|\d+)\s+(?P<unit>year|month)s?\s+ago\b", re.IGNORECASE)),
    ("today", re.compile(r"\btoday\b")),
    ("m", re.compile(rf"(?:(?<=\b[Ii]n\s)|(?<=\b[Oo]n\s)|(?<=\b[Bb]y\s)|(?<=\b[Ss]ince\s)|(?<=\b[Dd]uring\s)){_MONTH}\b(?!\s+[0-3]?\d)")),
    ("y", re.compile(rf"(?<![\d$.,/-]){_YEAR}(?![\d%,.]\d|-\d|\s*%)")),
)
# Words before a date that make it the end of a range, not the date of an act.
RANGED_BEFORE = re.compile(
    r"(?:\bfrom(?:\s+around)?|\bsince|\bbetween|\bthrough|\buntil|\bto\s+at\s+least|\bcontinuing\s+to|\bprior\s+to|\bbefore|\bto)\s+(?:the\s+)?(?:end\s+of\s+|early\s+|late\s+)?$",
    re.IGNORECASE,
)
RANGED_AFTER = re.compile(r"^\s*(?:to|through|until|–|-)\s+(?:\w+\s+)?(?:19|20)\d\d", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date named in the text: its span and its value, with the precision as datatype."""

    start: int
    end: int
    value: Literal
    ranged: bool = False


def _month_value(year: int, month: int) -> Literal:
    return Literal(f"{year:04d}-{month:02d}", datatype=XSD.gYearMonth)


def _shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _latest(doc_date: date | None, month: int, day: int | None = None) -> int | None:
    """The year of the latest such day or month not after the document's date."""
    if doc_date is None:
        return None
    if (month, day or 1) <= (doc_date.month, doc_date.day if day else 1):
        return doc_date.year
    return doc_date.year - 1


def resolve(kind: str, m: re.Match[str], doc_date: date | None) -> Literal | None:
    """The value of one match of PATTERNS[kind], or None when it needs a document date it lacks."""
    month = MONTHS.get((m.groupdict().get("month") or "").lower())
    if kind in ("mdy", "dmy"):
        try:
            return Literal(date(int(m["year"]), month or 0, int(m["day"])).isoformat(), datatype=XSD.date)
        except ValueError:
            return None
    if kind == "my":
        return _month_value(int(m["year"]), month or 1)
    if kind == "y":
        return Literal(m["year"], datatype=XSD.gYear)
    if doc_date is None:
        return None
    rel = (m.groupdict().get("rel") or "").lower()
    step = {"last": -1, "previous": -1, "past": -1, "next": 1}.get(rel, 0)
    if kind == "md":
        year = _latest(doc_date, month or 1, int(m["day"]))
        try:
            return Literal(date(year or doc_date.year, month or 1, int(m["day"])).isoformat(), datatype=XSD.date)
        except ValueError:
            return None
    if kind == "m":
        return _month_value(_latest(doc_date, month or 1) or doc_date.year, month or 1)
    if kind == "rel_month":
        return _month_value(*_shift(doc_date.year, doc_date.month, step))
    if kind == "rel_year":
        return Literal(str(doc_date.year + step), datatype=XSD.gYear)
    if kind == "ago":
        n = int(m["n"]) if m["n"].isdigit() else WORDS[m["n"].lower()]
        if m["unit"].lower() == "year":
            n *= 12
        return _month_value(*_shift(doc_date.year, doc_date.month, -n))
    if kind == "today":
        return Literal(doc_date.isoformat(), datatype=XSD.date)
    return None


def find_dates(text: str, start: int, end: int, doc_date: date | None) -> list[DateMention]:
    """Every date named in text[start:end], in text order, without overlaps."""
    found: list[DateMention] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(d.start < m.end() and m.start() < d.end for d in found):
                continue
            if kind == "y" and re.search(r"FY\s?$|fiscal year\s+$|No\.\s*$|§\s*$", text[max(0, m.start() - 12):m.start()]):
                continue  # fiscal years are periods (statistics), numbers after "No." are not dates
            value = resolve(kind, m, doc_date)
            if value is None:
                continue
            before = text[max(start, m.start() - 40):m.start()]
            after = text[m.end():min(end, m.end() + 30)]
            ranged = bool(RANGED_BEFORE.search(before)) or (kind in ("y", "my", "mdy") and bool(RANGED_AFTER.match(after)))
            found.append(DateMention(m.start(), m.end(), value, ranged))
    return sorted(found, key=lambda d: d.start)


def nearest(dates: list[DateMention], start: int, end: int, prefer_after: bool = False) -> DateMention | None:
    """The non-range date of `dates` closest to the span start:end (ties go to the one after it).

    With `prefer_after`, a date after the span wins over one before it: an act's date follows its verb
    ("scheduled … in 2019") unless the sentence opens with it ("On May 1, 2019, China added …").
    """
    usable = [d for d in dates if not d.ranged]
    if prefer_after and any(d.start >= end for d in usable):
        usable = [d for d in usable if d.start >= end]
    if not usable:
        return None
    return min(usable, key=lambda d: (max(d.start - end, start - d.end, 0), d.start < start))
