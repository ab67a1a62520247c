"""Scoring: precision and recall of the extractors against hand-written gold annotations.

Gold lives in `tests/gold/<kind>/<document id>.yml`: a YAML list of items, each with the `quote`
it rests on (exact text of the document; `occurrence: N` picks the N-th occurrence, default 1)
and the fields that kind compares. Each kind has a module in this package defining

    KIND: str                                           # the folder name under tests/gold/
    def predict(d: DocumentExtraction) -> list[Item]    # what the extractors found, as Items
    def match(pred: Item, gold: Item) -> bool           # does a prediction count for this gold item?

Modules are discovered, so a new kind needs no change here.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from ..corpus import Corpus, Document
from ..errors import FentkgError
from ..extract import DocumentExtraction, Extraction


@dataclass(frozen=True, slots=True)
class Item:
    """One annotated or predicted fact: where it is and what it says."""

    kind: str
    doc_id: str
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def overlaps(self, other: "Item") -> bool:
        return self.doc_id == other.doc_id and self.start < other.end and other.start < self.end

    @property
    def where(self) -> str:
        return f"{self.doc_id}@{self.start}:{self.end}"


@dataclass(frozen=True, slots=True)
class Score:
    kind: str
    gold: int
    predicted: int
    true_positives: int
    misses: tuple[Item, ...]
    spurious: tuple[Item, ...]

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    def line(self) -> str:
        return (f"{self.kind:<14} gold {self.gold:>4}  predicted {self.predicted:>4}  "
                f"precision {self.precision:.3f}  recall {self.recall:.3f}")


def kinds() -> dict[str, ModuleType]:
    """Every kind module of this package, by KIND."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "KIND"):
            found[module.KIND] = module
    return found


def locate(doc: Document, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the N-th occurrence of `quote` in the document (gold is written as quotes, not offsets)."""
    pos = -1
    for _ in range(occurrence):
        pos = doc.text.find(quote, pos + 1)
        if pos < 0:
            raise FentkgError(f"gold for {doc.id}: quote {quote!r} (occurrence {occurrence}) not in the text")
    return pos, pos + len(quote)


def load_gold(folder: Path, corpus: Corpus, kind: str) -> list[Item]:
    """Gold items of one kind for the documents of `corpus` that have a gold file."""
    items = []
    for doc in corpus:
        path = folder / kind / f"{doc.id}.yml"
        if not path.exists():
            continue
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            raw = dict(raw)
            start, end = locate(doc, str(raw.pop("quote")), int(raw.pop("occurrence", 1)))
            items.append(Item(kind, doc.id, start, end, raw))
    return items


def documents_with_gold(folder: Path, corpus: Corpus, kind: str) -> set[str]:
    return {doc.id for doc in corpus if (folder / kind / f"{doc.id}.yml").exists()}


def score(kind: str, gold: list[Item], predicted: list[Item], match: Callable[[Item, Item], bool]) -> Score:
    """Greedy one-to-one matching of predictions to gold items, in text order."""
    unmatched = sorted(predicted, key=lambda i: (i.doc_id, i.start, i.end))
    misses = []
    hits = 0
    for g in sorted(gold, key=lambda i: (i.doc_id, i.start, i.end)):
        found = next((p for p in unmatched if match(p, g)), None)
        if found is None:
            misses.append(g)
        else:
            unmatched.remove(found)
            hits += 1
    return Score(kind, len(gold), len(predicted), hits, tuple(misses), tuple(unmatched))


def evaluate(extraction: Extraction, corpus: Corpus, gold_dir: Path, only: Iterable[str] | None = None) -> dict[str, Score]:
    """Score every kind that has gold, over the documents that have gold for it."""
    results = {}
    by_doc: dict[str, DocumentExtraction] = {d.doc.id: d for d in extraction.documents}
    for kind, module in sorted(kinds().items()):
        if only is not None and kind not in only:
            continue
        annotated = documents_with_gold(gold_dir, corpus, kind)
        if not annotated:
            continue
        gold = load_gold(gold_dir, corpus, kind)
        predicted = [item for doc_id in sorted(annotated) for item in module.predict(by_doc[doc_id])]
        results[kind] = score(kind, gold, predicted, module.match)
    return results
