"""Validate: SHACL shapes, OWL consistency and evidence round-trips → one Report.

pyshacl is wrapped once here; nothing else sees its 3-tuple. SHACL checks the form of every
claim; HermiT (through owlready2) checks that the typed entities and facts do not contradict
the ontology; `check_evidence` checks what SHACL cannot see: that every quote is the text at
its offsets.
"""
from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from .corpus import Corpus
from .errors import FentkgError
from .namespaces import GRAPHS, OA

log = logging.getLogger("fentkg.validate")


@dataclass(frozen=True, slots=True)
class Result:
    """One finding: where, which shape, what is wrong."""

    severity: str  # Violation | Warning | Info
    focus: str
    path: str
    shape: str
    message: str


@dataclass(frozen=True, slots=True)
class Report:
    conforms: bool
    results: tuple[Result, ...]
    graph: Graph
    owl_consistent: bool | None = None
    owl_message: str = ""
    evidence_errors: tuple[str, ...] = field(default=())

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Warning"]

    @property
    def ok(self) -> bool:
        return self.conforms and self.owl_consistent is not False and not self.evidence_errors

    def summary(self) -> str:
        lines = [
            f"SHACL: {'conforms' if self.conforms else 'does not conform'} "
            f"({len(self.violations)} violations, {len(self.warnings)} warnings)",
            f"OWL: {'consistent' if self.owl_consistent else 'not checked' if self.owl_consistent is None else 'INCONSISTENT'}"
            + (f" — {self.owl_message}" if self.owl_message else ""),
            f"evidence: {len(self.evidence_errors)} quotes that do not match their text",
        ]
        for r in self.violations[:50]:
            lines.append(f"  [{r.severity}] {r.focus} {r.path}: {r.message} ({r.shape})")
        for e in self.evidence_errors[:50]:
            lines.append(f"  [evidence] {e}")
        return "\n".join(lines)


SHAPES_ONTOLOGY = URIRef("https://w3id.org/fentkg/shapes")  # holds the sh:declare prefixes SPARQL shapes use


def load_shapes(shapes_dir: Path, only: Iterable[str] | None = None) -> Graph:
    """The SHACL shapes of `shapes_dir` (or only the named files, with the shared prefix declarations)."""
    shapes = Graph()
    files = sorted(shapes_dir.glob("*.ttl"))
    if not files:
        raise FentkgError(f"{shapes_dir}: no SHACL shapes (*.ttl) found")
    for path in files:
        try:
            graph = Graph().parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser error types
            raise FentkgError(f"{path}: cannot parse shapes: {exc}") from None
        if only is None or path.name in only:
            shapes += graph
        else:
            for declaration in graph.objects(SHAPES_ONTOLOGY, SH.declare):
                shapes.add((SHAPES_ONTOLOGY, SH.declare, declaration))
                shapes += graph.triples((declaration, None, None))
    return shapes


def flatten(ds: Dataset, names: Iterable[str] | None = None) -> Graph:
    """The union of the named graphs as one Graph (pySHACL validates one graph)."""
    g = Graph()
    for name in names or GRAPHS:
        for triple in ds.graph(GRAPHS[name]):
            g.add(triple)
    return g


def shacl(data: Graph, shapes: Graph) -> tuple[bool, tuple[Result, ...], Graph]:
    import pyshacl

    conforms, report_graph, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, inplace=True
    )
    results = []
    for node in report_graph.subjects(RDF.type, SH.ValidationResult):
        severity = str(report_graph.value(node, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1]
        results.append(Result(
            severity=severity,
            focus=str(report_graph.value(node, SH.focusNode) or ""),
            path=str(report_graph.value(node, SH.resultPath) or ""),
            shape=str(report_graph.value(node, SH.sourceShape) or ""),
            message=str(report_graph.value(node, SH.resultMessage) or ""),
        ))
    results.sort(key=lambda r: (r.severity, r.focus, r.path, r.message))
    return bool(conforms), tuple(results), report_graph


def owl_consistency(ds: Dataset) -> tuple[bool | None, str]:
    """Run HermiT over ontology + entity records + truthy facts; (None, why) if it cannot run."""
    return owl_check(flatten(ds, ("ontology", "entities", "facts")))


def owl_check(data: Graph) -> tuple[bool | None, str]:
    """HermiT consistency of one graph (ontology axioms included by the caller)."""
    import owlready2

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "check.nt"
        data.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            onto = world.get_ontology(path.as_uri()).load(format="ntriples")
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                owlready2.sync_reasoner_hermit([onto], infer_property_values=False, debug=0, ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return False, f"HermiT: inconsistent ({str(exc).strip()[:300]})"
        except (FileNotFoundError, owlready2.OwlReadyJavaError) as exc:
            return None, f"HermiT could not run (is Java installed?): {str(exc).strip()[:200]}"
        finally:
            world.close()
    return True, f"HermiT over {len(data)} triples"


def check_evidence(ds: Dataset, corpus: Corpus) -> tuple[str, ...]:
    """Every position selector's span, sliced out of its document, equals its quote."""
    texts = {f"https://w3id.org/fentkg/id/doc-{d.id}": d.text for d in corpus}
    claims = ds.graph(GRAPHS["claims"])
    errors = []
    for ev in claims.subjects(OA.hasSource, None):
        source = str(claims.value(ev, OA.hasSource))
        text = texts.get(source)
        exact = start = end = None
        for sel in claims.objects(ev, OA.hasSelector):
            if (sel, RDF.type, OA.TextQuoteSelector) in claims:
                exact = str(claims.value(sel, OA.exact))
            else:
                start, end = claims.value(sel, OA.start), claims.value(sel, OA.end)
        if text is None:
            errors.append(f"{ev}: source {source} is not in the corpus")
        elif not isinstance(start, Literal) or not isinstance(end, Literal) or exact is None:
            errors.append(f"{ev}: evidence without both selectors")
        elif text[int(start):int(end)] != exact:
            errors.append(f"{ev}: text[{start}:{end}] = {text[int(start):int(end)]!r} but quote is {exact!r}")
    return tuple(sorted(errors))


def validate(ds: Dataset, shapes_dir: Path, corpus: Corpus | None = None, owl: bool = True) -> Report:
    """SHACL over the union of all graphs, then OWL and evidence checks."""
    conforms, results, graph = shacl(flatten(ds), load_shapes(shapes_dir))
    consistent, message = owl_consistency(ds) if owl else (None, "skipped")
    evidence = check_evidence(ds, corpus) if corpus is not None else ()
    if consistent is None and owl:
        log.warning("OWL check did not run: %s", message)
    return Report(conforms, results, graph, consistent, message, evidence)


def report_graph(results: Iterable[Result], conforms: bool) -> Graph:
    """An sh:ValidationReport built from Results (batches are validated apart, reported together)."""
    from rdflib import BNode
    from rdflib.namespace import XSD

    g = Graph()
    g.bind("sh", SH)
    report = URIRef("urn:fentkg:validation-report")
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, Literal(conforms, datatype=XSD.boolean)))
    for i, r in enumerate(results):
        node = URIRef(f"urn:fentkg:validation-result:{i}")
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.resultSeverity, SH[r.severity]))
        if r.focus:
            g.add((node, SH.focusNode, URIRef(r.focus)))
        if r.path:
            g.add((node, SH.resultPath, URIRef(r.path)))
        if r.shape:
            g.add((node, SH.sourceShape, BNode(r.shape) if r.shape.startswith("N") and ":" not in r.shape else URIRef(r.shape)))
        g.add((node, SH.resultMessage, Literal(r.message)))
    return g
