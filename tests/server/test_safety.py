"""Safe on the internet (issue 4): no request forgery, real deadlines, bounded sizes, writes behind a token."""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from .conftest import TOKEN, Server

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 34k³ rows: never finishes
NO_CACHE = {"Cache-Control": "no-cache"}


class Listener:
    """A loopback socket that records every connection made to it: a fetch by the server would show here."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.received.append(conn.recv(4096) or b"(connected)")
                except OSError:
                    self.received.append(b"(connected)")

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.close()


def test_the_listener_sees_what_oxigraph_would_fetch(listener: Listener) -> None:
    """The control: pyoxigraph itself follows SERVICE to any address, so the guard is what protects us."""
    with pytest.raises(OSError):
        list(ox.Store().query(f"SELECT * {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"))
    time.sleep(0.3)
    assert listener.received and listener.received[0].startswith(b"POST /sparql")


def test_no_request_forgery(live_server: Server, listener: Listener) -> None:
    target = f"http://127.0.0.1:{listener.port}"
    refused = [
        f"SELECT * WHERE {{ SERVICE <{target}/sparql> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{target}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{target}/sparql> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{target}/>\nSELECT * WHERE {{ # a comment }}\n SERVICE x:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{target}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{target}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"BASE <{target}/> SELECT * FROM <data.ttl> WHERE {{ ?s ?p ?o }}",
    ]
    for query in refused:
        for response in (requests.get(live_server.sparql, params={"query": query}, timeout=30),
                         requests.post(live_server.sparql, data=query.encode(), timeout=30,
                                       headers={"Content-Type": "application/sparql-query"})):
            assert response.status_code == 400, (query, response.text)
            assert "never" in response.json()["error"]
    load = requests.post(live_server.sparql, data={"update": f"LOAD <{target}/data.ttl>"}, timeout=30)
    assert load.status_code == 403
    # graphs named by the protocol and IRIs in the query are names in this store, never fetched
    for params in ({"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"{target}/g"},
                   {"query": f"DESCRIBE <{target}/thing>"}):
        assert requests.get(live_server.sparql, params=params, timeout=30).status_code == 200
    time.sleep(0.5)
    assert listener.received == []


def test_load_is_refused_even_with_the_token(limits_server: Server, listener: Listener) -> None:
    response = requests.post(limits_server.url + "/sparql/update", data={"update": f"LOAD <http://127.0.0.1:{listener.port}/x.ttl>"},
                             headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert response.status_code == 400 and "LOAD" in response.json()["error"]
    time.sleep(0.5)
    assert listener.received == []


def _cpu_seconds(server: Server) -> float:
    """CPU time used so far by the live processes of the server's process group (master, workers, queries)."""
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == server.proc.pid:  # field 5 of stat: the process group
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / os.sysconf("SC_CLK_TCK")


def test_deadline_stops_the_work_while_others_are_served(limits_server: Server) -> None:
    outcome: dict[str, object] = {}

    def pathological() -> None:
        started = time.monotonic()
        response = requests.post(limits_server.sparql, data={"query": CROSS_PRODUCT}, headers=NO_CACHE, timeout=60)
        outcome.update(response=response, seconds=time.monotonic() - started, done=time.monotonic())

    thread = threading.Thread(target=pathological)
    thread.start()
    time.sleep(0.5)
    answered = []
    for i in range(20):  # normal queries go on while the cross product runs
        started = time.monotonic()
        response = requests.get(limits_server.sparql, params={"query": f"ASK {{ ?s ?p {i} }}"}, headers=NO_CACHE, timeout=30)
        assert response.status_code == 200
        answered.append((time.monotonic() - started, time.monotonic()))
    thread.join()
    slow = outcome["response"]
    assert isinstance(slow, requests.Response) and slow.status_code == 503
    assert "deadline of 3 s" in slow.json()["error"]
    assert 2.9 < float(outcome["seconds"]) < 8  # type: ignore[arg-type]
    assert max(seconds for seconds, _ in answered) < 1.5
    assert max(when for _, when in answered) < float(outcome["done"])  # type: ignore[arg-type]
    before = _cpu_seconds(limits_server)  # the killed query burns no more CPU
    time.sleep(1.5)
    assert _cpu_seconds(limits_server) - before < 0.5


@pytest.mark.parametrize("how,expected", [
    ({"params": {"timeout": "0.5"}}, "deadline of 0.5 s"),
    ({"headers": {"X-Query-Timeout": "1"}}, "deadline of 1 s"),
    ({"params": {"timeout": "100"}}, "deadline of 3 s"),  # never more than the server's
])
def test_client_may_ask_for_a_shorter_deadline(limits_server: Server, how: dict[str, dict[str, str]], expected: str) -> None:
    response = requests.get(limits_server.sparql, params={"query": CROSS_PRODUCT, **how.get("params", {})},
                            headers={**NO_CACHE, **how.get("headers", {})}, timeout=60)
    assert response.status_code == 503 and expected in response.json()["error"]


