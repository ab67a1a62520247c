"""The store contract (issue 7): the same tests, run against the embedded store, `oxigraph serve` and Virtuoso."""
from __future__ import annotations

import csv
import io
import json
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from fentkg.backends import DeadlineExceeded, StoreBackend, StoreUnreachable, open_backend, push
from fentkg.backends import remote as remote_module
from fentkg.errors import QueryError, StoreError

from server.conftest import free_port

EX = "https://example.org/"
G1, G2 = f"{EX}graph/one", f"{EX}graph/two"
VALUES = "SELECT ?s ?v WHERE { ?s <https://example.org/value> ?v } ORDER BY ?s"


def dataset(path: Path, tag: str, size: int = 3, graphs: tuple[str, ...] = (G1, G2)) -> Path:
    """`size` resources per graph, each with the value `tag`, plus typed, language-tagged and non-ASCII literals."""
    lines = []
    for graph in graphs:
        for i in range(size):
            s = f"<{graph}/item/{i}>"
            lines.append(f'{s} <{EX}value> "{tag}" <{graph}> .')
        lines.append(f'<{graph}> <{EX}label> "Fentanyl “précurseurs” — {tag}"@fr <{graph}> .')
        lines.append(f'<{graph}> <{EX}size> "{size}"^^<http://www.w3.org/2001/XMLSchema#integer> <{graph}> .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def select(backend: StoreBackend, sparql: str, timeout: float = 30) -> list[dict[str, str]]:
    answer = backend.query(sparql, timeout=timeout, results_format=ox.QueryResultsFormat.JSON, graph_format=ox.RdfFormat.TURTLE)
    data = json.loads(answer.body)
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def tally(backend: StoreBackend) -> dict[str, int]:
    rows = select(backend, "SELECT ?v (COUNT(*) AS ?n) WHERE { ?s <https://example.org/value> ?v } GROUP BY ?v")
    return {row["v"]: int(row["n"]) for row in rows}


def test_push_then_query_in_every_format(backend: StoreBackend, tmp_path: Path) -> None:
    loaded, _ = push(backend, dataset(tmp_path / "v1.nq", "v1"), "v1")
    assert loaded == 10
    assert backend.version() == "v1"
    assert backend.graphs() == [G1, G2]
    assert backend.count() == 10
    assert tally(backend) == {"v1": 6}
    rows = select(backend, f"SELECT ?g ?label WHERE {{ GRAPH ?g {{ ?g <{EX}label> ?label }} }} ORDER BY ?g")
    assert rows == [{"g": G1, "label": "Fentanyl “précurseurs” — v1"}, {"g": G2, "label": "Fentanyl “précurseurs” — v1"}]
    for fmt in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.TSV):
        answer = backend.query(VALUES, timeout=30, results_format=fmt, graph_format=ox.RdfFormat.TURTLE)
        assert (answer.kind, answer.format, answer.version) == ("solutions", fmt, "v1")
        solutions = ox.parse_query_results(answer.body, fmt)
        assert [(r["s"].value, r["v"].value) for r in solutions] == [(f"{g}/item/{i}", "v1") for g in (G1, G2) for i in range(3)]
    answer = backend.query(VALUES, timeout=30, results_format=ox.QueryResultsFormat.CSV, graph_format=ox.RdfFormat.TURTLE)
    assert list(csv.reader(io.StringIO(answer.body.decode("utf-8"))))[1:3] == [[f"{G1}/item/0", "v1"], [f"{G1}/item/1", "v1"]]
    answer = backend.query(f"ASK {{ <{G2}> <{EX}size> 3 }}", timeout=30, results_format=ox.QueryResultsFormat.XML,
                           graph_format=ox.RdfFormat.TURTLE)
    assert answer.kind == "boolean" and bool(ox.parse_query_results(answer.body, ox.QueryResultsFormat.XML))
    construct = f"CONSTRUCT {{ ?g <{EX}label> ?l }} WHERE {{ ?g <{EX}label> ?l }}"
    for rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD):
        answer = backend.query(construct, timeout=30, results_format=ox.QueryResultsFormat.JSON, graph_format=rdf)
        assert (answer.kind, answer.format) == ("graph", rdf)
        triples = {(t.subject.value, t.object.value, t.object.language) for t in ox.parse(answer.body, rdf)}
        assert triples == {(g, "Fentanyl “précurseurs” — v1", "fr") for g in (G1, G2)}


def test_protocol_dataset_and_from_name_graphs(backend: StoreBackend, tmp_path: Path) -> None:
    push(backend, dataset(tmp_path / "v1.nq", "v1"), "v1")
    rows = select(backend, f"SELECT (COUNT(*) AS ?n) FROM <{G1}> WHERE {{ ?s <{EX}value> ?v }}")
    assert rows == [{"n": "3"}]
    answer = backend.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=30, results_format=ox.QueryResultsFormat.JSON,
                           graph_format=ox.RdfFormat.TURTLE, default_graphs=[G2])
    assert json.loads(answer.body)["results"]["bindings"][0]["n"]["value"] == "5"


