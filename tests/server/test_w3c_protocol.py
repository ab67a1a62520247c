"""The W3C SPARQL 1.1 Protocol test suite, read from its manifest, against a real `fentkg serve` (issue 4).

Every test of `../shared/w3c-sparql11-protocol/manifest.ttl` runs as the manifest describes it: its requests
in order, with their method, path, headers and body (in the stated character encoding), and the response
checked for the status class, the format (boolean / tabular / RDF) and the boolean.

Update tests run twice, because updates are off by default:
- against the default, read-only server (`w3c_server`): every update request must be refused with 4xx — the
  documented 403 with its explanation where the manifest expects success — and the follow-up queries must
  show that nothing changed (their ASK is false);
- against a server with writes enabled (`w3c_write_server`), sending updates to /sparql/update with the
  bearer token: exactly as the manifest says, follow-up queries included.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
import rdflib
import requests
from rdflib.collection import Collection

from .conftest import TOKEN, W3C, Server

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
HTS = rdflib.Namespace("http://www.w3.org/2011/http-statusCodes#")
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld", "text/plain": "nt"}


@dataclass(frozen=True)
class Step:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[int]  # status classes: 2, 3, 4
    format: str | None
    boolean: bool | None


def _steps(g: rdflib.Graph, test: rdflib.term.Node) -> list[Step]:
    steps = []
    for req in Collection(g, g.value(g.value(test, MF.action), HT.requests)):
        headers = {}
        if (hlist := g.value(req, HT.headers)) is not None:
            headers = {str(g.value(h, HT.fieldName)): str(g.value(h, HT.fieldValue)) for h in Collection(g, hlist)}
        body = None
        if (b := g.value(req, HT.body)) is not None:
            body = str(g.value(b, CNT.chars)).encode(str(g.value(b, CNT.characterEncoding) or "UTF-8"))
        resp = g.value(req, HT.resp)
        statuses = frozenset(int(str(s).removeprefix(str(HTS)).removeprefix("StatusCode")[0]) for s in g.objects(resp, MF.expectedStatus))
        fmt, boolean = g.value(resp, MF.expectedFormat), g.value(resp, MF.expectedBoolean)
        steps.append(Step(str(g.value(req, HT.methodName)), str(g.value(req, HT.absolutePath)), headers, body,
                          statuses, str(fmt) if fmt else None, boolean.toPython() if boolean is not None else None))
    return steps


def _manifest() -> list[tuple[str, list[Step]]]:
    path = W3C / "manifest.ttl"
    g = rdflib.Graph().parse(path, publicID=path.as_uri())
    entries = Collection(g, g.value(rdflib.URIRef(path.as_uri()), MF.entries))
    return [(str(test).rsplit("#", 1)[1], _steps(g, test)) for test in entries]


TESTS = _manifest()
QUERY_TESTS = [(name, steps) for name, steps in TESTS if "update" not in name]
UPDATE_TESTS = [(name, steps) for name, steps in TESTS if "update" in name]


def _send(base: str, route: str, step: Step, extra: dict[str, str] | None = None) -> requests.Response:
    assert step.path.startswith("/sparql/")
    url = base + route + step.path.removeprefix("/sparql/")
    return requests.request(step.method, url, headers={**step.headers, **(extra or {})}, data=step.body, timeout=30)


def _check(step: Step, response: requests.Response) -> None:
    assert response.status_code // 100 in step.statuses, (response.status_code, response.text[:300])
    ctype = response.headers.get("Content-Type", "").split(";")[0].strip()
    if step.format == "boolean":
        assert _boolean(ctype, response.content) is step.boolean if step.boolean is not None else True
    elif step.format == "tabular":
        assert ctype in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values")
        assert _rows(ctype, response.content) == [{"value": "1"}]
    elif step.format == "RDF":
        assert ctype in RDF_TYPES, ctype
        rdflib.Graph().parse(data=response.content, format=RDF_TYPES[ctype])  # parses: it is RDF


def _boolean(ctype: str, body: bytes) -> bool:
    if ctype == "application/sparql-results+json":
        return bool(json.loads(body)["boolean"])
    assert ctype == "application/sparql-results+xml", ctype
    node = ElementTree.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert node is not None
    return node.text == "true"


def _rows(ctype: str, body: bytes) -> list[dict[str, str]]:
    if ctype == "application/sparql-results+json":
        return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]
    if ctype == "text/csv":
        return list(csv.DictReader(io.StringIO(body.decode())))
    if ctype == "text/tab-separated-values":
        rows = list(csv.DictReader(io.StringIO(body.decode()), delimiter="\t"))
        return [{k.lstrip("?"): v.split("^^")[0].strip('"') for k, v in r.items()} for r in rows]
    ns = "{http://www.w3.org/2005/sparql-results#}"
    return [{b.get("name"): "".join(b.itertext()) for b in r.iter(ns + "binding")}
            for r in ElementTree.fromstring(body).iter(ns + "result")]


@pytest.mark.parametrize("name,steps", QUERY_TESTS, ids=[n for n, _ in QUERY_TESTS])
def test_query(w3c_server: Server, name: str, steps: list[Step]) -> None:
    for step in steps:
        _check(step, _send(w3c_server.url, "/sparql", step))


@pytest.mark.parametrize("name,steps", UPDATE_TESTS, ids=[n for n, _ in UPDATE_TESTS])
def test_update_refused_when_read_only(w3c_server: Server, name: str, steps: list[Step]) -> None:
    first, *follow_ups = steps
    response = _send(w3c_server.url, "/sparql", first)
    assert 400 <= response.status_code < 500, response.text
    if 2 in first.statuses:  # the manifest expects success: we give the documented refusal instead
        assert response.status_code == 403
        assert "FENTKG_UPDATE_TOKEN" in response.json()["error"]
    for step in follow_ups:  # nothing changed: what the update would have made true is still false
        _check(Step(**{**step.__dict__, "boolean": False}), _send(w3c_server.url, "/sparql", step))


@pytest.mark.parametrize("name,steps", UPDATE_TESTS, ids=[n for n, _ in UPDATE_TESTS])
def test_update_when_enabled(w3c_write_server: Server, name: str, steps: list[Step]) -> None:
    first, *follow_ups = steps
    _check(first, _send(w3c_write_server.url, "/sparql/update", first, {"Authorization": f"Bearer {TOKEN}"}))
    for step in follow_ups:
        _check(step, _send(w3c_write_server.url, "/sparql", step))


def test_manifest_is_complete() -> None:
    """All 34 tests of the manifest are collected: 20 query-side, 14 update-side."""
    assert (len(QUERY_TESTS), len(UPDATE_TESTS)) == (20, 14)
    assert Path(W3C / "data1.nt").is_file()
