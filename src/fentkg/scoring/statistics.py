"""Statistics kind: a stated number counts when its span overlaps the gold quote and value and unit agree.

Gold (`tests/gold/statistics/<doc>.yml`), one item per stated number:

    - quote: "over 22,000 pounds"        # the number phrase, with qualifier and unit
      value: 22000                        # in the stated unit's scale
      unit: LB                            # QUDT unit name (LB, KiloGM, NUM, PERCENT, CCY_USD, UNITLESS, TeraBYTE)
      qualifier: more-than                # fxv:qual-… slug
      indicator: fentanyl-seized-mass     # fxv:ind-… slug
      period: us-fy2023-to-2023-07-31     # fxd:period-… slug ("unspecified" when the text states none)
      place: country-us                   # optional; an fxd: slug, or a list of acceptable ones
      reporter: org-cbp                   # optional; an fxd: slug, or a list

Indicator, period, qualifier, place and reporter do not decide a hit; their agreement on hits is
reported beside precision and recall (issue 3: period and qualifier ≥ 0.8).
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import URIRef

from ..extract import DocumentExtraction
from ..extract.context import Observation
from . import Item, same

KIND = "statistics"
FIELDS = ("qualifier", "indicator", "period", "place", "reporter")


def local(iri: URIRef | None, prefix: str = "") -> str | None:
    """The last segment of an IRI without its scheme prefix ('…/vocab/ind-arrests' → 'arrests')."""
    if iri is None:
        return None
    name = str(iri).rsplit("/", 1)[-1]
    return name[len(prefix):] if prefix and name.startswith(prefix) else name


def predict(d: DocumentExtraction) -> list[Item]:
    items = []
    for fact in d.facts:
        if not isinstance(fact, Observation):
            continue
        ev = fact.evidence
        items.append(Item(KIND, ev.doc_id, ev.start, ev.end, {
            "value": fact.value,
            "unit": local(fact.unit),
            "qualifier": local(fact.qualifier, "qual-"),
            "indicator": local(fact.indicator, "ind-"),
            "period": local(fact.period, "period-"),
            "place": local(fact.area),
            "reporter": local(fact.reporter),
            "quote": ev.exact,
        }))
    return items


def match(pred: Item, gold: Item) -> bool:
    return (pred.overlaps(gold) and Decimal(str(pred.fields["value"])) == Decimal(str(gold.fields["value"]))
            and pred.fields["unit"] == gold.fields["unit"])


def agrees(name: str, pred: Item, gold: Item) -> bool:
    return same(name, pred, gold)
