"""The release being served, followed as builds swap `current` (issue 4: a new build invalidates the cache).

Checking is one `readlink` per request: cheap enough to do always, so a swap is seen by the next request,
in every WSGI worker, with no signal or restart.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from flask import Flask

from ..store import CURRENT, Store


class Served:
    """The open Store of the current release, its id, and the names of its graphs."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._link = out_dir / CURRENT
        self._lock = threading.Lock()
        self._target = ""
        self.store = Store.open(out_dir)
        self._adopt(self.store)

    def _adopt(self, store: Store) -> None:
        self.store = store
        self.path = str(store.release.path)
        self.id = store.release.path.name
        self.graphs = frozenset(g.value for g in store.ox.named_graphs() if hasattr(g, "value"))
        self.quads = int(store.release.manifest.get("quads", 0))
        self._target = os.readlink(self._link) if self._link.is_symlink() else self.path

    def check(self) -> None:
        """Reopen when `current` points elsewhere than it did."""
        try:
            target = os.readlink(self._link)
        except OSError:  # a swap is a rename, so the link is never missing for long; keep serving
            return
        if target != self._target:
            with self._lock:
                if target != self._target:
                    self._adopt(Store.open(self.out_dir))


def init_app(app: Flask) -> None:
    """Before every request: follow `current`, so every blueprint sees the release being served."""

    @app.before_request
    def _follow() -> None:
        served = app.extensions["fentkg.served"]
        served.check()
        app.extensions["fentkg.store"] = served.store
