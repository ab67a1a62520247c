"""IRIs of the fentkg namespaces and the external vocabularies the graph reuses."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

BASE = "https://w3id.org/fentkg/"
FXV = Namespace(BASE + "vocab/")  # SKOS concepts
FXD = Namespace(BASE + "id/")  # instances
FXG = Namespace(BASE + "graph/")  # named graphs
OA = Namespace("http://www.w3.org/ns/oa#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
UNIT = Namespace("http://qudt.org/vocab/unit/")
SCHEMA = Namespace("https://schema.org/")

# The named graphs of the dataset (MODEL.md §2.2), in the order dumps list them.
GRAPH_NAMES = ("ontology", "vocab", "reference", "sources", "entities", "claims", "facts", "derived")
GRAPHS = {name: FXG[name] for name in GRAPH_NAMES}

PREFIXES = {
    "fx": BASE + "ontology#",
    "fxv": str(FXV),
    "fxd": str(FXD),
    "fxg": str(FXG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "org": str(ORG),
    "time": str(TIME),
    "oa": str(OA),
    "qb": str(QB),
    "sdmx-attribute": str(SDMX_ATTRIBUTE),
    "sdmx-dimension": str(SDMX_DIMENSION),
    "sdmx-measure": str(SDMX_MEASURE),
    "unit": str(UNIT),
    "schema": str(SCHEMA),
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for queries built in code."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def doc_iri(doc_id: str) -> URIRef:
    """The IRI of a source document: `fxd:doc-<file stem>`."""
    return FXD[f"doc-{doc_id}"]
