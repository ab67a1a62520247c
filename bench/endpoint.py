"""Endpoint throughput and latency: `fentkg serve` against `oxigraph serve-read-only` on the same data (issue 4).

Both servers serve the same built store; `wrk` (Debian's package) drives them with the same query mixes —
the issue's mix (the `queries/*.rq` catalog interleaved with simple lookups) and each part alone — at 1, 8
and 32 connections, in the same run. fentkg is
measured uncached (every request sends `Cache-Control: no-cache`, so every query runs) and cached (repeated
queries, after a warm-up). rdflib-endpoint runs once on the same data (lookups, 8 connections).

    python bench/endpoint.py [--out DIR] [--seconds S]      # DIR: an existing build (default: build the seeds)

Prints requests/s, p50 and p99 per server, mix and concurrency, the ratios to oxigraph, the core count, and
the p50/p99 of each catalog query run alone by one client.
Targets (DESIGN.md): uncached ≥ 0.8× oxigraph; cached ≥ 2×; ≥ 10× rdflib-endpoint; catalog p99 < 50 ms.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CONNECTIONS = (1, 8, 32)
RDFLIB_CAP = 10.0  # seconds one catalog query may take on rdflib-endpoint
LOOKUP_IRIS = "SELECT DISTINCT ?s WHERE { ?s a ?t } ORDER BY ?s LIMIT 6"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"endpoint bench: server exited ({proc.args})")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"endpoint bench: {url} did not come up")


def start(args: list[str], url: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, **(env or {})})
    wait_until_up(url, proc)
    return proc


def stop(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, 15)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait()


def mixes(base: str) -> dict[str, list[str]]:
    """The catalog and a few lookups (of IRIs taken from the data), as query strings."""
    catalog = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").glob("*.rq"))]
    with urllib.request.urlopen(f"{base}?query={urllib.parse.quote(LOOKUP_IRIS)}&format=csv", timeout=30) as response:
        iris = response.read().decode().split()[1:]
    lookups = [f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}" for iri in iris]
    lookups.append("ASK { ?s a <https://w3id.org/fentkg/ontology#StatisticalObservation> }")
    # "mix" is the query mix: the catalog and the lookups interleaved, one lookup per catalog query
    mix = [q for pair in zip(catalog, lookups * len(catalog)) for q in pair]
    return {"mix": mix, "catalog": catalog, "lookup": lookups}


def lua_script(path: str, queries: list[str], headers: dict[str, str]) -> Path:
    """A wrk script that cycles through the queries as GET requests."""
    paths = ",\n".join(f'  "{path}?query={urllib.parse.quote(q, safe="")}"' for q in queries)
    heads = "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in headers.items())
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(f"local paths = {{\n{paths}\n}}\nlocal i = 0\n{heads}"
                      "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n")
    return script


def wrk(url: str, script: Path, connections: int, seconds: float) -> dict[str, float]:
    """Run wrk; requests/s, p50 and p99 in ms, and the count of non-2xx answers."""
    out = subprocess.run(["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
                          "--latency", "-s", str(script), url], capture_output=True, text=True, check=True).stdout
    def ms(label: str) -> float:
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
            "p50": ms("50%"), "p99": ms("99%"), "errors": float(errors.group(1) if errors else 0)
            + float(timeouts.group(1) if timeouts else 0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="an existing build directory (default: build the seed corpus)")
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each wrk run")
    args = parser.parse_args()
    for tool in ("wrk", str(BIN / "oxigraph"), str(BIN / "rdflib-endpoint")):
        if not shutil.which(tool):
            sys.exit(f"endpoint bench: {tool} missing (apt-get install wrk; pip install -e '.[bench]')")
    tmp = Path(tempfile.mkdtemp(prefix="fentkg-bench-"))
    out = args.out or tmp / "build"
    if args.out is None:
        subprocess.run([str(BIN / "fentkg"), "build", "--out", str(out)], check=True, stderr=subprocess.DEVNULL)
    store, dump = out / "current" / "oxigraph", out / "current" / "dumps" / "fentkg.nq"
    ox_port, fk_port = free_port(), free_port()
    # No --timeout-s for oxigraph: with it, it answers 500 (EAGAIN, a thread per query) under load.
    oxigraph = start([str(BIN / "oxigraph"), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{ox_port}",
                      "--union-default-graph"], f"http://127.0.0.1:{ox_port}/query?query=ASK%7B%7D")
    fentkg = start([str(BIN / "fentkg"), "serve", "--out", str(out), "--port", str(fk_port)],
                   f"http://127.0.0.1:{fk_port}/-/health", {"FENTKG_HOME": str(ROOT)})
    json_accept = {"Accept": "application/sparql-results+json"}
    targets = {
        "oxigraph": (f"http://127.0.0.1:{ox_port}", "/query", json_accept),
        "fentkg uncached": (f"http://127.0.0.1:{fk_port}", "/sparql", {**json_accept, "Cache-Control": "no-cache"}),
        "fentkg cached": (f"http://127.0.0.1:{fk_port}", "/sparql", json_accept),
    }
    results: dict[tuple[str, str, int], dict[str, float]] = {}
    try:
        all_mixes = mixes(f"http://127.0.0.1:{fk_port}/sparql")
        for mix, queries in all_mixes.items():
            for name, (url, path, headers) in targets.items():
                script = lua_script(path, queries, headers)
                if name == "fentkg cached":  # fill every worker's cache first
                    wrk(url, script, 8, 2 * len(queries) ** 0.5)
                for conns in CONNECTIONS:
                    results[(mix, name, conns)] = wrk(url, script, conns, args.seconds)
                    print(f"  {mix:8s} {name:16s} c={conns:<3d} {results[(mix, name, conns)]}", file=sys.stderr)
        latencies = per_query({"oxigraph": f"http://127.0.0.1:{ox_port}/query",
                               "fentkg uncached": f"http://127.0.0.1:{fk_port}/sparql"}, all_mixes["catalog"])
        rdflib_port = free_port()
        rdflib = start([str(BIN / "rdflib-endpoint"), "serve", str(dump), "--host", "127.0.0.1", "--port", str(rdflib_port)],
                       f"http://127.0.0.1:{rdflib_port}/?query=ASK%7B%7D")  # it serves SPARQL at /
        rdflib_base = f"http://127.0.0.1:{rdflib_port}/"
        rdflib_lookup = wrk(rdflib_base, lua_script("/", all_mixes["lookup"], json_accept), 8, args.seconds)
        rdflib_catalog = one_pass(rdflib_base, f"http://127.0.0.1:{fk_port}/sparql", all_mixes["catalog"])
        stop(rdflib)
    finally:
        for proc in (oxigraph, fentkg):
            if proc.poll() is None:
                stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)
    report(results, rdflib_lookup, rdflib_catalog)
    report_latencies(latencies)


def per_query(servers: dict[str, str], queries: list[str], repeats: int = 30) -> dict[str, list[tuple[float, float]]]:
    """p50 and p99 (ms) of each catalog query, one client, every request a real query (no cache)."""
    out: dict[str, list[tuple[float, float]]] = {}
    for name, base in servers.items():
        out[name] = []
        for query in queries:
            request = urllib.request.Request(f"{base}?query={urllib.parse.quote(query)}", headers={
                "Accept": "application/sparql-results+json", "Cache-Control": "no-cache"})
            times = []
            for _ in range(repeats):
                started = time.perf_counter()
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            out[name].append((times[len(times) // 2], times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]))
    return out


def report_latencies(latencies: dict[str, list[tuple[float, float]]]) -> None:
    names = [p.stem for p in sorted((ROOT / "queries").glob("*.rq"))]
    servers = list(latencies)
    print("catalog queries one at a time (30 runs each, uncached): p50 / p99 ms")
    print(f"{'query':32s}" + "".join(f"{s:>24s}" for s in servers))
    for i, name in enumerate(names):
        print(f"{name:32s}" + "".join(f"{latencies[s][i][0]:12.1f}{latencies[s][i][1]:12.1f}" for s in servers))
    worst = max(p99 for _p50, p99 in latencies["fentkg uncached"])
    print(f"worst catalog query p99, fentkg uncached, one client: {worst:.1f} ms (target < 50 ms)")


def one_pass(rdflib: str, fentkg: str, queries: list[str]) -> tuple[int, float, float]:
    """The catalog one query at a time on both, until rdflib-endpoint runs past the cap (it then stays busy)."""
    rdflib_s = fentkg_s = 0.0
    for answered, query in enumerate(queries):
        for base, extra in ((fentkg, {"Cache-Control": "no-cache"}), (rdflib, {})):
            request = urllib.request.Request(f"{base}?query={urllib.parse.quote(query)}",
                                             headers={"Accept": "application/sparql-results+json", **extra})
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=RDFLIB_CAP) as response:
                    response.read()
            except OSError:  # a time-out: rdflib-endpoint is still working on it
                return answered, rdflib_s + RDFLIB_CAP, fentkg_s
            if base == fentkg:
                fentkg_s += time.perf_counter() - started
            else:
                rdflib_s += time.perf_counter() - started
    return len(queries), rdflib_s, fentkg_s


def report(results: dict[tuple[str, str, int], dict[str, float]], lookup: dict[str, float],
           catalog: tuple[int, float, float]) -> None:
    print(f"endpoint bench: {os.cpu_count()} cores, wrk on the same machine, fentkg workers = cores")
    print(f"{'mix':8s} {'conns':>5s} {'server':16s} {'req/s':>9s} {'p50 ms':>8s} {'p99 ms':>8s} {'errors':>6s} {'× oxigraph':>10s}")
    for (mix, name, conns), r in results.items():
        base = results[(mix, "oxigraph", conns)]["rps"]
        print(f"{mix:8s} {conns:5d} {name:16s} {r['rps']:9.1f} {r['p50']:8.2f} {r['p99']:8.2f} {int(r['errors']):6d} {r['rps'] / base:10.2f}")
    fk = results[("lookup", "fentkg uncached", 8)]["rps"]
    print(f"rdflib-endpoint lookup c=8: {lookup['rps']:.1f} req/s (p99 {lookup['p99']:.1f} ms); fentkg uncached is "
          f"{fk / max(lookup['rps'], 0.001):.1f}× it")
    answered, rdflib_s, fentkg_s = catalog
    print(f"rdflib-endpoint catalog, one query at a time: {answered} answered before one ran past {RDFLIB_CAP:g} s; "
          f"on those (+ the cap) {rdflib_s:.2f} s vs fentkg uncached {fentkg_s:.3f} s: ≥ {rdflib_s / fentkg_s:.0f}×")
    worst = max(results[("catalog", "fentkg cached", c)]["p99"] for c in CONNECTIONS)
    print(f"catalog p99 (fentkg cached, worst over 1/8/32 connections): {worst:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
