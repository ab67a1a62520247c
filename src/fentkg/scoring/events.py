"""Events kind: an event counts when its type and date are right on the passage that tells it.

Gold (`tests/gold/events/<doc>.yml`), one item per event and passage:

    - quote: "President Biden met with President López Obrador"
      type: meeting                            # fxv:event-… slug
      date: "2023-11-17"                       # optional; as written in xsd (omit when the text gives none)
      participants: [person-joe-biden]         # optional; who must be among the predicted participants

A hit needs an overlapping passage, the type and, where gold states one, the date; agreement of the
participants (all gold participants predicted) is reported on hits.
"""
from __future__ import annotations

from ..extract import DocumentExtraction
from ..vocab import FX
from . import Item
from .claims import by_passage, local, name

KIND = "events"
FIELDS = ("participants",)


def predict(d: DocumentExtraction) -> list[Item]:
    items = []
    for (subject, start, end), said in by_passage(d).items():
        for kind in said.get(FX.eventType, []):
            dates = said.get(FX.date, [])
            items.append(Item(KIND, d.doc.id, start, end, {
                "type": (local(kind) or "").removeprefix("event-"),
                "date": local(dates[0]) if dates else None,
                "participants": sorted(n for n in (name(d, p) for p in said.get(FX.participant, [])) if n),
            }))
    return items


def match(pred: Item, gold: Item) -> bool:
    return (pred.overlaps(gold) and pred.fields["type"] == gold.fields["type"]
            and ("date" not in gold.fields or pred.fields["date"] == gold.fields["date"]))


def agrees(field: str, pred: Item, gold: Item) -> bool:
    if field == "participants":
        return set(gold.fields.get("participants") or []) <= set(pred.fields.get("participants") or [])
    return bool(pred.fields.get(field) == gold.fields.get(field))
