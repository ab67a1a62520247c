"""The conflict rules against their definition (issue 7).

queries/build/conflicting_numbers.rq compares cells of figures instead of pairs, and conflicting_values.rq
compares each date with the group's maximum, so that they stay linear. Their meaning is pairwise, and this
file states it pairwise, in Python: two figures are compared when they have one indicator and unit, the same
place and reporter where both name one, and the same stated period — or, for a state indicator, one of them
states none and the documents differ. They disagree when their values differ or their intervals are disjoint.
A conflict groups every figure that disagrees with one it is compared with; its verdict is `conflict` when
two of them are disjoint. Hypothesis draws small sets of figures and checks the rules and queries/conflicts.rq.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fentkg.derive import derive_store

ROOT = Path(__file__).resolve().parents[1]
FX = "https://w3id.org/fentkg/ontology#"
FXV = "https://w3id.org/fentkg/vocab/"
INF = float("inf")
STATE = {"coalition-members"}  # fx:comparableWithoutPeriod in ontology/vocab.ttl; "arrests" is not

# (lower, lower inclusive, upper, upper inclusive) as a function of the stated value
BOUNDS = {
    "exact": lambda v: (v, True, v, True), "more-than": lambda v: (v, False, INF, True),
    "at-least": lambda v: (v, True, INF, True), "less-than": lambda v: (-INF, True, v, False),
    "range": lambda v: (v, True, v + 1, True), "none": lambda v: (-INF, True, INF, True),
}


@dataclass(frozen=True)
class Figure:
    name: str
    indicator: str
    value: int
    bounds: str
    period: str
    area: str
    reporter: str
    doc: str
    deprecated: bool

    def interval(self) -> tuple[float, bool, float, bool]:
        return BOUNDS[self.bounds](self.value)

    def turtle(self) -> str:
        lo, lo_in, hi, hi_in = self.interval()
        parts = [f'fx:indicator fxv:ind-{self.indicator}', 'sdmx-attribute:unitMeasure unit:NUM',
                 f'fx:refPeriod fxd:period-{self.period}', f'fx:obsValue "{self.value}"^^xsd:decimal',
                 f'fx:statedIn fxd:doc-{self.doc}', f'fx:rank fxv:rank-{"deprecated" if self.deprecated else "normal"}',
                 f'prov:wasDerivedFrom [ oa:hasSelector [ oa:exact "{self.name}" ] ]']
        if lo != -INF:
            parts += [f'fx:lowerBound "{lo}"^^xsd:decimal', f'fx:lowerBoundInclusive {str(lo_in).lower()}']
        if hi != INF:
            parts += [f'fx:upperBound "{hi}"^^xsd:decimal', f'fx:upperBoundInclusive {str(hi_in).lower()}']
        if self.area:
            parts.append(f"fx:refArea fxd:country-{self.area}")
        if self.reporter:
            parts.append(f"fx:reporter fxd:org-{self.reporter}")
        return f"<https://example.org/{self.name}> a fx:StatisticalObservation ; " + " ; ".join(parts) + " .\n"


def compared(f: Figure, g: Figure) -> str | None:
    """The period of the group in which f and g are compared, or None."""
    if f is g or f.indicator != g.indicator or f.deprecated or g.deprecated:
        return None
    if f.area and g.area and f.area != g.area or f.reporter and g.reporter and f.reporter != g.reporter:
        return None
    if f.period == g.period != "unspecified":
        return f.period
    if f.indicator in STATE and "unspecified" in (f.period, g.period) and f.doc != g.doc:
        return g.period if f.period == "unspecified" else f.period
    return None


def disjoint(f: Figure, g: Figure) -> bool:
    def below(a: Figure, b: Figure) -> bool:  # a lies wholly below b
        _, _, hi, hi_in = a.interval()
        lo, lo_in, _, _ = b.interval()
        return hi < lo or hi == lo and not (hi_in and lo_in)
    return below(f, g) or below(g, f)


def expected(figures: list[Figure]) -> tuple[set[tuple[frozenset[str], str]], set[tuple[str, str, str]]]:
    """(conflicts as (members, verdict), pairs as (name, name, verdict)) by the pairwise definition."""
    groups: dict[tuple[str, str], tuple[set[str], list[bool]]] = {}
    pairs = set()
    for f in figures:
        for g in figures:
            period = compared(f, g)
            if period is None or (f.value == g.value and not disjoint(f, g)):
                continue
            members, verdicts = groups.setdefault((f.indicator, period), (set(), []))
            members |= {f.name, g.name}
            verdicts.append(disjoint(f, g))
            if f.name < g.name:
                pairs.add((f.name, g.name, "verdict-conflict" if disjoint(f, g) else "verdict-compatible"))
    return ({(frozenset(m), "verdict-conflict" if any(v) else "verdict-compatible") for m, v in groups.values()}, pairs)


def derived(figures: list[Figure]) -> ox.Store:
    store = ox.Store()
    store.load(path=str(ROOT / "ontology" / "vocab.ttl"), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("https://w3id.org/fentkg/graph/vocab"))
    prefixes = f"""@prefix fx: <{FX}> . @prefix fxv: <{FXV}> . @prefix fxd: <https://w3id.org/fentkg/id/> .
        @prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> . @prefix unit: <http://qudt.org/vocab/unit/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix prov: <http://www.w3.org/ns/prov#> .
        @prefix oa: <http://www.w3.org/ns/oa#> .\n"""
    store.load((prefixes + "".join(f.turtle() for f in figures)).encode("utf-8"), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("https://w3id.org/fentkg/graph/claims"))
    derive_store(store, ROOT / "queries" / "build")
    return store


