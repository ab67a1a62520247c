"""Periods: the time a stated number is about, resolved from its sentence and the document date.

"in FY2023" / "FY 2023" / "fiscal year 2023" → US federal fiscal year (1 Oct – 30 Sep);
"so far in FY2023" / "Since FY21" → from the fiscal year's start to the document's date;
"between February 2022 and February 2023", "from September 2021 through August 2022" → months;
"in 2021", "from 2008 to 2021" → calendar years; "since 1999" → 1999 up to the document's date;
"In June 2023" / "In February" → a month; "On September 23, 2023" / "On July 7" → a day;
"last year" / "this year" → a calendar year relative to the document; "over the last two years"
→ the two years up to the document's date.
Example: "So far in FY2031, the agency seized 12 tons." (document dated 2031-05-02).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from rdflib import Literal
from rdflib.namespace import XSD

from ..namespaces import FXD
from .context import Period

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_FY = r"(?:FY\s?|fiscal\s+year\s+)(?P<fy>\d{4}|\d{2})\b"
_YEAR = r"(?:19|20)\d\d"
_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}

# Each pattern is tried everywhere in the sentence; `resolve_period` picks among the matches.
PATTERNS: dict[str, re.Pattern[str]] = {
    "day_range": re.compile(
        rf"\b(?:between|from)\s+(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:,?\s+(?P<y1>{_YEAR}))?\s+(?:and|to|through|until|-|–)\s+"
        rf"(?:(?P<m2>{_MONTH})\s+)?(?P<d2>\d{{1,2}}),?\s+(?P<y2>{_YEAR})\b", re.IGNORECASE),
    "so_far_fy": re.compile(rf"\b(?:so\s+far\s+in|since|to\s+date\s+in|year[- ]to[- ]date\s+in)\s+{_FY}", re.IGNORECASE),
    "month_range": re.compile(
        rf"\b(?:between|from)\s+(?P<m1>{_MONTH})\s+(?P<y1>\d{{4}})\s+(?:and|to|through|until|-|–)\s+(?P<m2>{_MONTH})\s+(?P<y2>\d{{4}})",
        re.IGNORECASE),
    "fiscal": re.compile(rf"\b{_FY}", re.IGNORECASE),
    "year_range": re.compile(rf"\b(?:between|from)\s+(?P<y1>{_YEAR})\s+(?:and|to|through|until|-|–)\s+(?P<y2>{_YEAR})\b", re.IGNORECASE),
    "since_year": re.compile(rf"\bsince\s+(?P<y>{_YEAR})\b(?!\s*(?:and|to|-))", re.IGNORECASE),
    "day": re.compile(rf"\b(?:on|by|as\s+of)\s+(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:,?\s+(?P<y>{_YEAR}))?\b", re.IGNORECASE),
    "month": re.compile(rf"\b(?:in|during|by|since|as\s+of)\s+(?:early\s+|late\s+|mid-)?(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b(?!\s+\d)", re.IGNORECASE),
    "in_year": re.compile(rf"\b(?:in|during|for|throughout)\s+(?:calendar\s+year\s+|CY\s?)?(?P<y>{_YEAR})\b(?!\s*(?:and|to|-|–))"
                          rf"|\b(?P<y2>{_YEAR})\s+(?:alone|figures|data)\b", re.IGNORECASE),
    "last_years": re.compile(r"\b(?:over|in|during)\s+the\s+(?:last|past)\s+(?:(?P<n>two|three|four|five|ten|\d{1,2})\s+years|year|12\s+months|twelve\s+months)\b",
                             re.IGNORECASE),
    "last_year": re.compile(r"\blast\s+year\b", re.IGNORECASE),
    "this_year": re.compile(r"\b(?:this|earlier\s+this)\s+year\b", re.IGNORECASE),
}
# A period after these words is the base of a comparison, not the period of the number ("3 percent lower
# than in 2022", "an increase over the same period last year", "17 percent over FY2024"); and "the first …
# since 2017" dates a first, not a figure.
_BASE = re.compile(r"(?:\bthan|\bover|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\brelative\s+to|\bsame\s+period|\bsame\s+time)\s+$",
                   re.IGNORECASE)
_FIRST_SINCE = re.compile(r"\bfirst\b[^.;]{0,60}$", re.IGNORECASE)
# Month names that are also words ("May", "March") count only with a day or year after them.
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "dec", "sept"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A period expression found in a sentence: where it is and what it means."""

    start: int
    end: int
    period: Period
    related: tuple[Period, ...] = ()  # periods the graph must also hold (the fiscal year "so far in FY…" starts)


