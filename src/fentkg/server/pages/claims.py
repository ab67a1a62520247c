"""Claims with everything a reader needs to check them: quote in its sentence, document, page,
footnote, cited work, confidence, rank and conflicts (the "who says so" of issue 5)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import IRI_SAFE, Site
from .sources import DocInfo, Work, document_text, documents, works
from .terms import Term, format_number
from .texts import Snippet

# `{selection}` binds ?claim: a VALUES block or a graph pattern (e.g. every claim of one document).
_DETAILS = """
SELECT ?claim ?s ?p ?o ?doc ?ev ?start ?end ?quote ?page ?footnote ?work ?conf ?rank
       ?value ?unit ?indicator ?period ?qualifier ?area ?reporter ?about WHERE {{
  {selection} .
  ?claim fx:statedIn ?doc ; prov:wasDerivedFrom ?ev .
  ?ev oa:hasSelector ?qs, ?ps . ?qs oa:exact ?quote . ?ps oa:start ?start ; oa:end ?end .
  OPTIONAL {{ ?claim fx:confidence ?conf }} OPTIONAL {{ ?claim fx:rank ?rank }}
  OPTIONAL {{ ?ev fx:page ?page }} OPTIONAL {{ ?ev fx:footnoteNumber ?footnote }}
  OPTIONAL {{ ?claim rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}
  OPTIONAL {{ ?claim fx:obsValue ?value ; sdmx-attribute:unitMeasure ?unit ; fx:indicator ?indicator }}
  OPTIONAL {{ ?claim fx:refPeriod ?period }} OPTIONAL {{ ?claim fx:valueQualifier ?qualifier }}
  OPTIONAL {{ ?claim fx:refArea ?area }} OPTIONAL {{ ?claim fx:reporter ?reporter }}
  OPTIONAL {{ ?claim fx:subjectEntity ?about }}
  OPTIONAL {{ ?claim fx:citesSource ?work }}
}}"""

# One row per member: a conflict groups every disagreeing claim about one figure or date (issue 7).
_CONFLICTS = """
SELECT ?conflict ?claim ?verdict ?kind ?label WHERE {
  ?conflict a fx:ClaimConflict ; fx:conflictingClaim ?claim
  OPTIONAL { ?conflict fx:verdict ?verdict } OPTIONAL { ?conflict fx:conflictKind ?kind }
  OPTIONAL { ?conflict rdfs:label ?label }
}"""


@dataclass(frozen=True, slots=True)
class Quote:
    """One piece of evidence of a claim: where it is and what it says."""

    evidence: str
    start: int
    end: int
    exact: str
    page: int | None
    footnote: int | None
    snippet: Snippet | None

    @property
    def anchor(self) -> str:
        """The fragment id of the span on the document page."""
        return self.evidence.rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Conflict:
    """A recorded conflict: the claims it groups (shared by all of them), its verdict, kind and label."""

    iri: str
    members: tuple[str, ...]
    verdict: str | None
    kind: str | None
    label: str | None


@dataclass(slots=True)
class ClaimView:
    """A claim as a page shows it."""

    iri: str
    document: DocInfo
    subject: Term | None = None
    predicate: str | None = None
    object: Term | None = None
    confidence: Decimal | None = None
    rank: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    works: list[Work] = field(default_factory=list)
    observation: dict[str, Term | None] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def is_observation(self) -> bool:
        return bool(self.observation)

    @property
    def value_text(self) -> str:
        """"more than 22,000 lb" for a figure; the object's value for a literal claim."""
        if self.is_observation:
            value = self.observation.get("value")
            number = value.number() if value else None
            return format_number(number) if number is not None else (value.value if value else "")
        return self.object.value if self.object else ""

    @property
    def start(self) -> int:
        return min((q.start for q in self.quotes), default=0)


def conflicts(site: Site) -> dict[str, list[Conflict]]:
    """Recorded conflicts (graph `derived`) by the claim they involve."""

    def compute() -> dict[str, list[Conflict]]:
        members: dict[str, list[str]] = {}
        about: dict[str, tuple[str | None, str | None, str | None]] = {}
        for row in site.rows(_CONFLICTS):
            if row["conflict"] is None or row["claim"] is None:
                continue
            iri = row["conflict"].value
            members.setdefault(iri, []).append(row["claim"].value)
            verdict, kind, label = (row["verdict"], row["kind"], row["label"])
            about[iri] = (verdict.value if verdict else None, kind.value if kind else None, label.value if label else None)
        found: dict[str, list[Conflict]] = {}
        for iri, claims in members.items():
            conflict = Conflict(iri, tuple(sorted(set(claims))), *about[iri])
            for claim in conflict.members:
                found.setdefault(claim, []).append(conflict)
        return found

    return site.cached("conflicts", compute)


def values_block(iris: list[str]) -> str:
    """`VALUES ?claim { <…> … }` for IRIs read from the store (refusing anything not IRI-safe)."""
    safe = [i for i in iris if IRI_SAFE.fullmatch(i)]
    return "VALUES ?claim { " + " ".join(f"<{i}>" for i in safe) + " }"


def load_claims(site: Site, selection: str, with_snippets: bool = True, **bindings: str) -> list[ClaimView]:
    """Claims bound by `selection`, in document and reading order."""
    docs, cited, disputed = documents(site), works(site), conflicts(site)
    views: dict[str, ClaimView] = {}
    seen: set[tuple[str, str]] = set()
    for row in site.rows(_DETAILS.format(selection=selection), **bindings):
        iri, doc = row["claim"], row["doc"]
        if iri is None or doc is None:
            continue
        view = views.get(iri.value)
        if view is None:
            info = docs.get(doc.value) or DocInfo(doc.value, site.label(doc.value))
            view = views[iri.value] = ClaimView(iri.value, info, row["s"], row["p"].value if row["p"] else None, row["o"])
            view.confidence = row["conf"].number() if row["conf"] else None
            view.rank = site.label(row["rank"]) if row["rank"] else None
            if row["value"] is not None:
                view.observation = {k: row[k] for k in ("value", "unit", "indicator", "period", "qualifier", "area", "reporter", "about")}
            view.conflicts = disputed.get(iri.value, [])
        ev = row["ev"]
        if ev is not None and ("ev", iri.value + ev.value) not in seen:
            seen.add(("ev", iri.value + ev.value))
            start, end = int(row["start"].value), int(row["end"].value)  # type: ignore[union-attr]
            snippet = None
            if with_snippets:
                text = document_text(site, view.document)
                snippet = text.snippet(start, end) if text is not None and end <= len(text.text) else None
            view.quotes.append(Quote(ev.value, start, end, row["quote"].value if row["quote"] else "",
                                     row["page"].integer() if row["page"] else None,
                                     row["footnote"].integer() if row["footnote"] else None, snippet))
        work = row["work"]
        if work is not None and ("w", iri.value + work.value) not in seen and work.value in cited:
            seen.add(("w", iri.value + work.value))
            view.works.append(cited[work.value])
    for view in views.values():
        view.quotes.sort(key=lambda q: q.start)
    return sorted(views.values(), key=lambda v: (v.document.date or "", v.document.iri, v.start, v.iri))
