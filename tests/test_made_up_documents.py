"""The made-up documents of tests/corpus build end to end through the CLI (issue 3).

The press release has a .meta.json; the fact sheet has none on purpose: its title and date are
read off its heading and dateline, its statistics are dated by that dateline, and the build is valid.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from fentkg.cli import main
from fentkg.corpus import load_corpus
from fentkg.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
FACT_SHEET = "2024-06-03-ondcp-precursor-supply-chain-fact-sheet"


def test_one_document_has_no_metadata_and_its_metadata_is_inferred() -> None:
    docs = {d.id: d for d in load_corpus(CORPUS)}
    assert not (CORPUS / f"{FACT_SHEET}.meta.json").exists()
    sheet = docs[FACT_SHEET].meta
    assert sheet.inferred == ("title", "date")
    assert sheet.title == "FACT SHEET: Disrupting the Illicit Fentanyl Precursor Supply Chain"
    assert sheet.date == date(2024, 6, 3)
    assert not [d for d in docs.values() if d.id != FACT_SHEET and d.meta.inferred]


def test_build_validate_and_query_through_the_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    built = runner.invoke(main, ["build", "--sources", str(CORPUS), "--out", str(out)])
    assert built.exit_code == 0, built.output
    assert "from 2 documents" in built.output
    checked = runner.invoke(main, ["validate", "--sources", str(CORPUS), "--out", str(out)])
    assert checked.exit_code == 0, checked.output
    store = Store.open(out)
    rows = list(store.query(f"""
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?date ?title WHERE {{ <https://w3id.org/fentkg/id/doc-{FACT_SHEET}> dcterms:date ?date ; dcterms:title ?title }}"""))
    assert [(r["date"].value, r["title"].value) for r in rows] == [
        ("2024-06-03", "FACT SHEET: Disrupting the Illicit Fentanyl Precursor Supply Chain")]
    # "so far in FY2024" in the press release ends at its date; the fact sheet's statistics are there too
    periods = {r["period"].value.rsplit("/", 1)[-1] for r in store.query("""
        PREFIX fx: <https://w3id.org/fentkg/ontology#>
        SELECT DISTINCT ?period WHERE { ?o a fx:StatisticalObservation ; fx:refPeriod ?period }""")}
    assert {"period-us-fy2024-to-2024-05-16", "period-cy-2023", "period-us-fy2025"} <= periods
    conflicts = runner.invoke(main, ["query", "--file", str(ROOT / "queries" / "conflicts.rq"), "--out", str(out), "--format", "csv"])
    assert conflicts.exit_code == 0 and conflicts.output.startswith("indicator,value1,document1,quote1")
