"""Relations kind: a stated relation between actors (or an actor and a substance) on its clause.

Gold (`tests/gold/relations/<doc>.yml`), one item per relation stated:

    - quote: "China and Mexican cartels work in tandem"
      subject: country-cn
      predicate: cooperatesWith            # fx: property
      object: "label:Mexican cartels"      # fxd: slug, or "label:<name>" for an entity minted from the text

A hit needs an overlapping span and the same subject, predicate and object (either way round for the
symmetric fx:cooperatesWith).
"""
from __future__ import annotations

from ..extract import DocumentExtraction
from ..vocab import FX
from . import Item
from .claims import claims, local, name

KIND = "relations"
PREDICATES = (FX.suppliesPrecursorsTo, FX.sourcesPrecursorsFrom, FX.traffics, FX.trafficsInto, FX.launderedMoneyFor,
              FX.cooperatesWith, FX.suspendedCooperationWith, FX.operatesIn)
SYMMETRIC = {"cooperatesWith"}


def predict(d: DocumentExtraction) -> list[Item]:
    return [Item(KIND, d.doc.id, c.evidence.start, c.evidence.end,
                 {"subject": name(d, c.subject), "predicate": local(c.predicate), "object": name(d, c.object)})
            for c in claims(d, PREDICATES)]


def match(pred: Item, gold: Item) -> bool:
    p, g = pred.fields, gold.fields
    if not pred.overlaps(gold) or p["predicate"] != g["predicate"]:
        return False
    pair, want = (p["subject"], p["object"]), (g["subject"], g["object"])
    return pair == want or (g["predicate"] in SYMMETRIC and pair == want[::-1])
