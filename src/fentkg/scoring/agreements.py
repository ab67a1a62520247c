"""Agreements kind: mentions of initiatives and laws, and what documents say about them.

Gold (`tests/gold/agreements/<doc>.yml`), one item per mention or per statement:

    - quote: "Merida Initiative"                 # a mention: the name as written
      agreement: init-merida
    - quote: "declared the Example Initiative “dead.”"
      agreement: init-merida
      status: declared-dead                      # fxv:agreement-… slug
    - quote: "Ruritania and Sampleland renewed their cooperation"
      agreement: init-bicentennial-framework
      party: country-mx                          # a participant the passage names
    - quote: "On May 2, 2031, Ruritania launched"
      agreement: init-global-coalition
      date: "2023-07-07"                         # fx:date as written in xsd
    - quote: "renamed the Merida Initiative"
      agreement: init-merida
      renamedTo: init-bicentennial-framework

A hit needs the same agreement and the same statement (status, party, date or new name, with the
same value) on an overlapping span: a status is right or it is a miss (issue 3).
"""
from __future__ import annotations

from ..extract import DocumentExtraction
from ..vocab import FX
from . import Item
from .claims import claims, local, name, types_of

KIND = "agreements"
KINDS = {"Initiative", "Agreement", "LegalInstrument"}
ASPECTS = {FX.status: "status", FX.participant: "party", FX.date: "date", FX.renamedTo: "renamedTo"}


def predict(d: DocumentExtraction) -> list[Item]:
    items = []
    for c in claims(d, [FX.mentions, *ASPECTS]):
        ev = c.evidence
        if c.predicate == FX.mentions:
            if KINDS & set(types_of(d, c.object)):
                items.append(Item(KIND, d.doc.id, ev.start, ev.end, {"agreement": name(d, c.object)}))
        elif KINDS & set(types_of(d, c.subject)):
            value = local(c.object) if c.predicate != FX.participant else name(d, c.object)
            if c.predicate == FX.status:
                value = (value or "").removeprefix("agreement-")
            items.append(Item(KIND, d.doc.id, ev.start, ev.end, {"agreement": name(d, c.subject), ASPECTS[c.predicate]: value}))
    return items


def _aspect(item: Item) -> tuple[str, object] | None:
    return next(((k, item.fields[k]) for k in ("status", "party", "date", "renamedTo") if k in item.fields), None)


def match(pred: Item, gold: Item) -> bool:
    return (pred.overlaps(gold) and pred.fields["agreement"] == gold.fields["agreement"]
            and _aspect(pred) == _aspect(gold))
