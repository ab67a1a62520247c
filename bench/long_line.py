"""Hostile input at size: one document that is a single line of N MB (a PDF extraction gone wrong), issue 6.

Reads the line as a document, runs every extractor on it and checks each claim's evidence against the text
(`text[start:end] == exact`). The CI test (tests/reliability/test_fuzz_corpus.py) uses a 250 KB line; this is
the long variant.

    python bench/long_line.py [--mb 10]

Prints the size, extraction time, facts, evidence failures and peak memory.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from fentkg.corpus import load_document
from fentkg.extract import extract_document
from fentkg.reference import load_reference
from fentkg.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of the line in megabytes")
    args = parser.parse_args()
    settings = Settings.from_env()
    reference = load_reference(settings.reference_dir, settings.vocab_path)
    seeds = " ".join(p.read_text(encoding="utf-8") for p in sorted(settings.sources.glob("*.txt"))).replace("\n", " ")
    size = int(args.mb * 1_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2024-01-01-one-line.txt"
        path.write_text((seeds * (size // len(seeds) + 1))[:size], encoding="utf-8")
        started = time.perf_counter()
        doc = load_document(path)
        loaded = time.perf_counter() - started
        extraction = extract_document(doc, reference)
        seconds = time.perf_counter() - started
    failures = sum(1 for f in extraction.facts
                   if f.evidence is not None and doc.text[f.evidence.start:f.evidence.end] != f.evidence.exact)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"long line: {size / 1e6:.1f} MB, read and segmented in {loaded:.1f} s, extracted in {seconds:.1f} s, "
          f"{len(extraction.facts)} facts, {failures} evidence failures, peak {peak:.0f} MiB")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
