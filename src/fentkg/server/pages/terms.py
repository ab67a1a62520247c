"""RDF terms as the pages show them: plain values, readable labels and local links.

Pages read query results through `Term`, never through pyoxigraph objects, so templates stay
free of RDF library details. IRIs under the configured base (`https://w3id.org/fentkg/`) are
linked to this server (`/id/…`, `/vocab/…`, `/ontology#…`), because that is where they resolve.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from ...namespaces import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_DATE_TYPES = {XSD + "date", XSD + "gYearMonth", XSD + "gYear", XSD + "dateTime"}


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term: an IRI, a blank node or a literal (with datatype or language)."""

    value: str
    kind: str  # "iri", "bnode" or "literal"
    datatype: str | None = None
    lang: str | None = None

    @property
    def is_iri(self) -> bool:
        return self.kind == "iri"

    @property
    def is_date(self) -> bool:
        return self.datatype in _DATE_TYPES

    def number(self) -> Decimal | None:
        """The literal's numeric value, if it has one."""
        if self.kind != "literal":
            return None
        try:
            return Decimal(self.value)
        except InvalidOperation:
            return None

    def integer(self) -> int | None:
        if self.kind == "literal" and self.datatype in _INTEGER_TYPES:
            return int(self.value)
        return None

    def __str__(self) -> str:
        return self.value


def term(node: object) -> Term | None:
    """A pyoxigraph term (or None for an unbound variable) as a `Term`."""
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return Term(node.value, "iri")
    if isinstance(node, ox.Literal):
        return Term(node.value, "literal", node.datatype.value if node.language is None else None, node.language)
    if isinstance(node, ox.BlankNode):
        return Term(node.value, "bnode")
    return Term(str(node), "literal")


def prefixed(iri: str) -> str:
    """`fxd:org-dea` for a known namespace, else the IRI itself."""
    best, name = "", iri
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best):
            best = ns
            name = f"{prefix}:{iri[len(ns):]}"
    return name


def format_number(value: Decimal) -> str:
    """A stated figure for reading: thousands separators, no trailing zeros."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"
