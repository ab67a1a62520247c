"""Benchmark: how the build and the store scale (issue 7). Prints figures; run on a quiet machine (`nice` it on a shared one).

  python bench/scale.py builds [--docs 5,1000,10000] [--processes 1,2]
  python bench/scale.py graph  [--quads 10000000] [--seed-dump FILE] [--remote/--no-remote] [--budget 20]
  python bench/scale.py rules  [--copies 5,10,20,40] [--seed-dump FILE] [--owl/--no-owl]
  python bench/scale.py phases --store DIR [--owl/--no-owl]

`builds` times `fentkg build` on the seeds (5) and on synthetic corpora (bench/corpora.py): wall time, time
per phase (from the build's own progress lines), the peak RSS of the largest process and the peak of the
whole process tree (sum of PSS, sampled every 0.2 s, so shared pages of forked workers count once).

`graph` replicates a seed build's graph to the size asked (bench/corpora.synthetic_graph), bulk-loads it
into the embedded store (pyoxigraph) and, for the remote store, with `oxigraph load` into a store that
`oxigraph serve-read-only --union-default-graph` serves; then runs every catalog query (queries/*.rq) on
both — embedded: query + SPARQL JSON serialization, as `fentkg serve` does; remote: HTTP POST to the
SPARQL endpoint, body read in full — and prints p50/p99 per query (p99 of few runs is their maximum).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FENTKG = str(BIN / "fentkg")  # the console scripts of this venv
OXIGRAPH = str(BIN / "oxigraph")
PHASES = ("extract+validate", "load store", "derive", "cross-document")  # `fentkg build` progress lines (checks and dumps run together)


def tree_pss_mib(root: int) -> float:
    """PSS of `root` and all its descendants, in MiB (0 for processes that vanish while we read)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    total = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
        except (OSError, AttributeError):
            continue
    return total / 1024


def build_once(sources: Path, out: Path, processes: int) -> dict[str, float]:
    """Wall seconds, seconds per phase, peak RSS of the largest process and peak PSS of the tree (MiB)."""
    started = time.perf_counter()
    proc = subprocess.Popen([FENTKG, "build", "--sources", str(sources), "--out", str(out), "-j", str(processes)],
                            cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    peak_tree = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not stop.wait(0.2):
            peak_tree = max(peak_tree, tree_pss_mib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    marks: list[tuple[float, str]] = []
    assert proc.stderr is not None
    tail: list[str] = []
    for line in proc.stderr:
        tail = (tail + [line])[-40:]
        message = line.split("] ", 1)[-1]
        phase = next((p for p in PHASES if message.startswith(p)), None)
        if phase and (not marks or marks[-1][1] != phase):
            marks.append((time.perf_counter(), phase))
    _, status, usage = os.wait4(proc.pid, 0)  # rusage of the build and its reaped workers: largest process
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}):\n{''.join(tail)}")
    figures = {"seconds": seconds, "peak_process": usage.ru_maxrss / 1024, "peak_tree": peak_tree}
    if marks and marks[0][1] == PHASES[0]:  # progress comes after each batch: extraction starts with the build
        marks[0] = (started, PHASES[0])
    ends = [t for t, _ in marks[1:]] + [started + seconds]
    for (t, phase), end in zip(marks, ends):
        figures[phase] = end - t
    return figures


def builds(doc_counts: list[int], process_counts: list[int], keep: Path | None) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpora import generate

    print(f"{'docs':>6} {'proc':>4} {'seconds':>8} {'docs/s':>7} {'ms/doc':>7} {'largest MiB':>11} {'tree MiB':>8}  "
          + " ".join(f"{p[:12]:>12}" for p in PHASES) + f" {'quads':>10} {'derived':>9}", flush=True)
    with tempfile.TemporaryDirectory(dir=keep) as tmp:
        for n in doc_counts:
            sources = ROOT / "data" / "sources" if n == 5 else Path(tmp) / f"corpus-{n}"
            if n != 5:
                generate(n, sources)
            for p in process_counts:
                out = Path(tmp) / f"out-{n}-{p}"
                f = build_once(sources, out, p)
                graphs = json.loads((out / "current" / "manifest.json").read_text())["graphs"]
                shutil.rmtree(out, ignore_errors=True)
                print(f"{n:>6} {p:>4} {f['seconds']:>8.1f} {n / f['seconds']:>7.2f} {1000 * f['seconds'] / n:>7.0f} "
                      f"{f['peak_process']:>11.0f} {f['peak_tree']:>8.0f}  "
                      + " ".join(f"{f.get(phase, 0):>12.1f}" for phase in PHASES)
                      + f" {sum(graphs.values()):>10,} {graphs['derived']:>9,}", flush=True)