def fiscal_year(year: int) -> Period:
    """US federal fiscal year `year`: 1 October of the year before to 30 September."""
    return Period(
        FXD[f"period-us-fy{year}"], f"US fiscal year {year}",
        Literal(date(year - 1, 10, 1).isoformat(), datatype=XSD.date),
        Literal(date(year, 9, 30).isoformat(), datatype=XSD.date), fiscal_year=True,
    )


def calendar_year(year: int) -> Period:
    return Period(FXD[f"period-cy-{year}"], f"calendar year {year}",
                  Literal(str(year), datatype=XSD.gYear), Literal(str(year), datatype=XSD.gYear))


def interval(begin: Literal, end: Literal, label: str | None = None, starts: Period | None = None) -> Period:
    """A named interval between two instants, named after its endpoints ("period-2008-to-2021"),
    or after the interval it starts with ("period-us-fy2023-to-2023-07-31")."""
    first = str(starts.iri).rsplit("period-", 1)[1] if starts else str(begin)
    name = f"{first}-to-{end}"
    return Period(FXD[f"period-{name}"], label or name.replace("-to-", " to "), begin, end,
                  starts=starts.iri if starts else None)


def _year(raw: str) -> int:
    return int(raw) if len(raw) == 4 else 2000 + int(raw)


def _month(raw: str) -> int:
    return MONTHS[raw.lower().rstrip(".")]


def _last_before(doc_date: date | None, month: int, day: int = 1) -> int | None:
    """The year of the latest (month, day) not after the document's date ("On July 7" in a July 31 letter)."""
    if doc_date is None:
        return None
    return doc_date.year if (month, day) <= (doc_date.month, doc_date.day) else doc_date.year - 1


def find_periods(sentence: str, doc_date: date | None) -> list[Mention]:
    """Every period expression of a sentence, left to right (overlapping ones: the first pattern wins)."""
    found: list[Mention] = []
    for kind, pattern in PATTERNS.items():
        for m in pattern.finditer(sentence):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            before = sentence[max(0, m.start() - 70):m.start()]
            if _BASE.search(before[-30:]) or (m.group().lower().startswith("since") and _FIRST_SINCE.search(before)):
                continue
            period = _meaning(kind, m, doc_date)
            if period is not None:
                related = (fiscal_year(_year(m["fy"])),) if kind == "so_far_fy" else ()
                found.append(Mention(m.start(), m.end(), period, related))
    return sorted(found, key=lambda f: f.start)


