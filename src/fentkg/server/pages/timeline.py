"""The timeline: dated claims (designations, agreements, events and anything else with a date)
and the documents' own dates, in time order (issue 5). Built from whatever the graph holds."""
from __future__ import annotations

from dataclasses import dataclass

from . import Site
from .claims import ClaimView, load_claims, values_block
from .index import superclasses
from .sources import DocInfo, documents

FX = "https://w3id.org/fentkg/ontology#"

_DATED = """
SELECT DISTINCT ?claim WHERE {
  ?claim a fx:TripleClaim ; rdf:object ?date .
  FILTER(isLiteral(?date) && DATATYPE(?date) IN (xsd:date, xsd:gYearMonth, xsd:gYear, xsd:dateTime))
}"""
_TYPES = "SELECT ?e ?type WHERE { VALUES ?e { %s } ?e a ?type }"


@dataclass(slots=True)
class Moment:
    """Something that happened (or was said to happen) on a date."""

    date: str  # ISO text at the precision stated: "2019", "2019-05", "2019-05-01"
    kind: str  # "event", "designation", "agreement", "document" … (for colour and filtering)
    type_label: str  # the most specific type's label, "Sanction", "Schedule control" …
    subject: str | None  # the entity IRI (None for a document's own date)
    title: str
    predicate: str | None
    claim: ClaimView | None = None
    document: DocInfo | None = None

    @property
    def year(self) -> str:
        return self.date[:4]


_KINDS = {FX + "Designation": "designation", FX + "Agreement": "agreement", FX + "Event": "event",
          FX + "LegalInstrument": "law", FX + "Initiative": "initiative"}


def _kind(site: Site, types: set[str]) -> str:
    """designation, agreement, event, law or initiative: the kind of thing the date belongs to."""
    supers = superclasses(site)
    for cls, word in _KINDS.items():
        if any(t == cls or cls in supers.get(t, ()) for t in types):
            return word
    return "other"


def timeline(site: Site) -> list[Moment]:
    """Every dated claim and document, oldest first."""

    def compute() -> list[Moment]:
        iris = [r["claim"].value for r in site.rows(_DATED) if r["claim"] is not None]
        claims = load_claims(site, values_block(iris)) if iris else []
        subjects = sorted({c.subject.value for c in claims if c.subject is not None and c.subject.is_iri})
        types: dict[str, set[str]] = {}
        if subjects:
            for row in site.rows(_TYPES % " ".join(f"<{s}>" for s in subjects)):
                if row["e"] and row["type"]:
                    types.setdefault(row["e"].value, set()).add(row["type"].value)
        supers = superclasses(site)
        moments = []
        for c in claims:
            if c.object is None or c.subject is None:
                continue
            kinds = types.get(c.subject.value, set())
            specific = [t for t in kinds if not any(t in supers.get(o, ()) for o in kinds if o != t)]
            moments.append(Moment(c.object.value, _kind(site, kinds), min((site.label(t) for t in specific), default=""),
                                  c.subject.value, site.label(c.subject), c.predicate, claim=c))
        moments += [Moment(d.date, "document", "document", None, d.title, None, document=d)
                    for d in documents(site).values() if d.date]
        return sorted(moments, key=lambda m: (m.date, m.kind != "document", m.title))

    return site.cached("timeline", compute)


def by_year(moments: list[Moment]) -> list[tuple[str, list[Moment]]]:
    years: dict[str, list[Moment]] = {}
    for m in moments:
        years.setdefault(m.year, []).append(m)
    return list(years.items())
