"""SpanSet and OffsetIndex answer exactly what a scan over the spans would answer."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fentkg.spans import OffsetIndex, SpanSet

span = st.tuples(st.integers(0, 60), st.integers(0, 10)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(span, max_size=12), st.lists(span, max_size=12), st.lists(span, min_size=1, max_size=20))
def test_spanset_overlap_matches_a_scan(initial, added, queries):
    spans = SpanSet(initial)
    for start, end in added:
        spans.add(start, end)
    taken = [(s, e) for s, e in initial + added if s < e]
    for start, end in queries:
        if start < end:
            assert spans.overlaps(start, end) == any(s < end and start < e for s, e in taken)


def test_spanset_merges_touching_and_overlapping_spans():
    spans = SpanSet([(10, 20), (30, 40)])
    spans.add(20, 30)  # touches both: one interval
    assert list(spans) == [(10, 40)]
    assert spans.overlaps(39, 41) and not spans.overlaps(40, 50) and not spans.overlaps(0, 10)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(span, st.integers(0, 5)), max_size=10), st.lists(st.integers(-1, 75), min_size=1))
def test_offset_index_returns_the_first_holder_in_given_order(items, offsets):
    index = OffsetIndex((s, e, v) for (s, e), v in items)
    for offset in offsets:
        expected = next((v for (s, e), v in items if s <= offset < e), "none")
        assert index.get(offset, "none") == expected