def found(store: ox.Store) -> tuple[set[tuple[frozenset[str], str]], set[tuple[str, str, str]]]:
    members: dict[str, set[str]] = {}
    verdicts: dict[str, set[str]] = {}
    for row in store.query(f"SELECT ?c ?m ?v WHERE {{ ?c a <{FX}ClaimConflict> ; <{FX}conflictingClaim> ?m ; <{FX}verdict> ?v }}",
                           use_default_graph_as_union=True):
        members.setdefault(row["c"].value, set()).add(row["m"].value.rsplit("/", 1)[-1])
        verdicts.setdefault(row["c"].value, set()).add(row["v"].value.rsplit("/", 1)[-1])
    assert all(len(v) == 1 for v in verdicts.values()), "one verdict per conflict"
    conflicts = {(frozenset(m), verdicts[c].pop()) for c, m in members.items()}
    view = (ROOT / "queries" / "conflicts.rq").read_text(encoding="utf-8")
    pairs = {(r["quote1"].value, r["quote2"].value, r["verdict"].value.rsplit("/", 1)[-1])
             for r in store.query(view, use_default_graph_as_union=True)}
    return conflicts, {(a, b, v) if a < b else (b, a, v) for a, b, v in pairs}


# small domains, so that drawn figures often meet: equal values, touching bounds, one group
figure = st.builds(
    Figure, name=st.just(""), indicator=st.sampled_from(["arrests", "coalition-members"]),
    value=st.integers(1, 2), bounds=st.sampled_from(sorted(BOUNDS)),
    period=st.sampled_from(["cy-2023", "unspecified"]), area=st.sampled_from(["", "us", "mx"]),
    reporter=st.sampled_from(["", "cbp"]), doc=st.sampled_from(["a", "b"]), deprecated=st.just(False))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(figure, min_size=2, max_size=5), st.lists(st.booleans(), min_size=5, max_size=5))
def test_numbers_rule_and_view_match_the_pairwise_definition(drawn: list[Figure], deprecate: list[bool]) -> None:
    figures = [Figure(f"f{i}", f.indicator, f.value, f.bounds, f.period, f.area, f.reporter, f.doc, deprecate[i] and i % 3 == 0)
               for i, f in enumerate(drawn)]
    assert found(derived(figures)) == expected(figures)


def test_dates_rule_groups_a_subject_and_judges_refinement() -> None:
    def claims(*dates: str) -> ox.Store:
        store = ox.Store()
        turtle = "".join(
            f'<https://example.org/d{i}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <https://example.org/agreement> ; '
            f'<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <{FX}effectiveDate> ; '
            f'<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> "{d}" ; <{FX}rank> <{FXV}rank-normal> ; '
            f'<http://www.w3.org/ns/prov#wasDerivedFrom> [ <http://www.w3.org/ns/oa#hasSelector> [ <http://www.w3.org/ns/oa#exact> "d{i}" ] ] ; '
            f'<{FX}statedIn> <https://example.org/doc{i}> .\n' for i, d in enumerate(dates))
        store.load(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/fentkg/graph/claims"))
        derive_store(store, ROOT / "queries" / "build")
        return store

    assert found(claims("2019", "2019-05", "2019-05-01", "2019"))[0] == {
        (frozenset({"d0", "d1", "d2", "d3"}), "verdict-compatible")}
    conflicts, pairs = found(claims("2019", "2019-05", "2020"))
    assert conflicts == {(frozenset({"d0", "d1", "d2"}), "verdict-conflict")}
    assert pairs == {("d0", "d1", "verdict-compatible"), ("d0", "d2", "verdict-conflict"), ("d1", "d2", "verdict-conflict")}
    assert found(claims("2019-05-01", "2019-05-01"))[0] == set()


@given(st.sampled_from(sorted(BOUNDS)), st.sampled_from(sorted(BOUNDS)), st.integers(1, 2), st.integers(1, 2),
       st.sampled_from(["cy-2023", "unspecified"]), st.sampled_from(["", "us"]))
@settings(max_examples=300, deadline=None)
def test_every_two_figures_of_one_group_are_judged_by_the_definition(bounds1: str, bounds2: str, value1: int, value2: int,
                                                                     period: str, area: str) -> None:
    """Touching bounds decide alone here: no third figure can make the verdict a conflict anyway."""
    figures = [Figure("f0", "coalition-members", value1, bounds1, "cy-2023", area, "", "a", False),
               Figure("f1", "coalition-members", value2, bounds2, period, "", "", "b", False)]
    assert found(derived(figures)) == expected(figures)
