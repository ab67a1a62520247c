"""`fentkg build|query|serve --store-url` end to end against `oxigraph serve` and Virtuoso (issue 7)."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from urllib.parse import quote
from pathlib import Path

import pyoxigraph as ox
import requests
from click.testing import CliRunner

from fentkg.backends import open_backend, push
from fentkg.cli import main
from fentkg.settings import Settings

from server.conftest import FENTKG, ROOT, free_port, start_server, stop_server
from .test_contract import EX, G1, dataset

ONE_DOCUMENT = "2023-01-23-trone-letter-prc-synthetic-opioids"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def bindings(body: bytes) -> list[tuple[tuple[str, str], ...]]:
    """SPARQL JSON rows as sorted (variable, value) tuples, for comparing stores (types may be spelled apart)."""
    rows = json.loads(body)["results"]["bindings"]
    return sorted(tuple(sorted((k, v["value"]) for k, v in row.items())) for row in rows)


def test_build_pushes_and_query_reads_the_remote_store(remote_url: str, runner: CliRunner, tmp_path: Path) -> None:
    out, sources = tmp_path / "build", tmp_path / "sources"
    sources.mkdir()
    for path in (ROOT / "data" / "sources").glob(f"{ONE_DOCUMENT}.*"):  # one document: the same path, a shorter build
        shutil.copy(path, sources)
    result = runner.invoke(main, ["build", "--sources", str(sources), "--out", str(out), "--store-url", remote_url])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "current" / "manifest.json").read_text(encoding="utf-8"))
    version = (out / "current").resolve().name
    assert f"pushed {manifest['quads']} quads to " in result.output and f"as version {version} in " in result.output
    assert "dba" not in result.output  # credentials never printed
    held = re.search(r"warning: the store holds (\d+) of the (\d+) quads", result.stderr)
    expected = int(held[1]) if held else manifest["quads"]
    assert manifest["quads"] - expected <= 2  # Virtuoso merges "2019-05"^^xsd:gYearMonth with "2019-05-01"^^xsd:date
    result = runner.invoke(main, ["query", COUNT, "--format", "csv", "--store-url", remote_url])
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.output)))[1] == [str(expected)]
    # Not designations.rq nor events.rq: Virtuoso 7.2 joins `?type rdfs:subClassOf* fx:Event` with later
    # patterns wrongly (1 row where Oxigraph finds 54); see README, Remote stores.
    for name in ("statistics", "entities", "agreements", "citations", "conflicts"):
        query = ROOT / "queries" / f"{name}.rq"
        local = runner.invoke(main, ["query", "--file", str(query), "--format", "json", "--out", str(out)])
        remote = runner.invoke(main, ["query", "--file", str(query), "--format", "json", "--store-url", remote_url])
        assert local.exit_code == remote.exit_code == 0, remote.output
        assert bindings(remote.stdout_bytes) == bindings(local.stdout_bytes), name
        assert name not in ("statistics", "entities") or bindings(local.stdout_bytes)  # compared on real rows
    table = runner.invoke(main, ["query", "ASK { ?s ?p ?o }", "--store-url", remote_url])
    assert (table.exit_code, table.output) == (0, "true\n")
    wrong = runner.invoke(main, ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "ttl", "--store-url", remote_url])
    assert wrong.exit_code == 2 and "format ttl does not fit a SELECT query" in wrong.output


def test_query_against_an_unreachable_store_is_one_line(runner: CliRunner, remote_url: str) -> None:
    scheme = remote_url.split("://")[0]
    result = runner.invoke(main, ["query", "ASK {}", "--store-url", f"{scheme}://127.0.0.1:{free_port()}"])
    assert result.exit_code == 2
    assert result.output.startswith("fentkg: error: remote store ") and "is unreachable" in result.output
    assert "Traceback" not in result.output and len(result.output.splitlines()) == 1
    bad = runner.invoke(main, ["query", "ASK {}", "--store-url", "ftp://example.org/"])
    assert bad.exit_code == 2 and "store URL 'ftp://example.org/' not understood" in bad.output


def test_serve_answers_sparql_from_the_remote_store(remote_url: str, seed_settings: Settings, tmp_path: Path) -> None:
    backend = open_backend(remote_url, tmp_path)
    push(backend, dataset(tmp_path / "marker.nq", "only-in-the-remote-store", size=1000), "marker")
    backend.close()
    server = start_server(seed_settings.out_dir, tmp_path / "serve.log", env={"FENTKG_STORE_URL": remote_url})
    try:
        sparql = server.sparql
        asked = f"SELECT DISTINCT ?v WHERE {{ <{G1}/item/7> <{EX}value> ?v }}"
        response = requests.get(sparql, params={"query": asked}, headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert response.status_code == 200, response.text
        assert json.loads(response.content)["results"]["bindings"] == [{"v": {"type": "literal", "value": "only-in-the-remote-store"}}]
        response = requests.get(sparql, params={"query": asked}, headers={"Accept": "text/csv"}, timeout=30)
        assert (response.headers["Content-Type"].split(";")[0], response.text) == ("text/csv", "v\r\nonly-in-the-remote-store\r\n")
        construct = f"CONSTRUCT {{ ?g <{EX}size> ?n }} WHERE {{ ?g <{EX}size> ?n }}"
        response = requests.post(sparql, data={"query": construct}, headers={"Accept": "text/turtle"}, timeout=30)
        assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/turtle")
        assert {t.object.value for t in ox.parse(response.content, ox.RdfFormat.TURTLE)} == {"1000"}
        refused = requests.get(sparql, params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}, timeout=30)
        assert refused.status_code == 400 and "SERVICE" in refused.text
        update = requests.post(sparql, data={"update": f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}"}, timeout=30)
        assert update.status_code in (400, 403)
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        late = requests.get(sparql, params={"query": heavy, "timeout": "1"}, headers={"X-Query-Timeout": "1"}, timeout=30)
        assert late.status_code == 503 and "deadline" in late.text
        malformed = requests.get(sparql, params={"query": "SELECT ?s WHERE { ?s"}, timeout=30)
        assert malformed.status_code == 400 and "malformed query" in malformed.text
        # The store holds version "marker", not the served release: answers are right but never cached.
        again = requests.get(sparql, params={"query": asked}, headers={"Accept": "text/csv"}, timeout=30)
        assert (again.headers["X-Cache"], again.headers["Cache-Control"]) == ("miss", "no-store")
        backend = open_backend(remote_url, tmp_path)
        push(backend, dataset(tmp_path / "served.nq", "same-version", size=10), (seed_settings.out_dir / "current").resolve().name)
        backend.close()
        first, second = (requests.get(sparql, params={"query": asked}, headers={"Accept": "text/csv"}, timeout=30) for _ in range(2))
        assert first.text == second.text == "v\r\nsame-version\r\n"
        assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("miss", "hit") and "ETag" in second.headers
    finally:
        stop_server(server)
    assert "Traceback" not in server.log_text()


def test_serve_with_the_remote_store_down_answers_503(remote_url: str, seed_settings: Settings, tmp_path: Path) -> None:
    scheme = remote_url.split("://")[0]
    down = f"{scheme}://127.0.0.1:{free_port()}"
    server = start_server(seed_settings.out_dir, tmp_path / "serve.log", env={"FENTKG_STORE_URL": down})
    try:
        response = requests.get(server.sparql, params={"query": "ASK {}"}, headers={"Accept": "application/json"}, timeout=30)
        assert response.status_code == 503
        assert "remote store" in response.json()["error"] and "unreachable" in response.json()["error"]
        assert requests.get(server.url + "/-/health", timeout=30).status_code == 200  # the server itself lives on
    finally:
        stop_server(server)
    assert os.environ.get("FENTKG_STORE_URL") is None  # the tests never leak the setting into other tests


def test_serve_get_takes_the_store_url_flag(remote_url: str, seed_settings: Settings, tmp_path: Path) -> None:
    backend = open_backend(remote_url, tmp_path)
    push(backend, dataset(tmp_path / "flag.nq", "set-by-the-flag"), "flag")
    backend.close()
    path = "/sparql?query=" + quote(f"SELECT DISTINCT ?v WHERE {{ ?s <{EX}value> ?v }}") + "&format=csv"
    done = subprocess.run([FENTKG, "serve", "--out", str(seed_settings.out_dir), "--store-url", remote_url, "--get", path],
                          capture_output=True, timeout=120, env={**os.environ, "FENTKG_HOME": str(ROOT)})
    assert (done.returncode, done.stdout) == (0, b"v\r\nset-by-the-flag\r\n"), done.stderr.decode()


def test_build_with_an_unreachable_store_keeps_the_local_build_and_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    out, sources = tmp_path / "build", tmp_path / "sources"
    sources.mkdir()
    for path in (ROOT / "data" / "sources").glob(f"{ONE_DOCUMENT}.*"):
        shutil.copy(path, sources)
    down = f"oxigraph+http://127.0.0.1:{free_port()}"
    result = runner.invoke(main, ["build", "--sources", str(sources), "--out", str(out), "--store-url", down])
    assert result.exit_code == 2
    assert "is unreachable: [Errno 111] Connection refused (the local build succeeded" in result.stderr
    assert "Traceback" not in result.output and (out / "current" / "manifest.json").exists()
    wrong = runner.invoke(main, ["build", "--sources", str(sources), "--out", str(out), "--store-url", "virtuoso+ftp://x"])
    assert wrong.exit_code == 2 and "not understood" in wrong.stderr and "extract" not in wrong.stderr  # before building
