"""Pipeline: documents processed in batches, in parallel processes, with bounded memory.

Each batch is loaded, extracted, turned into RDF and validated (SHACL per batch, evidence
round-trip per document) inside a worker process, which returns only N-Quads bytes and the
findings. The main process streams those bytes into the store, so no process ever holds
the whole graph in rdflib (issue 7).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .corpus import Corpus, load_document
from .extract import extract_document
from .graph import document_dataset, new_dataset
from .namespaces import GRAPHS
from .reference import Reference, load_reference
from .validate import Result, check_evidence, flatten, load_shapes, shacl

BATCH_DOCUMENTS = 25  # documents per SHACL run: amortises pyshacl's fixed cost, keeps memory bounded


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """What a worker needs to know; plain paths, so it pickles cheaply."""

    reference_dir: Path
    vocab: Path
    ontology: Path
    shapes_dir: Path
    run_id: str


@dataclass(frozen=True, slots=True)
class BatchResult:
    documents: dict[str, str]  # id → sha256
    nquads: bytes
    results: tuple[Result, ...]
    evidence_errors: tuple[str, ...]
    facts: dict[str, int] = field(default_factory=dict)


class _Worker:
    """Per-process cache of what every batch needs (loaded once per process)."""

    config: PipelineConfig | None = None
    reference: Reference | None = None
    shapes: Graph | None = None
    schema: Graph | None = None


def _setup(config: PipelineConfig) -> None:
    if _Worker.config == config:
        return
    _Worker.config = config
    _Worker.reference = load_reference(config.reference_dir, config.vocab)
    _Worker.shapes = load_shapes(config.shapes_dir)
    schema = Graph()
    schema.parse(config.ontology, format="turtle")
    schema.parse(config.vocab, format="turtle")  # shapes check indicators' skos:inScheme: vocab must be in the data
    _Worker.schema = schema


def process_batch(paths: list[Path], config: PipelineConfig) -> BatchResult:
    """Load, extract, build and validate a batch of documents."""
    _setup(config)
    assert _Worker.reference is not None and _Worker.shapes is not None and _Worker.schema is not None
    ds = new_dataset()
    docs = []
    facts: dict[str, int] = {}
    for path in paths:
        doc = load_document(path)
        docs.append(doc)
        extraction = extract_document(doc, _Worker.reference)
        document_dataset(extraction, config.run_id, ds)
        for fact in extraction.facts:
            facts[fact.extractor] = facts.get(fact.extractor, 0) + 1
    data = flatten(ds, ("sources", "entities", "claims"))
    nquads = ds.serialize(format="nquads").encode("utf-8")
    for triple in _Worker.schema:
        data.add(triple)
    _conforms, results, _graph = shacl(data, _Worker.shapes)
    evidence = check_evidence(ds, Corpus(paths[0].parent, tuple(docs)))
    return BatchResult({d.id: d.sha256 for d in docs}, nquads, results, evidence, facts)


def batches(paths: list[Path], size: int = BATCH_DOCUMENTS) -> Iterator[list[Path]]:
    for i in range(0, len(paths), size):
        yield paths[i:i + size]


def plan(paths: list[Path], processes: int) -> list[list[Path]]:
    """The batches. A few documents: one per batch, largest first, so the processes finish together (a
    document's cost grows with its size, and one pySHACL run more costs ~0.1 s). Many: even batches of at
    most BATCH_DOCUMENTS, in input order."""
    if len(paths) <= 4 * processes:
        return [[p] for p in sorted(paths, key=lambda p: (-p.stat().st_size, p.name))]
    return list(batches(paths, max(1, min(BATCH_DOCUMENTS, -(-len(paths) // max(1, processes))))))


def run_batches(
    paths: list[Path], config: PipelineConfig, processes: int, progress: Callable[[str], None]
) -> Iterator[BatchResult]:
    """Results of every batch, in input order; `processes` 1 runs in this process."""
    chunks = plan(paths, processes)
    done = 0
    if processes <= 1:
        for chunk in chunks:
            result = process_batch(chunk, config)
            done += len(chunk)
            progress(f"extract+validate [{done}/{len(paths)} documents]")
            yield result
        return
    with ProcessPoolExecutor(max_workers=processes) as pool:
        for chunk, result in zip(chunks, pool.map(process_batch, chunks, [config] * len(chunks))):
            done += len(chunk)
            progress(f"extract+validate [{done}/{len(paths)} documents, {processes} processes]")
            yield result


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
