"""Dates named in text, resolved against the document's date, with their precision as datatype."""
from __future__ import annotations

from datetime import date

import pytest

from fentkg.extract.dates import find_dates, nearest

DOC = date(2031, 5, 2)


def values(text: str) -> list[tuple[str, str, str, bool]]:
    return [(text[d.start:d.end], str(d.value), d.value.datatype.rsplit("#", 1)[-1], d.ranged)
            for d in find_dates(text, 0, len(text), DOC)]


@pytest.mark.parametrize("text, expected", [
    ("On November 17, 2023, they met.", ("November 17, 2023", "2023-11-17", "date")),
    ("On 4 March 2031 it began.", ("4 March 2031", "2031-03-04", "date")),
    ("In September 2023, he acted.", ("September 2023", "2023-09", "gYearMonth")),
    ("In June, you traveled.", ("June", "2030-06", "gYearMonth")),  # the latest June not after May 2, 2031
    ("In March, you traveled.", ("March", "2031-03", "gYearMonth")),
    ("On July 7, it launched.", ("July 7", "2030-07-07", "date")),
    ("your meeting early next month", ("early next month", "2031-06", "gYearMonth")),
    ("Late last month, DOJ acted.", ("Late last month", "2031-04", "gYearMonth")),
    ("earlier this year", ("earlier this year", "2031", "gYear")),
    ("Almost exactly one year ago, I testified.", ("one year ago", "2030-05", "gYearMonth")),
    ("to testify today on", ("today", "2031-05-02", "date")),
])
def test_one_date_resolved(text: str, expected: tuple[str, str, str]) -> None:
    assert values(text)[0][:3] == expected


def test_range_ends_are_marked_and_fiscal_years_are_no_dates() -> None:
    got = values("trafficking from around May 2008 and continuing to at least October 21, 2021; in FY2023 and since 2019")
    assert [(t, r) for t, _, _, r in got] == [("May 2008", True), ("October 21, 2021", True), ("2019", True)]


def test_nearest_prefers_the_date_after_the_act() -> None:
    text = "In 2018 and 2019 diplomats pushed, and China moved to regulate analogs in May 2019."
    dates = find_dates(text, 0, len(text), DOC)
    at = text.index("moved")
    assert str(nearest(dates, at, at + 5, prefer_after=True).value) == "2019-05"
