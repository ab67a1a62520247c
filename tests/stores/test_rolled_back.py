"""A request the store rolled back as a deadlock victim (SQLSTATE 40001) is sent again, within its deadline.

Virtuoso under serializable isolation answers such a collision of a read and a switch with HTTP 500 and
"40001 Error SR172: Transaction deadlocked" (seen once in CI). A real HTTP server on loopback plays it.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from fentkg.backends.remote import RemoteBackend, RolledBack

DEADLOCK = b"Virtuoso 40001 Error SR172: Transaction deadlocked"
ANSWER = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "1"}}]}}).encode()


def serve(failures: int):
    """A SPARQL endpoint that answers the first `failures` requests with the deadlock error."""
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append(self.path)
            status, body, kind = ((500, DEADLOCK, "text/plain") if len(seen) <= failures
                                  else (200, ANSWER, "application/sparql-results+json"))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, seen


@pytest.mark.parametrize("failures", [1, 3])
def test_a_rolled_back_request_is_sent_again(failures: int) -> None:
    server, seen = serve(failures)
    try:
        backend = RemoteBackend(f"http://127.0.0.1:{server.server_address[1]}/sparql")
        response = backend._send(backend.ep.query, [("query", "SELECT ?x {}")], {}, None, 5.0)
        response.close()
        backend.close()
        assert response.status_code == 200 and len(seen) == failures + 1
    finally:
        server.shutdown()
        server.server_close()


def test_retries_stop_and_say_why() -> None:
    server, seen = serve(100)
    try:
        backend = RemoteBackend(f"http://127.0.0.1:{server.server_address[1]}/sparql")
        with pytest.raises(RolledBack, match="deadlock victim"):
            backend._send(backend.ep.query, [("query", "SELECT ?x {}")], {}, None, 5.0)
        backend.close()
        assert len(seen) == 5  # the first request and 4 retries
    finally:
        server.shutdown()
        server.server_close()
