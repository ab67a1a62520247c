"""The /sparql endpoint in front of a remote store (issue 7): stands where the QueryPool stands.

`create_app` puts a RemotePool in `app.extensions["fentkg.pool"]` when `settings.store_url` is set; sparql.py
does everything else as for the embedded store — the guard (no SERVICE, no updates, local FROM only), content
negotiation, the deadline it hands to `run`, the result cap, the cache. `run` answers with the same Outcome
(header + body) as a query process, so the endpoint cannot tell the difference; an unreachable store is a 503
with the store's address, a store error a 502, and a query past its deadline raises DeadlineExceeded (503).
"""
from __future__ import annotations

import os
import time
from typing import Any

import pyoxigraph as ox

from ..backends import DeadlineExceeded as TooLate, NothingLive, StoreUnreachable
from ..backends.remote import RemoteBackend
from ..errors import QueryError, StoreError
from .executor import cap, most_rows
from .pool import THREADS, DeadlineExceeded, Outcome


class RemotePool:
    """Runs the endpoint's query jobs against a remote SPARQL store over HTTP (pooled connections)."""

    def __init__(self, store_url: str) -> None:
        self.backend = RemoteBackend(store_url)
        self.size = THREADS  # what a QueryPool offers run.py; here it bounds nothing (requests pools connections)

    def warm(self, n: int) -> None:
        """Nothing to start: connections open on first use."""

    def run(self, job: dict[str, Any], timeout: float) -> Outcome:
        results_format = getattr(ox.QueryResultsFormat, job["solutions_format"])
        graph_format = getattr(ox.RdfFormat, job["graph_format"])
        started = time.perf_counter()
        try:
            answer = self.backend.query(job["query"], timeout=timeout, results_format=results_format,
                                        graph_format=graph_format, default_graphs=job["default"],
                                        named_graphs=job["named"], base_iri=job["base"])
        except TooLate:
            raise DeadlineExceeded() from None
        except QueryError as exc:
            return Outcome({"ok": False, "status": 400, "error": str(exc)}, b"")
        except (StoreUnreachable, NothingLive) as exc:
            return Outcome({"ok": False, "status": 503, "error": str(exc)}, b"")
        except StoreError as exc:  # the store answered, but with an error or something unreadable
            return Outcome({"ok": False, "status": 502, "error": str(exc)}, b"")
        # The round trip, including the store's serialization and any conversion by pyoxigraph.
        head: dict[str, Any] = {"ok": True, "kind": answer.kind, "ms": round((time.perf_counter() - started) * 1000, 2),
                                # cached only when the store holds the release this server serves: during a push
                                # (`build` swaps the local release first) the store may still answer the old one
                                "cacheable": answer.version == os.path.basename(job["release"])}
        body, limit = answer.body, job["max_rows"]
        if answer.kind != "boolean" and limit and most_rows(body, answer.format) > limit:
            body, head["rows"], head["truncated"] = cap(body, answer.kind, answer.format, limit)
        return Outcome(head, body)

    def close(self) -> None:
        self.backend.close()
