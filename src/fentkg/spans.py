"""A set of text spans that answers "does start:end overlap anything taken?" by bisection.

Extractors claim spans as they go ("Sinaloa Cartel" is taken, so "Sinaloa" inside it is not read
again). Scanning every taken span per candidate made one long document quadratic; this keeps the
union of the spans as sorted, disjoint intervals instead, so a lookup is one bisection.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any


class SpanSet:
    """The union of half-open spans [start, end), kept merged and sorted."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """True when start:end shares at least one offset with a span in the set."""
        i = bisect.bisect_left(self._starts, end) - 1  # the last interval starting before `end`
        return i >= 0 and self._ends[i] > start

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return
        # intervals that overlap or touch [start, end) are merged into it
        lo = bisect.bisect_left(self._ends, start)
        hi = bisect.bisect_right(self._starts, end)
        if lo < hi:
            start = min(start, self._starts[lo])
            end = max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]

    def update(self, spans: Iterable[tuple[int, int]]) -> None:
        for start, end in spans:
            self.add(start, end)

    def __len__(self) -> int:
        """Number of disjoint intervals (touching spans count as one)."""
        return len(self._starts)

    def __iter__(self):
        return iter(zip(self._starts, self._ends))


class OffsetIndex:
    """What holds an offset, over spans each carrying a value: a page number, a footnote.

    Bisection when the spans are disjoint (as segmentation makes them); when some overlap, the
    answer is the first span in the given order that holds the offset, as a scan would find.
    """

    __slots__ = ("_items", "_starts", "_disjoint")

    def __init__(self, items: Iterable[tuple[int, int, Any]]) -> None:
        given = [(s, e, v) for s, e, v in items if s < e]
        self._items = sorted(given, key=lambda item: item[0])
        self._starts = [s for s, _, _ in self._items]
        self._disjoint = all(a[1] <= b[0] for a, b in zip(self._items, self._items[1:]))
        if not self._disjoint:
            self._items = given  # rare: keep the given order and scan

    def get(self, offset: int, default: Any = None) -> Any:
        if not self._disjoint:
            return next((v for s, e, v in self._items if s <= offset < e), default)
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._items[i][1]:
            return self._items[i][2]
        return default