def rules(copies: list[int], seed_dump: Path, owl: bool, keep: Path | None) -> None:
    """Time the build's store-wide phases (rules, cross-document SHACL, HermiT) on k copies of a built graph.

    These phases see every document at once, so they are where a build can stop growing linearly. The
    copies carry no derived or truthy graph: the rules add them, as in a build.
    """
    import pyoxigraph as ox

    from fentkg.crosscheck import cross_check, named_graph
    from fentkg.derive import derive_store
    from fentkg.validate import owl_check
    from fentkg.settings import Settings

    sys.path.insert(0, str(ROOT / "bench"))
    from corpora import synthetic_graph

    settings = Settings(root=ROOT)
    kept = [line for line in seed_dump.read_bytes().splitlines()
            if not line.rstrip(b" .").endswith((b"/graph/derived>", b"/graph/facts>"))]
    per_copy = sum(1 for line in kept if not line.rstrip(b" .").endswith(
        (b"/graph/ontology>", b"/graph/vocab>", b"/graph/reference>")))
    print(f"{'copies':>6} {'quads':>10} {'derive s':>9} {'derived':>9} {'SHACL s':>8} {'OWL s':>7} {'OWL triples':>11} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory(dir=keep) as tmp:
        seed = Path(tmp) / "seed.nq"
        seed.write_bytes(b"\n".join(kept) + b"\n")
        for k in copies:
            data = Path(tmp) / f"copies-{k}.nq"
            written = synthetic_graph(seed, data, k * per_copy)
            store = ox.Store(f"{tmp}/store-{k}")
            store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
            started = time.perf_counter()
            derived = derive_store(store, settings.queries_dir / "build")
            derive_s = time.perf_counter() - started
            started = time.perf_counter()
            cross_check(store, settings.shapes_dir, owl=False)  # the SHACL half of the build's cross-check
            shacl_s = time.perf_counter() - started
            owl_s, owl_triples = 0.0, 0
            if owl:  # the OWL half, on the same graph the build gives HermiT
                started = time.perf_counter()
                abox = named_graph(store, "ontology") + named_graph(store, "entities") + named_graph(store, "facts")
                owl_triples = len(abox)
                owl_check(abox)
                owl_s = time.perf_counter() - started
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{k:>6} {written:>10,} {derive_s:>9.1f} {sum(derived.values()):>9,} {shacl_s:>8.1f} {owl_s:>7.1f} "
                  f"{owl_triples:>11,} {peak:>9.0f}", flush=True)
            del store
            shutil.rmtree(f"{tmp}/store-{k}")
            data.unlink()


def phases(store_dir: Path, owl: bool, keep: Path | None) -> None:
    """Time the build's single-process phases, one at a time, on a copy of a built store (e.g. a release's
    `oxigraph` folder): the rules (after dropping the derived and facts graphs), cross-document SHACL,
    HermiT and the dumps. In `fentkg build` the dumps run beside the checks; here each phase runs alone."""
    import pyoxigraph as ox

    from fentkg.build import write_dumps
    from fentkg.crosscheck import cross_check, named_graph
    from fentkg.derive import derive_store
    from fentkg.namespaces import GRAPHS
    from fentkg.settings import Settings
    from fentkg.validate import owl_check

    settings = Settings(root=ROOT)
    with tempfile.TemporaryDirectory(dir=keep) as tmp:
        shutil.copytree(store_dir, f"{tmp}/store")
        store = ox.Store(f"{tmp}/store")
        for name in ("derived", "facts"):
            store.clear_graph(ox.NamedNode(str(GRAPHS[name])))
        print(f"{len(store):,} quads without the derived and facts graphs", flush=True)

        def timed(label: str, run: Callable[[], object]) -> None:
            started = time.perf_counter()
            result = run()
            print(f"{label:<22} {time.perf_counter() - started:8.1f} s  {result if result is not None else ''}", flush=True)

        timed("rules", lambda: derive_store(store, settings.queries_dir / "build"))
        timed("cross-document SHACL", lambda: len(cross_check(store, settings.shapes_dir, owl=False)[0]))
        if owl:
            timed("HermiT", lambda: owl_check(named_graph(store, "ontology") + named_graph(store, "entities")
                                              + named_graph(store, "facts"))[0])
        dumps = Path(tmp) / "dumps"
        timed("dumps", lambda: write_dumps(store, dumps))
        print(f"dumps: {sum(f.stat().st_size for f in dumps.iterdir()) / 2**30:.2f} GiB; "
              f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def timed_runs(run: Callable[[], bytes], budget: float) -> tuple[list[float], bytes]:
    """Milliseconds of repeated runs: at most 20, until `budget` seconds are spent; at least 3, or 1 when the
    first run alone took longer than the budget (a 10M-quad graph has queries of minutes)."""
    times: list[float] = []
    body = b""
    spent = time.perf_counter()
    while len(times) < 3 or (len(times) < 20 and time.perf_counter() - spent < budget):
        if times and times[0] > budget * 1000:
            break
        started = time.perf_counter()
        body = run()
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times), body


