"""The entity page: labels, types, identifiers, curated reference data, and every claim about
the entity grouped by property, with conflicting values side by side (issue 5)."""
from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from ...namespaces import GRAPHS
from . import Site
from .claims import ClaimView, load_claims, values_block
from .terms import Term

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
MENTIONS = "https://w3id.org/fentkg/ontology#mentions"
# How a stated figure relates to the entity whose page lists it (ClaimView.observation keys).
_ROLES = {"about": "about", "reporter": "reported by", "area": "for", "indicator": "of", "period": "for the period"}
_LABELS = {
    "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel", "https://w3id.org/fentkg/ontology#acronym",
}
_GRAPH_NAMES = {str(iri): name for name, iri in GRAPHS.items()}

_RECORD = "SELECT ?g ?p ?o WHERE { GRAPH ?g { ?e ?p ?o } } ORDER BY ?g ?p ?o"
_REFERENCE = """
SELECT ?record ?label ?source ?verification ?note WHERE {
  ?record fx:describes ?e . OPTIONAL { ?record rdfs:label ?label } OPTIONAL { ?record dcterms:source ?source }
  OPTIONAL { ?record fx:verification ?verification } OPTIONAL { ?record skos:note ?note }
} ORDER BY ?record ?source"""
_SELECTION = """
{ ?claim rdf:subject ?e } UNION { ?claim rdf:object ?e }
UNION { VALUES ?role { fx:subjectEntity fx:reporter fx:refArea fx:indicator fx:refPeriod } ?claim ?role ?e }"""


@dataclass(slots=True)
class Statement:
    """One property value of the entity's own record, and the graph it is in."""

    property: str
    value: Term
    graph: str


@dataclass(slots=True)
class Reference:
    """A curated reference record describing the entity, with its sources."""

    iri: str
    label: str
    sources: list[Term] = field(default_factory=list)
    verification: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ClaimGroup:
    """Claims that say the same kind of thing about the entity."""

    heading: str
    property: str | None
    claims: list[ClaimView]


@dataclass(frozen=True, slots=True)
class ConflictView:
    """A conflict that involves the entity: its verdict and the differing claims shown side by side."""

    verdict: str | None
    claims: list[ClaimView]
    total: int  # members of the conflict; at most SHOWN_MEMBERS are loaded


SHOWN_MEMBERS = 12  # a conflict of thousands of documents would otherwise load them all onto one page


@dataclass(slots=True)
class EntityPage:
    iri: str
    label: str
    types: list[str]
    labels: list[Statement]
    record: list[Statement]
    references: list[Reference]
    groups: list[ClaimGroup]
    conflicts: list[ConflictView]

    @property
    def names(self) -> list[tuple[str, list[str]]]:
        """Each distinct name once, with how it is recorded (label, alias, acronym …)."""
        found: dict[str, list[str]] = {}
        for s in self.labels:
            kinds = found.setdefault(s.value.value, [])
            if s.property not in kinds:
                kinds.append(s.property)
        return sorted(found.items(), key=lambda kv: (kv[0] != self.label, kv[0].casefold()))

    @property
    def claim_count(self) -> int:
        return sum(len(g.claims) for g in self.groups)


def _record(site: Site, iri: str) -> tuple[list[str], list[Statement], list[Statement]]:
    types: list[str] = []
    labels: list[Statement] = []
    record: list[Statement] = []
    for row in site.rows(_RECORD, e=iri):
        g, p, o = row["g"], row["p"], row["o"]
        if p is None or o is None:
            continue
        statement = Statement(p.value, o, _GRAPH_NAMES.get(g.value, site.label(g)) if g else "default")
        if p.value == RDF_TYPE:
            if o.value not in types:
                types.append(o.value)
        elif p.value in _LABELS:
            if all(s.value.value != o.value or s.property != p.value for s in labels):
                labels.append(statement)
        else:
            record.append(statement)
    return types, labels, record


def _references(site: Site, iri: str) -> list[Reference]:
    found: dict[str, Reference] = {}
    for row in site.rows(_REFERENCE, e=iri):
        record = row["record"]
        if record is None:
            continue
        ref = found.setdefault(record.value, Reference(record.value, row["label"].value if row["label"] else site.label(record)))
        if row["source"] and row["source"] not in ref.sources:
            ref.sources.append(row["source"])
        for name, values in (("verification", ref.verification), ("note", ref.notes)):
            value = row[name]
            if value is not None and value.value not in values:
                values.append(value.value)
    return list(found.values())


def _group(site: Site, iri: str, label: str, claims: list[ClaimView]) -> list[ClaimGroup]:
    """Claims by (direction, property): what it does, what is said of it, figures about it."""
    groups: dict[tuple[int, str], ClaimGroup] = {}
    for claim in claims:
        if claim.is_observation:
            roles = [k for k in _ROLES if (t := claim.observation.get(k)) and t.value == iri]
            role = _ROLES[roles[0]] if roles else "about"
            key, heading, prop = (2, role), f"Figures {role} {label}", None
        elif claim.subject is not None and claim.subject.value == iri:
            key, heading, prop = (0, claim.predicate or ""), site.label(claim.predicate), claim.predicate
        elif claim.predicate == MENTIONS:
            key, heading, prop = (1, claim.predicate), "Mentioned in the documents", claim.predicate
        else:
            name = site.label(claim.predicate)
            key, heading, prop = (1, claim.predicate or ""), f"… {name} {label}", claim.predicate
        groups.setdefault(key, ClaimGroup(heading, prop, [])).claims.append(claim)
    return [groups[k] for k in sorted(groups, key=lambda k: (k[0], -len(groups[k].claims), k[1]))]


def shown_members(members: tuple[str, ...], own: Container[str], limit: int = SHOWN_MEMBERS) -> list[str]:
    """The members of a conflict that its box shows: the entity's own claims first, then others, at most `limit`."""
    return ([m for m in members if m in own] + [m for m in members if m not in own])[:limit]


def entity_page(site: Site, iri: str) -> EntityPage:
    """Everything the graph holds about `iri`, for its page."""
    types, labels, record = _record(site, iri)
    label = site.label(iri)
    claims = load_claims(site, _SELECTION, e=iri)
    loaded = {c.iri: c for c in claims}
    involved = {c.iri: c for claim in claims for c in claim.conflicts}
    shown = {c.iri: shown_members(c.members, loaded) for c in involved.values()}
    others = sorted({m for members in shown.values() for m in members if m not in loaded})
    if others:
        loaded.update({c.iri: c for c in load_claims(site, values_block(others))})
    views = [ConflictView(site.label(c.verdict) if c.verdict else None, [loaded[m] for m in shown[c.iri] if m in loaded],
                          len(c.members)) for c in involved.values()]
    return EntityPage(iri, label, types, labels, record, _references(site, iri), _group(site, iri, label, claims), views)
