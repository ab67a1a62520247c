"""The embedded backend: versions are the releases of store.py, the switch is its atomic `current` symlink.

Queries run in a killable query process (server/pool.py), the only way to stop a pyoxigraph query at
its deadline (issue 4).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..server.guard import Refused, inspect_query
from ..server.pool import DeadlineExceeded as Killed, QueryPool, WorkerLost
from ..store import RELEASES, Release, Store, current_release, swap, write_manifest
from . import Answer, DeadlineExceeded

RESULTS = {ox.QueryResultsFormat.JSON: "JSON", ox.QueryResultsFormat.XML: "XML",
           ox.QueryResultsFormat.CSV: "CSV", ox.QueryResultsFormat.TSV: "TSV"}
GRAPHS = {ox.RdfFormat.TURTLE: "TURTLE", ox.RdfFormat.N_TRIPLES: "N_TRIPLES", ox.RdfFormat.RDF_XML: "RDF_XML",
          ox.RdfFormat.JSON_LD: "JSON_LD", ox.RdfFormat.N_QUADS: "N_QUADS", ox.RdfFormat.TRIG: "TRIG"}


class EmbeddedBackend:
    """Releases under `out_dir`, one per version; `current` names the live one."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._pool: QueryPool | None = None

    def _release(self, version: str) -> Release:
        if not version or "/" in version or version.startswith("."):
            raise StoreError(f"bad version name {version!r}: use letters, digits, '-' and '_'")
        return Release(self.out_dir / RELEASES / version)

    def stage(self, nquads: Path, version: str) -> int:
        release = self._release(version)
        if release.path.exists():
            raise StoreError(f"version {version} already exists in {self.out_dir}")
        release.path.mkdir(parents=True)
        try:
            store = ox.Store(str(release.store_path))
            store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
            store.flush()
            count = len(store)
            del store  # close RocksDB before the release can be opened read-only
        except (OSError, SyntaxError, ValueError) as exc:
            shutil.rmtree(release.path, ignore_errors=True)
            raise StoreError(f"cannot load {nquads} into {release.store_path}: {exc}") from None
        write_manifest(release, {"quads": count, "version": version})
        return count

    def switch(self, version: str) -> None:
        release = self._release(version)
        if not (release.path / "manifest.json").exists():
            raise StoreError(f"version {version} is not staged in {self.out_dir}")
        swap(self.out_dir, release)

    def drop(self, version: str) -> None:
        release = self._release(version)
        live = current_release(self.out_dir)
        if live is not None and live.path == release.path.resolve():
            raise StoreError(f"version {version} is live; it cannot be dropped")
        shutil.rmtree(release.path, ignore_errors=True)

    def version(self) -> str | None:
        live = current_release(self.out_dir)
        return live.path.name if live else None

    def graphs(self) -> list[str]:
        store = Store.open(self.out_dir)
        return sorted(g.value for g in store.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self) -> int:
        return len(Store.open(self.out_dir))

    def query(self, sparql: str, *, timeout: float, results_format: ox.QueryResultsFormat,
              graph_format: ox.RdfFormat, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None) -> Answer:
        live = current_release(self.out_dir)
        if live is None:
            raise StoreError(f"no built graph in {self.out_dir}: run `fentkg build --out {self.out_dir}` first")
        try:
            has_dataset = inspect_query(sparql).has_dataset
        except Refused as exc:
            raise QueryError(str(exc)) from None
        if self._pool is None:
            self._pool = QueryPool(1, lambda: str((current_release(self.out_dir) or live).path))
        job = {"release": str(live.path), "query": sparql, "base": base_iri, "default": default_graphs,
               "named": named_graphs, "query_has_dataset": has_dataset, "max_rows": 0,
               "graph_format": GRAPHS[graph_format], "solutions_format": RESULTS[results_format]}
        try:
            outcome = self._pool.run(job, timeout)
        except Killed:
            raise DeadlineExceeded(f"the query ran past its deadline of {timeout:g} s and was stopped") from None
        except WorkerLost as exc:
            raise StoreError(f"the query process was lost ({exc})") from None
        head = outcome.head
        if not head["ok"]:
            raise QueryError(head["error"])
        kind = str(head["kind"])
        return Answer(kind, outcome.body, graph_format if kind == "graph" else results_format, live.path.name)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        self._pool = None
