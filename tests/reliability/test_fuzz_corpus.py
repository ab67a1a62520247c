"""Fuzzing the corpus reader and the extractors with mutated documents (issue 6).

Seed documents are truncated, shuffled, sprinkled with control and invisible characters, given mixed line
endings, turned to mojibake, partly re-encoded (not UTF-8 any more) or blown up into one long line. Each
mutant is written as a source file and read and extracted like any other. The only acceptable refusal is a
SourceError (one clear line: not UTF-8, binary, empty); otherwise extraction must finish, and every fact's
evidence must slice back out of the text exactly (`text[start:end] == exact`). A batch of mutants then goes
through the whole per-batch pipeline (graph, SHACL, the evidence round-trip of fentkg.validate).
"""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fentkg.corpus import load_document
from fentkg.errors import SourceError
from fentkg.extract import extract_document
from fentkg.pipeline import PipelineConfig, process_batch
from fentkg.reference import load_reference
from fentkg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sources").glob("*.txt"))}
ODD = ["\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u00a0", "\u200b", "\u200e", "\u2028", "\u2029", "\ufeff",
       "\ufffd", "\r", "\r\n", "\U0001f600", "\u0301", "¹", "²"]
SEEN: Counter[str] = Counter()


@pytest.fixture(scope="module")
def reference() -> object:
    settings = Settings(root=ROOT)
    return load_reference(settings.reference_dir, settings.vocab_path)


@st.composite
def mutant(draw: st.DrawFn) -> bytes:
    """A mutated seed document, as the bytes of a source file."""
    text = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
    # documents are cut to a window so that each example stays fast; the window moves over the document
    start = draw(st.integers(0, max(0, len(text) - 6000)))
    text = text[start:start + 6000]
    how = draw(st.sampled_from(["truncate", "shuffle", "odd", "line endings", "mojibake", "mixed encodings", "slices"]))
    SEEN[how] += 1
    if how == "truncate":
        text = text[:draw(st.integers(1, len(text)))]
    elif how == "shuffle":
        lines = text.splitlines(keepends=True)
        order = draw(st.permutations(range(len(lines))))
        text = "".join(lines[i] for i in order)
    elif how == "odd":
        for _ in range(draw(st.integers(1, 40))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(ODD)) + text[at:]
    elif how == "line endings":
        text = "".join(line + draw(st.sampled_from(["\n", "\r\n", "\r"])) for line in text.split("\n"))
    elif how == "mojibake":
        text = text.encode("utf-8").decode("latin-1")
    elif how == "mixed encodings":
        at = draw(st.integers(0, len(text)))
        return text[:at].encode("utf-8") + text[at:].encode("cp1252", errors="replace")
    else:
        pieces = [text[a:a + 300] for a in range(0, len(text), 300)]
        text = "".join(draw(st.lists(st.sampled_from(pieces), min_size=1, max_size=20)))
    return text.encode("utf-8")


def extract_checked(path: Path, reference: object) -> int:
    """Read and extract one source file; every fact's evidence must slice back out. Returns the fact count."""
    try:
        doc = load_document(path)
    except SourceError as exc:  # the one acceptable refusal: a clear message naming the file
        assert str(path) in str(exc) and "\n" not in str(exc)
        return -1
    extraction = extract_document(doc, reference)  # type: ignore[arg-type]
    for fact in extraction.facts:
        ev = fact.evidence
        assert ev.doc_id == doc.id and doc.text[ev.start:ev.end] == ev.exact, (fact, ev)
    return len(extraction.facts)


@given(data=mutant())
@settings(max_examples=120, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
def test_mutated_documents_never_crash_and_keep_exact_evidence(data: bytes, reference: object, tmp_path: Path) -> None:
    path = tmp_path / "2024-01-01-mutant.txt"
    path.write_bytes(data)
    extract_checked(path, reference)


def test_the_mutations_were_all_tried() -> None:
    assert set(SEEN) == {"truncate", "shuffle", "odd", "line endings", "mojibake", "mixed encodings", "slices"}, SEEN


# Issue 6 asks for a 10 MB single line. Extraction was quadratic (per-span scans, now bisections: 1 MB of one
# line takes ~10 s) and what remains superlinear is listed in docs/reliability.md (open findings); the CI
# variant is a quarter-megabyte line, which must finish and keep its evidence exact.
ONE_LINE_BYTES = 250_000


def test_a_long_single_line(reference: object, tmp_path: Path) -> None:
    """One line without a newline (a PDF extraction gone wrong): read and extracted, evidence exact."""
    line = " ".join(SEEDS.values()).replace("\n", " ")
    path = tmp_path / "2024-01-01-one-line.txt"
    path.write_text((line * (ONE_LINE_BYTES // len(line) + 1))[:ONE_LINE_BYTES], encoding="utf-8")
    started = time.monotonic()
    assert extract_checked(path, reference) > 0
    assert time.monotonic() - started < 60


def test_a_batch_of_mutants_passes_the_pipelines_own_evidence_check(tmp_path: Path) -> None:
    settings = Settings(root=ROOT)
    folder = tmp_path / "sources"
    folder.mkdir()
    paths = []
    for i, (name, text) in enumerate(SEEDS.items()):
        mutated = text[: len(text) // 2] + "\u200b\x0c\r\n" + "\n".join(reversed(text[len(text) // 2:].splitlines()))
        path = folder / f"2024-01-0{i + 1}-mutant-{i}.txt"
        path.write_text(mutated, encoding="utf-8")
        paths.append(path)
    config = PipelineConfig(settings.reference_dir, settings.vocab_path, settings.ontology_path, settings.shapes_dir, "fuzz")
    result = process_batch(paths, config)
    assert result.evidence_errors == ()
    assert sum(result.facts.values()) > 100 and len(result.nquads) > 0