def percentile(times: list[float], q: float) -> float:
    return times[min(len(times) - 1, int(round(q * (len(times) - 1))))]


def rows_of(body: bytes) -> int:
    """Solutions in a SPARQL JSON result (1 for an ASK)."""
    data = json.loads(body)
    return len(data["results"]["bindings"]) if "results" in data else 1


def graph(quads: int, seed_dump: Path | None, remote: bool, budget: float, keep: Path | None,
          data_file: Path | None = None, embedded_store: bool = True, store_dir: Path | None = None,
          only: list[str] | None = None) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpora import synthetic_graph

    queries = [q for q in sorted((ROOT / "queries").glob("*.rq")) if not only or q.name in only]
    with tempfile.TemporaryDirectory(dir=keep) as tmp:
        if store_dir is not None:  # an existing store: time the embedded queries only
            data_file, remote = store_dir, False
        if seed_dump is None and data_file is None:
            started = time.perf_counter()
            subprocess.run([FENTKG, "build", "--out", f"{tmp}/seed"], cwd=ROOT, check=True, capture_output=True)
            seed_dump = Path(tmp) / "seed" / "current" / "dumps" / "fentkg.nq"
            print(f"seed build: {time.perf_counter() - started:.1f} s")
        data = data_file or Path(tmp) / "synthetic.nq"
        if data_file is None:
            assert seed_dump is not None
            started = time.perf_counter()
            written = synthetic_graph(seed_dump, data, quads)
            print(f"generated {written:,} quads in {time.perf_counter() - started:.1f} s ({data.stat().st_size / 2**20:.0f} MiB)",
                  flush=True)
        embedded: dict[str, tuple[int, float, float]] = {}
        if embedded_store:
            embedded = embedded_figures(data, Path(tmp), queries, budget, store_dir)
        served: dict[str, tuple[int, float, float]] = {}
        if remote:
            served = remote_store(data, Path(tmp), queries, budget)
        print(f"\n{'query':<30} {'rows':>8} {'embedded p50':>12} {'p99':>8} {'remote p50':>10} {'p99':>8}   (ms)")
        for path in queries:
            near, far = embedded.get(path.name), served.get(path.name)
            rows = (near or far or (0, 0.0, 0.0))[0]
            left = f"{near[1]:>12.1f} {near[2]:>8.1f}" if near else f"{'-':>12} {'-':>8}"
            right = f"{far[1]:>10.1f} {far[2]:>8.1f}" if far else f"{'-':>10} {'-':>8}"
            print(f"{path.name:<30} {rows:>8} {left} {right}")


def embedded_figures(data: Path, tmp: Path, queries: list[Path], budget: float,
                     store_dir: Path | None = None) -> dict[str, tuple[int, float, float]]:
    """Bulk-load `data` into a pyoxigraph store (or open `store_dir` read-only), time the catalog:
    query + SPARQL JSON serialization, as the endpoint does."""
    import pyoxigraph as ox

    if store_dir is not None:
        store = ox.Store.read_only(str(store_dir))
    else:
        store = ox.Store(f"{tmp}/embedded")
        started = time.perf_counter()
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        store.flush()
        print(f"embedded bulk load (pyoxigraph Store.bulk_load): {time.perf_counter() - started:.1f} s, {len(store):,} quads, "
              f"peak RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB",
              flush=True)
    embedded: dict[str, tuple[int, float, float]] = {}
    for path in queries:
        text = path.read_text(encoding="utf-8")

        def run_embedded() -> bytes:
            result = store.query(text, use_default_graph_as_union=True)
            return result.serialize(format=ox.QueryResultsFormat.JSON) or b""

        times, body = timed_runs(run_embedded, budget)
        embedded[path.name] = (rows_of(body), percentile(times, 0.5), percentile(times, 0.99))
        print(f"  embedded {path.name:<30} {embedded[path.name][0]:>8} rows {embedded[path.name][1]:>9.1f} "
              f"{embedded[path.name][2]:>9.1f} ms ({len(times)} runs)", flush=True)
    del store
    if store_dir is None:
        shutil.rmtree(f"{tmp}/embedded")
    return embedded


