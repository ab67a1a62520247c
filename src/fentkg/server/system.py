"""System routes: health for load balancers, version, and the landing page."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from .. import __version__

bp = Blueprint("system", __name__)


@bp.get("/-/health")
def health() -> Response:
    store = current_app.extensions["fentkg.store"]
    return jsonify({"ok": True, "quads": len(store), "release": store.release.path.name, "version": __version__})


@bp.get("/-/version")
def version() -> Response:
    return jsonify({"fentkg": __version__})


@bp.get("/")
def index() -> Response:
    body = (
        "<!doctype html><html lang=en><meta charset=utf-8><title>fentkg</title>"
        "<h1>fentkg</h1><p>SPARQL endpoint at <a href=/sparql>/sparql</a> (default graph = union of all named graphs).</p>"
    )
    return Response(body, mimetype="text/html")
