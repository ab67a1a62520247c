"""Benchmark: how the build and the store scale (issue 7). Prints figures; run on a quiet machine.

  python bench/scale.py builds   [--docs 5,1000,10000] [--processes 1,2]
  python bench/scale.py graph    [--triples 10000000]      (synthetic claims: load time, catalog query latency)

`builds` times `fentkg build` on the seeds (5) and on synthetic corpora (bench/corpora.py) and
reports wall time and the peak RSS of the largest process. `graph` writes a synthetic graph in our
model (statistical observations with evidence and selectors, mention claims), loads it into the
embedded store and runs every catalog query against it.
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FENTKG = [str(Path(sys.executable).with_name("fentkg"))]  # the console script of this venv


def build_once(sources: Path, out: Path, processes: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB, largest process) of one `fentkg build`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([*FENTKG, "build", "--sources", str(sources), "--out", str(out), "-j", str(processes)],
                          cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build failed ({done.returncode}):\n{done.stderr[-2000:]}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak


def builds(doc_counts: list[int], process_counts: list[int]) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpora import generate

    print(f"{'documents':>9} {'processes':>9} {'seconds':>9} {'docs/s':>8} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in doc_counts:
            sources = ROOT / "data" / "sources" if n == 5 else Path(tmp) / f"corpus-{n}"
            if n != 5:
                generate(n, sources)
            for p in process_counts:
                seconds, peak = build_once(sources, Path(tmp) / f"out-{n}-{p}", p)
                print(f"{n:>9} {p:>9} {seconds:>9.1f} {n / seconds:>8.1f} {peak:>9.0f}", flush=True)


def synthetic_graph(path: Path, triples: int, seed: int = 3) -> int:
    """Write about `triples` N-Quads of observations and mention claims in our model; return the count."""
    rng = random.Random(seed)
    fx, fxd, fxv = "https://w3id.org/fentkg/ontology#", "https://w3id.org/fentkg/id/", "https://w3id.org/fentkg/vocab/"
    claims = "<https://w3id.org/fentkg/graph/claims>"
    oa, prov = "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/prov#"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    dec, integer = "http://www.w3.org/2001/XMLSchema#decimal", "http://www.w3.org/2001/XMLSchema#integer"
    indicators = ["fentanyl-seized-mass", "pills-seized", "overdose-deaths", "arrests", "appropriation", "precursor-share-from-china"]
    units = ["LB", "NUM", "NUM", "NUM", "CCY_USD", "PERCENT"]
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while count < triples:
            doc = f"<{fxd}doc-synthetic-{i // 200:06d}>"
            obs, ev = f"<{fxd}obs-s{i}>", f"<{fxd}ev-s{i}>"
            k = i % len(indicators)
            value, start = rng.randint(1, 100000), rng.randint(0, 50000)
            lines = [
                f"{obs} <{rdf}type> <{fx}StatisticalObservation> {claims} .",
                f"{obs} <{fx}indicator> <{fxv}ind-{indicators[k]}> {claims} .",
                f'{obs} <{fx}obsValue> "{value}"^^<{dec}> {claims} .',
                f"{obs} <http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure> <http://qudt.org/vocab/unit/{units[k]}> {claims} .",
                f"{obs} <{fx}refPeriod> <{fxd}period-cy-{2015 + i % 10}> {claims} .",
                f"{obs} <{fx}statedIn> {doc} {claims} .",
                f"{obs} <{prov}wasDerivedFrom> {ev} {claims} .",
                f'{obs} <{fx}confidence> "0.8"^^<{dec}> {claims} .',
                f"{obs} <{fx}rank> <{fxv}rank-normal> {claims} .",
                f"{ev} <{rdf}type> <{fx}Evidence> {claims} .",
                f"{ev} <{oa}hasSource> {doc} {claims} .",
                f"{ev} <{oa}hasSelector> <{fxd}ev-s{i}-q> {claims} .",
                f"{ev} <{oa}hasSelector> <{fxd}ev-s{i}-p> {claims} .",
                f"<{fxd}ev-s{i}-q> <{rdf}type> <{oa}TextQuoteSelector> {claims} .",
                f'<{fxd}ev-s{i}-q> <{oa}exact> "{value:,} units" {claims} .',
                f"<{fxd}ev-s{i}-p> <{rdf}type> <{oa}TextPositionSelector> {claims} .",
                f'<{fxd}ev-s{i}-p> <{oa}start> "{start}"^^<{integer}> {claims} .',
                f'<{fxd}ev-s{i}-p> <{oa}end> "{start + 12}"^^<{integer}> {claims} .',
            ]
            fh.write("\n".join(lines) + "\n")
            count += len(lines)
            i += 1
    return count


def graph(triples: int) -> None:
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "synthetic.nq"
        started = time.perf_counter()
        written = synthetic_graph(data, triples)
        print(f"generated {written:,} quads in {time.perf_counter() - started:.1f} s ({data.stat().st_size / 2**20:.0f} MiB)")
        store = ox.Store(str(Path(tmp) / "store"))
        started = time.perf_counter()
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        store.flush()
        print(f"embedded bulk load: {time.perf_counter() - started:.1f} s, {len(store):,} quads")
        print(f"{'query':<34} {'rows':>8} {'p50 ms':>9} {'p99 ms':>9}")
        for path in sorted((ROOT / "queries").glob("*.rq")):
            times, rows = [], 0
            for _ in range(5):
                started = time.perf_counter()
                result = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
                rows = sum(1 for _ in result) if not isinstance(result, ox.QueryBoolean) else 1
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            print(f"{path.name:<34} {rows:>8} {statistics.median(times):>9.1f} {times[-1]:>9.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    b = sub.add_parser("builds")
    b.add_argument("--docs", default="5,1000,10000")
    b.add_argument("--processes", default="1,2")
    g = sub.add_parser("graph")
    g.add_argument("--triples", type=int, default=10_000_000)
    args = parser.parse_args()
    if args.what == "builds":
        builds([int(x) for x in args.docs.split(",")], [int(x) for x in args.processes.split(",")])
    else:
        graph(args.triples)


if __name__ == "__main__":
    main()
