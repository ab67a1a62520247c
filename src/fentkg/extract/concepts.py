"""Concepts: the designation regimes and event types of ontology/vocab.ttl, as extractors read them.

A regime brings its cue labels (prefLabel, altLabel, hiddenLabel, lower-cased), the designation
class a designation under it gets (fx:correspondingClass) and the actor that designates under
it (fx:regimeAuthority); an event type brings its class. Knowledge about regimes lives in the
vocabulary, not in code (issue 3).
Example: the regime fxv:regime-fto has the cue "foreign terrorist organizations", the class
fx:TerroristDesignation and the authority fxd:org-state.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ..namespaces import FXV
from ..reference import Reference
from ..vocab import FX


@dataclass(frozen=True, slots=True)
class Regime:
    iri: URIRef
    label: str
    cls: URIRef
    cues: tuple[str, ...]
    authority: URIRef | None


@dataclass(frozen=True, slots=True)
class EventType:
    iri: URIRef
    label: str
    cls: URIRef


@dataclass(frozen=True, slots=True)
class Concepts:
    regimes: tuple[Regime, ...] = ()
    event_types: dict[str, EventType] = field(default_factory=dict)  # by notation ("meeting")


@lru_cache(maxsize=4)
def _load(path: Path) -> Concepts:
    g = Graph().parse(path, format="turtle")
    regimes = []
    for concept in sorted(s for s in g.subjects(SKOS.inScheme, FXV["designation-regimes"]) if isinstance(s, URIRef)):
        cues = {str(o).lower() for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in g.objects(concept, p)}
        cls = g.value(concept, FX.correspondingClass)
        authority = g.value(concept, FX.regimeAuthority)
        regimes.append(Regime(
            concept, str(g.value(concept, SKOS.prefLabel)), cls if isinstance(cls, URIRef) else FX.Designation,
            tuple(sorted(cues, key=len, reverse=True)), authority if isinstance(authority, URIRef) else None,
        ))
    events = {}
    for concept in sorted(s for s in g.subjects(SKOS.inScheme, FXV["event-types"]) if isinstance(s, URIRef)):
        cls = g.value(concept, FX.correspondingClass)
        events[str(g.value(concept, SKOS.notation))] = EventType(
            concept, str(g.value(concept, SKOS.prefLabel)), cls if isinstance(cls, URIRef) else FX.Event)
    return Concepts(tuple(regimes), events)


def concepts(reference: Reference) -> Concepts:
    """The concepts of the vocabulary the reference was loaded with (none without a vocabulary)."""
    return _load(reference.vocab) if reference.vocab is not None else Concepts()
