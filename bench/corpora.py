"""Synthetic corpora and graphs for benchmarks (issue 7).

Documents: assembled from shuffled paragraphs of the seeds, with names, numbers and dates varied, so that
extraction and validation do real work at scale. Graphs: a built graph's claims replicated under fresh
IRIs, so every catalog query finds rows in a graph of any size (`synthetic_graph`).

`python bench/corpora.py N DIR` writes N documents (deterministic for a given N and seed).
"""
from __future__ import annotations

import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fentkg.corpus import load_corpus  # noqa: E402
from fentkg.reference import load_reference  # noqa: E402

NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d{2,})(?![\w.])")
YEAR = re.compile(r"\b20[012]\d\b")


def seed_paragraphs() -> list[str]:
    """Body paragraphs of the seed documents with at least one sentence of prose."""
    paragraphs = []
    for doc in load_corpus(ROOT / "data" / "sources"):
        for p in doc.paragraphs:
            text = doc.text[p.start:p.end]
            if doc.footnote_at(p.start) is None and not doc.in_header(p.start) and len(text) > 120:
                paragraphs.append(text)
    return paragraphs


def _vary_number(rng: random.Random, m: re.Match[str]) -> str:
    raw = m.group(1)
    if YEAR.fullmatch(raw):
        return raw  # years stay: relative periods ("so far in FY2023") must end after they begin
    digits = raw.replace(",", "")
    value = max(1, int(int(digits) * rng.uniform(0.5, 1.5)))
    return f"{value:,}" if "," in raw else str(value)


def generate(n: int, folder: Path, paragraphs_per_doc: int = 6, seed: int = 7) -> list[Path]:
    """Write n documents (+ .meta.json) into folder; return the text paths."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    reference = load_reference(ROOT / "data" / "reference")
    # names to swap in: labels of curated actors of the same kind, so extractors still find entities
    swaps = {kind: [e.label for e in reference.entries.values() if e.type == kind]
             for kind in ("Country", "GovernmentAgency", "CriminalOrganization", "Person")}
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    start = date(2024, 4, 1)  # after every seed, so periods relative to the document date stay valid
    for i in range(n):
        chosen = rng.sample(paragraphs, k=min(paragraphs_per_doc, len(paragraphs)))
        body = []
        for text in chosen:
            text = NUMBER.sub(lambda m: _vary_number(rng, m), text)
            for kind, names in swaps.items():
                for name in rng.sample(names, k=min(2, len(names))):
                    text = text.replace(name, rng.choice(names), 1)
            body.append(text)
        when = start + timedelta(days=rng.randint(0, 2 * 365))
        stem = f"{when.isoformat()}-synthetic-{i:05d}"
        path = folder / f"{stem}.txt"
        path.write_text(f"Synthetic brief {i}\n\n{when.strftime('%B %-d, %Y')}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        (folder / f"{stem}.meta.json").write_text(json.dumps({
            "title": f"Synthetic brief {i}", "author": "fentkg benchmark generator", "date": when.isoformat(), "genre": "report",
        }, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


FXD = re.compile(rb"<https://w3id\.org/fentkg/id/([^>]*)>")
STATIC_GRAPHS = (b"<https://w3id.org/fentkg/graph/ontology>", b"<https://w3id.org/fentkg/graph/vocab>",
                 b"<https://w3id.org/fentkg/graph/reference>")


def synthetic_graph(seed_nquads: Path, target: Path, quads: int) -> int:
    """Write about `quads` N-Quads in our model: `seed_nquads` (a built graph's dump) copied until big enough.

    Copy k renames every instance IRI (documents, claims, evidence, selectors, minted entities, events,
    designations, conflicts) with a `-k<k>` suffix, except the curated entities of the reference graph,
    which all copies share — as new documents mention the same cartels, agencies and substances but state
    new facts. The ontology, vocabulary and reference graphs are written once. Returns the quads written.
    """
    lines = [line for line in seed_nquads.read_bytes().splitlines() if line.strip()]
    static = [line for line in lines if line.rstrip(b" .").endswith(STATIC_GRAPHS)]
    per_copy = [line for line in lines if not line.rstrip(b" .").endswith(STATIC_GRAPHS)]
    shared = {m.group(0) for line in static for m in FXD.finditer(line)}
    copies = max(1, -(-(quads - len(static)) // len(per_copy)))
    with target.open("wb") as fh:
        fh.write(b"\n".join(static) + b"\n")
        for k in range(copies):
            suffix = f"-k{k}>".encode()

            def rename(m: re.Match[bytes]) -> bytes:
                return m.group(0) if m.group(0) in shared else m.group(0)[:-1] + suffix

            fh.write(b"\n".join(FXD.sub(rename, line) for line in per_copy) + b"\n")
    return len(static) + copies * len(per_copy)


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    print(f"wrote {len(generate(count, target))} documents to {target}")
