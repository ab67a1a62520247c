"""Scoring: precision and recall of the extractors against hand-written gold annotations.

Gold lives in `tests/gold/<kind>/<document id>.yml`: a YAML list of items, each with the `quote`
it rests on (exact text of the document; `occurrence: N` picks the N-th occurrence, default 1)
and the fields that kind compares. Each kind has a module in this package defining

    KIND: str                                           # the folder name under tests/gold/
    def predict(d: DocumentExtraction) -> list[Item]    # what the extractors found, as Items
    def match(pred: Item, gold: Item) -> bool           # does a prediction count for this gold item?

and optionally

    FIELDS: tuple[str, ...]                             # fields whose agreement is reported on hits
    def agrees(field: str, pred: Item, gold: Item) -> bool   # default: equal values

Modules are discovered, so a new kind needs no change here. A hit is a one-to-one pairing of a
prediction with a gold item; on hits, `Score.agreement` tells how often each field of FIELDS that
the gold item states is right too (the period of a statistic, the publisher of a cited work).
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
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
    hits: tuple[tuple[Item, Item], ...] = ()  # (prediction, gold item)
    agreement: dict[str, tuple[int, int]] = field(default_factory=dict)  # field -> (right, stated in gold)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    def line(self) -> str:
        return (f"{self.kind:<16} gold {self.gold:>4}  predicted {self.predicted:>4}  "
                f"precision {self.precision:.3f}  recall {self.recall:.3f}")

    def accuracy(self, name: str) -> float:
        """Share of hits whose gold item states `name` and whose prediction has it right."""
        right, stated = self.agreement.get(name, (0, 0))
        return right / stated if stated else 1.0

    def agreement_line(self) -> str:
        return "  ".join(f"{name} {right}/{stated} ({right / stated if stated else 1.0:.2f})"
                         for name, (right, stated) in self.agreement.items())


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
            # YAML reads 2023-09-23 as a date; gold compares the text as written
            raw = {k: v.isoformat() if isinstance(v, date) else v for k, v in dict(raw).items()}
            start, end = locate(doc, str(raw.pop("quote")), int(raw.pop("occurrence", 1)))
            items.append(Item(kind, doc.id, start, end, raw))
    return items


def documents_with_gold(folder: Path, corpus: Corpus, kind: str) -> set[str]:
    return {doc.id for doc in corpus if (folder / kind / f"{doc.id}.yml").exists()}


def same(name: str, pred: Item, gold: Item) -> bool:
    """Default field agreement: the prediction's value is the gold value, or one of a gold list."""
    want = gold.fields.get(name)
    have = pred.fields.get(name)
    return have in want if isinstance(want, list) else have == want


def score(kind: str, gold: list[Item], predicted: list[Item], match: Callable[[Item, Item], bool],
          fields: tuple[str, ...] = (), agrees: Callable[[str, Item, Item], bool] = same) -> Score:
    """Greedy one-to-one matching of predictions to gold items, in text order."""
    unmatched = sorted(predicted, key=lambda i: (i.doc_id, i.start, i.end))
    misses = []
    pairs = []
    for g in sorted(gold, key=lambda i: (i.doc_id, i.start, i.end)):
        found = next((p for p in unmatched if match(p, g)), None)
        if found is None:
            misses.append(g)
        else:
            # by identity: Items compare by span only, and several predictions may share a span
            unmatched = [p for p in unmatched if p is not found]
            pairs.append((found, g))
    agreement = {}
    for name in fields:
        stated = [(p, g) for p, g in pairs if name in g.fields]
        agreement[name] = (sum(1 for p, g in stated if agrees(name, p, g)), len(stated))
    return Score(kind, len(gold), len(predicted), len(pairs), tuple(misses), tuple(unmatched), tuple(pairs), agreement)


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
        results[kind] = score(kind, gold, predicted, module.match, tuple(getattr(module, "FIELDS", ())),
                              getattr(module, "agrees", same))
    return results


@dataclass(frozen=True, slots=True)
class Target:
    """A minimum for one measure of one kind: precision, recall, or the agreement of a field."""

    kind: str
    measure: str
    minimum: float

    def value(self, s: Score) -> float:
        if self.measure in ("precision", "recall"):
            return float(getattr(s, self.measure))
        return s.accuracy(self.measure)

    def __str__(self) -> str:
        return f"{self.kind} {self.measure} ≥ {self.minimum:g}"


def parse_target(text: str, measure: str | None = None) -> Target:
    """'statistics=0.95' (with `measure` precision or recall) or 'statistics.period=0.8' (agreement)."""
    name, sep, raw = text.partition("=")
    kind, dot, field_name = name.partition(".")
    try:
        minimum = float(raw)
    except ValueError:
        minimum = -1.0
    if not sep or not kind or not 0 <= minimum <= 1 or bool(dot) == (measure is not None) or (dot and not field_name):
        form = "KIND.FIELD=X" if measure is None else "KIND=X"
        raise FentkgError(f"target {text!r}: expected {form} with X between 0 and 1")
    return Target(kind, measure or field_name, minimum)


def missed_targets(scores: dict[str, Score], targets: Iterable[Target]) -> list[str]:
    """One line per target that the scores do not reach (or whose kind has no gold)."""
    out = []
    for t in targets:
        s = scores.get(t.kind)
        if s is None:
            out.append(f"{t}: no gold annotations of kind {t.kind!r}")
        elif t.value(s) < t.minimum:
            out.append(f"{t}: got {t.value(s):.3f}")
    return out


def table(scores: dict[str, Score]) -> str:
    """The per-kind precision/recall table, with field agreement on hits under each kind."""
    lines = []
    for s in scores.values():
        lines.append(s.line())
        if s.agreement:
            lines.append(f"{'':<16} agreement on hits: {s.agreement_line()}")
    return "\n".join(lines)


def score_sources(sources: Path, gold_dir: Path, reference_dir: Path, vocab: Path) -> dict[str, Score]:
    """Extract a sources folder and score it against the gold of `gold_dir`."""
    from ..corpus import load_corpus
    from ..extract import run_extractors
    from ..reference import load_reference

    if not gold_dir.is_dir():
        raise FentkgError(f"{gold_dir}: gold annotations folder not found")
    corpus = load_corpus(sources)
    extraction = run_extractors(corpus, load_reference(reference_dir, vocab))
    scores = evaluate(extraction, corpus, gold_dir)
    if not scores:
        raise FentkgError(f"{gold_dir}: no gold annotations for the documents of {sources}")
    return scores
