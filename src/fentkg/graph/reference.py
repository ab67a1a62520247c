"""The `reference` graph: curated rows of data/reference with their sources (never claims)."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from ..namespaces import FXD
from ..reference import Reference
from ..vocab import FX

# precursors.csv columns kept as literals on the substance, with the property they become.
_PRECURSOR_COLUMNS = {
    "chemical_name": FX.chemicalName,
    "substance_role": RDFS.comment,
    "cas_number": FX.casNumber,
    "un_1988_table": FX.un1988Table,
    "un_decision": FX.unDecision,
    "un_in_force": FX.unInForce,
    "us_dea_status": FX.usControlStatus,
    "us_dea_effective": FX.usControlEffective,
    "us_dea_citation": FX.authorityReference,
    "china_status": FX.chinaControlStatus,
    "china_effective": FX.chinaControlEffective,
    "eu_status": FX.euControlStatus,
    "notes": SKOS.note,
}


def _sources(g: Graph, node: URIRef, cell: str) -> None:
    for part in cell.split(" ; "):
        part = part.strip()
        if part.startswith("http"):
            g.add((node, DCTERMS.source, Literal(part.split(" ")[0], datatype=XSD.anyURI)))
        elif part:
            g.add((node, DCTERMS.source, Literal(part)))


def reference_graph(reference: Reference) -> Graph:
    """Every curated entry as a reference record `fxd:ref-<id>` describing `fxd:<id>`."""
    g = Graph()
    for entry in reference.entries.values():
        record = FXD[f"ref-{entry.id}"]
        g.add((record, RDF.type, FX.ReferenceRecord))
        g.add((record, RDFS.label, Literal(f"reference record for {entry.label}")))
        g.add((record, FX.describes, entry.iri))
        g.add((record, FX.verification, Literal(entry.verification or "unspecified")))
        _sources(g, record, entry.source)
        g.add((entry.iri, RDF.type, entry.classes[0]))
        g.add((entry.iri, RDFS.label, Literal(entry.label)))
        for alias in entry.aliases:
            g.add((entry.iri, SKOS.altLabel, Literal(alias, lang="en")))
        for prop, value in entry.properties:
            g.add((entry.iri, prop, value))
        if entry.extra.get("role"):
            g.add((entry.iri, FX.holdsPosition, Literal(entry.extra["role"])))
    for row in reference.precursor_rows:
        sub = FXD[f"sub-{row['id']}"]
        record = FXD[f"ref-precursor-{row['id']}"]
        g.add((record, RDF.type, FX.ReferenceRecord))
        g.add((record, FX.describes, sub))
        g.add((record, RDFS.label, Literal(f"precursors.csv row {row['id']}")))
        for column, prop in _PRECURSOR_COLUMNS.items():
            if row.get(column):
                g.add((sub, prop, Literal(row[column])))
        for column in ("cas_sources", "un_sources", "us_sources", "china_sources", "eu_sources"):
            if row.get(column):
                _sources(g, record, row[column])
        for column in ("cas_verification", "un_verification", "us_verification", "china_verification"):
            if row.get(column):
                g.add((record, FX.verification, Literal(f"{column.split('_')[0]}: {row[column]}")))
    for row in reference.actor_rows:
        record = FXD[f"ref-actor-{row['id']}"]
        g.add((record, RDF.type, FX.ReferenceRecord))
        g.add((record, FX.describes, FXD[row["id"]]))
        g.add((record, RDFS.label, Literal(f"actors.csv row {row['id']}")))
        if row.get("other_identifiers"):
            g.add((record, SKOS.note, Literal(row["other_identifiers"])))
        if row.get("identifier_sources"):
            _sources(g, record, row["identifier_sources"])
        if row.get("qid_verification"):
            g.add((record, FX.verification, Literal(f"qid: {row['qid_verification']}")))
    return g
