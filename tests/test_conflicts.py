"""Conflict detection (issue 3): the build rule queries/build/conflicting_numbers.rq and queries/conflicts.rq.

On the seed graph, the 97 % vs 99 % precursor share is a conflict and the "84 nations" vs "over 80
partner countries" coalition membership is compatible, because both figures of each pair got the
same indicator. On small made-up graphs, each condition of the rule is checked on its own.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from fentkg.derive import derive_store
from fentkg.settings import Settings
from fentkg.store import Store

ROOT = Path(__file__).resolve().parents[1]
FX = "https://w3id.org/fentkg/ontology#"
FXV = "https://w3id.org/fentkg/vocab/"


def conflict_rows(settings: Settings) -> list[dict[str, str]]:
    results = Store.open(settings.out_dir).query((ROOT / "queries" / "conflicts.rq").read_text(encoding="utf-8"))
    names = [v.value for v in results.variables]
    return [{n: (row[n].value if row[n] is not None else "") for n in names} for row in results]


def verdict_of(rows: list[dict[str, str]], quote_a: str, quote_b: str) -> str:
    found = [r["verdict"] for r in rows if {r["quote1"], r["quote2"]} == {quote_a, quote_b}]
    assert len(found) == 1, f"{quote_a!r} vs {quote_b!r}: {len(found)} rows in conflicts.rq"
    return found[0].rsplit("/", 1)[-1]


def test_seed_conflicts_have_the_right_verdicts(seed_settings: Settings) -> None:
    rows = conflict_rows(seed_settings)
    assert verdict_of(rows, "97 percent", "99%") == "verdict-conflict"
    assert verdict_of(rows, "84", "over 80") == "verdict-compatible"


def test_seed_conflicts_compare_only_figures_of_one_measure(seed_settings: Settings) -> None:
    rows = [r for r in conflict_rows(seed_settings) if r["indicator"].startswith(FXV)]
    # "from two percent to 40 percent" (one sentence, no period) and the sanctions of different days are no conflicts
    assert not [r for r in rows if "percent" in r["quote1"] and r["document1"] == r["document2"]]
    assert all(r["indicator"] not in (FXV + "ind-other", FXV + "ind-count") for r in rows)


# --- the rule on made-up observations --------------------------------------------------------------------------

OBS = """
<{iri}> a fx:StatisticalObservation ; fx:indicator fxv:ind-{indicator} ; sdmx-attribute:unitMeasure unit:{unit} ;
    fx:refPeriod fxd:period-{period} ; fx:obsValue "{value}"^^xsd:decimal ; fx:statedIn fxd:doc-{doc} ;
    fx:rank fxv:rank-normal {extra} .
"""
PREFIXES = f"""@prefix fx: <{FX}> . @prefix fxv: <{FXV}> . @prefix fxd: <https://w3id.org/fentkg/id/> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> . @prefix unit: <http://qudt.org/vocab/unit/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> ."""


