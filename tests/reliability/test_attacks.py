"""Attacks on the HTTP surface (issue 6): the request-forgery matrix, path traversal, header injection,
oversized headers, and the write token (never logged, compared in constant time).

The forgery matrix extends tests/server/test_safety.py (which covers SERVICE/FROM to one loopback URL):
every way to name a URL × every kind of address, with a listener and a redirector on loopback that must
receive nothing.
"""
from __future__ import annotations

import inspect
import socket
import time
from collections.abc import Iterator

import pytest
import requests

from fentkg.server import writes
from server.conftest import TOKEN, Server
from server.test_safety import Listener


class Redirector(Listener):
    """A listener that answers every request with a redirect to another address (it must not be asked either)."""

    def __init__(self, target: str) -> None:
        self.target = target
        super().__init__()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                self.received.append(b"(connected)")
                conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: {self.target}\r\nContent-Length: 0\r\n\r\n".encode())


@pytest.fixture
def traps() -> Iterator[tuple[Listener, Redirector]]:
    listener = Listener()
    redirector = Redirector(f"http://127.0.0.1:{listener.port}/data.ttl")
    yield listener, redirector
    redirector.close()
    listener.close()


def addresses(port: int, redirect_port: int) -> list[str]:
    """One URL per kind of address a forged request could aim at."""
    return [f"http://127.0.0.1:{port}/sparql", f"https://127.0.0.1:{port}/sparql", f"http://localhost:{port}/x",
            f"http://127.1:{port}/x", f"http://2130706433:{port}/x", f"http://0x7f000001:{port}/x",
            f"http://127.0.0.1:{redirect_port}/redirect", "http://169.254.169.254/latest/meta-data/",
            "http://[fe80::1]/x", "http://[::1]/x", "file:///etc/passwd", "file://localhost/etc/passwd"]


