"""Helpers for the kinds scored from triple claims: claims grouped by subject and passage.

Not a kind itself (no KIND): designations, agreements, events, substances, relations and
recommendations read the claims of a DocumentExtraction through these functions.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import URIRef
from rdflib.term import Node

from ..extract import DocumentExtraction
from ..extract.context import Claim


def local(node: Node | None) -> str | None:
    """The last segment of an IRI ('…/id/org-dea' → 'org-dea', '…#Sanction' → 'Sanction'), or a literal's text."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return str(node)


MINTED = re.compile(r"-[0-9a-f]{16}$")


def name(d: DocumentExtraction, node: Node | None) -> str | None:
    """How gold names an entity: its fxd: slug when curated, "label:<label>" when minted from the text
    (a minted IRI is a hash, which gold written by hand cannot know)."""
    slug = local(node)
    if slug is not None and MINTED.search(slug) and isinstance(node, URIRef) and node in d.entities:
        return f"label:{d.entities[node].label}"
    return slug


def claims(d: DocumentExtraction, predicates: Iterable[URIRef] | None = None) -> Iterator[Claim]:
    wanted = set(predicates) if predicates is not None else None
    for fact in d.facts:
        if isinstance(fact, Claim) and (wanted is None or fact.predicate in wanted):
            yield fact


def by_passage(d: DocumentExtraction) -> dict[tuple[URIRef, int, int], dict[URIRef, list[Node]]]:
    """(subject, start, end) → predicate → objects: what one passage says about one thing."""
    out: dict[tuple[URIRef, int, int], dict[URIRef, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for c in claims(d):
        out[(c.subject, c.evidence.start, c.evidence.end)][c.predicate].append(c.object)
    return out


def types_of(d: DocumentExtraction, iri: Node) -> tuple[str, ...]:
    entity = d.entities.get(iri) if isinstance(iri, URIRef) else None
    return tuple(local(t) or "" for t in entity.types) if entity else ()