def test_a_bad_timeout_is_400(limits_server: Server) -> None:
    response = requests.get(limits_server.sparql, params={"query": "ASK {}", "timeout": "soon"}, timeout=30)
    assert response.status_code == 400 and "timeout" in response.json()["error"]


def test_result_cap_is_announced(limits_server: Server) -> None:
    capped = requests.get(limits_server.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"}, headers=NO_CACHE, timeout=30)
    assert capped.headers["X-Result-Truncated"] == "true" and capped.headers["X-Result-Limit"] == "5"
    assert len(capped.json()["results"]["bindings"]) == 5
    csv = requests.get(limits_server.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"},
                       headers={**NO_CACHE, "Accept": "text/csv"}, timeout=30)
    assert csv.headers["X-Result-Truncated"] == "true" and len(csv.text.strip().splitlines()) == 6
    graph = requests.get(limits_server.sparql, params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 50"},
                         headers={**NO_CACHE, "Accept": "application/n-triples"}, timeout=30)
    assert graph.headers["X-Result-Truncated"] == "true" and len(graph.text.strip().splitlines()) == 5
    small = requests.get(limits_server.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"}, headers=NO_CACHE, timeout=30)
    assert "X-Result-Truncated" not in small.headers and len(small.json()["results"]["bindings"]) == 3


def test_request_size_is_bounded(limits_server: Server) -> None:
    big = "ASK {}" + " " * 7000
    direct = requests.post(limits_server.sparql, data=big.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert direct.status_code == 413 and direct.json()["status"] == 413
    form = requests.post(limits_server.sparql, data={"query": big}, timeout=30)
    assert form.status_code == 413
    url = requests.get(limits_server.sparql, params={"query": big}, timeout=30)
    assert url.status_code == 414 and "POST" in url.json()["error"]


def test_writes_are_off_by_default(live_server: Server) -> None:
    for method, path in (("POST", "/sparql/update"), ("PUT", "/sparql/graph?graph=http://example.org/g")):
        response = requests.request(method, live_server.url + path, data=b"CLEAR ALL", timeout=30,
                                    headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer guess"})
        assert response.status_code == 403 and "FENTKG_UPDATE_TOKEN" in response.json()["error"]


def test_writes_need_the_token(limits_server: Server) -> None:
    update = {"update": "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 1 } }"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        response = requests.post(limits_server.url + "/sparql/update", data=update, headers=headers, timeout=30)
        assert response.status_code == 401 and response.headers["WWW-Authenticate"].lower().startswith("bearer")
        assert "Access-Control-Allow-Origin" not in response.headers  # writes are not a read route
    on_query_route = requests.post(limits_server.sparql, data=update, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert on_query_route.status_code == 403 and "/sparql/update" in on_query_route.json()["error"]


def test_a_write_swaps_the_release_and_invalidates_the_cache(limits_server: Server) -> None:
    ask = {"query": "ASK { <http://example.org/new> ?p ?o }"}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = requests.get(limits_server.sparql, params=ask, timeout=30)
    again = requests.get(limits_server.sparql, params=ask, timeout=30)
    assert before.json()["boolean"] is False and again.headers["X-Cache"] == "hit"
    release = requests.get(limits_server.url + "/-/health", timeout=30).json()["release"]
    done = requests.post(limits_server.url + "/sparql/update", headers=auth, timeout=30, data={
        "update": "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/new> <http://example.org/p> 1 } }"})
    assert done.status_code == 204
    after = requests.get(limits_server.sparql, params=ask, timeout=30)
    assert after.json()["boolean"] is True and after.headers["X-Cache"] == "miss"
    assert after.headers["ETag"] != before.headers["ETag"]
    assert requests.get(limits_server.url + "/-/health", timeout=30).json()["release"] != release
    # Graph Store Protocol: PUT replaces a graph, DELETE removes it
    graph = limits_server.url + "/sparql/graph?graph=http://example.org/g2"
    put = requests.put(graph, data=b"<http://example.org/x> <http://example.org/p> 1, 2 .", timeout=30,
                       headers={**auth, "Content-Type": "text/turtle"})
    assert put.status_code == 204
    count = {"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/g2> { ?s ?p ?o } }", "format": "csv"}
    assert requests.get(limits_server.sparql, params=count, timeout=30).text.split() == ["n", "2"]
    assert requests.delete(graph, headers=auth, timeout=30).status_code == 204
    assert requests.get(limits_server.sparql, params=count, timeout=30).text.split() == ["n", "0"]
    assert requests.delete(graph, headers=auth, timeout=30).status_code == 404
    assert TOKEN not in limits_server.log_text()  # the token is never logged
