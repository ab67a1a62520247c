"""Citations kind: each (footnote, cited work) pair; a hit is the same note and the same work.

Gold (`tests/gold/citations/<doc>.yml`), one item per work a note cites:

    - note: 7
      quote: "Id.; see also U.S. Drug"    # text of the note, to place the item
      via: id                              # optional: the note says "Id."/"Ibid." or "supra" (documentation)
      url: "https://…"                     # the work's URL as repaired; decides the work when given
      title: "Fentanyl Facts"              # else the title decides (case and punctuation aside)
      publisher: "Centers for Disease Control and Prevention"   # optional; a list of acceptable ones
      date: 2022-02-23                     # optional; ISO, at the precision the reference gives

"Id." and "Supra note N" items carry the URL/title of the work they resolve to, so resolving them
wrongly is a miss. Title, publisher, date and URL agreement on hits is reported.
"""
from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from ..extract import DocumentExtraction
from ..extract.context import Claim
from ..extract.citations import normalize_url
from ..vocab import FX
from . import Item

KIND = "citations"
FIELDS = ("title", "publisher", "date", "url")


def _norm(text: object) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text).lower().replace("’", "'")).strip()


def similar(a: object, b: object) -> bool:
    """Same text, case, quotes and punctuation aside; or one contains the other and is most of it."""
    x, y = _norm(a), _norm(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return short in long and len(short) >= 0.6 * len(long)


def predict(d: DocumentExtraction) -> list[Item]:
    items = []
    seen: set[tuple[int, URIRef]] = set()
    for fact in d.facts:
        if not isinstance(fact, Claim) or fact.predicate != DCTERMS.references or fact.evidence.footnote is None:
            continue
        number, work = fact.evidence.footnote, fact.object
        if (number, work) in seen or not isinstance(work, URIRef):
            continue
        seen.add((number, work))
        note = d.doc.footnote(number)
        props = {str(p): str(o) for p, o in d.entities[work].properties} if work in d.entities else {}
        items.append(Item(KIND, d.doc.id, note.start if note else fact.evidence.start,
                          note.end if note else fact.evidence.end, {
                              "note": number,
                              "work": str(work),
                              "title": props.get(str(DCTERMS.title)),
                              "publisher": props.get(str(DCTERMS.publisher)),
                              "date": props.get(str(DCTERMS.date)),
                              "url": props.get(str(FX.url)),
                          }))
    return items


def _one_of(want: object, have: object, same: object) -> bool:
    options = want if isinstance(want, list) else [want]
    return have is not None and any(same(o, have) for o in options)  # type: ignore[operator]


def match(pred: Item, gold: Item) -> bool:
    if pred.doc_id != gold.doc_id or pred.fields["note"] != gold.fields["note"]:
        return False
    if gold.fields.get("url"):
        return _one_of(gold.fields["url"], pred.fields.get("url"), lambda a, b: normalize_url(str(a)) == normalize_url(str(b)))
    if gold.fields.get("title"):
        return _one_of(gold.fields["title"], pred.fields.get("title"), similar)
    return True


def agrees(name: str, pred: Item, gold: Item) -> bool:
    if name == "url":
        return _one_of(gold.fields[name], pred.fields.get(name), lambda a, b: normalize_url(str(a)) == normalize_url(str(b)))
    if name == "date":
        return _one_of(gold.fields[name], pred.fields.get(name), lambda a, b: str(a) == str(b))
    return _one_of(gold.fields[name], pred.fields.get(name), similar)
