"""Benchmark: build the seed corpus end to end (extract + graph + derive + validate + load) and print figures.

Usage: python bench/build.py [--runs N]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from fentkg.build import build
from fentkg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            result = build(Settings(root=ROOT, out_dir=Path(tmp)))
            times.append(time.perf_counter() - started)
    m = result.manifest
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"seed build: {len(m['documents'])} documents, {m['quads']} quads, facts {m['facts_per_extractor']}")
    print(f"build time: median {statistics.median(times):.2f} s, min {min(times):.2f} s over {args.runs} runs")
    print(f"peak RSS: {peak_mb:.0f} MiB")


if __name__ == "__main__":
    main()