def verdicts(*observations: dict[str, str]) -> list[str]:
    """Run the build rules over the given observations (in the claims graph, with the vocabularies)."""
    store = ox.Store()
    store.load(path=str(ROOT / "ontology" / "vocab.ttl"), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("https://w3id.org/fentkg/graph/vocab"))
    claims = PREFIXES + "".join(OBS.format(**{"extra": "", "doc": "a", "period": "unspecified", "unit": "NUM", **o})
                                for o in observations)
    store.load(claims.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/fentkg/graph/claims"))
    derive_store(store, ROOT / "queries" / "build")  # conflicting_numbers.rq, then conflict_summaries.rq
    return sorted(q.object.value.rsplit("/", 1)[-1] for q in store.quads_for_pattern(None, ox.NamedNode(FX + "verdict"), None))


def obs(iri: str, value: str, **fields: str) -> dict[str, str]:
    """An observation; an exact value (lower = upper bound) unless `extra` states other bounds."""
    exact = f'; fx:lowerBound "{value}"^^xsd:decimal ; fx:upperBound "{value}"^^xsd:decimal'
    return {"iri": f"https://example.org/{iri}", "value": value, "extra": exact, **fields}


MORE_THAN = '; fx:lowerBound "{0}"^^xsd:decimal ; fx:lowerBoundInclusive false'


@pytest.mark.parametrize(("observations", "expected"), [
    # a share stated without a period in two documents: compared
    ([obs("a", "97", indicator="precursor-share-from-china", unit="PERCENT"),
      obs("b", "99", indicator="precursor-share-from-china", unit="PERCENT", doc="b")], ["verdict-conflict"]),
    # "84" vs "over 80" members: the bounds overlap
    ([obs("a", "84", indicator="coalition-members"),
      obs("b", "80", indicator="coalition-members", doc="b", period="2023-07-07", extra=MORE_THAN.format(80))], ["verdict-compatible"]),
    # "80" vs "over 80": an exclusive bound touching the other value is no overlap
    ([obs("a", "80", indicator="coalition-members"),
      obs("b", "81", indicator="coalition-members", doc="b", extra=MORE_THAN.format(81))], ["verdict-conflict"]),
    # counts of events: compared only for the same stated period
    ([obs("a", "5", indicator="persons-sanctioned"), obs("b", "65", indicator="persons-sanctioned", doc="b")], []),
    ([obs("a", "5", indicator="arrests", period="us-fy2023"), obs("b", "65", indicator="arrests", doc="b", period="us-fy2023")],
     ["verdict-conflict"]),
    ([obs("a", "5", indicator="arrests", period="us-fy2023"), obs("b", "65", indicator="arrests", doc="b", period="us-fy2022")], []),
    # one document, no period: two figures of one sentence ("from two percent to 40 percent")
    ([obs("a", "2", indicator="inspection-rate", unit="PERCENT"), obs("b", "40", indicator="inspection-rate", unit="PERCENT")], []),
    # different reporters or places count different things
    ([obs("a", "1", indicator="arrests", period="cy-2023", extra="; fx:reporter fxd:org-cbp"),
      obs("b", "2", indicator="arrests", period="cy-2023", doc="b", extra="; fx:reporter fxd:org-dea")], []),
    ([obs("a", "1", indicator="arrests", period="cy-2023", extra="; fx:refArea fxd:country-us"),
      obs("b", "2", indicator="arrests", period="cy-2023", doc="b", extra="; fx:refArea fxd:country-mx")], []),
    # other units, "other" and generic counts are never compared
    ([obs("a", "1", indicator="other", period="cy-2023"), obs("b", "2", indicator="other", period="cy-2023", doc="b")], []),
    ([obs("a", "1", indicator="arrests", period="cy-2023"), obs("b", "2", indicator="arrests", period="cy-2023", doc="b", unit="PERCENT")], []),
])
def test_rule(observations: list[dict[str, str]], expected: list[str]) -> None:
    assert verdicts(*observations) == expected


def test_rules_write_the_same_triples_whatever_the_chunk_size(seed_settings: Settings) -> None:
    """derive_store streams a rule's output into the store in chunks; a chunk of 7 gives what one chunk gives."""
    dump = seed_settings.out_dir / "current" / "dumps" / "fentkg.nq"
    kept = b"\n".join(line for line in dump.read_bytes().splitlines()
                      if not line.rstrip(b" .").endswith((b"/graph/derived>", b"/graph/facts>"))) + b"\n"
    graphs = {}
    for chunk in (7, 100_000):
        store = ox.Store()
        store.bulk_load(kept, ox.RdfFormat.N_QUADS)
        added = derive_store(store, seed_settings.queries_dir / "build", chunk=chunk)
        graphs[chunk] = (added, {q for q in store if q.graph_name.value.endswith(("/graph/derived", "/graph/facts"))})
    assert graphs[7] == graphs[100_000]
    assert graphs[7][0]["conflicting_numbers.rq"] > 0 and len(graphs[7][1]) > 7


# --- one conflict per group, pairs at query time (issue 7) ------------------------------------------------------

CONFLICTS = (ROOT / "queries" / "conflicts.rq").read_text(encoding="utf-8")


def derived(*observations: dict[str, str]) -> ox.Store:
    """A store with the given observations (each with one quote) and what the build rules derive from them."""
    store = ox.Store()
    store.load(path=str(ROOT / "ontology" / "vocab.ttl"), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("https://w3id.org/fentkg/graph/vocab"))
    evidence = ('; <http://www.w3.org/ns/prov#wasDerivedFrom> [ <http://www.w3.org/ns/oa#hasSelector> '
                '[ <http://www.w3.org/ns/oa#exact> "{quote}" ] ]')
    claims = PREFIXES + "".join(OBS.format(**{"doc": "a", "period": "unspecified", "unit": "NUM", **o,
                                               "extra": o.get("extra", "") + evidence.format(quote=o["iri"][-1])})
                                for o in observations)
    store.load(claims.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/fentkg/graph/claims"))
    derive_store(store, ROOT / "queries" / "build")
    return store


def test_one_conflict_groups_every_differing_figure_and_the_pairs_keep_their_own_verdicts() -> None:
    store = derived(obs("a", "84", indicator="coalition-members"),
                    obs("b", "80", indicator="coalition-members", doc="b", extra=MORE_THAN.format(80)),
                    obs("c", "79", indicator="coalition-members", doc="c"),
                    obs("d", "84", indicator="coalition-members", doc="d"))
    groups = list(store.query(f"""PREFIX fx: <{FX}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?c ?verdict ?label (COUNT(?m) AS ?members) WHERE {{
          ?c a fx:ClaimConflict ; fx:verdict ?verdict ; rdfs:label ?label ; fx:conflictingClaim ?m }}
        GROUP BY ?c ?verdict ?label""", use_default_graph_as_union=True))
    assert [(g["verdict"].value.rsplit("/", 1)[-1], g["label"].value, int(g["members"].value)) for g in groups] == [
        ("verdict-conflict", "stated values from 79 to 84 differ", 4)]
    pairs = {(r["quote1"].value, r["quote2"].value): r["verdict"].value.rsplit("/", 1)[-1]
             for r in store.query(CONFLICTS, use_default_graph_as_union=True)}
    # a and d state the same 84: no pair; "over 80" agrees with 84 and disagrees with 79
    assert pairs == {("a", "b"): "verdict-compatible", ("a", "c"): "verdict-conflict", ("b", "c"): "verdict-conflict",
                     ("b", "d"): "verdict-compatible", ("c", "d"): "verdict-conflict"}


def test_a_figure_without_a_place_is_compared_with_each_place_but_two_places_are_not() -> None:
    store = derived(obs("a", "1", indicator="arrests", period="cy-2023", extra="; fx:refArea fxd:country-us"),
                    obs("b", "2", indicator="arrests", period="cy-2023", doc="b", extra="; fx:refArea fxd:country-mx"),
                    obs("c", "3", indicator="arrests", period="cy-2023", doc="c"))
    pairs = sorted((r["quote1"].value, r["quote2"].value) for r in store.query(CONFLICTS, use_default_graph_as_union=True))
    assert pairs == [("a", "c"), ("b", "c")]


def test_the_derived_graph_grows_linearly_with_the_figures_of_one_group() -> None:
    """n differing figures of one group: one conflict with n members, not n(n−1)/2 conflicts."""
    sizes = {}
    for n in (10, 40):
        store = derived(*[obs(f"f{i:03}", str(i), indicator="arrests", period="cy-2023", doc=f"d{i}") for i in range(n)])
        sizes[n] = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode("https://w3id.org/fentkg/graph/derived")))
        assert sum(1 for _ in store.query(CONFLICTS, use_default_graph_as_union=True)) == n * (n - 1) // 2
    assert sizes[40] - sizes[10] == 30  # one fx:conflictingClaim per added figure
