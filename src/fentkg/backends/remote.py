"""A remote SPARQL 1.1 store as a backend: SPARQL 1.1 Protocol for queries, Graph Store Protocol (or SPARQL
Update) for loads, and a pointer graph for the switch (issue 7).

How a version goes live without ever showing a half-loaded graph:

    1. stage   every graph <g> of the dataset is uploaded into  <urn:fentkg:staging:VERSION:quoted(g)>,
               in chunks; when all are in, one INSERT DATA records the version as complete in the pointer
               graph <urn:fentkg:store>
    2. switch  ONE SPARQL Update request, which Oxigraph and Virtuoso each run as one transaction:
               MOVE every staging graph onto its <g>, DROP the live graphs the new version lacks, and
               rewrite the pointer: <urn:fentkg:store> dct:identifier VERSION ; dct:hasPart <g> …
    3. read    every query names its dataset explicitly: default-graph-uri and named-graph-uri = the live
               graphs read from the pointer graph. Staging graphs, the pointer graph and the store's own
               graphs (Virtuoso's union default graph holds its system graphs) are never in a reader's view.

A failed stage leaves the live graphs and the pointer untouched; `drop` removes the staging graphs.

Isolation: Oxigraph reads from a snapshot, so a query sees a switch entirely or not at all. Virtuoso 7 commits
the switch as one transaction too, but by default (read committed) reads each row as last committed, with no
snapshot across rows: a query scanning at the instant of the commit could combine rows from both sides (the
contract test saw it once in CI). With `DefaultIsolation = 8` (serializable) in virtuoso.ini, as the test
fixture and the README set it, a read waits for the switch instead, or one of the two is rolled back as a
deadlock victim (SQLSTATE 40001), which `_send` sends again (seen once in CI). The pointer graph is read
again when it looks empty (`_state`).
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import requests

from ..errors import QueryError, StoreError
from ..server.guard import Refused, inspect_query
from . import Answer, DeadlineExceeded, NothingLive, StoreUnreachable
from .endpoints import endpoints

STATE = "urn:fentkg:store"
STAGING = "urn:fentkg:staging:"
DCT = "http://purl.org/dc/terms/"
CHUNK = 50_000  # triples per upload request: bounded memory, and requests a store accepts
CONNECT_S = 5.0
ADMIN_S = 600.0  # deadline of loads and switches: a big graph takes minutes to move
POINTER_READS = 3  # reads of the pointer graph before "no version" is believed (see _state)
DEADLOCK_RETRIES = (0.05, 0.1, 0.2, 0.4)  # pauses (s) before sending a request the store rolled back again


def staging_graph(version: str, graph: str) -> str:
    return f"{STAGING}{quote(version, safe='')}:{quote(graph, safe='')}"


class RemoteBackend:
    """A SPARQL 1.1 store reached over HTTP, holding fentkg versions as described above."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.ep = endpoints(url)
        self.http = requests.Session()  # pooled keep-alive connections; credentials only go to writes (`_send`)

    # -- reading -------------------------------------------------------------------------------------------
    def _state(self, timeout: float = ADMIN_S) -> tuple[str | None, list[str]]:
        sparql = (f"SELECT ?v ?g WHERE {{ GRAPH <{STATE}> {{ <{STATE}> <{DCT}identifier> ?v "
                  f"OPTIONAL {{ <{STATE}> <{DCT}hasPart> ?g }} }} }}")
        deadline = time.monotonic() + timeout
        for _ in range(POINTER_READS):
            answer = self._ask(sparql, [], ox.QueryResultsFormat.JSON, ox.RdfFormat.N_TRIPLES,
                               max(0.001, deadline - time.monotonic()), "SELECT")
            rows = solutions(answer)
            versions = {str(r["v"].value) for r in rows if r["v"] is not None}
            if len(versions) == 1:
                return versions.pop(), sorted({str(r["g"].value) for r in rows if r["g"] is not None})
            # Virtuoso reads each row as last committed, with no snapshot across rows: a read that meets the
            # switch's commit mid-scan can find the old pointer deleted and the new one not yet (measured: 2 of
            # ~3,700 reads during pushes). Read again; on Oxigraph (snapshot reads) the first read is final.
            time.sleep(0.02)
        if versions:
            raise StoreError(f"the pointer graph <{STATE}> of {self.ep.display} names several versions: {sorted(versions)}")
        return None, []

    def version(self) -> str | None:
        return self._state()[0]

    def graphs(self) -> list[str]:
        return self._state()[1]

    def count(self) -> int:
        _, graphs = self._live()
        answer = self._ask("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", [("named-graph-uri", g) for g in graphs],
                           ox.QueryResultsFormat.JSON, ox.RdfFormat.N_TRIPLES, ADMIN_S, "SELECT")
        return int(solutions(answer)[0]["n"].value)

    def _live(self, timeout: float = ADMIN_S) -> tuple[str, list[str]]:
        version, graphs = self._state(timeout)
        if version is None:
            raise NothingLive(f"nothing has been pushed to {self.ep.display} yet: run `fentkg build --store-url ...`")
        return version, graphs

    def query(self, sparql: str, *, timeout: float, results_format: ox.QueryResultsFormat,
              graph_format: ox.RdfFormat, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None) -> Answer:
        try:
            inspection = inspect_query(sparql)  # read-only, and no SERVICE: the store must not fetch URLs for us
        except Refused as exc:
            raise QueryError(str(exc)) from None
        deadline = time.monotonic() + timeout
        if base_iri:
            sparql = f"BASE <{base_iri}>\n{sparql}"  # the protocol has no base parameter; a later BASE still wins
        try:
            version, live = self._live(timeout)  # the pointer graph: the live version and its graphs
            dataset: list[tuple[str, str]] = []
            if default_graphs is not None or named_graphs is not None:  # the protocol's dataset wins over FROM
                dataset = [("default-graph-uri", g) for g in default_graphs or []]
                dataset += [("named-graph-uri", g) for g in named_graphs or []]
            elif not inspection.has_dataset:  # the union of the live graphs, and only them
                dataset = [("default-graph-uri", g) for g in live] + [("named-graph-uri", g) for g in live]
            left = deadline - time.monotonic()
            if left <= 0:
                raise DeadlineExceeded("reading the live graphs took all the time")
            answer = self._ask(sparql, dataset, results_format, graph_format, left, inspection.form or "SELECT")
            return Answer(answer.kind, answer.body, answer.format, version)
        except DeadlineExceeded:
            raise DeadlineExceeded(f"the query ran past its deadline of {timeout:g} s and was abandoned "
                                   f"(the store stops it at its own timeout)") from None

    def _ask(self, sparql: str, dataset: list[tuple[str, str]], results_format: ox.QueryResultsFormat,
             graph_format: ox.RdfFormat, timeout: float, form: str) -> Answer:
        """POST a query (form-encoded: the dataset may name many graphs); the answer in the format asked."""
        graph = form in ("CONSTRUCT", "DESCRIBE")
        wanted: ox.QueryResultsFormat | ox.RdfFormat = graph_format if graph else results_format
        asked = wanted if self.ep.native_formats else (ox.RdfFormat.N_TRIPLES if graph else ox.QueryResultsFormat.JSON)
        fields = [("query", sparql), *dataset]
        if self.ep.timeout_param:
            fields.append((self.ep.timeout_param, str(max(1, int(timeout * 1000)))))
        deadline = time.monotonic() + timeout
        response = self._send(self.ep.query, fields, {"Accept": asked.media_type}, None, timeout, stream=True)
        body = bytearray()
        try:
            for chunk in response.iter_content(1 << 16):
                body += chunk
                if time.monotonic() > deadline:
                    raise DeadlineExceeded(f"the query ran past its deadline of {timeout:g} s")
        except requests.RequestException:
            raise DeadlineExceeded(f"the query ran past its deadline of {timeout:g} s") from None
        finally:
            response.close()
        # Virtuoso's "anytime query": past its timeout it answers 200 with partial results and this header.
        if response.headers.get("X-SQL-State") == "S1TAT":
            raise DeadlineExceeded(f"the query ran past its deadline of {timeout:g} s and was stopped by the store")
        return convert(bytes(body), response.headers.get("Content-Type", ""), wanted, form)

    # -- writing -------------------------------------------------------------------------------------------
    def stage(self, nquads: Path, version: str) -> int:
        self.drop(version)  # leftovers of an earlier attempt under the same name
        buffers: dict[str, list[ox.Triple]] = {}
        whole: set[str] = set()  # graphs with blank nodes go up in one request: a request scopes bnode labels
        try:
            for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
                graph = quad.graph_name
                if not isinstance(graph, ox.NamedNode):
                    raise StoreError(f"{nquads}: a triple in the default graph ({quad.subject} {quad.predicate} …); "
                                     "a remote store gets named graphs only")
                buffer = buffers.setdefault(graph.value, [])
                buffer.append(quad.triple)
                if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
                    whole.add(graph.value)
                if len(buffer) >= CHUNK and graph.value not in whole:
                    self._upload(staging_graph(version, graph.value), buffer)
                    buffer.clear()
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"cannot read {nquads}: {exc}") from None
        for graph, buffer in buffers.items():
            if buffer:
                self._upload(staging_graph(version, graph), buffer)
        staged = [("named-graph-uri", staging_graph(version, g)) for g in buffers]
        answer = self._ask("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", staged, ox.QueryResultsFormat.JSON,
                           ox.RdfFormat.N_TRIPLES, ADMIN_S, "SELECT")
        stored = int(solutions(answer)[0]["n"].value)  # fewer than `count` when the store merges literals
        if not buffers:
            raise StoreError(f"{nquads} holds no quads: there is nothing to push")
        parts = ", ".join(f"<{g}>" for g in sorted(buffers))
        self._update(f"INSERT DATA {{ GRAPH <{STATE}> {{ <{STATE}:{quote(version, safe='')}> <{DCT}hasPart> {parts} }} }}")
        return stored

    def switch(self, version: str) -> None:
        staged = self._select_iris(f"SELECT ?g WHERE {{ GRAPH <{STATE}> {{ <{STATE}:{quote(version, safe='')}> <{DCT}hasPart> ?g }} }}")
        if not staged:
            raise StoreError(f"version {version} is not staged in {self.ep.display}")
        _, live = self._state()
        ops = [f"MOVE GRAPH <{staging_graph(version, g)}> TO GRAPH <{g}>" for g in staged]
        ops += [f"DROP SILENT GRAPH <{g}>" for g in live if g not in staged]
        ops.append(f"DELETE {{ GRAPH <{STATE}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{STATE}> {{ ?s ?p ?o "
                   f"FILTER(?s = <{STATE}> || ?s = <{STATE}:{quote(version, safe='')}>) }} }}")
        parts = ", ".join(f"<{g}>" for g in staged)
        ops.append(f'INSERT DATA {{ GRAPH <{STATE}> {{ <{STATE}> <{DCT}identifier> "{version}" ; <{DCT}hasPart> {parts} }} }}')
        self._update(" ;\n".join(ops))

    def drop(self, version: str) -> None:
        prefix = f"{STAGING}{quote(version, safe='')}:"
        graphs = self._select_iris(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}')
        ops = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        ops.append(f"DELETE {{ GRAPH <{STATE}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{STATE}> {{ ?s ?p ?o "
                   f"FILTER(?s = <{STATE}:{quote(version, safe='')}>) }} }}")
        self._update(" ;\n".join(ops))

    def _select_iris(self, sparql: str) -> list[str]:
        answer = self._ask(sparql, [], ox.QueryResultsFormat.JSON, ox.RdfFormat.N_TRIPLES, ADMIN_S, "SELECT")
        return sorted({str(row[0].value) for row in solutions(answer) if row[0] is not None})

    def _upload(self, graph: str, triples: list[ox.Triple]) -> None:
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        if self.ep.gsp is None:
            self._update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{data.decode('utf-8')}}} }}")
            return
        self._send(self.ep.gsp, {"graph": graph}, {"Content-Type": "application/n-triples; charset=utf-8"},
                   self.ep.auth, ADMIN_S, body=data).close()

    def _update(self, sparql: str) -> None:
        self._send(self.ep.update, [("update", sparql)], {}, self.ep.auth, ADMIN_S).close()

    def _send(self, url: str, fields: object, headers: dict[str, str], auth: object, timeout: float,
              body: bytes | None = None, stream: bool = False) -> requests.Response:
        """One POST, sent again when the store rolled it back as a deadlock victim (SQLSTATE 40001: under
        serializable isolation Virtuoso aborts one of a read and a switch that collide, and says to retry)."""
        deadline = time.monotonic() + timeout  # the retries share the caller's deadline
        pauses = iter(DEADLOCK_RETRIES)
        while True:
            try:
                return self._post(url, fields, headers, auth, max(deadline - time.monotonic(), 0.001), body, stream)
            except RolledBack:
                pause = next(pauses, None)
                if pause is None or time.monotonic() + pause >= deadline:
                    raise
                time.sleep(pause)

    def _post(self, url: str, fields: object, headers: dict[str, str], auth: object, timeout: float,
              body: bytes | None, stream: bool) -> requests.Response:
        """One POST; connection failures become StoreUnreachable, HTTP errors a QueryError or StoreError."""
        try:
            if body is None:
                response = self.http.post(url, data=fields, headers=headers, auth=auth, stream=stream,  # type: ignore[arg-type]
                                          timeout=(min(CONNECT_S, timeout), timeout))
            else:
                response = self.http.post(url, params=fields, data=body, headers=headers, auth=auth,  # type: ignore[arg-type]
                                          stream=stream, timeout=(min(CONNECT_S, timeout), timeout))
        except requests.exceptions.ConnectTimeout:
            raise StoreUnreachable(f"remote store {self.ep.display} is unreachable: no answer to connect within "
                                   f"{min(CONNECT_S, timeout):g} s") from None
        except requests.exceptions.ReadTimeout:
            raise DeadlineExceeded(f"the remote store {self.ep.display} did not answer within {timeout:g} s") from None
        except requests.ConnectionError as exc:
            reason = re.search(r"\[Errno -?\d+\] [^'\")]+", str(exc))  # urllib3 nests it in reprs of its own
            raise StoreUnreachable(f"remote store {self.ep.display} is unreachable: "
                                   f"{reason[0] if reason else 'the connection failed'}") from None
        if response.status_code >= 400:
            message = " ".join(response.text[:500].split())
            response.close()
            if response.status_code == 400 and url == self.ep.query:
                raise QueryError(f"malformed query: {message}")
            if response.status_code >= 500 and re.search(r"\b40001\b", message):
                raise RolledBack(f"remote store {self.ep.display} rolled the request back (deadlock victim): {message}")
            raise StoreError(f"remote store {self.ep.display} answered {response.status_code} to {url.rsplit('/', 1)[-1]}: {message}")
        return response

    def close(self) -> None:
        self.http.close()


