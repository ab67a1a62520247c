"""A query worker process: runs one query at a time and answers with pyoxigraph's own serialization.

pyoxigraph cannot cancel a query, so every query runs here, in a process the server can SIGKILL when the
deadline passes (issue 4). This file runs as a script (`python -P executor.py RELEASE [MEMORY_QUADS]`): it imports only the
standard library and pyoxigraph, so a replacement starts fast. It reads framed JSON jobs on stdin and writes
two frames per job on stdout: a JSON header, then the body. It exits when stdin closes (its server is gone).

The result cap is checked without per-row Python on the hot path: an upper bound of the rows is counted in
C (`most_rows`); only results that may exceed the cap are parsed and counted, and only capped ones rebuilt.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import os
import signal
import struct
import sys
import threading
import time
from typing import Any, BinaryIO

import pyoxigraph as ox

_LEN = struct.Struct(">I")


def read_frame(stream: BinaryIO) -> bytes | None:
    head = stream.read(_LEN.size)
    if len(head) < _LEN.size:
        return None
    return stream.read(_LEN.unpack(head)[0])


def write_frame(stream: BinaryIO, data: bytes) -> None:
    stream.write(_LEN.pack(len(data)) + data)


class Engine:
    """The store of one release, reopened when a job names a newer release.

    A release of at most `memory_quads` quads is also loaded into an in-memory store, in a background thread
    so the process answers from disk at once: pyoxigraph runs the join-heavy catalog queries 4-5x faster in
    memory than through RocksDB, at about 0.5 KB per quad per process. The copy comes from the release's
    N-Quads dump (written by every build, load and write), which loads faster than reading RocksDB.
    """

    def __init__(self, memory_quads: int = 0) -> None:
        self.release = ""
        self.store: ox.Store | None = None
        self.memory_quads = memory_quads

    def open(self, release: str, wait: bool = False) -> ox.Store:
        """The release's store; `wait` blocks until the in-memory copy (if any) is in place."""
        if self.store is None or release != self.release:
            self.store = ox.Store.read_only(os.path.join(release, "oxigraph"))
            self.release = release
            if 0 < _quads(release) <= self.memory_quads:
                copy = threading.Thread(target=self._copy, args=(release,), name="memory-copy", daemon=True)
                copy.start()
                if wait:
                    copy.join()
        return self.store

    def _copy(self, release: str) -> None:
        disk, memory = self.store, ox.Store()
        dump = os.path.join(release, "dumps", "fentkg.nq")
        try:
            if os.path.exists(dump):
                memory.load(path=dump, format=ox.RdfFormat.N_QUADS)
            elif disk is not None:
                memory.bulk_extend(disk.quads_for_pattern(None, None, None, None))
        except (OSError, ValueError, SyntaxError):
            return  # stay on disk: the answers are the same, only slower
        if self.release == release and disk is not None and len(memory) == len(disk):
            self.store = memory

    def run(self, job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        store = self.open(job["release"])
        kwargs: dict[str, Any] = {"base_iri": job["base"]}
        if job["default"] is not None or job["named"] is not None:  # the protocol's dataset wins over FROM
            kwargs["default_graph"] = [ox.NamedNode(g) for g in job["default"] or []]
            if job["named"] is not None:
                kwargs["named_graphs"] = [ox.NamedNode(g) for g in job["named"]]
        elif not job["query_has_dataset"]:
            kwargs["use_default_graph_as_union"] = True
        started = time.perf_counter()
        try:
            results = store.query(job["query"], **kwargs)
        except SyntaxError as exc:
            return {"ok": False, "status": 400, "error": f"malformed query: {exc}"}, b""
        if isinstance(results, ox.QueryTriples):
            fmt = getattr(ox.RdfFormat, job["graph_format"])
            body = ox.serialize(results, format=fmt) or b""
            kind = "graph"
        else:
            fmt = getattr(ox.QueryResultsFormat, job["solutions_format"])
            body = results.serialize(format=fmt) or b""
            kind = "boolean" if isinstance(results, ox.QueryBoolean) else "solutions"
        # Evaluation is lazy: the time includes the serialization, which is where the work happens.
        head: dict[str, Any] = {"ok": True, "kind": kind, "ms": round((time.perf_counter() - started) * 1000, 2)}
        limit = job["max_rows"]
        if kind != "boolean" and limit and most_rows(body, fmt) > limit:
            body, head["rows"], head["truncated"] = cap(body, kind, fmt, limit)
        return head, body


def most_rows(body: bytes, fmt: Any) -> int:
    """An upper bound of the rows (or triples) in `body`, counted in C: exact or more, never fewer.

    JSON: rows are separated by '},{', which a binding value never writes except inside a literal (and
    a literal only adds to the count). XML: '<' is escaped in text, so '<result>' is a row. TSV and the
    line-based RDF formats escape newlines; CSV may quote one (more lines, a larger bound). For the
    other RDF formats a triple takes at least two bytes.
    """
    if fmt == ox.QueryResultsFormat.JSON:
        return body.count(b"},{") + 1
    if fmt == ox.QueryResultsFormat.XML:
        return body.count(b"<result>")
    if fmt in (ox.QueryResultsFormat.TSV, ox.QueryResultsFormat.CSV, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        return body.count(b"\n")
    return len(body) // 2


def cap(body: bytes, kind: str, fmt: Any, limit: int) -> tuple[bytes, int, bool]:
    """Count the rows of a big result; keep the first `limit` in the same format if there are more."""
    if kind == "graph":
        triples = list(itertools.islice(ox.parse(body, fmt), limit + 1))
        if len(triples) <= limit:
            return body, len(triples), False
        return ox.serialize(triples[:limit], format=fmt) or b"", limit, True
    if fmt == ox.QueryResultsFormat.CSV:  # lossy, so pyoxigraph cannot read it back: cut it as CSV
        return _cap_csv(body, limit)
    solutions = ox.parse_query_results(body, fmt)
    assert isinstance(solutions, ox.QuerySolutions)  # a boolean has no rows, so is never capped
    names = [v.value for v in solutions.variables]
    rows = list(itertools.islice(solutions, limit + 1))
    if len(rows) <= limit:
        return body, len(rows), False
    # Rebuild through TSV, whose cells are N-Triples terms, so pyoxigraph writes the requested format again.
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join("" if row[n] is None else str(row[n]) for n in names) for row in rows[:limit]]
    kept = ox.parse_query_results("\n".join(lines).encode() + b"\n", ox.QueryResultsFormat.TSV)
    return kept.serialize(format=fmt) or b"", limit, True


def _cap_csv(body: bytes, limit: int) -> tuple[bytes, int, bool]:
    reader = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
    header = next(reader, [])
    rows = list(itertools.islice(reader, limit + 1))
    if len(rows) <= limit:
        return body, len(rows), False
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows[:limit]])
    return out.getvalue().encode("utf-8"), limit, True


