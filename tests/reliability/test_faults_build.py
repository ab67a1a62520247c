"""Faults during a build (issue 6): SIGKILL at eleven moments, a full disk — the served graph never changes.

The served graph is a copy of the seed build, served by a real `fentkg serve`. Builds of a one-document
corpus (fast) run into the same out dir and are killed: at moments found from their own progress lines on
stderr, and at the three steps of the swap (before the `current` link is made, after it is made but before
it replaces `current`, after it replaced `current` but before old releases are pruned) — for those, a small
wrapper runs the real `fentkg build` in a process that SIGKILLs itself when the swap reaches that step.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from server.conftest import FENTKG, ROOT, Server, start_server, stop_server

SMALL_DOC = "2023-01-23-trone-letter-prc-synthetic-opioids"
COUNT = {"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "format": "csv"}
# (the progress line that starts with this, then seconds to wait) — or a swap step, where the build kills itself
MOMENTS: list[tuple[str, float]] = [
    ("", 0.3),  # starting up: imports, reading the reference data
    ("extract+validate", 0.0), ("load store", 0.0), ("load store", 0.05),
    ("derive", 0.0), ("derive", 0.2), ("cross-document", 0.0), ("cross-document", 1.0),
    ("swap:link", 0.0), ("swap:replace", 0.0), ("swap:prune", 0.0),
]
WRAPPER = """
import os, signal, sys
import fentkg.store as store
step = os.environ["FENTKG_TEST_KILL_AT"]
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
if step == "link":
    os.symlink = die        # before the new `current` link exists
elif step == "replace":
    os.replace = die        # the link exists under its temporary name; `current` still the old release
elif step == "prune":
    store.prune = die       # `current` replaced; old and partial releases not yet removed
