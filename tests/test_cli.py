"""The `fentkg` command: every subcommand, its formats, exit codes and one-line errors."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from fentkg.cli import main
from fentkg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SELECT = "SELECT ?doc WHERE { ?doc a <https://w3id.org/fentkg/ontology#SourceDocument> } ORDER BY ?doc"
CONSTRUCT = "CONSTRUCT { ?doc a <https://w3id.org/fentkg/ontology#SourceDocument> } WHERE { ?doc a <https://w3id.org/fentkg/ontology#SourceDocument> }"


def out(settings: Settings) -> list[str]:
    return ["--out", str(settings.out_dir)]


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    for command in ("build", "validate", "query", "serve", "load", "export", "stats"):
        assert command in result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_query_select_formats(runner: CliRunner, seed_settings: Settings, fmt: str) -> None:
    result = runner.invoke(main, ["query", SELECT, "--format", fmt, *out(seed_settings)])
    assert result.exit_code == 0, result.output
    assert result.output.count("doc-") == 5
    if fmt == "json":
        assert len(json.loads(result.output)["results"]["bindings"]) == 5
    if fmt == "csv":
        assert next(csv.reader(io.StringIO(result.output))) == ["doc"]


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")])
def test_query_construct_formats(runner: CliRunner, seed_settings: Settings, fmt: str, rdflib_format: str) -> None:
    result = runner.invoke(main, ["query", CONSTRUCT, "--format", fmt, *out(seed_settings)])
    assert result.exit_code == 0, result.output
    assert len(rdflib.Graph().parse(data=result.output, format=rdflib_format)) == 5


def test_query_from_file_and_ask(runner: CliRunner, seed_settings: Settings) -> None:
    result = runner.invoke(main, ["query", "--file", str(ROOT / "queries" / "citations.rq"), "--format", "csv", *out(seed_settings)])
    assert result.exit_code == 0 and result.output.startswith("document,footnote,title,url")
    ask = runner.invoke(main, ["query", "ASK { ?s ?p ?o }", *out(seed_settings)])
    assert ask.output.strip() == "true"


def test_query_errors_are_one_line(runner: CliRunner, seed_settings: Settings, tmp_path: Path) -> None:
    bad = runner.invoke(main, ["query", "SELECT WHERE {", *out(seed_settings)])
    assert bad.exit_code == 2 and "malformed query" in bad.stderr and "Traceback" not in bad.stderr
    wrong = runner.invoke(main, ["query", CONSTRUCT, "--format", "csv", *out(seed_settings)])
    assert wrong.exit_code == 2 and "does not fit" in wrong.stderr
    none = runner.invoke(main, ["query", "ASK {}", "--out", str(tmp_path / "nothing")])
    assert none.exit_code == 2 and "fentkg build" in none.stderr
    neither = runner.invoke(main, ["query", *out(seed_settings)])
    assert neither.exit_code == 2


@pytest.mark.parametrize("fmt, rdflib_format", [("nq", "nquads"), ("trig", "trig"), ("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")])
def test_export_formats_parse(runner: CliRunner, seed_settings: Settings, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    target = tmp_path / f"dump.{fmt}"
    result = runner.invoke(main, ["export", "--format", fmt, "-o", str(target), *out(seed_settings)])
    assert result.exit_code == 0, result.output
    graph = rdflib.Dataset() if fmt in ("nq", "trig", "jsonld") else rdflib.Graph()
    graph.parse(target, format=rdflib_format)
    assert len(graph) > 0 or sum(1 for _ in graph.quads()) > 1000


def test_export_csv_of_claims(runner: CliRunner, seed_settings: Settings) -> None:
    result = runner.invoke(main, ["export", "--format", "csv", *out(seed_settings)])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == ["claim", "subject", "property", "value", "document", "start", "end", "quote", "confidence", "rank"]
    assert len(rows) > 100


def test_stats(runner: CliRunner, seed_settings: Settings) -> None:
    result = runner.invoke(main, ["stats", "--json", *out(seed_settings)])
    figures = json.loads(result.output)
    assert figures["quads"] > 1000
    assert sum(figures["claims per document"].values()) > 100
    assert "fxg:claims" in figures["graphs"]


def test_serve_get_answers_one_request(runner: CliRunner, seed_settings: Settings) -> None:
    result = runner.invoke(main, ["serve", "--get", "/sparql?query=ASK%20%7B%3Fs%20%3Fp%20%3Fo%7D", *out(seed_settings)])
    assert result.exit_code == 0 and json.loads(result.output)["boolean"] is True


def test_load_any_rdf_and_query_it(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "data.trig"
    data.write_text("<http://ex/s> <http://ex/p> 'o' . <http://ex/g> { <http://ex/s> <http://ex/q> 1 . }\n", encoding="utf-8")
    target = tmp_path / "loaded"
    assert runner.invoke(main, ["load", str(data), "--out", str(target)]).exit_code == 0
    result = runner.invoke(main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv", "--out", str(target)])
    assert result.output.splitlines()[1] == "2"
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://ex/s> <http://ex/p> .", encoding="utf-8")
    failed = runner.invoke(main, ["load", str(bad), "--out", str(target)])
    assert failed.exit_code == 2 and "bad.ttl" in failed.stderr


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("build", "validate", "query", "serve", "load", "export", "stats"):
        assert f"fentkg {command}" in readme
