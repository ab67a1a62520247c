"""System routes: health for load balancers and version (the landing page `/` is `browse.home`, issue 5)."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from .. import __version__

bp = Blueprint("system", __name__)


@bp.get("/-/health")
def health() -> Response:
    """Cheap (no query runs): the release served, its size from its manifest, and the cache's figures."""
    served = current_app.extensions["fentkg.served"]
    cache = current_app.extensions["fentkg.cache"]
    response = jsonify({"ok": True, "quads": served.quads, "release": served.id, "version": __version__,
                        "cache": {"entries": len(cache), "hits": cache.hits, "misses": cache.misses}})
    response.headers["Cache-Control"] = "no-store"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/-/version")
def version() -> Response:
    return jsonify({"fentkg": __version__})
