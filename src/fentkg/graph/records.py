"""Records of documents, entities and periods: what claims point at."""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, TIME, XSD

from ..corpus import Document
from ..extract.context import Entity, Period
from ..namespaces import FXD, FXV, doc_iri
from ..vocab import FX
from .claims import ClaimWriter

UNSPECIFIED = FXD["period-unspecified"]
_INSTANT_PROPERTY = {XSD.date: TIME.inXSDDate, XSD.gYearMonth: TIME.inXSDgYearMonth, XSD.gYear: TIME.inXSDgYear}


def add_documents(g: Graph, corpus: Iterable[Document]) -> None:
    """One fx:SourceDocument per document, with what its metadata says and its text hash."""
    for doc in corpus:
        iri = doc_iri(doc.id)
        meta = doc.meta
        g.add((iri, RDF.type, FX.SourceDocument))
        g.add((iri, RDFS.label, Literal(meta.title or doc.id)))
        if meta.title:
            g.add((iri, DCTERMS.title, Literal(meta.title)))
        if meta.date:
            g.add((iri, DCTERMS.date, Literal(meta.date.isoformat(), datatype=XSD.date)))
        for author in meta.authors:
            g.add((iri, DCTERMS.creator, Literal(author)))
        if meta.addressee:
            g.add((iri, FX.addressee, Literal(meta.addressee)))
        if meta.publisher:
            g.add((iri, DCTERMS.publisher, Literal(meta.publisher)))
        if meta.genre:
            g.add((iri, FX.documentType, FXV[f"genre-{meta.genre}"]))
        if meta.url:
            g.add((iri, FX.url, Literal(meta.url, datatype=XSD.anyURI)))
        g.add((iri, DCTERMS.identifier, Literal(doc.id)))
        g.add((iri, FX.fileName, Literal(doc.path.name)))
        g.add((iri, FX.charCount, Literal(len(doc.text))))
        g.add((iri, FX.textSha256, Literal(doc.sha256)))
        g.add((iri, FX.textNormalization, FXV["norm-raw-utf8"]))


def add_entities(g: Graph, writer: ClaimWriter, entities: Iterable[Entity]) -> None:
    """Entity records; cited works go to the `sources` graph with the other bibliographic records."""
    for entity in entities:
        target = writer.sources if FX.CitedWork in entity.types else g
        for cls in entity.types:
            target.add((entity.iri, RDF.type, cls))
        target.add((entity.iri, RDFS.label, Literal(entity.label)))
        target.add((entity.iri, SKOS.prefLabel, Literal(entity.label, lang="en")))
        for alt in entity.alt_labels:
            if alt != entity.label:
                target.add((entity.iri, SKOS.altLabel, Literal(alt, lang="en")))
        for prop, value in entity.properties:
            target.add((entity.iri, prop, value))
        if entity.evidence is not None:
            target.add((entity.iri, PROV.wasDerivedFrom, writer.evidence(entity.evidence, surface=True)))
        if entity.entry is not None:
            target.add((entity.iri, DCTERMS.source, FXD[f"ref-{entity.entry.id}"]))


def add_periods(g: Graph, periods: Iterable[Period]) -> None:
    """OWL-Time intervals; endpoints are named instants so dumps stay free of blank nodes."""
    g.add((UNSPECIFIED, RDF.type, TIME.ProperInterval))
    g.add((UNSPECIFIED, RDFS.label, Literal("period not stated")))
    for period in periods:
        g.add((period.iri, RDF.type, TIME.ProperInterval))
        if period.fiscal_year:
            g.add((period.iri, RDF.type, FX.FiscalYear))
        g.add((period.iri, RDFS.label, Literal(period.label)))
        if period.starts is not None:
            g.add((period.iri, TIME.intervalStarts, period.starts))
        for link, value in ((TIME.hasBeginning, period.begin), (TIME.hasEnd, period.end)):
            instant = FXD[f"instant-{value}"]
            g.add((period.iri, link, instant))
            g.add((instant, RDF.type, TIME.Instant))
            g.add((instant, _INSTANT_PROPERTY[URIRef(str(value.datatype))], value))
