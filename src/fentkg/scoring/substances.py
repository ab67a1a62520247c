"""Substances kind: each mention of a drug, substance class or precursor, linked to the right entry.

Gold (`tests/gold/substances/<doc>.yml`), one item per occurrence:

    - quote: "fentanyl"
      occurrence: 3              # the N-th occurrence of the quote in the text (default 1)
      substance: sub-fentanyl    # the substances.yml id (or "label:<name>" for a name minted from the text)

A hit needs an overlapping span and the same substance.
"""
from __future__ import annotations

from ..extract import DocumentExtraction
from ..vocab import FX
from . import Item
from .claims import claims, name, types_of

KIND = "substances"
CLASSES = {"ChemicalSubstance", "Precursor", "ControlledDrug", "SubstanceClass"}


def predict(d: DocumentExtraction) -> list[Item]:
    return [Item(KIND, d.doc.id, c.evidence.start, c.evidence.end, {"substance": name(d, c.object)})
            for c in claims(d, [FX.mentions]) if CLASSES & set(types_of(d, c.object))]


def match(pred: Item, gold: Item) -> bool:
    return pred.overlaps(gold) and pred.fields["substance"] == gold.fields["substance"]
