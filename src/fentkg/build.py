"""Build: sources → extract → graph → derive → validate → store, swapped in only when valid.

`build(settings)` is what `fentkg build` and `fentkg serve` (on first start) call.
"""
from __future__ import annotations

import gzip
import hashlib
import logging
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from . import __version__
from .corpus import Corpus, load_corpus, source_paths
from .crosscheck import cross_check
from .derive import derive, derive_store
from .errors import ValidationFailed
from .extract import Extraction, run_extractors
from .extract.context import digest
from .graph import build_graph, static_dataset
from .namespaces import GRAPHS, PREFIXES
from .reference import load_reference
from .settings import Settings
from .pipeline import PipelineConfig, default_processes, run_batches
from .store import Release, new_release, swap, write_manifest
from .validate import Report, Result, report_graph

log = logging.getLogger("fentkg.build")
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BuildResult:
    release: Release
    report: Report
    manifest: dict[str, Any]


def _quiet(_: str) -> None:
    pass


def assemble(settings: Settings, progress: Progress = _quiet) -> tuple[Corpus, Extraction, Dataset, dict[str, int]]:
    """Everything up to the validated-to-be graph: load, extract, build, derive."""
    progress(f"load sources from {settings.sources}")
    corpus = load_corpus(settings.sources)
    reference = load_reference(settings.reference_dir, settings.vocab_path)
    extraction = run_extractors(corpus, reference, progress)
    progress("build graph")
    ds = build_graph(extraction, corpus, reference, settings.ontology_path, settings.vocab_path)
    progress("derive truthy facts and conflicts")
    derived = derive(ds, settings.queries_dir / "build")
    return corpus, extraction, ds, derived


def counts(ds: Dataset) -> dict[str, int]:
    return {name: len(ds.graph(iri)) for name, iri in GRAPHS.items()}


def build(settings: Settings, progress: Progress = _quiet, processes: int | None = None) -> BuildResult:
    """Build a new release; raise ValidationFailed (previous release kept) if it is not valid.

    Documents go through the pipeline in batches across `processes` worker processes; their
    N-Quads stream into the new release's store, the rules and cross-document checks run there.
    """
    started = time.monotonic()
    paths = source_paths(settings.sources)
    reference = load_reference(settings.reference_dir, settings.vocab_path)
    run_id = digest(__version__, *(hashlib.sha256(p.read_bytes()).hexdigest() for p in paths), length=12)
    config = PipelineConfig(settings.reference_dir, settings.vocab_path, settings.ontology_path, settings.shapes_dir, run_id)
    processes = processes or default_processes()
    out = settings.out_dir
    out.mkdir(parents=True, exist_ok=True)
    with new_release(out) as release:
        staging = release.path / "staging.nq"
        results: list[Result] = []
        evidence: list[str] = []
        documents: dict[str, str] = {}
        facts: dict[str, int] = {}
        with staging.open("wb") as fh:
            fh.write(static_dataset(reference, settings.ontology_path, settings.vocab_path).serialize(format="nquads").encode("utf-8"))
            for batch in run_batches(paths, config, min(processes, len(paths)), progress):
                fh.write(batch.nquads)
                results.extend(batch.results)
                evidence.extend(batch.evidence_errors)
                documents.update(batch.documents)
                for name, count in batch.facts.items():
                    facts[name] = facts.get(name, 0) + count
        progress("load store")
        store = ox.Store(str(release.store_path))
        store.bulk_load(path=str(staging), format=ox.RdfFormat.N_QUADS)
        staging.unlink()
        progress("derive truthy facts and conflicts")
        derived = derive_store(store, settings.queries_dir / "build")
        progress("cross-document checks (SHACL on derived graphs, OWL) and dumps")
        # The dumps are written while the checks run (HermiT waits on Java); discarded with the release if invalid.
        with ThreadPoolExecutor(1) as background:
            dumps = background.submit(write_dumps, store, release.dumps)
            cross, consistent, owl_message = cross_check(store, settings.shapes_dir)
            dumps.result()
        results.extend(cross)
        conforms = not any(r.severity == "Violation" for r in results)
        report = Report(conforms, tuple(sorted(results, key=lambda r: (r.severity, r.focus, r.path, r.message))),
                        report_graph(results, conforms), consistent, owl_message, tuple(sorted(evidence)))
        report.graph.serialize(out / "last-report.ttl", format="turtle")
        if not report.ok:
            raise ValidationFailed(f"the new graph is not valid; previous build kept. Report: {out / 'last-report.ttl'}\n{report.summary()}")
        write_texts(paths, release.path / "texts")
        report.graph.serialize(release.report_path, format="turtle")
        manifest = {
            "fentkg_version": __version__,
            "documents": documents,
            "graphs": {name: sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(str(iri)))) for name, iri in GRAPHS.items()},
            "quads": len(store),
            "facts_per_extractor": facts,
            "derived": derived,
            "shacl_warnings": len(report.warnings),
            "owl": owl_message,
            "processes": processes,
            "build_seconds": round(time.monotonic() - started, 2),
        }
        del store  # close RocksDB before the release is published
        write_manifest(release, manifest)
    swap(out, release)
    progress(f"built {manifest['quads']} quads in {manifest['build_seconds']} s → {out / 'current'}")
    return BuildResult(release, report, manifest)


