"""Issue 2 end to end: the seeds build, validate, round-trip their evidence, and rebuild identically."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from fentkg.build import BuildResult, build
from fentkg.cli import main
from fentkg.corpus import load_corpus
from fentkg.settings import Settings
from fentkg.store import Store, current_release

CLAIM_SPANS = """
PREFIX fx: <https://w3id.org/fentkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?claim ?doc ?name ?start ?end ?exact WHERE {
  VALUES ?kind { fx:TripleClaim fx:StatisticalObservation }
  ?claim a ?kind ; fx:statedIn ?doc ; prov:wasDerivedFrom ?ev .
  ?doc fx:fileName ?name .
  ?ev oa:hasSource ?doc ; oa:hasSelector ?q, ?p .
  ?q a oa:TextQuoteSelector ; oa:exact ?exact .
  ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
}
"""


def test_seed_build_is_valid(seed_build: tuple[Settings, BuildResult]) -> None:
    _settings, result = seed_build
    assert result.report.ok, result.report.summary()
    assert result.report.owl_consistent is True, result.report.owl_message
    assert result.manifest["quads"] > 1000
    assert set(result.manifest["documents"]) == {p.stem for p in (Path(__file__).parents[1] / "data" / "sources").glob("*.txt")}


def test_every_claim_has_a_document_and_a_matching_span(seed_settings: Settings) -> None:
    store = Store.open(seed_settings.out_dir)
    corpus = {d.path.name: d.text for d in load_corpus(seed_settings.sources)}
    claims_with_span = set()
    for row in store.query(CLAIM_SPANS):
        text = corpus[row["name"].value]
        start, end = int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["exact"].value, row["claim"]
        claims_with_span.add(row["claim"].value)
    all_claims = {
        r["c"].value
        for r in store.query("PREFIX fx: <https://w3id.org/fentkg/ontology#> SELECT ?c WHERE { VALUES ?k { fx:TripleClaim fx:StatisticalObservation } ?c a ?k }")
    }
    assert all_claims and all_claims == claims_with_span


def test_every_kind_of_claim_is_used(seed_settings: Settings) -> None:
    """The foundation exercises each path of the model with real data."""
    store = Store.open(seed_settings.out_dir)
    ask = lambda q: bool(store.query("PREFIX fx: <https://w3id.org/fentkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ASK { " + q + " }"))  # noqa: E731
    assert ask("?c a fx:StatisticalObservation ; fx:refPeriod ?p . ?p a fx:FiscalYear")
    assert ask("?c a fx:TripleClaim ; rdf:predicate fx:mentions ; fx:citesSource ?w . ?w a fx:CitedWork")
    assert ask("?c a fx:TripleClaim ; rdf:predicate dcterms:references")
    assert ask("?e a fx:CriminalOrganization")
    assert ask("?x a fx:ExtractionRun ; <http://www.w3.org/ns/prov#wasAssociatedWith> ?a . ?a fx:softwareVersion ?v")


def test_building_twice_gives_identical_dumps(tmp_path: Path, seed_build: tuple[Settings, BuildResult]) -> None:
    settings, first = seed_build
    second = build(settings.with_(out_dir=tmp_path / "again"))
    for name in ("fentkg.nq", "fentkg.trig"):
        assert (first.release.dumps / name).read_bytes() == (second.release.dumps / name).read_bytes(), name


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \n", "empty"),
        ("latin1.txt", "Caf\u00e9 fentanyl report".encode("latin-1"), "UTF-8"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ""),
    ],
)
def test_bad_source_exits_2_and_keeps_previous_build(
    runner: CliRunner, seed_settings: Settings, sources_copy: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    out = tmp_path / "out"
    shutil.copytree(seed_settings.out_dir, out, symlinks=True)
    before = current_release(out)
    assert before is not None
    (sources_copy / name).write_bytes(content)
    bad = runner.invoke(main, ["build", "--sources", str(sources_copy), "--out", str(out)])
    assert bad.exit_code == 2
    assert name in bad.stderr and message in bad.stderr
    assert "Traceback" not in bad.stderr
    assert current_release(out) == before
    assert len(Store.open(out)) == json.loads((before.path / "manifest.json").read_text())["quads"]


def test_validate_exits_1_on_a_broken_claim(runner: CliRunner, seed_settings: Settings, tmp_path: Path) -> None:
    """Remove the quote selector of one claim's evidence, load the result, validate it."""
    dump = (current_release(seed_settings.out_dir).dumps / "fentkg.nq").read_bytes().decode()  # type: ignore[union-attr]
    victim = next(line for line in dump.splitlines() if line.split(" ")[1] == "<http://www.w3.org/ns/oa#exact>")
    broken = tmp_path / "broken.nq"
    broken.write_text("\n".join(line for line in dump.splitlines() if line != victim) + "\n", encoding="utf-8")
    out = tmp_path / "loaded"
    assert runner.invoke(main, ["load", str(broken), "--out", str(out)]).exit_code == 0
    result = runner.invoke(main, ["validate", "--out", str(out), "--no-owl"])
    assert result.exit_code == 1, result.output
    assert "does not conform" in result.output
    good = runner.invoke(main, ["validate", "--out", str(seed_settings.out_dir), "--no-owl"])
    assert good.exit_code == 0, good.output
