"""Benchmark: render every kind of HTML page and linked-data answer of issue 5 and print latencies.

Pages are not the SPARQL hot path, but each should stay a few queries: this prints the first
(cold, fills the per-release caches) and the median of later renders, through the real app.

Usage: python bench/pages.py [--out DIR] [--runs N]   (builds the seed corpus into a temp dir without --out)
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fentkg.build import build
from fentkg.server import create_app
from fentkg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
PATHS = ["/", "/search?q=sinaloa", "/entities", "/documents", "/statistics", "/timeline", "/network", "/data",
         "/id/org-sinaloa-cartel", "/id/country-us", "/id/doc-2024-03-20-realuyo-senate-hsgac-testimony",
         "/id/org-sinaloa-cartel.ttl", "/id/country-us.jsonld", "/ontology", "/.well-known/void"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="A built output folder (default: build the seeds)")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        if args.out is None:
            build(Settings(root=ROOT, out_dir=out))
        client = create_app(Settings(root=ROOT, out_dir=out)).test_client()
        print(f"{'path':<55} {'status':>6} {'bytes':>9} {'first ms':>9} {'median ms':>10}")
        for path in PATHS:
            started = time.perf_counter()
            response = client.get(path, headers={"Accept": "text/html"})
            first = (time.perf_counter() - started) * 1000
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                client.get(path, headers={"Accept": "text/html"})
                times.append((time.perf_counter() - started) * 1000)
            print(f"{path[:55]:<55} {response.status_code:>6} {len(response.data):>9} {first:>9.1f} {statistics.median(times):>10.1f}")


if __name__ == "__main__":
    main()
