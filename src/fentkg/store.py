"""Store: built graphs as immutable releases on disk, swapped in atomically.

    <out>/current -> releases/<id>      the release being served (a symlink, replaced atomically)
    <out>/releases/<id>/oxigraph/       the pyoxigraph (RocksDB) store
    <out>/releases/<id>/dumps/          fentkg.trig, fentkg.nq (+ other export formats)
    <out>/releases/<id>/report.ttl      the validation report of that build
    <out>/releases/<id>/manifest.json   counts, timings, input hashes

A release is written completely before `current` points at it, so a build that fails or is
killed leaves the previous release serving; leftovers are removed by the next build.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import StoreError

CURRENT = "current"
RELEASES = "releases"
KEEP_RELEASES = 2  # the one serving and the one before it


@dataclass(frozen=True, slots=True)
class Release:
    """One built graph on disk."""

    path: Path

    @property
    def store_path(self) -> Path:
        return self.path / "oxigraph"

    @property
    def dumps(self) -> Path:
        return self.path / "dumps"

    @property
    def report_path(self) -> Path:
        return self.path / "report.ttl"

    @property
    def manifest(self) -> dict[str, Any]:
        try:
            return dict(json.loads((self.path / "manifest.json").read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.path}: manifest unreadable ({exc}); run `fentkg build` to rebuild") from None


class Store:
    """A read view of the current release: SPARQL over pyoxigraph, union default graph."""

    def __init__(self, release: Release, store: ox.Store) -> None:
        self.release = release
        self.ox = store

    @classmethod
    def open(cls, out_dir: Path) -> "Store":
        """Open the release `out_dir/current` read-only; a clear error if there is none or it is broken."""
        release = current_release(out_dir)
        if release is None:
            raise StoreError(f"no built graph in {out_dir}: run `fentkg build --out {out_dir}` first")
        if not (release.store_path / "CURRENT").exists():
            raise StoreError(f"store {release.store_path} is missing or corrupt: run `fentkg build --out {out_dir}` to rebuild")
        try:
            store = ox.Store.read_only(str(release.store_path))
        except (OSError, RuntimeError) as exc:  # RocksDB reports corrupt files as RuntimeError (issue 6)
            raise StoreError(f"store {release.store_path} cannot be opened ({exc}): run `fentkg build --out {out_dir}` to rebuild") from None
        return cls(release, store)

    def query(self, sparql: str, **kwargs: Any) -> Any:
        """Run a SPARQL query with the union of all named graphs as the default graph."""
        kwargs.setdefault("use_default_graph_as_union", True)
        return self.ox.query(sparql, **kwargs)

    def __len__(self) -> int:
        return len(self.ox)


def current_release(out_dir: Path) -> Release | None:
    link = out_dir / CURRENT
    if not link.is_symlink() and not link.exists():
        return None
    target = link.resolve()
    return Release(target) if target.is_dir() else None


@contextmanager
def new_release(out_dir: Path) -> Iterator[Release]:
    """A fresh release directory; removed again if the block raises."""
    releases = out_dir / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    path = releases / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    path.mkdir()
    try:
        yield Release(path)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise


def load_release(release: Release, nquads: bytes) -> ox.Store:
    """Bulk-load N-Quads into the release's on-disk store."""
    store = ox.Store(str(release.store_path))
    store.bulk_load(nquads, ox.RdfFormat.N_QUADS)
    store.flush()
    return store


def write_manifest(release: Release, manifest: dict[str, Any]) -> None:
    (release.path / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def swap(out_dir: Path, release: Release) -> None:
    """Point `current` at `release` in one atomic rename, then drop old and partial releases."""
    tmp = out_dir / f".{CURRENT}.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(Path(RELEASES) / release.path.name, tmp)
    _fsync_dir(release.path)
    os.replace(tmp, out_dir / CURRENT)
    _fsync_dir(out_dir)
    prune(out_dir)


def prune(out_dir: Path) -> None:
    """Keep the current release and the one before it; remove the rest (incl. interrupted builds)."""
    releases = out_dir / RELEASES
    current = current_release(out_dir)
    if not releases.is_dir() or current is None:
        return
    complete = sorted(p for p in releases.iterdir() if (p / "manifest.json").exists() and p != current.path)
    keep = {current.path, *complete[-(KEEP_RELEASES - 1):]}
    for path in releases.iterdir():
        if path not in keep and _owner_dead(path):
            shutil.rmtree(path, ignore_errors=True)
    # A build killed mid-swap leaves its temporary link `.current.<pid>` behind (issue 6): drop those of dead builds.
    for link in out_dir.glob(f".{CURRENT}.*"):
        pid = link.name.rsplit(".", 1)[-1]
        if link.is_symlink() and pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            link.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """True if process `pid` exists (one we may not signal exists too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner_dead(path: Path) -> bool:
    """True unless the release is being written by a live build (its pid is in its name)."""
    if (path / "manifest.json").exists():
        return True
    try:
        pid = int(path.name.split("-")[1])
    except (IndexError, ValueError):
        return True
    return pid != os.getpid() and not _alive(pid)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
