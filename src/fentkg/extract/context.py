"""Context: what an extractor sees of the world, and the only way a fact leaves it.

An extractor calls `ctx.emit(s, p, o, evidence=…)` for a triple claim and `ctx.observe(…)`
for a stated number; both refuse evidence that does not slice back out of the document.
Entity records (type and labels of what a claim mentions) go through `ctx.declare`.
"""
from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..corpus import Document, Evidence
from ..errors import EvidenceError
from ..namespaces import FXD, FXV
from ..reference import Entry, Reference

log = logging.getLogger("fentkg.extract")


@dataclass(frozen=True, slots=True)
class Claim:
    """One triple a document asserts, with the span it rests on."""

    subject: URIRef
    predicate: URIRef
    object: Node
    evidence: Evidence
    extractor: str
    confidence: float = 0.9


@dataclass(frozen=True, slots=True)
class Observation:
    """One number a document states (MODEL.md §2.9): value, bounds, unit, indicator, period."""

    indicator: URIRef
    value: Decimal
    unit: URIRef
    evidence: Evidence
    extractor: str
    period: URIRef = FXD["period-unspecified"]
    qualifier: URIRef = FXV["qual-exact"]
    lower: Decimal | None = None
    lower_inclusive: bool = True
    upper: Decimal | None = None
    upper_inclusive: bool = True
    area: URIRef | None = None
    reporter: URIRef | None = None
    subject: URIRef | None = None
    confidence: float = 0.8


Fact = Claim | Observation


@dataclass(frozen=True, slots=True)
class Period:
    """A named interval (fiscal year, calendar year, month range) in OWL-Time terms."""

    iri: URIRef
    label: str
    begin: Literal  # xsd:date, xsd:gYearMonth or xsd:gYear: the precision the text gives
    end: Literal
    fiscal_year: bool = False
    starts: URIRef | None = None  # time:intervalStarts, for "so far in FY2023"


@dataclass(frozen=True, slots=True)
class Entity:
    """The record of a thing claims talk about: its types and labels, where it came from."""

    iri: URIRef
    types: tuple[URIRef, ...]
    label: str
    alt_labels: tuple[str, ...] = ()
    properties: tuple[tuple[URIRef, Node], ...] = ()
    evidence: Evidence | None = None  # the first mention, for entities minted from text
    entry: Entry | None = None  # the curated row, for entities from data/reference


@dataclass(frozen=True, slots=True)
class CitedNote:
    """A footnote of a document and the work it cites."""

    number: int
    work: URIRef
    evidence: Evidence


def slugify(text: str, limit: int = 48) -> str:
    """Lower-case ASCII slug for IRIs ("Cártel de Sinaloa" → "cartel-de-sinaloa")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "x"


def digest(*parts: object, length: int = 16) -> str:
    """A short stable hash of the parts (SHA-1, as FtM's statement ids)."""
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:length]


@dataclass
class Context:
    """Per-document, per-extractor state; collects facts, entities, periods and notes."""

    doc: Document
    reference: Reference
    extractor: str = "unknown"
    facts: list[Fact] = field(default_factory=list)
    entities: dict[URIRef, Entity] = field(default_factory=dict)
    periods: dict[URIRef, Period] = field(default_factory=dict)
    notes: dict[int, CitedNote] = field(default_factory=dict)

    def for_extractor(self, name: str) -> "Context":
        """The same collections, stamped with another extractor's name."""
        return Context(self.doc, self.reference, name, self.facts, self.entities, self.periods, self.notes)

    def check(self, evidence: Evidence) -> None:
        """Refuse evidence from another document or whose quote is not the text at its span."""
        if evidence.doc_id != self.doc.id:
            raise EvidenceError(f"{self.extractor}: evidence from {evidence.doc_id} used in {self.doc.id}")
        if self.doc.text[evidence.start:evidence.end] != evidence.exact or not evidence.exact.strip():
            raise EvidenceError(
                f"{self.extractor}: {self.doc.id}@{evidence.start}:{evidence.end}: quote {evidence.exact!r} does not match the text"
            )

    def emit(self, subject: URIRef, predicate: URIRef, obj: Node, *, evidence: Evidence, confidence: float = 0.9) -> Claim:
        """Record that the document asserts (subject, predicate, obj) at `evidence`."""
        self.check(evidence)
        claim = Claim(subject, predicate, obj, evidence, self.extractor, confidence)
        self.facts.append(claim)
        return claim

    def observe(self, **fields: object) -> Observation:
        """Record a stated number; `fields` are those of Observation (evidence required)."""
        obs = Observation(extractor=self.extractor, **fields)  # type: ignore[arg-type]
        self.check(obs.evidence)
        self.facts.append(obs)
        return obs

    def declare(self, entity: Entity) -> URIRef:
        """Record an entity the first time it is seen; later declarations keep the first."""
        self.entities.setdefault(entity.iri, entity)
        return entity.iri

    def period(self, period: Period) -> URIRef:
        self.periods.setdefault(period.iri, period)
        return period.iri

    def cite(self, note: CitedNote) -> None:
        """Register what footnote `note.number` cites, so claims in marked sentences can point at it."""
        self.notes[note.number] = note

    def make_iri(self, kind: str, *parts: object) -> URIRef:
        """Mint `fxd:<kind>-<hash>` from what identifies the thing (never from offsets)."""
        return FXD[f"{kind}-{digest(kind, *parts)}"]

    def entry_iri(self, entry: Entry) -> URIRef:
        """The IRI of a curated entry, declaring its record on first use."""
        iri = FXD[entry.id]
        if iri not in self.entities:
            self.declare(Entity(iri, entry.classes, entry.label, entry.aliases, entry.properties, entry=entry))
        return iri