def _meaning(kind: str, m: re.Match[str], doc_date: date | None) -> Period | None:
    """The Period one match stands for, or None when it needs a document date the document lacks."""
    if kind == "so_far_fy":
        if doc_date is None:
            return None
        fy = fiscal_year(_year(m["fy"]))
        return interval(fy.begin, Literal(doc_date.isoformat(), datatype=XSD.date),
                        f"{fy.label} up to {doc_date.isoformat()}", starts=fy)
    if kind == "day_range":
        y2 = int(m["y2"])
        m2 = _month(m["m2"] or m["m1"])
        y1 = int(m["y1"]) if m["y1"] else y2
        try:
            first, last = date(y1, _month(m["m1"]), int(m["d1"])), date(y2, m2, int(m["d2"]))
        except ValueError:
            return None
        return interval(Literal(first.isoformat(), datatype=XSD.date), Literal(last.isoformat(), datatype=XSD.date))
    if kind == "month_range":
        b = Literal(f"{int(m['y1']):04d}-{_month(m['m1']):02d}", datatype=XSD.gYearMonth)
        e = Literal(f"{int(m['y2']):04d}-{_month(m['m2']):02d}", datatype=XSD.gYearMonth)
        return interval(b, e)
    if kind == "fiscal":
        return fiscal_year(_year(m["fy"]))
    if kind == "year_range":
        return interval(Literal(m["y1"], datatype=XSD.gYear), Literal(m["y2"], datatype=XSD.gYear))
    if kind == "since_year":
        if doc_date is None:
            return None
        return interval(Literal(m["y"], datatype=XSD.gYear), Literal(doc_date.isoformat(), datatype=XSD.date))
    if kind == "day":
        month, day = _month(m["m"]), int(m["d"])
        year = int(m["y"]) if m["y"] else _last_before(doc_date, month, day)
        if year is None or day > calendar.monthrange(year, month)[1]:
            return None
        when = Literal(date(year, month, day).isoformat(), datatype=XSD.date)
        return Period(FXD[f"period-{when}"], str(when), when, when)
    if kind == "month":
        if not m["y"] and m["m"].lower().rstrip(".") in _AMBIGUOUS_MONTHS:
            return None
        month = _month(m["m"])
        year = int(m["y"]) if m["y"] else _last_before(doc_date, month)
        if year is None:
            return None
        when = Literal(f"{year:04d}-{month:02d}", datatype=XSD.gYearMonth)
        if m.group().lower().startswith("since") and doc_date is not None:
            return interval(when, Literal(doc_date.isoformat(), datatype=XSD.date))
        return Period(FXD[f"period-{when}"], str(when), when, when)
    if kind == "in_year":
        return calendar_year(int(m["y"] or m["y2"]))
    if doc_date is None:
        return None
    if kind == "last_years":
        n = (_COUNT.get(m["n"].lower()) or int(m["n"])) if m["n"] else 1
        try:
            begin = doc_date.replace(year=doc_date.year - n)
        except ValueError:  # 29 February
            begin = doc_date.replace(year=doc_date.year - n, day=28)
        return interval(Literal(begin.isoformat(), datatype=XSD.date), Literal(doc_date.isoformat(), datatype=XSD.date))
    if kind == "last_year":
        return calendar_year(doc_date.year - 1)
    return calendar_year(doc_date.year)  # this_year


_NOT_BREAKS = re.compile(r"\]\([^)\s]{0,300}\)|\[|(?<=\d)[,.](?=\d)")


def unlinked(text: str) -> str:
    """Text without what looks like a clause break but is none: Markdown link syntax ("[90,000](#)
    people overdosed in 2030") and separators inside numbers ("10,000", "3.5")."""
    return _NOT_BREAKS.sub("", text)


# Another number in another clause, or after "and <verb>", has its own period ("seized 9 labs … and
# extradited two suspects … on April 30"); one in the same phrase shares it ("79.5 million pills and
# 12,000 pounds of powder in 2023").
_SEPARATE = re.compile(r"[,;:—–().!?]|\b(?:and|but|while)\s+(?:\w+\s+)?\w+ed\b")
_CLAUSE_BREAK = re.compile(r"[,;:—–()\[\].!?]|\s-\s")
_STRONG_BREAK = re.compile(r"[;:—–()\[\].!?]|\s-\s")


def choose_period(mentions: list[Mention], sentence: str, start: int, end: int,
                  numbers: tuple[tuple[int, int], ...] = ()) -> Period | None:
    """The period of the number at sentence[start:end]: the nearest expression in its own clause,
    else the first expression before it ("So far in FY2023, CBP has seized …"), else one after it
    past commas only ("60,000 deaths involved opioids, mostly fentanyl, in 2030"); after a
    stronger break it belongs to something else ("…145 incidents; the first time since 2017").
    An expression after the number that another of `numbers` stands closer to is that number's
    ("seven out of ten …, up from six out of ten in 2022")."""
    def between(m: Mention) -> str:
        return unlinked(sentence[m.end:start] if m.end <= start else sentence[end:m.start])

    mentions = [m for m in mentions if m.end <= start or not any(
        end <= s and e <= m.start and _SEPARATE.search(unlinked(sentence[end:s])) for s, e in numbers)]
    own = [m for m in mentions if not _CLAUSE_BREAK.search(between(m))]
    if own:
        return min(own, key=lambda m: start - m.end if m.end <= start else m.start - end).period
    before = [m for m in mentions if m.end <= start]
    if before:
        return before[0].period
    after = [m for m in mentions if m.start >= end and not _STRONG_BREAK.search(between(m))]
    return after[0].period if after else None

