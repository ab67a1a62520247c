"""Extract made-up documents with the real reference tables: `extract(text, **meta)`."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fentkg.corpus import load_corpus
from fentkg.extract import DocumentExtraction, extract_document
from fentkg.extract.context import Claim
from fentkg.reference import Reference, load_reference

ROOT = Path(__file__).resolve().parents[2]
Extract = Callable[..., DocumentExtraction]


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference(ROOT / "data" / "reference", ROOT / "ontology" / "vocab.ttl")


@pytest.fixture
def extract(tmp_path: Path, reference: Reference) -> Extract:
    """Write a made-up document (and metadata) to a real sources folder and extract it."""
    def run(text: str, name: str = "2031-05-02-example", **meta: object) -> DocumentExtraction:
        folder = tmp_path / name
        folder.mkdir()
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        if meta:
            (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        return extract_document(load_corpus(folder).documents[0], reference)
    return run


def said(result: DocumentExtraction, predicate: object, extractor: str | None = None) -> list[Claim]:
    """The claims with this predicate (of this extractor)."""
    return [f for f in result.facts if isinstance(f, Claim) and f.predicate == predicate
            and (extractor is None or f.extractor == extractor)]


def label(result: DocumentExtraction, iri: object) -> str:
    entity = result.entities.get(iri)  # type: ignore[arg-type]
    return entity.label if entity else str(iri).rsplit("/", 1)[-1]