class RolledBack(StoreError):
    """The store aborted the request's transaction to break a deadlock (SQLSTATE 40001); sending it again is safe."""


def solutions(answer: Answer) -> list[ox.QuerySolution]:
    """The rows of a SELECT answer in SPARQL JSON (the backend's own bookkeeping queries)."""
    results = ox.parse_query_results(answer.body, ox.QueryResultsFormat.JSON)
    if not isinstance(results, ox.QuerySolutions):
        raise StoreError(f"the remote store answered a SELECT with {type(results).__name__}")
    return list(results)


def convert(body: bytes, content_type: str, wanted: ox.QueryResultsFormat | ox.RdfFormat, form: str) -> Answer:
    """The answer in `wanted`: passed through when the store wrote that format, else re-serialized by pyoxigraph."""
    media = content_type.split(";")[0].strip().lower()
    # text/plain is both CSV results and N-Triples to pyoxigraph: read it as the family the query asked for.
    got_graph = ox.RdfFormat.from_media_type(media) if media and isinstance(wanted, ox.RdfFormat) else None
    got_results = None if got_graph else (ox.QueryResultsFormat.from_media_type(media) if media else None)
    got_graph = got_graph or (None if got_results else (ox.RdfFormat.from_media_type(media) if media else None))
    try:
        if got_results is not None:
            if got_results == wanted:
                return Answer("boolean" if form == "ASK" else "solutions", body, wanted)
            results = ox.parse_query_results(body, got_results)
            kind = "boolean" if isinstance(results, ox.QueryBoolean) else "solutions"
            target = wanted if isinstance(wanted, ox.QueryResultsFormat) else ox.QueryResultsFormat.JSON
            return Answer(kind, results.serialize(format=target) or b"", target)
        if got_graph is not None:
            target_graph = wanted if isinstance(wanted, ox.RdfFormat) else ox.RdfFormat.TURTLE
            if got_graph == target_graph:
                return Answer("graph", body, target_graph)
            return Answer("graph", ox.serialize(ox.parse(body, got_graph), format=target_graph) or b"", target_graph)
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"the remote store's {media} answer cannot be read: {exc}") from None
    raise StoreError(f"the remote store answered in {media or 'an unnamed format'}, which fentkg cannot read")
