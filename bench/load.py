"""Load: many concurrent clients against a real `fentkg serve` on loopback, with slow queries mixed in (issue 6).

Each client is a thread with its own keep-alive connection (http.client). A request is one of:
  normal  a query of the `queries/*.rq` catalog, GET; a share of them with `Cache-Control: no-cache`, so
          the query really runs in a query process (the rest are result-cache hits, as repeated catalog
          queries from many readers are);
  slow    a query that never finishes (a triple cross product) with a client deadline (`timeout=`): the
          server must answer 503 within that deadline + 1 s and keep serving everyone else.

    python bench/load.py [--out DIR] [--clients 64] [--seconds 60] [--slow 0.1] [--deadline 1]

DIR is an existing build (default: build the seeds into a temporary folder). Prints throughput, p50/p99 of
normal and slow requests, errors by kind, and the server's memory (RSS summed over the gunicorn master,
its workers and their query processes, read from /proc) after the first 1,000 and after 20,000 requests.
Exits 1 when a check fails: any 5xx or connection error among normal queries, a slow query not answered
503 within deadline + 1 s, RSS at 20,000 requests more than 20 % above RSS at 1,000.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FENTKG = str(Path(sys.executable).with_name("fentkg"))
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 62k³ rows: never finishes
RSS_MARKS = (1_000, 20_000)
RSS_GROWTH = 0.20  # the most RSS may grow from the first to the second mark (no leak)


@dataclass
class Figures:
    """What the clients saw; filled by many threads under one lock."""

    normal_ms: list[float] = field(default_factory=list)
    slow_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)  # "normal 200", "slow 503", "normal connection", …
    failures: list[str] = field(default_factory=list)  # the first few, verbatim
    rss: dict[int, int] = field(default_factory=dict)  # requests done → server RSS in bytes
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def requests(self) -> int:
        return len(self.normal_ms) + len(self.slow_ms)

    def fail(self, message: str) -> None:
        if len(self.failures) < 20:
            self.failures.append(message)


def group_rss(pgid: int) -> int:
    """Resident memory (bytes) of every live process in process group `pgid` (server, workers, query processes)."""
    total = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            if int(stat[2]) == pgid:  # field 5: process group
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
    return total


def catalog() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").glob("*.rq"))}


def solo_times(port: int, queries: dict[str, str]) -> dict[str, float]:
    """Each catalog query once, alone and uncached: ms (or -status for an error)."""
    times = {}
    for name, query in queries.items():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.monotonic()
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Cache-Control": "no-cache"})
        response = conn.getresponse()
        response.read()
        conn.close()
        times[name] = (time.monotonic() - started) * 1000 if response.status == 200 else -response.status
    return times


def mix(times: dict[str, float], queries: dict[str, str], max_ms: float) -> tuple[list[str], list[str]]:
    """The catalog queries fast enough alone to be 'normal' under load, and the names of the others."""
    kept = [queries[n] for n, ms in times.items() if 0 <= ms <= max_ms]
    return kept, [n for n, ms in times.items() if not 0 <= ms <= max_ms]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Client(threading.Thread):
    """One client: a keep-alive connection, requests until `stop` is set, each timed and classified."""

    def __init__(self, port: int, queries: list[str], args: "LoadArgs", figures: Figures, stop: threading.Event,
                 seed: int, slow: bool) -> None:
        super().__init__(daemon=True)
        self.port, self.queries, self.args, self.figures, self.stop = port, queries, args, figures, stop
        self.rng = random.Random(seed)
        self.slow = slow
        self.conn: http.client.HTTPConnection | None = None

    def run(self) -> None:
        while not self.stop.is_set():
            self.one(self.slow)
        if self.conn is not None:
            self.conn.close()

    def one(self, slow: bool) -> None:
        headers = {"Accept": "application/sparql-results+json"}
        if slow:
            params = {"query": SLOW_QUERY, "timeout": f"{self.args.deadline:g}"}
            headers["Cache-Control"] = "no-cache"
        else:
            params = {"query": self.rng.choice(self.queries)}
            if self.rng.random() < self.args.uncached_share:
                headers["Cache-Control"] = "no-cache"
        kind = "slow" if slow else "normal"
        started = time.monotonic()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.args.deadline + 30)
            self.conn.request("GET", "/sparql?" + urllib.parse.urlencode(params), headers=headers)
            response = self.conn.getresponse()
            body = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            with self.figures.lock:
                self.figures.statuses[f"{kind} connection"] += 1
                self.figures.fail(f"{kind}: {type(exc).__name__}: {exc}")
            return
        ms = (time.monotonic() - started) * 1000
        with self.figures.lock:
            self.figures.statuses[f"{kind} {status}"] += 1
            (self.figures.slow_ms if slow else self.figures.normal_ms).append(ms)
            if not slow and status != 200:
                self.figures.fail(f"normal {status}: {body[:200]!r}")
            elif slow and (status != 503 or ms > (self.args.deadline + 1) * 1000):
                self.figures.fail(f"slow {status} after {ms:.0f} ms: {body[:200]!r}")
            done = self.figures.requests
            for mark in RSS_MARKS:
                if done >= mark and mark not in self.figures.rss:
                    self.figures.rss[mark] = group_rss(self.args.pgid)


@dataclass(frozen=True)
class LoadArgs:
    clients: int
    seconds: float
    slow_share: float
    deadline: float
    uncached_share: float
    pgid: int  # the server's process group, for RSS


def run_load(port: int, args: LoadArgs, queries: list[str] | None = None) -> Figures:
    """Run `args.clients` clients for `args.seconds` against the server on `port`; return what they saw."""
    figures = Figures()
    stop = threading.Event()
    slow = max(1, round(args.clients * args.slow_share)) if args.slow_share else 0
    clients = [Client(port, queries or list(catalog().values()), args, figures, stop, seed, seed < slow)
               for seed in range(args.clients)]
    started = time.monotonic()
    for client in clients:
        client.start()
    time.sleep(args.seconds)
    stop.set()
    for client in clients:
        client.join(timeout=args.deadline + 35)
    figures.seconds = time.monotonic() - started
    figures.rss[-1] = group_rss(args.pgid)  # at the end
    return figures


def problems(figures: Figures, args: LoadArgs) -> list[str]:
    """The checks of issue 6; empty when the load was held."""
    found = []
    bad = {k: v for k, v in figures.statuses.items() if k.startswith("normal") and k != "normal 200"}
    if bad:
        found.append(f"normal queries failed: {bad}")
    late = [ms for ms in figures.slow_ms if ms > (args.deadline + 1) * 1000]
    if late or figures.statuses.get("slow connection"):
        found.append(f"{len(late)} slow queries answered after deadline + 1 s; connection errors "
                     f"{figures.statuses.get('slow connection', 0)}")
    wrong = {k: v for k, v in figures.statuses.items() if k.startswith("slow") and k not in ("slow 503", "slow connection")}
    if wrong:
        found.append(f"slow queries not answered 503: {wrong}")
    first, last = figures.rss.get(RSS_MARKS[0]), figures.rss.get(RSS_MARKS[1], figures.rss.get(-1))
    if first and last and last > first * (1 + RSS_GROWTH):
        found.append(f"RSS grew from {first / 2**20:.0f} MiB to {last / 2**20:.0f} MiB (> {RSS_GROWTH:.0%})")
    return found


def report(figures: Figures, args: LoadArgs) -> str:
    """The figures, one per line, as printed and as copied into docs/reliability.md."""
    mib = {mark: f"{value / 2**20:.0f} MiB" for mark, value in figures.rss.items()}
    return "\n".join([
        f"clients {args.clients} ({max(1, round(args.clients * args.slow_share)) if args.slow_share else 0} of them slow), "
        f"{figures.seconds:.1f} s, slow deadline {args.deadline:g} s, "
        f"uncached share of normal queries {args.uncached_share:.0%}, {os.cpu_count()} cores (clients on the same machine)",
        f"requests {figures.requests} ({figures.requests / figures.seconds:.0f} req/s): normal {len(figures.normal_ms)}, "
        f"slow {len(figures.slow_ms)} ({len(figures.slow_ms) / max(1, figures.requests):.1%} of requests)",
        f"normal p50 {percentile(figures.normal_ms, 0.5):.1f} ms, p99 {percentile(figures.normal_ms, 0.99):.1f} ms",
        f"slow (503) p50 {percentile(figures.slow_ms, 0.5):.0f} ms, p99 {percentile(figures.slow_ms, 0.99):.0f} ms, "
        f"max {max(figures.slow_ms, default=float('nan')):.0f} ms",
        f"statuses {dict(sorted(figures.statuses.items()))}",
        f"server RSS after 1,000 requests {mib.get(1000, '-')}, after 20,000 {mib.get(20000, '-')}, at the end {mib.get(-1, '-')}",
    ])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(out: Path, port: int, timeout: float) -> subprocess.Popen[bytes]:
    """`fentkg serve` in its own process group (so its RSS can be summed), up when /-/health answers."""
    proc = subprocess.Popen([FENTKG, "serve", "--out", str(out), "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, "FENTKG_HOME": str(ROOT), "FENTKG_QUERY_TIMEOUT": f"{timeout:g}"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/-/health")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    sys.exit("load bench: fentkg serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="an existing build (default: build the seeds into a temp folder)")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--slow", type=float, default=0.1, help="share of the clients that send only slow queries")
    parser.add_argument("--deadline", type=float, default=1.0, help="the deadline slow queries ask for (s)")
    parser.add_argument("--uncached", type=float, default=0.2, help="share of normal queries sent with no-cache")
    parser.add_argument("--max-solo-ms", type=float, default=1000,
                        help="catalog queries slower than this alone are left out of the normal mix (and reported)")
    opts = parser.parse_args()
    tmp = None
    out = opts.out
    if out is None:
        tmp = Path(tempfile.mkdtemp(prefix="fentkg-load-"))
        out = tmp / "build"
        subprocess.run([FENTKG, "build", "--out", str(out)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = free_port()
    proc = serve(out, port, timeout=10)
    try:
        args = LoadArgs(opts.clients, opts.seconds, opts.slow, opts.deadline, opts.uncached, proc.pid)
        queries = catalog()
        times = solo_times(port, queries)
        normal, left_out = mix(times, queries, opts.max_solo_ms)
        print("catalog alone (ms, uncached): " + ", ".join(f"{n} {ms:.0f}" for n, ms in times.items()))
        if left_out:
            print(f"FINDING: left out of the normal mix, slower than {opts.max_solo_ms:g} ms alone: {', '.join(left_out)}")
        figures = run_load(port, args, normal)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(report(figures, args))
    found = problems(figures, args)
    for line in found + figures.failures[:5]:
        print("FAIL:", line)
    print("load held" if not found else "load NOT held")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
