"""Claim nodes and their provenance block: evidence, selectors, citation, run, agent."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from .. import __version__
from ..corpus import Document, Evidence
from ..extract.context import CitedNote, Claim, Fact, Observation, digest
from ..namespaces import FXD, FXV, OA, QB, SDMX_ATTRIBUTE, doc_iri
from ..vocab import FX


def _decimal(value: Decimal | float) -> Literal:
    return Literal(Decimal(str(value)).normalize() if isinstance(value, float) else value, datatype=XSD.decimal)


class ClaimWriter:
    """Writes claims into the `claims` graph and runs/agents into the `sources` graph."""

    def __init__(self, claims: Graph, sources: Graph, run_id: str) -> None:
        self.g = claims
        self.sources = sources
        self.run_id = run_id
        self._runs: dict[str, URIRef] = {}
        self._notes: dict[tuple[str, int], CitedNote] = {}
        self._evidence: set[URIRef] = set()

    def add_notes(self, doc: Document, notes: Iterable[CitedNote]) -> None:
        """Remember what each footnote cites, so claims in marked sentences link to it."""
        for note in notes:
            self._notes[(doc.id, note.number)] = note

    def run(self, extractor: str) -> URIRef:
        """The extraction run of one extractor in this build, with its software agent."""
        if extractor not in self._runs:
            run = FXD[f"run-{self.run_id}-{extractor}"]
            agent = FXD[f"agent-{extractor}-{__version__}"]
            s = self.sources
            s.add((run, RDF.type, FX.ExtractionRun))
            s.add((run, RDFS.label, Literal(f"fentkg {__version__} {extractor} extraction, build {self.run_id}")))
            s.add((run, PROV.wasAssociatedWith, agent))
            s.add((agent, RDF.type, PROV.SoftwareAgent))
            s.add((agent, RDFS.label, Literal(f"fentkg {extractor} extractor {__version__}")))
            s.add((agent, FX.softwareVersion, Literal(__version__)))
            self._runs[extractor] = run
        return self._runs[extractor]

    def evidence(self, ev: Evidence, surface: bool = False) -> URIRef:
        """The Evidence node of a span: one per (document, start, end), shared by its claims."""
        iri = FXD[f"ev-{digest(ev.doc_id, ev.start, ev.end)}"]
        if iri in self._evidence:
            return iri
        self._evidence.add(iri)
        quote, position = URIRef(f"{iri}-q"), URIRef(f"{iri}-p")
        g = self.g
        g.add((iri, RDF.type, FX.Evidence))
        g.add((iri, OA.hasSource, doc_iri(ev.doc_id)))
        g.add((iri, OA.hasSelector, quote))
        g.add((iri, OA.hasSelector, position))
        if ev.page is not None:
            g.add((iri, FX.page, Literal(ev.page)))
        if ev.footnote is not None:
            g.add((iri, FX.footnoteNumber, Literal(ev.footnote)))
        if surface:
            g.add((iri, FX.surfaceForm, Literal(ev.exact)))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(ev.exact)))
        if ev.prefix:
            g.add((quote, OA.prefix, Literal(ev.prefix)))
        if ev.suffix:
            g.add((quote, OA.suffix, Literal(ev.suffix)))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(ev.start)))
        g.add((position, OA.end, Literal(ev.end)))
        return iri

    def add(self, fact: Fact) -> URIRef:
        if isinstance(fact, Observation):
            return self._observation(fact)
        return self._claim(fact)

    def _provenance(self, node: URIRef, fact: Fact, surface: bool) -> None:
        ev = fact.evidence
        g = self.g
        g.add((node, FX.statedIn, doc_iri(ev.doc_id)))
        g.add((node, PROV.wasDerivedFrom, self.evidence(ev, surface)))
        g.add((node, PROV.wasGeneratedBy, self.run(fact.extractor)))
        g.add((node, FX.confidence, _decimal(Decimal(str(fact.confidence)))))
        g.add((node, FX.rank, FXV["rank-normal"]))
        g.add((node, FX.reviewStatus, FXV["review-unreviewed"]))
        g.add((node, FX.extractionMethod, FXV["method-rule"]))
        for number in ev.cites:
            note = self._notes.get((ev.doc_id, number))
            if note is not None:
                g.add((node, FX.citesSource, note.work))
                g.add((node, FX.citationEvidence, self.evidence(note.evidence)))

    def _claim(self, claim: Claim) -> URIRef:
        ev = claim.evidence
        node = FXD[f"claim-{digest(ev.doc_id, ev.start, ev.end, claim.subject, claim.predicate, claim.object)}"]
        g = self.g
        if (node, RDF.type, FX.TripleClaim) in g:
            return node  # the same statement on the same span from a second extractor: the first one's provenance stands
        g.add((node, RDF.type, FX.TripleClaim))
        g.add((node, RDF.subject, claim.subject))
        g.add((node, RDF.predicate, claim.predicate))
        g.add((node, RDF.object, claim.object))
        self._provenance(node, claim, surface=isinstance(claim.object, URIRef))
        return node

    def _observation(self, obs: Observation) -> URIRef:
        ev = obs.evidence
        node = FXD[f"obs-{digest(ev.doc_id, ev.start, ev.end, obs.indicator, obs.value, obs.unit)}"]
        g = self.g
        if (node, RDF.type, FX.StatisticalObservation) in g:
            return node
        g.add((node, RDF.type, FX.StatisticalObservation))
        g.add((node, RDF.type, QB.Observation))
        g.add((node, QB.dataSet, FXD["dataset-stated-statistics"]))
        g.add((node, FX.indicator, obs.indicator))
        g.add((node, FX.obsValue, _decimal(obs.value)))
        g.add((node, SDMX_ATTRIBUTE.unitMeasure, obs.unit))
        g.add((node, FX.refPeriod, obs.period))
        g.add((node, FX.valueQualifier, obs.qualifier))
        if obs.lower is not None:
            g.add((node, FX.lowerBound, _decimal(obs.lower)))
            g.add((node, FX.lowerBoundInclusive, Literal(obs.lower_inclusive)))
        if obs.upper is not None:
            g.add((node, FX.upperBound, _decimal(obs.upper)))
            g.add((node, FX.upperBoundInclusive, Literal(obs.upper_inclusive)))
        for prop, value in ((FX.refArea, obs.area), (FX.reporter, obs.reporter), (FX.subjectEntity, obs.subject)):
            if value is not None:
                g.add((node, prop, value))
        self._provenance(node, obs, surface=False)
        return node
