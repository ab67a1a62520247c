"""Remote stores (issue 7): push time and catalog query latency per store backend, and what readers see
during a push.

    python bench/stores.py [--out DIR] [--store-url URL ...] [--runs N]

DIR is an existing build (default `build`); each URL is a running store (`oxigraph+http://…`,
`virtuoso+http://USER:PASSWORD@…`; see README, Remote stores), which this script overwrites with the build.
The embedded store (DIR itself) is always measured too. For each store it prints: the push time of the build's
N-Quads (stage + switch) and the quads the store holds; while a second push runs, how many reads a reader
thread made and how many saw neither the old nor the new complete graph (must be 0); then p50 / p99 of every
`queries/*.rq` catalog query over N runs, through the backend (HTTP round trip and conversion included).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fentkg.backends import StoreBackend, open_backend, push  # noqa: E402
from fentkg.errors import StoreError  # noqa: E402
from fentkg.store import current_release  # noqa: E402

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def count(backend: StoreBackend) -> int:
    answer = backend.query(COUNT, timeout=60, results_format=ox.QueryResultsFormat.JSON, graph_format=ox.RdfFormat.TURTLE)
    return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])


def measure(name: str, backend: StoreBackend, nquads: Path, runs: int) -> None:
    held, seconds = push(backend, nquads, f"bench-{int(time.time())}-a")
    print(f"{name}: push {seconds:.2f} s, store holds {held} quads")
    before = count(backend)
    reads, odd, done = [0], [0], threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                seen = count(backend)
            except StoreError as exc:  # e.g. the pointer graph read as empty: counted as a failed read
                print(f"{name}: reader: {exc}")
                seen = -1
            reads[0] += 1
            odd[0] += seen != before  # old and new hold the same quads: any other figure is a mix
    thread = threading.Thread(target=reader)
    thread.start()
    _, again = push(open_backend(getattr(backend, "url", None), backend_dir(backend)), nquads, f"bench-{int(time.time())}-b")
    done.set()
    thread.join()
    print(f"{name}: second push {again:.2f} s; reader made {reads[0]} reads during it, {odd[0]} saw a mix")
    for query in sorted((ROOT / "queries").glob("*.rq")):
        text = query.read_text(encoding="utf-8")
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            backend.query(text, timeout=60, results_format=ox.QueryResultsFormat.JSON, graph_format=ox.RdfFormat.TURTLE)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"{name}: {query.stem:<32} p50 {statistics.median(times):8.1f} ms  p99 {p99:8.1f} ms")


def backend_dir(backend: StoreBackend) -> Path:
    return Path(getattr(backend, "out_dir", "."))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build")
    parser.add_argument("--store-url", action="append", default=[])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    release = current_release(args.out)
    if release is None:
        sys.exit(f"no build in {args.out}: run `fentkg build --out {args.out}` first")
    nquads = release.dumps / "fentkg.nq"
    print(f"graph: {nquads} ({sum(1 for _ in nquads.open('rb'))} quads)")
    scratch = args.out.parent / f".{args.out.name}-bench-stores"  # the embedded backend pushes into a copy
    for name, url in [("embedded", None), *((u.split("://")[0], u) for u in args.store_url)]:
        backend = open_backend(url, scratch)
        try:
            measure(name, backend, nquads, args.runs)
        finally:
            backend.close()
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