from fentkg.cli import main
sys.argv = ["fentkg", *sys.argv[1:]]
main()
"""


@pytest.fixture(scope="module")
def small_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small-sources")
    for path in (ROOT / "data" / "sources").glob(SMALL_DOC + ".*"):
        shutil.copy(path, folder)
    return folder


def build_command(sources: Path, out: Path) -> list[str]:
    return ["build", "--sources", str(sources), "--out", str(out), "-j", "1"]


def killed_build(sources: Path, out: Path, trigger: str, delay: float) -> str:
    """Run a build and SIGKILL it at the moment; returns its stderr up to then."""
    env = {**os.environ, "FENTKG_HOME": str(ROOT)}
    if trigger.startswith("swap:"):
        env["FENTKG_TEST_KILL_AT"] = trigger.removeprefix("swap:")
        done = subprocess.run([sys.executable, "-c", WRAPPER, *build_command(sources, out)], env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == -signal.SIGKILL, (trigger, done.returncode, done.stderr[-2000:])
        return done.stderr
    proc = subprocess.Popen([FENTKG, *build_command(sources, out)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stderr is not None
    seen: list[str] = []
    while trigger and not any(line.split("] ", 1)[-1].startswith(trigger) for line in seen[-1:]):
        line = proc.stderr.readline()
        assert line, f"the build ended before {trigger!r}: {''.join(seen)[-2000:]}"
        seen.append(line)
    time.sleep(delay)
    assert proc.poll() is None, f"the build ended before {trigger!r} + {delay} s: {''.join(seen)[-2000:]}"
    proc.kill()
    proc.wait()
    proc.stderr.close()
    return "".join(seen)


def served(server: Server) -> tuple[str, int, int]:
    health = requests.get(server.url + "/-/health", timeout=30).json()
    count = requests.get(server.sparql, params=COUNT, headers={"Cache-Control": "no-cache"}, timeout=30)
    assert count.status_code == 200, count.text
    return health["release"], health["quads"], int(count.text.split()[-1])


class Watcher(threading.Thread):
    """Asks the server for its quad count all along: it must never see a partial graph or an error."""

    def __init__(self, server: Server, allowed: set[int]) -> None:
        super().__init__(daemon=True)
        self.server, self.allowed = server, allowed
        self.seen: list[object] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            try:
                self.seen.append(served(self.server)[2])
            except (requests.RequestException, AssertionError, ValueError) as exc:
                self.seen.append(repr(exc))
            time.sleep(0.1)


def test_a_build_killed_at_any_moment_leaves_the_served_graph_whole(build_copy: Path, small_sources: Path, tmp_path: Path) -> None:
    server = start_server(build_copy, tmp_path / "serve.log")
    try:
        release, quads, counted = served(server)
        assert quads == counted > 0
        watcher = Watcher(server, {quads})
        watcher.start()
        new_release_counts: set[int] = set()
        for trigger, delay in MOMENTS:
            killed_build(small_sources, build_copy, trigger, delay)
            now_release, now_quads, now_counted = served(server)
            current = (build_copy / "current").resolve()
            assert (current / "manifest.json").is_file() and (current / "oxigraph").is_dir(), trigger
            if trigger == "swap:prune":  # killed after the swap: the new graph, complete, is served
                assert now_release != release and now_quads == now_counted, trigger
                new_release_counts.add(now_quads)
            else:
                assert (now_release, now_quads, now_counted) == (release, quads, quads), trigger
        watcher.done.set()
        watcher.join()
        assert set(watcher.seen) <= {quads, *new_release_counts}, [s for s in watcher.seen if s not in {quads, *new_release_counts}][:5]
        assert len(watcher.seen) > 50
        # the next build succeeds, is served, and clears what the killed ones left behind
        done = subprocess.run([FENTKG, *build_command(small_sources, build_copy)], capture_output=True, text=True, timeout=300,
                              env={**os.environ, "FENTKG_HOME": str(ROOT)})
        assert done.returncode == 0, done.stderr[-2000:]
        final_release, final_quads, final_counted = served(server)
        assert final_release not in (release,) and final_quads == final_counted
        leftovers = [p.name for p in (build_copy / "releases").iterdir() if not (p / "manifest.json").is_file()]
        assert leftovers == [], leftovers
        assert [p.name for p in build_copy.iterdir() if p.name.startswith(".current")] == []
    finally:
        stop_server(server)
    valid = subprocess.run([FENTKG, "validate", "--out", str(build_copy), "--no-owl"], capture_output=True, text=True, timeout=300,
                           env={**os.environ, "FENTKG_HOME": str(ROOT)})
    assert valid.returncode == 0, valid.stdout[-2000:] + valid.stderr[-2000:]


def _small_filesystem(tmp_path: Path, size_mb: int) -> Path:
    """A tmpfs of `size_mb` MiB mounted under tmp_path (the tests run as root, as CI does)."""
    mount = tmp_path / "small-fs"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(mount)], check=True)
    return mount


def test_a_full_disk_during_a_build_is_a_clear_error_and_keeps_the_graph(seed_settings: object, small_sources: Path,
                                                                          tmp_path: Path) -> None:
    from .conftest import copy_build

    used = sum(p.stat().st_size for p in seed_settings.out_dir.rglob("*") if p.is_file() and not p.is_symlink())  # type: ignore[attr-defined]
    mount = _small_filesystem(tmp_path, used // 2**20 + 4)  # room for the copy and a few MiB more: not for a build
    try:
        out = copy_build(seed_settings, mount / "build")  # type: ignore[arg-type]
        before = json.loads((out / "current" / "manifest.json").read_text())
        done = subprocess.run([FENTKG, *build_command(small_sources, out)], capture_output=True, text=True, timeout=300,
                              env={**os.environ, "FENTKG_HOME": str(ROOT)})
        assert done.returncode != 0
        assert "Traceback" not in done.stderr, done.stderr[-3000:]
        errors = [line for line in done.stderr.splitlines() if line.startswith("fentkg: error:")]
        assert len(errors) == 1 and "No space left" in errors[0] and "previous graph is kept" in errors[0], done.stderr[-3000:]
        assert json.loads((out / "current" / "manifest.json").read_text()) == before
        assert [p for p in (out / "releases").iterdir() if not (p / "manifest.json").is_file()] == []  # nothing half-written kept
        query = subprocess.run([FENTKG, "query", COUNT["query"], "--out", str(out), "--format", "csv"], capture_output=True,
                               text=True, timeout=120, env={**os.environ, "FENTKG_HOME": str(ROOT)})
        assert query.returncode == 0 and int(query.stdout.split()[-1]) == before["quads"], query.stderr
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
