"""Store backends: one contract, two implementations (issue 7).

    embedded   the built releases on disk, queried with pyoxigraph (the default; see store.py)
    remote     any SPARQL 1.1 store over HTTP: `oxigraph serve`, Virtuoso, or a plain endpoint

A backend holds *versions* of one dataset. `stage` loads a dataset as a new version that readers cannot see;
`switch` makes it the live one in one atomic step; `drop` removes a version that is not live. Readers only
ever see one complete version: the one live when their query starts. `open_backend` picks the backend from
a store URL (`--store-url`, FENTKG_STORE_URL); without one, the embedded store in the build directory.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from ..errors import StoreError
from ..store import Release

__all__ = ["Answer", "DeadlineExceeded", "NothingLive", "StoreBackend", "StoreUnreachable", "open_backend", "push", "push_release"]


class DeadlineExceeded(StoreError):
    """A query ran past its deadline and was stopped (or abandoned, for a remote store that cannot stop it)."""


class StoreUnreachable(StoreError):
    """The remote store did not answer: refused, reset or timed out while connecting."""


class NothingLive(StoreError):
    """The store holds no live version yet: nothing was ever pushed (or built) into it."""


@dataclass(frozen=True, slots=True)
class Answer:
    """A query result: its kind (solutions, boolean or graph), bytes in the requested format, that format, and
    the version that was live when the query started (the server caches only answers of the release it serves)."""

    kind: str
    body: bytes
    format: ox.QueryResultsFormat | ox.RdfFormat
    version: str | None = None


class StoreBackend(Protocol):
    """What every store offers fentkg: versioned loads with an atomic switch, and bounded read-only queries."""

    def stage(self, nquads: Path, version: str) -> int:
        """Load an N-Quads file as `version`, invisible to readers until `switch`; return the quads the store
        holds for it (fewer than the file's when the store merges literals it does not tell apart)."""

    def switch(self, version: str) -> None:
        """Make the staged `version` the live one, atomically; the previous version is gone afterwards."""

    def drop(self, version: str) -> None:
        """Remove a staged version that never went live (leftovers of a failed push); no-op if absent."""

    def version(self) -> str | None:
        """The live version, or None if nothing was ever switched in."""

    def graphs(self) -> list[str]:
        """The named graphs of the live version, sorted."""

    def count(self) -> int:
        """The number of quads in the live version."""

    def query(self, sparql: str, *, timeout: float, results_format: ox.QueryResultsFormat,
              graph_format: ox.RdfFormat, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None) -> Answer:
        """Run a read-only query over the live version (default graph = union of its graphs) within `timeout`
        seconds; results come in `results_format` (SELECT, ASK) or `graph_format` (CONSTRUCT, DESCRIBE)."""

    def close(self) -> None:
        """Release connections and processes."""


def open_backend(store_url: str | None, out_dir: Path) -> StoreBackend:
    """The remote store at `store_url`, or the embedded releases in `out_dir` when there is no URL."""
    if store_url:
        from .remote import RemoteBackend

        return RemoteBackend(store_url)
    from .embedded import EmbeddedBackend

    return EmbeddedBackend(out_dir)


def push(backend: StoreBackend, nquads: Path, version: str) -> tuple[int, float]:
    """Stage `nquads` as `version` and switch to it; on failure drop the staged part and keep the live version.

    Returns the quads the store holds for the new version and the seconds taken.
    """
    started = time.monotonic()
    live = backend.version()
    try:
        loaded = backend.stage(nquads, version)
        backend.switch(version)
    except StoreError as exc:
        try:
            backend.drop(version)
        except StoreError:
            pass  # the store is gone too; the leftover staging graphs are invisible and dropped by the next push
        kept = f"version {live} is still live" if live else "nothing was live before"
        raise StoreError(f"push of version {version} failed, {kept}: {exc}") from None
    return loaded, time.monotonic() - started


def push_release(store_url: str, release: Release, progress: Callable[[str], None]) -> str:
    """Push a built release (its sorted N-Quads dump) to the remote store as version <release id>.

    Returns a one-line summary (a store that lost quads is warned about through `progress`); raises StoreError, saying what stays live, when the push fails.
    """
    from .remote import RemoteBackend

    backend = RemoteBackend(store_url)
    version = release.path.name
    progress(f"push to {backend.ep.display} as version {version}")
    try:
        stored, seconds = push(backend, release.dumps / "fentkg.nq", version)
    except StoreError as exc:
        raise StoreError(f"{exc} (the local build succeeded and is served from {release.path})") from None
    finally:
        backend.close()
    quads = int(release.manifest.get("quads", stored))
    summary = f"pushed {quads} quads to {backend.ep.display} as version {version} in {seconds:.2f} s"
    if stored != quads:  # said, never silent: Virtuoso 7 keeps one of "2019-05"^^xsd:gYearMonth and "2019-05-01"^^xsd:date
        progress(f"warning: the store holds {stored} of the {quads} quads: it merged {quads - stored} whose literals it "
                 "cannot tell apart (typed dates, for one); queries on it may differ from the local build")
    return summary
