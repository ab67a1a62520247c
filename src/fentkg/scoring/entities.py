"""Entities kind: mentions of actors; a hit overlaps the gold quote and names the same actor.

Gold (`tests/gold/entities/<doc>.yml`), one item per mention of an actor (country, agency,
legislature, international, criminal or other organisation, company, person):

    - quote: "U.S. Customs and Border Protection"
      occurrence: 2              # the N-th occurrence of the quote in the text (default 1)
      entity: org-cbp            # alias-table id: the prediction must resolve to it
    - quote: "Liana W. Rosen"
      label: "Liana W. Rosen"    # an actor the table lacks: the prediction must have this type
      type: Person

Predictions are the document's `fx:mentions` claims whose entity has an actor class; places,
substances, initiatives and laws are other kinds.
"""
from __future__ import annotations

from rdflib import URIRef

from ..extract import DocumentExtraction
from ..extract.context import Claim
from ..vocab import FX
from . import Item

KIND = "entities"
FIELDS = ("type",)
ACTOR_CLASSES = {FX.Country, FX.GovernmentAgency, FX.Legislature, FX.InternationalOrganization,
                 FX.CriminalOrganization, FX.Company, FX.Organization, FX.Person}


def predict(d: DocumentExtraction) -> list[Item]:
    items = []
    for fact in d.facts:
        if not isinstance(fact, Claim) or fact.predicate != FX.mentions or not isinstance(fact.object, URIRef):
            continue
        entity = d.entities.get(fact.object)
        classes = [t for t in (entity.types if entity else ()) if t in ACTOR_CLASSES]
        if not classes:
            continue
        ev = fact.evidence
        items.append(Item(KIND, ev.doc_id, ev.start, ev.end, {
            "entity": str(fact.object).rsplit("/", 1)[-1],
            "type": str(classes[0]).rsplit("#", 1)[-1],
            "quote": ev.exact,
        }))
    return items


def match(pred: Item, gold: Item) -> bool:
    if not pred.overlaps(gold):
        return False
    if "entity" in gold.fields:
        return bool(pred.fields["entity"] == gold.fields["entity"])
    return "type" not in gold.fields or pred.fields["type"] == gold.fields["type"]


def agrees(name: str, pred: Item, gold: Item) -> bool:
    return pred.fields.get(name) == gold.fields.get(name)
