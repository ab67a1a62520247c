"""The entity index and the label search: the way in for readers who do not write SPARQL."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from . import Site

# Nodes that are not entities a reader looks up: provenance, claims and their parts, time points.
_NOT_ENTITIES = """fx:TripleClaim fx:StatisticalObservation qb:Observation fx:Evidence fx:ExtractionRun
  fx:ReferenceRecord fx:ClaimConflict oa:TextQuoteSelector oa:TextPositionSelector prov:SoftwareAgent prov:Activity
  time:Instant time:ProperInterval fx:FiscalYear fx:SourceDocument fx:CitedWork qb:DataSet"""

_INDEX = f"""
SELECT ?e ?type ?name ?claims ?docs WHERE {{
  {{ SELECT ?e (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(DISTINCT ?doc) AS ?docs) WHERE {{
      ?e a ?t . FILTER(isIRI(?e) && STRSTARTS(STR(?e), STR(fxd:)))
      FILTER NOT EXISTS {{ VALUES ?skip {{ {_NOT_ENTITIES} }} ?e a ?skip }}
      OPTIONAL {{ {{ ?claim rdf:subject ?e }} UNION {{ ?claim rdf:object ?e }}
                 UNION {{ VALUES ?role {{ fx:subjectEntity fx:reporter fx:refArea }} ?claim ?role ?e }}
                 ?claim fx:statedIn ?doc }}
  }} GROUP BY ?e }}
  {{ ?e a ?type }} UNION {{ VALUES ?lp {{ rdfs:label skos:prefLabel skos:altLabel fx:acronym }} ?e ?lp ?name }}
}}"""
FX = "https://w3id.org/fentkg/ontology#"
_SUBCLASSES = "SELECT ?c ?super WHERE { ?c rdfs:subClassOf+ ?super FILTER(isIRI(?super)) }"


@dataclass(slots=True)
class Entry:
    """One entity in the index."""

    iri: str
    label: str
    type: str = ""
    types: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    claims: int = 0
    documents: int = 0


def fold(text: str) -> str:
    """Lower case without accents, so "cartel de sinaloa" finds "Cártel de Sinaloa"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def superclasses(site: Site) -> dict[str, set[str]]:
    """Every class with all its superclasses (from the ontology graph)."""

    def compute() -> dict[str, set[str]]:
        supers: dict[str, set[str]] = {}
        for row in site.rows(_SUBCLASSES):
            if row["c"] and row["super"]:
                supers.setdefault(row["c"].value, set()).add(row["super"].value)
        return supers

    return site.cached("superclasses", compute)


def entries(site: Site) -> list[Entry]:
    """Every entity, most-claimed first, typed by its most specific class."""

    def compute() -> list[Entry]:
        supers = superclasses(site)
        found: dict[str, Entry] = {}
        for row in site.rows(_INDEX):
            e = row["e"]
            if e is None:
                continue
            entry = found.setdefault(e.value, Entry(e.value, site.label(e.value)))
            entry.claims = int(row["claims"].value) if row["claims"] else 0
            entry.documents = int(row["docs"].value) if row["docs"] else 0
            if row["type"] is not None:
                entry.types.add(row["type"].value)
            if row["name"] is not None:
                entry.names.add(row["name"].value)
        for entry in found.values():
            entry.names.add(entry.label)
            specific = [t for t in entry.types if not any(t in supers.get(o, ()) for o in entry.types if o != t)]
            entry.type = min((site.label(t) for t in specific), default="Thing")
        return sorted(found.values(), key=lambda x: (-x.claims, fold(x.label)))

    return site.cached("entries", compute)


def is_a(site: Site, entry: Entry, *names: str) -> bool:
    """True when the entity is of one of the fentkg classes `names` (or of a subclass)."""
    wanted = {FX + n for n in names}
    supers = superclasses(site)
    return any(t in wanted or wanted & supers.get(t, set()) for t in entry.types)


def by_type(site: Site) -> list[tuple[str, list[Entry]]]:
    """The index grouped by type, the most-claimed types first."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries(site):
        groups.setdefault(entry.type, []).append(entry)
    return sorted(groups.items(), key=lambda kv: (-sum(e.claims for e in kv[1]), kv[0]))


def search(site: Site, query: str, limit: int = 50) -> list[Entry]:
    """Entities whose label, alias or acronym contains every word of `query`; best matches first."""
    words = fold(query).split()
    if not words:
        return []
    phrase = " ".join(words)
    scored: list[tuple[int, int, str, Entry]] = []
    for entry in entries(site):
        names = [fold(n) for n in entry.names]
        if not any(all(w in n for w in words) for n in names):
            continue
        score = 0 if phrase in {n for n in names} else 1 if any(n.startswith(phrase) for n in names) else 2
        scored.append((score, -entry.claims, fold(entry.label), entry))
    return [s[3] for s in sorted(scored, key=lambda s: s[:3])[:limit]]
