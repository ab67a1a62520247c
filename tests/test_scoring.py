"""The extractors against the gold annotations of tests/gold (issue 3): the seeds and the made-up documents.

Runs every extractor on data/sources and on tests/corpus, prints the per-kind precision/recall table
(`pytest -s` shows it; a failure shows it too) and fails when a target of issue 3 is missed.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from fentkg.corpus import load_corpus
from fentkg.errors import FentkgError
from fentkg.extract import run_extractors
from fentkg.reference import load_reference
from fentkg.scoring import Item, Score, Target, evaluate, load_gold, missed_targets, parse_target, score, table

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"

# issue 3, "Quality bar"; statistics also state period and qualifier right on ≥ 80 % of hits
MINE = [
    Target("statistics", "precision", 0.95), Target("statistics", "recall", 0.95),
    Target("statistics", "period", 0.8), Target("statistics", "qualifier", 0.8),
    Target("entities", "recall", 0.95),
    Target("citations", "recall", 1.0), Target("citations", "precision", 0.95),
]
SEED_ONLY = [Target("designations", "recall", 0.9), Target("agreements", "recall", 0.9)]


@pytest.fixture(scope="module")
def reference():  # type: ignore[no-untyped-def]
    return load_reference(ROOT / "data" / "reference", ROOT / "ontology" / "vocab.ttl")


def scores_of(folder: Path, reference) -> dict[str, Score]:  # type: ignore[no-untyped-def]
    corpus = load_corpus(folder)
    return evaluate(run_extractors(corpus, reference), corpus, GOLD)


@pytest.mark.parametrize(("folder", "targets"), [
    (ROOT / "data" / "sources", MINE + SEED_ONLY),
    (ROOT / "tests" / "corpus", MINE),
], ids=["seeds", "made-up documents"])
def test_extractors_meet_the_targets(folder: Path, targets: list[Target], reference) -> None:  # type: ignore[no-untyped-def]
    scores = scores_of(folder, reference)
    print(f"\n{folder.relative_to(ROOT)}\n{table(scores)}")
    missed = missed_targets(scores, targets)
    assert not missed, "\n".join(missed) + "\n" + table(scores)


def test_every_document_has_gold_of_my_kinds() -> None:
    for folder in (ROOT / "data" / "sources", ROOT / "tests" / "corpus"):
        for doc in load_corpus(folder):
            for kind in ("statistics", "entities"):
                assert (GOLD / kind / f"{doc.id}.yml").is_file(), f"no {kind} gold for {doc.id}"
            if doc.footnotes:
                assert (GOLD / "citations" / f"{doc.id}.yml").is_file(), f"no citations gold for {doc.id}"


def test_gold_quotes_are_in_the_text() -> None:
    corpus = load_corpus(ROOT / "data" / "sources")
    for kind in ("statistics", "entities", "citations"):
        items = load_gold(GOLD, corpus, kind)  # raises when a quote is not in its document
        assert items and all(corpus.get(i.doc_id).text[i.start:i.end] for i in items)


def test_scoring_counts_hits_misses_and_spurious() -> None:
    gold = [Item("k", "d", 0, 5, {"v": 1, "f": "a"}), Item("k", "d", 10, 15, {"v": 2, "f": "b"})]
    pred = [Item("k", "d", 1, 4, {"v": 1, "f": "x"}), Item("k", "d", 20, 25, {"v": 3})]
    s = score("k", gold, pred, lambda p, g: p.overlaps(g) and p.fields["v"] == g.fields["v"], ("f",))
    assert (s.true_positives, s.precision, s.recall) == (1, 0.5, 0.5)
    assert s.misses == (gold[1],) and s.spurious == (pred[1],)
    assert s.agreement == {"f": (0, 1)}
    assert missed_targets({"k": s}, [Target("k", "recall", 0.5)]) == []
    assert missed_targets({"k": s}, [Target("k", "precision", 0.6), Target("z", "recall", 0.1)]) == [
        "k precision ≥ 0.6: got 0.500", "z recall ≥ 0.1: no gold annotations of kind 'z'"]


@pytest.mark.parametrize("text", ["statistics", "statistics=", "statistics=1.5", "=0.9", "statistics.period=0.8"])
def test_bad_targets_are_refused(text: str) -> None:
    with pytest.raises(FentkgError):
        parse_target(text, "recall")


def test_agreement_targets_name_a_field() -> None:
    assert parse_target("statistics.period=0.8") == Target("statistics", "period", 0.8)
    with pytest.raises(FentkgError):
        parse_target("statistics=0.8")


def test_score_command_prints_the_table_and_checks_targets(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from fentkg.cli import main

    runner = CliRunner()
    corpus = ["score", "--sources", str(ROOT / "tests" / "corpus")]
    met = runner.invoke(main, [*corpus, "--min-recall", "statistics=0.95", "--min-agreement", "statistics.period=0.8"])
    assert met.exit_code == 0, met.output
    assert "statistics" in met.output and "precision" in met.output and "agreement on hits" in met.output
    missed = runner.invoke(main, [*corpus, "--min-precision", "statistics=1", "--min-recall", "nosuchkind=0.5"])
    assert missed.exit_code == 1 and "target missed: nosuchkind recall" in missed.stderr
    bad = runner.invoke(main, [*corpus, "--min-recall", "statistics=high"])
    assert bad.exit_code == 2 and "expected KIND=X" in bad.stderr
    empty = runner.invoke(main, [*corpus, "--gold", str(tmp_path)])
    assert empty.exit_code == 2 and "no gold annotations" in empty.stderr
