"""Recommendations kind: each policy ask of a document, on the passage that makes it.

Gold (`tests/gold/recommendations/<doc>.yml`), one item per ask:

    - quote: "I urge you to seek a commitment from the PRC"
      to: person-antony-blinken            # optional: the actor asked (fx:recommendedTo); slug or list
      measure: measure-know-your-customer  # optional: the curated measure it must resolve to

A hit is a predicted fx:recommends claim on an overlapping passage (and, where gold names one, of the
curated measure); agreement of the addressee is reported on hits.
"""
from __future__ import annotations

from rdflib import URIRef

from ..extract import DocumentExtraction
from ..vocab import FX
from . import Item
from .claims import by_passage, claims, local, name

KIND = "recommendations"
FIELDS = ("to",)


def predict(d: DocumentExtraction) -> list[Item]:
    passages = by_passage(d)
    items = {}
    for c in claims(d, [FX.recommends]):
        if not isinstance(c.object, URIRef):
            continue
        ev = c.evidence
        to = passages.get((c.object, ev.start, ev.end), {}).get(FX.recommendedTo, [])
        items[(ev.start, ev.end, c.object)] = Item(KIND, d.doc.id, ev.start, ev.end, {
            "measure": local(c.object), "to": name(d, to[0]) if to else None,
            "label": d.entities[c.object].label if c.object in d.entities else None})
    return list(items.values())


def match(pred: Item, gold: Item) -> bool:
    return pred.overlaps(gold) and ("measure" not in gold.fields or pred.fields["measure"] == gold.fields["measure"])