def write_dumps(store: ox.Store, folder: Path) -> None:
    """The downloads of a release, gzipped too: N-Quads (sorted, so equal builds give equal bytes), TriG and
    JSON-LD (named graphs kept), Turtle (all graphs merged) and the CSV of claims (issue 5)."""
    from .exporting import CLAIMS_CSV

    folder.mkdir(parents=True, exist_ok=True)
    # Sorted, so equal graphs give equal bytes; by GNU sort, which spills to disk: a large graph's N-Quads
    # sorted in Python took ten times their size in memory (issue 7: 4.9 GB at 1,000 documents).
    unsorted = folder / "fentkg.nq.unsorted"
    store.dump(str(unsorted), ox.RdfFormat.N_QUADS)
    subprocess.run(["sort", "-u", "-T", str(folder), "-o", str(folder / "fentkg.nq"), str(unsorted)],
                   env={**os.environ, "LC_ALL": "C"}, check=True)
    unsorted.unlink()
    store.dump(str(folder / "fentkg.trig"), ox.RdfFormat.TRIG, prefixes=PREFIXES)
    store.dump(str(folder / "fentkg.jsonld"), ox.RdfFormat.JSON_LD)
    ox.serialize(merged_triples(folder / "fentkg.nq"), str(folder / "fentkg.ttl"), ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    claims = store.query(CLAIMS_CSV, use_default_graph_as_union=True)
    assert isinstance(claims, ox.QuerySolutions)
    claims.serialize(str(folder / "claims.csv"), ox.QueryResultsFormat.CSV)
    for name in ("fentkg.nq", "fentkg.trig", "fentkg.jsonld", "fentkg.ttl", "claims.csv"):
        with (folder / name).open("rb") as src, (folder / f"{name}.gz").open("wb") as raw, \
                gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0, filename="") as dst:  # 9: 2x the time, 2% smaller
            shutil.copyfileobj(src, dst, 1 << 20)


def merged_triples(sorted_nquads: Path) -> Iterator[ox.Triple]:
    """The triples of all graphs, each once, streamed from the sorted N-Quads dump.

    Sorting puts the quads of one triple next to each other (they share the line up to the graph name), so
    dropping repeats of the previous triple is enough; a SELECT DISTINCT held every triple in memory.
    """
    last = None
    for quad in ox.parse(path=str(sorted_nquads), format=ox.RdfFormat.N_QUADS):
        triple = quad.triple
        if triple != last:
            yield triple
            last = triple


def write_texts(paths: list[Path], folder: Path) -> None:
    """Each document's text in the release (`texts/<doc id>.txt`), so pages show the exact text the
    release's offsets point into, even after the sources folder changes (issue 5)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copyfile(path, folder / f"{path.stem}.txt")
