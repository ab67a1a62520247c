"""Benchmark: extraction throughput (documents/s, claims/s) and peak memory (RSS) (issue 3).

Measures `run_extractors` (all extractors of the registry) on the seed corpus and on synthetic
corpora of N documents, each assembled from shuffled paragraphs of the seeds (body paragraphs
and footnotes, under a title and a dateline) and written to a temporary folder. Each corpus is
measured in a fresh process, so each peak RSS is that corpus's own.

Usage: python bench/extract.py [--sizes 1000] [--runs 1]
"""
from __future__ import annotations

import argparse
import calendar
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_corpus(n: int, folder: Path, seed: int = 3) -> None:
    """n documents of 4–9 shuffled seed body paragraphs and 0–4 seed footnotes each, dated 2024-…"""
    from fentkg.corpus import load_corpus

    body, notes = [], []
    for doc in load_corpus(ROOT / "data" / "sources"):
        for p in doc.paragraphs:
            text = doc.text[p.start:p.end]
            if doc.in_header(p.start) or len(text) < 80:
                continue
            (notes if doc.footnote_at(p.start) else body).append(text)
    rng = random.Random(seed)
    for i in range(n):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        parts = [f"Synthetic Document {i}", f"{calendar.month_name[month]} {day}, 2024"]
        parts += rng.sample(body, rng.randint(4, 9)) + rng.sample(notes, rng.randint(0, 4))
        (folder / f"2024-{month:02d}-{day:02d}-synthetic-{i:05d}.txt").write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def measure(folder: Path) -> dict[str, float]:
    """Load and extract one corpus in this process: seconds, counts and peak RSS."""
    from fentkg.corpus import load_corpus
    from fentkg.extract import run_extractors
    from fentkg.reference import load_reference

    reference = load_reference(ROOT / "data" / "reference", ROOT / "ontology" / "vocab.ttl")
    started = time.perf_counter()
    corpus = load_corpus(folder)
    loaded = time.perf_counter()
    extraction = run_extractors(corpus, reference)
    done = time.perf_counter()
    claims = sum(extraction.counts().values())
    return {
        "documents": len(corpus), "characters": sum(len(d.text) for d in corpus), "claims": claims,
        "load_seconds": loaded - started, "extract_seconds": done - loaded,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def in_child(folder: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--measure", str(folder)], check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def report(name: str, runs: list[dict[str, float]]) -> None:
    best = min(runs, key=lambda r: r["extract_seconds"])
    secs = best["extract_seconds"]
    print(f"{name:<22} {best['documents']:>6.0f} docs {best['characters'] / 1e6:>6.2f} M chars {best['claims']:>8.0f} claims | "
          f"extract {secs:7.2f} s = {best['documents'] / secs:7.1f} docs/s, {best['claims'] / secs:8.0f} claims/s, "
          f"{best['characters'] / secs / 1e3:6.0f} k chars/s | load {best['load_seconds']:5.2f} s | "
          f"peak RSS {max(r['peak_rss_mib'] for r in runs):6.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000", help="comma-separated sizes of synthetic corpora")
    parser.add_argument("--runs", type=int, default=1, help="runs per corpus (the fastest is reported)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # child process: measure one folder
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    report("seed corpus", [in_child(ROOT / "data" / "sources") for _ in range(args.runs)])
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            write_corpus(n, Path(tmp))
            report("shuffled paragraphs", [in_child(Path(tmp)) for _ in range(args.runs)])


if __name__ == "__main__":
    main()
