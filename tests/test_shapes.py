"""SHACL shapes (shapes/*.ttl) against the cases in tests/shapes/<kind>/<case>.ttl.

Each case file starts with comment lines:
    # case: <what the file shows>
    # expect: conforms                      (the conforming file of a kind), or
    # expect: <shape IRI>                   one line per shape that must report a Violation
    # expect-warning: <shape IRI>           one line per shape that must report a Warning
The expectation is exact: a violating file must produce results from exactly the listed shapes, so that a
case shows one broken constraint and nothing else.  Validation runs as the build runs it: all shapes, the
ontology and the vocabularies as ont_graph, no inference, SHACL-AF enabled, warnings allowed.

The vocabularies are also added to the data graph, as in the build, where the union of the named graphs
includes fxg:vocab: pyshacl's ont_graph mix-in copies only RDFS/OWL axioms (and owl:NamedIndividual nodes),
not the skos:inScheme triples that fxsh:inScheme checks.

These tests need no `fentkg` import; paths are resolved from this file.
"""
from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
SHAPES_DIR = ROOT / "shapes"
ONTOLOGY = ROOT / "ontology" / "fentkg.ttl"
VOCAB = ROOT / "ontology" / "vocab.ttl"
CASES_DIR = Path(__file__).resolve().parent / "shapes"

SH = Namespace("http://www.w3.org/ns/shacl#")
FXSH = Namespace("https://w3id.org/fentkg/shapes#")
FX = "https://w3id.org/fentkg/ontology#"
FXV = "https://w3id.org/fentkg/vocab/"

CASE_FILES = sorted(CASES_DIR.glob("*/*.ttl"))


def load_shapes() -> Graph:
    graph = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY, format="turtle")
    graph.parse(VOCAB, format="turtle")
    return graph


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return Graph().parse(VOCAB, format="turtle")


def read_expectations(path: Path) -> tuple[bool, set[str], set[str]]:
    """(conforms expected, shapes expected to report violations, shapes expected to report warnings)."""
    conforms, violations, warnings = False, set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("#").strip().partition(":")
        value = value.strip().strip("<>")
        if key == "expect" and value == "conforms":
            conforms = True
        elif key == "expect":
            violations.add(value)
        elif key == "expect-warning":
            warnings.add(value)
    return conforms, violations, warnings


def result_shapes(report: Graph, severity: URIRef) -> set[str]:
    """Source shapes of the report's top-level results (nested sh:detail results are not counted)."""
    return {
        str(shape)
        for result in report.objects(None, SH.result)
        if report.value(result, SH.resultSeverity) == severity
        for shape in report.objects(result, SH.sourceShape)
    }


def validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph, str]:
    return pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )


def test_case_files_exist() -> None:
    kinds = {p.parent.name for p in CASE_FILES}
    assert {"provenance", "claims", "statistics", "designations", "sources", "entities", "conflicts", "facts"} <= kinds
    for kind in kinds:
        assert (CASES_DIR / kind / "valid.ttl").exists(), f"{kind} has no conforming file"


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(path: Path, shapes: Graph, ontology: Graph, vocab: Graph) -> None:
    expect_conforms, expect_violations, expect_warnings = read_expectations(path)
    assert expect_conforms or expect_violations or expect_warnings, f"{path.name} has no '# expect:' line"
    data = Graph().parse(path, format="turtle")
    data += vocab
    conforms, report, text = validate(data, shapes, ontology)
    violations = result_shapes(report, SH.Violation)
    warnings = result_shapes(report, SH.Warning)
    if expect_conforms:
        assert conforms and not violations and not warnings, text
        return
    assert violations == expect_violations, text
    assert warnings == expect_warnings, text
    assert conforms == (not expect_violations), text


def named_shapes(shapes: Graph) -> tuple[set[URIRef], set[URIRef]]:
    node_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    property_shapes = {s for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}
    property_shapes |= {p for p in shapes.objects(None, SH.property) if isinstance(p, URIRef)}
    return node_shapes, property_shapes


