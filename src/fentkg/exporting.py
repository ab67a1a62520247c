"""Exports of the built graph: whole-dataset dumps and the CSV of claims (MODEL.md §2.11)."""
from __future__ import annotations

import pyoxigraph as ox

from .errors import QueryError
from .namespaces import PREFIXES
from .settings import Settings
from .store import Store

DATASET_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
TRIPLE_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}

# One row per claim: the OpenSanctions statement-table columns (MODEL.md §2.11).
CLAIMS_CSV = """
PREFIX fx: <https://w3id.org/fentkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
SELECT ?claim ?subject ?property ?value ?document ?start ?end ?quote ?confidence ?rank WHERE {
  { ?claim a fx:TripleClaim ; rdf:subject ?subject ; rdf:predicate ?property ; rdf:object ?value }
  UNION
  { ?claim a fx:StatisticalObservation ; fx:indicator ?subject ; fx:obsValue ?value
    BIND(fx:obsValue AS ?property) }
  ?claim fx:statedIn ?document ; fx:confidence ?confidence ; fx:rank ?rank ; prov:wasDerivedFrom ?ev .
  ?ev oa:hasSelector ?q, ?p . ?q oa:exact ?quote . ?p oa:start ?start ; oa:end ?end .
} ORDER BY ?document ?start ?end ?claim
"""


def export(settings: Settings, fmt: str) -> bytes:
    store = Store.open(settings.out_dir)
    if fmt in DATASET_FORMATS:
        return bytes(store.ox.dump(format=DATASET_FORMATS[fmt], prefixes=PREFIXES if fmt == "trig" else None) or b"")
    if fmt in TRIPLE_FORMATS:
        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        return bytes(ox.serialize(triples, format=TRIPLE_FORMATS[fmt], prefixes=PREFIXES if fmt == "ttl" else None) or b"")
    if fmt == "csv":
        return bytes(store.query(CLAIMS_CSV).serialize(format=ox.QueryResultsFormat.CSV))
    raise QueryError(f"unknown export format {fmt}")
