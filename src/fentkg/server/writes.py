"""Writes, off by default: SPARQL Update at /sparql/update and Graph Store writes at /sparql/graph.

Enabled only when FENTKG_UPDATE_TOKEN is set, and then only with `Authorization: Bearer <token>`
(compared in constant time, never logged). Releases are immutable and served read-only by many
processes, so a write never touches the served store: it copies the current release (a RocksDB
checkpoint: hard links, milliseconds), changes the copy, and swaps it in like a build does. Readers
see the old graph or the new one, never half of a change; one write runs at a time (a file lock).
"""
from __future__ import annotations

import fcntl
import hmac
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from ..build import write_dumps
from ..store import current_release, new_release, swap, write_manifest
from .guard import apply_using, inspect_update
from .protocol import UPDATE_OFF, parse_params
from .sparql import base_iri

bp = Blueprint("writes", __name__)


def _authorize() -> None:
    token = current_app.extensions["fentkg.settings"].update_token
    if not token:
        abort(403, UPDATE_OFF)
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Unauthorized("writes need the header 'Authorization: Bearer <token>' with the operator's token",
                           www_authenticate=_bearer())


def _bearer() -> WWWAuthenticate:
    return WWWAuthenticate("bearer", {"realm": "fentkg"})


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    with open(out_dir / ".write.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def write_release(out_dir: Path, change: Callable[[ox.Store], None], note: str) -> None:
    """Copy the current release, apply `change` to the copy, swap the copy in."""
    with _locked(out_dir):
        current = current_release(out_dir)
        if current is None:
            abort(503, "nothing is built to write to")
        with new_release(out_dir) as release:
            ox.Store.read_only(str(current.store_path)).backup(str(release.store_path))
            store = ox.Store(str(release.store_path))
            change(store)
            store.flush()
            write_dumps(store, release.dumps)
            manifest = {**current.manifest, "quads": len(store), "written": time.strftime("%Y-%m-%dT%H:%M:%S"),
                        "write": note, "written_over": current.path.name}
            del store
            write_manifest(release, manifest)
        swap(out_dir, release)


@bp.post("/sparql/update")
def update() -> Response:
    _authorize()
    if request.mimetype == "application/x-www-form-urlencoded":
        params = parse_params(request.get_data(cache=False), "request body") + parse_params(request.query_string, "URL")
        updates = [v for k, v in params if k == "update"]
        if len(updates) != 1:
            abort(400, f"exactly one update parameter is required, got {len(updates)}")
        text = updates[0]
    elif request.mimetype == "application/sparql-update":
        if request.mimetype_params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
            abort(400, "the update must be sent as UTF-8")
        try:
            text = request.get_data(cache=False).decode("utf-8")
        except UnicodeDecodeError:
            abort(400, "the request body is not UTF-8")
        params = parse_params(request.query_string, "URL")
    else:
        abort(400, "POST an update as application/sparql-update or as the update= field of a form")
    using = [v for k, v in params if k == "using-graph-uri"]
    using_named = [v for k, v in params if k == "using-named-graph-uri"]
    try:
        for iri in (*using, *using_named):
            ox.NamedNode(iri)  # an IRI cannot contain '>' or spaces, so it cannot break out of <…> below
        inspect_update(text)
        text = apply_using(text, using, using_named)
    except ValueError as exc:  # Refused included
        abort(400, str(exc))

    base = base_iri(current_app.extensions["fentkg.settings"])

    def apply(store: ox.Store) -> None:
        try:
            store.update(text, base_iri=base)
        except SyntaxError as exc:
            abort(400, f"malformed update: {exc}")

    write_release(current_app.extensions["fentkg.settings"].out_dir, apply, "SPARQL Update")
    return Response(status=204)


@bp.route("/sparql/graph", methods=["PUT", "POST", "DELETE"])
def graph_store() -> Response:
    """Graph Store Protocol writes: PUT replaces, POST adds to, DELETE removes `?graph=IRI` (or `?default`)."""
    _authorize()
    if "default" in request.args:
        graph: ox.NamedNode | ox.DefaultGraph = ox.DefaultGraph()
    else:
        try:
            graph = ox.NamedNode(request.args.get("graph", ""))
        except ValueError:
            abort(400, "name the graph with ?graph=IRI or ?default")
    fmt = None
    if request.method != "DELETE":
        fmt = ox.RdfFormat.from_media_type(request.mimetype or "")
        if fmt is None:
            abort(415, f"cannot read {request.mimetype or 'a body without Content-Type'} as RDF")
    body = request.get_data(cache=False)

    def apply(store: ox.Store) -> None:
        if request.method == "DELETE" and isinstance(graph, ox.NamedNode):
            if not store.contains_named_graph(graph):
                abort(404, f"no graph <{graph.value}> in this store")
            store.remove_graph(graph)
        elif request.method in ("PUT", "DELETE"):
            store.clear_graph(graph)
        if fmt is not None:
            try:
                store.load(body, fmt, to_graph=graph)
            except (SyntaxError, ValueError) as exc:
                abort(400, f"not valid {fmt.name}: {exc}")

    write_release(current_app.extensions["fentkg.settings"].out_dir, apply, f"Graph Store {request.method}")
    return Response(status=204)