def test_every_shape_has_a_violating_case(shapes: Graph) -> None:
    expected: set[str] = set()
    for path in CASE_FILES:
        _, violations, warnings = read_expectations(path)
        expected |= violations | warnings
    node_shapes, property_shapes = named_shapes(shapes)
    unknown = expected - {str(s) for s in node_shapes | property_shapes}
    assert not unknown, f"case files expect shapes that do not exist: {sorted(unknown)}"
    missing = sorted(str(p) for p in property_shapes if str(p) not in expected)
    # A node shape is exercised directly (its own constraints) or through one of its property shapes.
    missing += sorted(
        str(n)
        for n in node_shapes
        if str(n) not in expected and not any(str(p) in expected for p in shapes.objects(n, SH.property))
    )
    assert not missing, f"shapes without a violating test case: {missing}"


def test_shapes_are_named_and_documented(shapes: Graph) -> None:
    node_shapes, property_shapes = named_shapes(shapes)
    assert len(node_shapes) >= 20 and len(property_shapes) >= 80
    blank = [p for n in node_shapes for p in shapes.objects(n, SH.property) if not isinstance(p, URIRef)]
    assert not blank, "the property shapes of node shapes must be named IRIs"
    for shape in node_shapes | property_shapes:
        assert str(shape).startswith(str(FXSH)), shape
        assert shapes.value(shape, SH.message) is not None, f"{shape} has no sh:message"
    for shape in property_shapes:
        assert shapes.value(shape, SH.path) is not None, f"{shape} has no sh:path"
    # sh:maxCount is never put on a fact property of a claim (MODEL.md §2.10): only on provenance, structure
    # and statistics terms listed here.
    claim_shapes = {FXSH.ClaimShape, FXSH.TripleClaimShape, FXSH.StatisticalObservationShape}
    for node in claim_shapes:
        for prop in shapes.objects(node, SH.property):
            path = shapes.value(prop, SH.path)
            if shapes.value(prop, SH.maxCount) is not None and isinstance(path, URIRef):
                assert not str(path).startswith(FX) or path.split("#")[-1] in {
                    "statedIn", "confidence", "rank", "reviewStatus", "reviewedAt", "extractionMethod",
                    "indicator", "refPeriod", "obsValue", "valueQualifier", "lowerBound", "upperBound",
                    "lowerBoundInclusive", "upperBoundInclusive",
                }, f"{prop} puts sh:maxCount on {path}"


def test_shapes_use_only_declared_terms(shapes: Graph, ontology: Graph) -> None:
    """Every fx: term and fxv: concept or scheme named by a shape exists in the ontology or vocabularies."""
    declared = set(ontology.subjects())
    used = {o for o in shapes.objects() if isinstance(o, URIRef)} | {s for s in shapes.subjects() if isinstance(s, URIRef)}
    unknown = sorted(str(t) for t in used if str(t).startswith((FX, FXV)) and t not in declared)
    assert not unknown, f"shapes name undeclared terms: {unknown}"
    schemes = [shapes.value(s, SH.hasValue) for s in shapes.subjects(SH.path, SKOS.inScheme)]
    assert len(schemes) >= 10
    for scheme in schemes:
        assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology, scheme
        assert any(ontology.subjects(SKOS.inScheme, scheme)), f"{scheme} has no concepts"


def test_allowed_units_are_declared(shapes: Graph, ontology: Graph) -> None:
    unit_list = shapes.value(FXSH["StatisticalObservation-unit"], SH["in"])
    units = list(shapes.collection(unit_list))
    assert len(units) >= 8
    for unit in units:
        assert ontology.value(unit, RDFS.label) is not None, f"{unit} is not declared in the ontology"
        assert (unit, RDF.type, OWL.NamedIndividual) in ontology