def test_request_forgery_matrix(rel_server: Server, token_server: Server, traps: tuple[Listener, Redirector]) -> None:
    listener, redirector = traps
    tried = 0
    for url in addresses(listener.port, redirector.port):
        refused = [f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                   f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
                   f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                   f"CONSTRUCT {{ ?s ?p ?o }} FROM <{url}> WHERE {{ ?s ?p ?o }}",
                   f"ASK FROM <{url}> FROM NAMED <{url}> {{ }}"]
        for query in refused:
            for response in (requests.get(rel_server.sparql, params={"query": query}, timeout=30),
                             requests.post(rel_server.sparql, data={"query": query}, timeout=30)):
                assert response.status_code == 400, (query, response.status_code, response.text)
                tried += 1
        for param in ("default-graph-uri", "named-graph-uri"):  # names of local graphs: never fetched
            response = requests.get(rel_server.sparql, params={"query": "ASK { ?s ?p ?o }", param: url}, timeout=30)
            assert response.status_code in (200, 400), response.text
            tried += 1
        load = requests.post(rel_server.sparql, data={"update": f"LOAD <{url}>"}, timeout=30)
        assert load.status_code == 403
        for update in (f"LOAD <{url}>", f"LOAD SILENT <{url}> INTO GRAPH <http://example.org/g>",
                       f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"):
            response = requests.post(token_server.url + "/sparql/update", data={"update": update}, timeout=30,
                                     headers={"Authorization": f"Bearer {TOKEN}"})
            assert response.status_code == 400, (update, response.text)
        graph_store = requests.put(token_server.url + "/sparql/graph", params={"graph": url}, timeout=30,
                                   data=f"<{url}> <http://example.org/p> 1 .".encode(),
                                   headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"})
        assert graph_store.status_code in (204, 400), graph_store.text  # a graph name, stored; never fetched
        tried += 6
    time.sleep(0.5)
    assert listener.received == [] and redirector.received == []
    assert tried >= 12 * 18


def raw(server: Server, request: bytes) -> bytes:
    """Send bytes as they are (no client-side normalisation of paths or headers); the whole answer."""
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def get(server: Server, path: str, headers: str = "") -> tuple[int, bytes, bytes]:
    answer = raw(server, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{headers}\r\n".encode("latin-1"))
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), head, body


@pytest.mark.parametrize("path", [
    "/id/../../../../etc/passwd", "/id/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/id/%2e%2e/%2e%2e/manifest.json",
    "/dump/../manifest.json", "/dump/..%2Fmanifest.json", "/dump/%2e%2e%2fmanifest.json", "/dump/..%5cmanifest.json",
    "/dump/fentkg.nq%00.csv", "/dump/fentkg.nq/../../manifest.json", "/dump/%2Fetc%2Fpasswd",
    "/static/../../store.py", "/static/..%2f..%2fstore.py", "/static/%2e%2e/%2e%2e/settings.py",
    "/static/..%252f..%252fsettings.py", "/static//etc/passwd", "/static/%2Fetc%2Fpasswd",
    "/vocab/..%2F..%2Fontology", "/ontology.%2e%2e", "//etc/passwd", "/..%2f..%2fetc/passwd",
])
def test_no_path_traversal(rel_server: Server, path: str) -> None:
    status, _, body = get(rel_server, path)
    assert status in (301, 308, 400, 404), (path, status, body[:200])
    for secret in (b"root:x:0", b"fentkg_version", b"import ", b"build_seconds"):
        assert secret not in body, (path, secret)


@pytest.mark.parametrize("path", [
    "/id/x%0d%0aSet-Cookie:%20injected=1", "/id/org-sinaloa-cartel%0d%0aX-Injected:%201",
    "/dump/fentkg.nq%0d%0aX-Injected:%201", "/sparql?query=ASK%7B%7D&format=json%0d%0aX-Injected:%201",
    "/search?q=%0d%0aX-Injected:%201", "/ontology.ttl%0d%0aX-Injected:%201",
    "/sparql?query=ASK%7B%7D&timeout=1%0d%0aX-Injected:%201",
])
def test_no_header_injection(rel_server: Server, path: str) -> None:
    status, head, _ = get(rel_server, path)
    assert status < 500, (path, status)
    lines = [line.lower() for line in head.split(b"\r\n")[1:]]
    assert not any(line.startswith((b"x-injected", b"set-cookie")) for line in lines), head


@pytest.mark.parametrize("headers", [
    "X-Big: " + "a" * 100_000 + "\r\n",  # one huge header
    "".join(f"X-H{i}: {i}\r\n" for i in range(500)),  # very many headers
    "Accept: " + ",".join(f"type/sub{i};q=0.{i % 10}" for i in range(1500)) + "\r\n",  # a huge Accept
    "X-Query-Timeout: " + "9" * 5000 + "\r\n",
    "Cookie: " + "c=" * 4000 + "\r\n",
])
def test_oversized_headers_are_refused_cleanly(rel_server: Server, headers: str) -> None:
    status, _, body = get(rel_server, "/sparql?query=ASK%7B%7D", headers)
    assert 400 <= status < 500 or status == 200, (status, body[:200])
    assert status == 200 or body.strip(), "a refusal says why"
    assert requests.get(rel_server.url + "/-/health", timeout=30).status_code == 200


def test_the_token_is_compared_in_constant_time() -> None:
    source = inspect.getsource(writes._authorize)
    assert "hmac.compare_digest(" in source and "== token" not in source and "token ==" not in source


def test_no_token_is_ever_logged(token_server: Server) -> None:
    wrong = "guess-" + "q" * 20
    update = {"update": "INSERT DATA { GRAPH <http://example.org/t> { <http://example.org/a> <http://example.org/b> 1 } }"}
    for auth in (f"Bearer {wrong}", f"Basic {wrong}", wrong, f"Bearer {TOKEN}x", f"bearer {TOKEN}", f"Bearer {TOKEN}"):
        response = requests.post(token_server.url + "/sparql/update", data=update, headers={"Authorization": auth}, timeout=30)
        assert response.status_code in (204, 401), (auth, response.status_code)
        assert (response.status_code == 204) == (auth.lower() == f"bearer {TOKEN}".lower())
        assert TOKEN not in response.text and wrong not in response.text
    bad = requests.post(token_server.url + "/sparql/update", data={"update": "INSERT DATA {"},
                        headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert bad.status_code == 400
    gsp = requests.delete(token_server.url + "/sparql/graph", params={"graph": "http://example.org/none"},
                          headers={"Authorization": f"Bearer {wrong}"}, timeout=30)
    assert gsp.status_code == 401
    time.sleep(0.5)  # gunicorn writes its access log line after the answer
    log = token_server.log_text()
    assert "/sparql/update" in log  # the requests are in the log …
    assert TOKEN not in log and wrong not in log  # … their tokens are not
