"""Documentation of the ontology, generated from the `ontology` graph of the release."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import Site
from .terms import prefixed

FX = "https://w3id.org/fentkg/ontology#"
_TERMS = """
SELECT ?term ?kind ?label ?definition ?comment ?super ?domain ?range WHERE {
  GRAPH fxg:ontology {
    VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
    ?term a ?kind . FILTER(STRSTARTS(STR(?term), STR(fx:)))
    OPTIONAL { ?term rdfs:label ?label } OPTIONAL { ?term skos:definition ?definition }
    OPTIONAL { ?term rdfs:comment ?comment }
    OPTIONAL { ?term rdfs:subClassOf|rdfs:subPropertyOf ?super FILTER(isIRI(?super)) }
    OPTIONAL { ?term rdfs:domain ?domain FILTER(isIRI(?domain)) } OPTIONAL { ?term rdfs:range ?range FILTER(isIRI(?range)) }
  }
}"""
_HEAD = """
SELECT ?p ?o WHERE { GRAPH fxg:ontology { ?ont a owl:Ontology ; ?p ?o } }"""


@dataclass(slots=True)
class OntologyTerm:
    iri: str
    kind: str
    label: str
    definition: str = ""
    supers: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    ranges: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.iri[len(FX):]

    @property
    def curie(self) -> str:
        return prefixed(self.iri)


def ontology_terms(site: Site) -> tuple[list[tuple[str, str]], list[OntologyTerm], list[OntologyTerm]]:
    """The ontology header (property, value) and its classes and properties, by label."""

    def compute() -> tuple[list[tuple[str, str]], list[OntologyTerm], list[OntologyTerm]]:
        head = [(site.label(r["p"]), r["o"].value) for r in site.rows(_HEAD) if r["p"] and r["o"]]
        terms: dict[str, OntologyTerm] = {}
        for row in site.rows(_TERMS):
            iri = row["term"].value  # type: ignore[union-attr]
            kind = row["kind"].value.rsplit("#", 1)[-1]  # type: ignore[union-attr]
            t = terms.setdefault(iri, OntologyTerm(iri, kind, row["label"].value if row["label"] else iri[len(FX):]))
            if kind == "Class":
                t.kind = kind
            text = row["definition"] or row["comment"]
            if text and not t.definition:
                t.definition = text.value
            for name, values in (("super", t.supers), ("domain", t.domains), ("range", t.ranges)):
                value = row[name]
                if value is not None and value.value not in values:
                    values.append(value.value)
        ordered = sorted(terms.values(), key=lambda t: t.label.lower())
        return head, [t for t in ordered if t.kind == "Class"], [t for t in ordered if t.kind != "Class"]

    return site.cached("ontology", compute)
