"""Generate `fentkg/vocab.py` (the closed FX namespace) from ontology/fentkg.ttl.

Run `python -m fentkg.vocab_gen` after changing the ontology; a test fails on drift.
"""
from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from .namespaces import PREFIXES

FX_IRI = PREFIXES["fx"]
TARGET = Path(__file__).with_name("vocab.py")
_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


def ontology_terms(ontology: Path) -> list[str]:
    """Local names of every class and property the ontology defines in the fx: namespace."""
    graph = Graph().parse(ontology, format="turtle")
    names = {
        str(s)[len(FX_IRI):]
        for kind in _KINDS
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(FX_IRI)
    }
    return sorted(names)


def render(names: list[str]) -> str:
    lines = [
        '"""The fentkg ontology namespace, generated from ontology/fentkg.ttl by `python -m fentkg.vocab_gen`.',
        "",
        "Closed: a misspelt term raises AttributeError instead of minting a wrong IRI. Do not edit by hand.",
        '"""',
        "from __future__ import annotations",
        "",
        "from rdflib import URIRef",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "",
        "",
        "class FX(DefinedNamespace):",
        '    """Terms of https://w3id.org/fentkg/ontology#."""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{FX_IRI}")',
        "",
    ]
    lines += [f"    {name}: URIRef" for name in names]
    return "\n".join(lines) + "\n"


def main() -> int:
    root = Path(__file__).resolve().parents[2]
    TARGET.write_text(render(ontology_terms(root / "ontology" / "fentkg.ttl")), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
