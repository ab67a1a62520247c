"""Faults while serving (issue 6): killed query processes and WSGI workers, restarts under load, a broken store.

Each test starts its own `fentkg serve` (real gunicorn, real query processes) on a copy of the seed build,
kills or breaks something with real signals or real files, and checks what clients see.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from server.conftest import FENTKG, ROOT, Server, start_server, stop_server

from .procs import busy_query_process, group, query_processes, wait_for, wsgi_workers

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # never finishes
NO_CACHE = {"Cache-Control": "no-cache", "Accept": "text/csv, application/sparql-results+json;q=0.5"}
# Queries with one exact answer each: what a client must get, or nothing at all.
CHECKS = {
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }": None,  # filled from the release's manifest
    "ASK { ?s a <https://w3id.org/fentkg/ontology#StatisticalObservation> }": "true",
    "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/fentkg/ontology#SourceDocument> }": "5",
}


@pytest.fixture
def server(build_copy: Path, tmp_path: Path) -> Iterator[Server]:
    started = start_server(build_copy, tmp_path / "serve.log", {"FENTKG_QUERY_TIMEOUT": "30"}, workers=1)
    yield started
    stop_server(started)


def ask(server: Server, query: str, **kwargs: object) -> requests.Response:
    return requests.get(server.sparql, params={"query": query}, headers=NO_CACHE, timeout=60, **kwargs)  # type: ignore[arg-type]


def answer(response: requests.Response) -> str:
    """The one value of a one-row CSV answer, or of an ASK (JSON)."""
    if response.headers["Content-Type"].startswith("application/sparql-results+json"):
        return str(response.json()["boolean"]).lower()
    return response.text.split()[-1]


def test_a_killed_query_process_fails_only_its_request(server: Server) -> None:
    pgid = server.proc.pid
    outcome: dict[str, object] = {}
    thread = threading.Thread(target=lambda: outcome.update(response=ask(server, CROSS_PRODUCT), at=time.monotonic()))
    thread.start()
    victim = busy_query_process(pgid)
    os.kill(victim.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    thread.join(timeout=30)
    response = outcome["response"]
    assert isinstance(response, requests.Response) and response.status_code == 503
    assert "query process was lost" in response.json()["error"]
    assert float(outcome["at"]) - killed_at < 3  # answered at once, not at the 30 s deadline  # type: ignore[arg-type]
    for query, expected in CHECKS.items():  # the next requests succeed
        got = ask(server, query)
        assert got.status_code == 200 and (expected is None or answer(got) == expected)
    assert wait_for(lambda: len(query_processes(pgid)) >= 2)  # the pool replaced it
    assert victim.pid not in {p.pid for p in group(pgid)}


def test_a_killed_wsgi_worker_is_replaced_and_leaves_no_runaway_query(server: Server) -> None:
    """gunicorn replaces a SIGKILLed worker; the query process it was waiting for must stop too."""
    pgid = server.proc.pid
    threading.Thread(target=lambda: _swallow(lambda: ask(server, CROSS_PRODUCT)), daemon=True).start()
    runaway = busy_query_process(pgid)
    worker = wsgi_workers(pgid)[0]
    os.kill(worker.pid, signal.SIGKILL)
    assert wait_for(lambda: [w.pid for w in wsgi_workers(pgid)] not in ([], [worker.pid]), seconds=30)
    assert wait_for(lambda: _up(server), seconds=30)
    for query, expected in CHECKS.items():
        got = ask(server, query)
        assert got.status_code == 200 and (expected is None or answer(got) == expected)
    # the orphaned query process must not go on burning CPU for a client that is gone
    assert wait_for(lambda: runaway.pid not in {p.pid for p in group(pgid)}, seconds=10), "runaway query process left behind"


def _swallow(call: object) -> None:
    try:
        call()  # type: ignore[operator]
    except requests.RequestException:
        pass


def _up(server: Server) -> bool:
    try:
        return requests.get(server.url + "/-/health", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def expected_answers(out: Path) -> dict[str, str]:
    import json

    manifest = json.loads((out / "current" / "manifest.json").read_text())
    return {q: (str(manifest["quads"]) if a is None else a) for q, a in CHECKS.items()}


class Clients:
    """Threads asking CHECKS over and over; every answer is a right one, a refused connection, or a wrong one."""

    def __init__(self, url: str, expected: dict[str, str], n: int = 4) -> None:
        self.url, self.expected = url, expected
        self.seen: Counter[str] = Counter()
        self.wrong: list[str] = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(n)]
        for thread in self.threads:
            thread.start()

    def _run(self) -> None:
        queries = list(self.expected)
        i = 0
        while not self.stop.is_set():
            query = queries[i % len(queries)]
            i += 1
            try:
                response = requests.get(self.url + "/sparql", params={"query": query}, headers=NO_CACHE, timeout=30)
            except requests.ConnectionError:
                self.seen["refused"] += 1
                time.sleep(0.05)
                continue
            if response.status_code == 200 and answer(response) == self.expected[query]:
                self.seen["right"] += 1
            else:
                self.seen["wrong"] += 1
                self.wrong.append(f"{response.status_code} {response.text[:200]}")

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)


def test_restart_under_load_never_gives_a_wrong_answer(build_copy: Path, tmp_path: Path) -> None:
    first = start_server(build_copy, tmp_path / "first.log", workers=2)
    port = first.url.rsplit(":", 1)[1]
    clients = Clients(first.url, expected_answers(build_copy))
    time.sleep(2)
    os.kill(first.proc.pid, signal.SIGHUP)  # graceful reload: gunicorn replaces every worker
    time.sleep(3)
    stop_server(first)  # a full stop …
    second = subprocess.Popen([FENTKG, "serve", "--out", str(build_copy), "--port", port, "--workers", "2"],  # … and a start
                              env={**os.environ, "FENTKG_HOME": str(ROOT)}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert wait_for(lambda: _up(Server(first.url, build_copy, tmp_path / "x", second)), seconds=60)
        before = clients.seen["right"]
        time.sleep(2)
        clients.finish()
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=30)
    assert clients.wrong == [], clients.wrong[:5]
    assert clients.seen["refused"] > 0 and clients.seen["right"] > before > 0, clients.seen


def _start_fails(out: Path) -> subprocess.CompletedProcess[str]:
    from server.conftest import free_port

    return subprocess.run([FENTKG, "serve", "--out", str(out), "--port", str(free_port())], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "FENTKG_HOME": str(ROOT)})


@pytest.mark.parametrize("damage", ["store missing", "store emptied", "store files garbled", "manifest garbled"])
def test_a_broken_store_at_start_up_says_how_to_rebuild(build_copy: Path, damage: str) -> None:
    release = (build_copy / "current").resolve()
    store = release / "oxigraph"
    if damage == "store missing":
        shutil.rmtree(store)
    elif damage == "store emptied":
        for path in store.iterdir():
            path.unlink()
    elif damage == "store files garbled":
        for path in store.iterdir():
            if path.is_file() and path.name != "LOCK":
                path.write_bytes(b"\x00garbage\xff" * 7)
    else:
        (release / "manifest.json").write_text("{ not json", encoding="utf-8")
    done = _start_fails(build_copy)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "fentkg build" in done.stderr and "rebuild" in done.stderr, done.stderr[-2000:]
    assert len([line for line in done.stderr.splitlines() if "error" in line.lower()]) == 1, done.stderr
