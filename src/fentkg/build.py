"""Build: sources → extract → graph → derive → validate → store, swapped in only when valid.

`build(settings)` is what `fentkg build` and `fentkg serve` (on first start) call.
"""
from __future__ import annotations

import gzip
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from . import __version__
from .corpus import Corpus, load_corpus
from .derive import derive
from .errors import ValidationFailed
from .extract import Extraction, run_extractors
from .graph import build_graph
from .namespaces import GRAPHS, PREFIXES
from .reference import load_reference
from .settings import Settings
from .store import Release, load_release, new_release, swap, write_manifest
from .validate import Report, validate

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


def build(settings: Settings, progress: Progress = _quiet) -> BuildResult:
    """Build a new release; raise ValidationFailed (previous release kept) if it is not valid."""
    started = time.monotonic()
    corpus, extraction, ds, derived = assemble(settings, progress)
    progress("validate (SHACL, OWL, evidence)")
    report = validate(ds, settings.shapes_dir, corpus)
    out = settings.out_dir
    out.mkdir(parents=True, exist_ok=True)
    report.graph.serialize(out / "last-report.ttl", format="turtle")
    if not report.ok:
        raise ValidationFailed(f"the new graph is not valid; previous build kept. Report: {out / 'last-report.ttl'}\n{report.summary()}")
    progress("load store and write dumps")
    nquads = ds.serialize(format="nquads").encode("utf-8")
    with new_release(out) as release:
        store = load_release(release, nquads)
        write_dumps(store, release.dumps)
        report.graph.serialize(release.report_path, format="turtle")
        manifest = {
            "fentkg_version": __version__,
            "documents": {d.id: d.sha256 for d in corpus},
            "graphs": counts(ds),
            "quads": len(store),
            "facts_per_extractor": extraction.counts(),
            "derived": derived,
            "shacl_warnings": len(report.warnings),
            "owl": report.owl_message,
            "build_seconds": round(time.monotonic() - started, 2),
        }
        del store  # close RocksDB before the release is published
        write_manifest(release, manifest)
    swap(out, release)
    progress(f"built {manifest['quads']} quads in {manifest['build_seconds']} s → {out / 'current'}")
    return BuildResult(release, report, manifest)


def write_dumps(store: ox.Store, folder: Path) -> None:
    """TriG and N-Quads of the whole dataset (N-Quads sorted, so equal builds give equal bytes), gzipped too."""
    folder.mkdir(parents=True, exist_ok=True)
    nquads = store.dump(format=ox.RdfFormat.N_QUADS) or b""
    lines = sorted(set(nquads.splitlines()))
    (folder / "fentkg.nq").write_bytes(b"\n".join(lines) + b"\n")
    store.dump(str(folder / "fentkg.trig"), ox.RdfFormat.TRIG, prefixes=PREFIXES)
    for name in ("fentkg.nq", "fentkg.trig"):
        data = (folder / name).read_bytes()
        (folder / f"{name}.gz").write_bytes(gzip.compress(data, mtime=0))