def test_staged_version_is_invisible_until_switch(backend: StoreBackend, tmp_path: Path) -> None:
    push(backend, dataset(tmp_path / "v1.nq", "v1"), "v1")
    assert backend.stage(dataset(tmp_path / "v2.nq", "v2", size=5, graphs=(G1,)), "v2") == 7
    assert (backend.version(), backend.graphs(), backend.count(), tally(backend)) == ("v1", [G1, G2], 10, {"v1": 6})
    assert select(backend, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == [{"n": "2"}]
    backend.switch("v2")
    assert (backend.version(), backend.graphs(), backend.count(), tally(backend)) == ("v2", [G1], 7, {"v2": 5})


def test_failed_push_keeps_the_live_graph(backend: StoreBackend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    push(backend, dataset(tmp_path / "v1.nq", "v1"), "v1")
    broken = dataset(tmp_path / "v2.nq", "v2", size=20)
    with broken.open("a", encoding="utf-8") as fh:  # the error comes last, after part of the graph went up
        fh.write("<https://example.org/s> <https://example.org/p> \"unterminated .\n")
    monkeypatch.setattr(remote_module, "CHUNK", 4)
    with pytest.raises(StoreError, match="push of version v2 failed, version v1 is still live"):
        push(backend, broken, "v2")
    assert (backend.version(), backend.count(), tally(backend)) == ("v1", 10, {"v1": 6})
    push(backend, dataset(tmp_path / "v3.nq", "v3"), "v3")  # and the next push works
    assert tally(backend) == {"v3": 6}


def test_reader_during_push_sees_old_or_new_never_a_mix(backend: StoreBackend, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    push(backend, dataset(tmp_path / "v1.nq", "v1", size=2000), "v1")
    monkeypatch.setattr(remote_module, "CHUNK", 200)  # many requests: a long push to read during
    new = dataset(tmp_path / "v2.nq", "v2", size=3000)
    errors: list[BaseException] = []

    def pusher() -> None:
        try:
            push(open_backend_like(backend, tmp_path), new, "v2")
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)

    thread = threading.Thread(target=pusher)
    thread.start()
    seen = []
    while thread.is_alive() or not seen:
        seen.append(tally(backend))
    thread.join()
    assert not errors, errors
    seen.append(tally(backend))
    complete = ({"v1": 4000}, {"v2": 6000})  # never a mix, never a part, never the staging graphs too
    assert all(view in complete for view in seen), [view for view in seen if view not in complete]
    # A remote push (200-triple chunks) always spans several reads; the embedded one can finish between two.
    overlapping = 1 if getattr(backend, "url", None) else 0
    assert seen[0] == complete[0] and seen[-1] == complete[1] and len(seen) >= 2 + overlapping


def open_backend_like(backend: StoreBackend, tmp_path: Path) -> StoreBackend:
    """A second connection to the same store (the pusher runs in its own thread)."""
    return open_backend(getattr(backend, "url", None), tmp_path / "build")


def test_deadline_is_honoured(backend: StoreBackend, tmp_path: Path) -> None:
    push(backend, dataset(tmp_path / "v1.nq", "v1", size=1000), "v1")
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded, match="deadline of 1 s"):
        backend.query(heavy, timeout=1, results_format=ox.QueryResultsFormat.JSON, graph_format=ox.RdfFormat.TURTLE)
    assert time.monotonic() - started < 4
    assert tally(backend) == {"v1": 2000}  # and the store still answers


def test_bad_queries_are_clear_errors(backend: StoreBackend, tmp_path: Path) -> None:
    push(backend, dataset(tmp_path / "v1.nq", "v1"), "v1")
    with pytest.raises(QueryError, match="malformed query"):
        select(backend, "SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="SERVICE"):
        select(backend, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryError):
        select(backend, f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}")
    assert tally(backend) == {"v1": 6}


def test_a_store_that_is_not_there_is_a_clear_error(store_url: str | None, tmp_path: Path) -> None:
    if store_url is None:
        missing, expected = open_backend(None, tmp_path / "nothing-built"), "no built graph"
    else:
        scheme = store_url.split("://")[0]
        missing, expected = open_backend(f"{scheme}://127.0.0.1:{free_port()}", tmp_path), "is unreachable: .*refused"
    with pytest.raises(StoreError, match=expected) as caught:
        select(missing, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert store_url is None or isinstance(caught.value, StoreUnreachable)
    assert "dba" not in str(caught.value)  # credentials never in messages