def remote_store(data: Path, tmp: Path, queries: list[Path], budget: float) -> dict[str, tuple[int, float, float]]:
    """Load `data` with `oxigraph load`, serve it read-only with the union default graph, time the catalog."""
    started = time.perf_counter()
    subprocess.run([OXIGRAPH, "load", "--location", str(tmp / "remote"), "--file", str(data)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"remote bulk load (oxigraph load): {time.perf_counter() - started:.1f} s", flush=True)
    port = free_port()
    server = subprocess.Popen([OXIGRAPH, "serve-read-only", "--location", str(tmp / "remote"), "--bind",
                               f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "600"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        figures = {}
        for path in queries:
            body = path.read_bytes()

            def run_remote() -> bytes:
                request = urllib.request.Request(endpoint, data=body, headers={
                    "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(request, timeout=600) as response:
                    return response.read()

            try:
                times, answer = timed_runs(run_remote, budget)
            except OSError as exc:  # a timeout (600 s) or the server's own --timeout-s: say so, go on
                print(f"  remote   {path.name:<30} failed: {exc}", flush=True)
                continue
            figures[path.name] = (rows_of(answer), percentile(times, 0.5), percentile(times, 0.99))
            print(f"  remote   {path.name:<30} {figures[path.name][0]:>8} rows {figures[path.name][1]:>9.1f} "
                  f"{figures[path.name][2]:>9.1f} ms ({len(times)} runs)", flush=True)
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tmp", type=Path, default=None, help="where temporary corpora and stores go (default: $TMPDIR)")
    sub = parser.add_subparsers(dest="what", required=True)
    b = sub.add_parser("builds")
    b.add_argument("--docs", default="5,1000,10000")
    b.add_argument("--processes", default="1,2")
    g = sub.add_parser("graph")
    g.add_argument("--quads", type=int, default=10_000_000)
    g.add_argument("--seed-dump", type=Path, default=None, help="a built fentkg.nq to replicate (default: build the seeds)")
    g.add_argument("--remote", action=argparse.BooleanOptionalAction, default=True, help="also time `oxigraph serve`")
    g.add_argument("--budget", type=float, default=20.0, help="seconds of repeated runs per query (3 runs at least)")
    g.add_argument("--data", type=Path, default=None, help="an N-Quads file to use instead of generating one")
    g.add_argument("--embedded", action=argparse.BooleanOptionalAction, default=True, help="time the embedded store")
    g.add_argument("--store", type=Path, default=None, help="time the embedded queries on this existing store (read-only)")
    g.add_argument("--only", default="", help="comma-separated query file names to run (default: all)")
    r = sub.add_parser("rules")
    r.add_argument("--copies", default="5,10,20,40")
    r.add_argument("--seed-dump", type=Path, required=True, help="a built fentkg.nq (e.g. build/current/dumps/fentkg.nq)")
    r.add_argument("--owl", action=argparse.BooleanOptionalAction, default=True, help="include HermiT")
    ph = sub.add_parser("phases")
    ph.add_argument("--store", type=Path, required=True, help="a built store, e.g. build/current/oxigraph (copied first)")
    ph.add_argument("--owl", action=argparse.BooleanOptionalAction, default=True, help="include HermiT")
    args = parser.parse_args()
    if args.what == "phases":
        phases(args.store, args.owl, args.tmp)
    elif args.what == "rules":
        rules([int(x) for x in args.copies.split(",")], args.seed_dump, args.owl, args.tmp)
    elif args.what == "builds":
        builds([int(x) for x in args.docs.split(",")], [int(x) for x in args.processes.split(",")], args.tmp)
    else:
        graph(args.quads, args.seed_dump, args.remote, args.budget, args.tmp, args.data, args.embedded, args.store,
              [q for q in args.only.split(",") if q])


if __name__ == "__main__":
    main()
