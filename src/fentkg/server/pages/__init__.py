"""Data for the HTML pages: one `Site` per app answers page queries with a few pyoxigraph calls.

Pages are not the SPARQL hot path (issue 5): they may post-process rows in Python, but each
page runs only one or a few queries, and figures that span the whole graph (labels, the entity
index, the chart data) are computed once per release and kept in `Site.cached`.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
from flask import current_app, request

from ...namespaces import PREFIXES
from ...settings import Settings
from ...store import Store
from .terms import Term, prefixed, term

__all__ = ["BadIRI", "Row", "Site", "bind", "site"]

Row = dict[str, Term | None]
T = TypeVar("T")
IRI_SAFE = re.compile(r'[^<>"{}|^`\\\x00-\x20]+')
WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


class BadIRI(ValueError):
    """A value that cannot be an IRI (it would change the query it is put into)."""


def bind(query: str, bindings: dict[str, str]) -> str:
    """Put `VALUES` for the bound variables at the start of the query's WHERE blocks.

    pyoxigraph's `substitutions` only binds projected variables, so page queries (which do not
    project what they are about) bind through VALUES; values are checked to be plain IRIs first.
    """
    if not bindings:
        return query
    for value in bindings.values():
        if not IRI_SAFE.fullmatch(value):
            raise BadIRI(f"not an IRI: {value!r}")
        try:  # issue 6: the regex lets through what the IRI grammar forbids (C1 controls, bad %-escapes) → was a 500
            ox.NamedNode(value)
        except ValueError:
            raise BadIRI(f"not an IRI: {value!r}") from None
    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(f"<{v}>" for v in bindings.values())
    if not WHERE.search(query):
        raise ValueError("a page query needs a WHERE block")
    # Every WHERE block, sub-selects included: a sub-select does not see the outer VALUES.
    return WHERE.sub(lambda m: f"{m.group(0)} VALUES ({names}) {{ ({values}) }} ", query)

_LABELS = """
SELECT ?s ?l ?kind WHERE {
  { ?s rdfs:label ?l BIND(0 AS ?kind) } UNION { ?s skos:prefLabel ?l BIND(1 AS ?kind) }
  UNION { ?s dcterms:title ?l BIND(2 AS ?kind) }
}"""


class Site:
    """The store, the settings, labels and local links, shared by every page of one app."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.base = settings.base_iri
        self._cache: dict[str, Any] = {}
        self._lock = threading.Lock()

    @property
    def release_path(self) -> Path:
        return self.store.release.path

    def rows(self, query: str, **bindings: str) -> list[Row]:
        """Run a SELECT with the project prefixes; keyword arguments bind variables to IRIs."""
        results = self.store.query(bind(query, bindings), prefixes=PREFIXES)
        names = [v.value for v in results.variables]
        return [{n: term(solution[n]) for n in names} for solution in results]

    def construct(self, query: str, **bindings: str) -> list[ox.Triple]:
        return list(self.store.query(bind(query, bindings), prefixes=PREFIXES))

    def ask(self, query: str, **bindings: str) -> bool:
        return bool(self.store.query(bind(query, bindings), prefixes=PREFIXES))

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """A value computed once per release: the graph does not change between builds."""
        with self._lock:
            if key in self._cache:
                return self._cache[key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._cache[key] = value
        return value

    # --- labels -------------------------------------------------------------------------------
    def _labels(self) -> dict[str, str]:
        best: dict[str, tuple[int, str]] = {}
        for row in self.rows(_LABELS):
            s, label, kind = row["s"], row["l"], row["kind"]
            if s is None or label is None or kind is None:
                continue
            rank = int(kind.value) * 2 + (0 if label.lang in (None, "en") else 1)
            if s.value not in best or rank < best[s.value][0]:
                best[s.value] = (rank, label.value)
        return {iri: label for iri, (_, label) in best.items()}

    def label(self, iri: str | Term | None) -> str:
        """A readable name for an IRI: its label in the graph, else its prefixed name."""
        if iri is None:
            return ""
        if isinstance(iri, Term):
            if not iri.is_iri:
                return iri.value
            iri = iri.value
        labels = self.cached("labels", self._labels)
        return labels.get(iri) or prefixed(iri)

    # --- links --------------------------------------------------------------------------------
    def local_path(self, iri: str) -> str | None:
        """The path on this server that serves `iri`, or None if it is not ours."""
        if not iri.startswith(self.base):
            return None
        rest = iri[len(self.base):]
        if rest.startswith(("id/", "vocab/")) and len(rest.split("/", 1)[1]) > 0:
            return "/" + rest
        if rest == "ontology" or rest.startswith("ontology#"):
            return "/" + rest
        return None

    def href(self, iri: str | Term | None) -> str | None:
        """Where a link to `iri` goes: this server for our IRIs, the web for http(s) IRIs."""
        if iri is None:
            return None
        if isinstance(iri, Term):
            if not iri.is_iri:
                return None
            iri = iri.value
        path = self.local_path(iri)
        if path is not None:
            return request.script_root + path
        return iri if iri.startswith(("http://", "https://")) else None

    def iri(self, prefix: str, name: str) -> str:
        """The IRI that `/<prefix>/<name>` on this server stands for."""
        return f"{self.base}{prefix}/{name}"


def site() -> Site:
    """The `Site` of the current app and release, made on first use."""
    ext = current_app.extensions
    store = ext["fentkg.store"]  # replaced when a new build is swapped in: start afresh with its cache
    found: Site | None = ext.get("fentkg.site")
    if found is None or found.store is not store:
        found = ext["fentkg.site"] = Site(store, ext["fentkg.settings"])
    return found