def _quads(release: str) -> int:
    """The release's quad count from its manifest (0 if unreadable: then the disk store is used)."""
    try:
        with open(os.path.join(release, "manifest.json"), encoding="utf-8") as f:
            return int(json.load(f).get("quads", 0))
    except (OSError, ValueError, TypeError, AttributeError):
        return 0


def exit_with_parent(parent: int) -> None:
    """Exit when the WSGI worker that started this process is gone (issue 6: a SIGKILLed worker left its query
    process running a never-ending query forever). Runs in a thread: pyoxigraph releases the GIL while it works."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def main() -> None:
    # A stop signal sent to the whole process group (Ctrl-C, systemd, `kill -- -PGID`) is for the server: its
    # workers finish the requests in flight, then close this process's stdin. Dying at once failed those
    # requests with 503 during every restart (issue 6).
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=exit_with_parent, args=(os.getppid(),), daemon=True).start()
    engine = Engine(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    stdin = sys.stdin.buffer
    stdout = os.fdopen(os.dup(1), "wb")  # the protocol's own copy of stdout …
    os.dup2(2, 1)  # … so that a stray print cannot corrupt a frame
    if len(sys.argv) > 1:
        engine.open(sys.argv[1])  # warm: open the store before the first job arrives
    while (frame := read_frame(stdin)) is not None:
        try:
            head, body = engine.run(json.loads(frame))
        except (OSError, ValueError, RuntimeError, SyntaxError) as exc:  # store unreadable, unreadable result, …
            head, body = {"ok": False, "status": 500, "error": f"query failed: {exc}"}, b""
        write_frame(stdout, json.dumps(head).encode())
        write_frame(stdout, body)
        stdout.flush()


if __name__ == "__main__":
    main()
