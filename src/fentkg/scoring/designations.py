"""Designations kind: a designation counts when its target, class and status are right on the passage.

Gold (`tests/gold/designations/<doc>.yml`), one item per designated target and passage:

    - quote: "President Biden added China to the U.S. list"   # text of the passage stating it
      target: country-cn                                       # fxd: slug of the designated entity
      type: MajorsListing                                      # fx: class of the designation
      status: in-force                                         # fxv:status-… slug: urged ≠ in force
      authority: [person-joe-biden, org-white-house]           # optional; slug or acceptable slugs
      regime: majors-list                                      # optional; fxv:regime-… slug
      legalBasis: law-eo-14059                                 # optional
      date: 2023-09                                            # optional; as written in xsd

A hit needs target, type and status (issue 3: "recall ≥ 0.9 with correct status"); authority,
regime, legal basis and date agreement on hits is reported beside precision and recall.
"""
from __future__ import annotations

from ..extract import DocumentExtraction
from ..vocab import FX
from . import Item
from .claims import by_passage, local, name, types_of

KIND = "designations"
FIELDS = ("authority", "regime", "legalBasis", "date")
DATES = (FX.effectiveDate, FX.announcedDate, FX.endDate)


def predict(d: DocumentExtraction) -> list[Item]:
    items = []
    passages = by_passage(d)
    laws = {s: [o for (s2, _, _), other in passages.items() if s2 == s for o in other.get(FX.legalBasis, [])] for (s, _, _) in passages}
    for (subject, start, end), said in passages.items():
        for target in said.get(FX.designatedEntity, []):
            status = said.get(FX.designationStatus, [None])[0]
            dates = [o for p in DATES for o in said.get(p, [])]
            legal = said.get(FX.legalBasis) or laws[subject]  # "do so under …" may be the next sentence
            items.append(Item(KIND, d.doc.id, start, end, {
                "target": name(d, target),
                "type": next((t for t in types_of(d, subject) if t != "Designation"), "Designation"),
                "status": (local(status) or "").removeprefix("status-"),
                "authority": local(said.get(FX.authority, [None])[0]),
                "regime": (local(said.get(FX.regime, [None])[0]) or "").removeprefix("regime-") or None,
                "legalBasis": local(legal[0]) if legal else None,
                "date": local(dates[0]) if dates else None,
            }))
    return items


def match(pred: Item, gold: Item) -> bool:
    return (pred.overlaps(gold) and pred.fields["target"] == gold.fields["target"]
            and pred.fields["type"] == gold.fields["type"] and pred.fields["status"] == gold.fields["status"])
