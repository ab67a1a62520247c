"""Periods: the time a statement is about, resolved from the sentence and the document date.

"in FY2023" / "FY 2023" / "fiscal year 2023" → US federal fiscal year (1 Oct – 30 Sep);
"so far in FY2023" → from the fiscal year's start to the document's date; "Since FY21" → the same;
"between February 2022 and February 2023", "from September 2021 through August 2022" → months;
"in 2021", "from 2008 to 2021" → calendar years; "last year" → the year before the document.
Example: "So far in FY2031, the agency seized 12 tons." (document dated 2031-05-02).
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from rdflib import Literal
from rdflib.namespace import XSD

from ..namespaces import FXD
from .context import Context, Period

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_FY = r"(?:FY\s?|fiscal\s+year\s+)(?P<fy>\d{4}|\d{2})\b"

SO_FAR_FY = re.compile(rf"(?:so\s+far\s+in|since|to\s+date\s+in|year[- ]to[- ]date\s+in)\s+{_FY}", re.IGNORECASE)
FISCAL = re.compile(_FY, re.IGNORECASE)
MONTH_RANGE = re.compile(
    rf"(?:between|from)\s+(?P<m1>{_MONTH})\s+(?P<y1>\d{{4}})\s+(?:and|to|through|until|-|–)\s+(?P<m2>{_MONTH})\s+(?P<y2>\d{{4}})",
    re.IGNORECASE,
)
YEAR_RANGE = re.compile(r"(?:between|from)\s+(?P<y1>(?:19|20)\d\d)\s+(?:and|to|through|until|-|–)\s+(?P<y2>(?:19|20)\d\d)", re.IGNORECASE)
IN_YEAR = re.compile(r"(?:\bin|\bduring|\bfor|\bof|^)\s+(?P<y>(?:19|20)\d\d)\b(?!\s*(?:and|to|-))|\b(?P<y2>(?:19|20)\d\d)\s+(?:alone|figures|data)", re.IGNORECASE)
LAST_YEAR = re.compile(r"\blast\s+year\b|\bthe\s+past\s+year\b|\bover\s+the\s+past\s+year\b", re.IGNORECASE)


def fiscal_year(ctx: Context, year: int) -> Period:
    """US federal fiscal year `year`: 1 October of the year before to 30 September."""
    return Period(
        FXD[f"period-us-fy{year}"], f"US fiscal year {year}",
        Literal(date(year - 1, 10, 1).isoformat(), datatype=XSD.date),
        Literal(date(year, 9, 30).isoformat(), datatype=XSD.date), fiscal_year=True,
    )


def _year(raw: str) -> int:
    return int(raw) if len(raw) == 4 else 2000 + int(raw)


def resolve_period(ctx: Context, sentence: str) -> Period | None:
    """The period a sentence's statistics refer to, or None when it states none."""
    doc_date = ctx.doc.meta.date
    m = SO_FAR_FY.search(sentence)
    if m and doc_date:
        fy = fiscal_year(ctx, _year(m["fy"]))
        ctx.period(fy)
        end = Literal(doc_date.isoformat(), datatype=XSD.date)
        return Period(FXD[f"period-us-fy{_year(m['fy'])}-to-{doc_date.isoformat()}"],
                      f"US fiscal year {_year(m['fy'])} up to {doc_date.isoformat()}", fy.begin, end, starts=fy.iri)
    m = MONTH_RANGE.search(sentence)
    if m:
        b = f"{int(m['y1']):04d}-{MONTHS[m['m1'].lower().rstrip('.')]:02d}"
        e = f"{int(m['y2']):04d}-{MONTHS[m['m2'].lower().rstrip('.')]:02d}"
        return Period(FXD[f"period-{b}-to-{e}"], f"{b} to {e}",
                      Literal(b, datatype=XSD.gYearMonth), Literal(e, datatype=XSD.gYearMonth))
    m = FISCAL.search(sentence)
    if m:
        return fiscal_year(ctx, _year(m["fy"]))
    m = YEAR_RANGE.search(sentence)
    if m:
        return Period(FXD[f"period-{m['y1']}-to-{m['y2']}"], f"{m['y1']} to {m['y2']}",
                      Literal(m["y1"], datatype=XSD.gYear), Literal(m["y2"], datatype=XSD.gYear))
    m = IN_YEAR.search(sentence)
    if m:
        return calendar_year(m["y"] or m["y2"])
    if LAST_YEAR.search(sentence) and doc_date:
        return calendar_year(str(doc_date.year - 1))
    return None


def calendar_year(year: str) -> Period:
    return Period(FXD[f"period-cy-{year}"], f"calendar year {year}",
                  Literal(year, datatype=XSD.gYear), Literal(year, datatype=XSD.gYear))
