"""The Flask app: SPARQL endpoint, pages and system routes, built only through `create_app`."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask

from ..settings import Settings

__all__ = ["create_app"]

CACHE_BYTES = 64 * 1024 * 1024  # per WSGI worker process


def create_app(settings: Settings | None = None) -> Flask:
    """An app serving the current release of `settings.out_dir` (read-only), following new releases.

    `app.extensions`: "fentkg.settings", "fentkg.served" (the release: store, id, graphs), "fentkg.store"
    (the current release's Store, refreshed before each request), "fentkg.cache", "fentkg.pool".
    """
    from . import errors, releases, sparql, system, void, writes
    from .cache import ResultCache
    from .fastpath import FastPath

    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    served = releases.Served(settings.out_dir)
    app.extensions.update({
        "fentkg.settings": settings, "fentkg.served": served, "fentkg.store": served.store,
        "fentkg.cache": ResultCache(CACHE_BYTES), "fentkg.pool": _query_pool(settings, lambda: served.path),
    })
    for blueprint in (sparql.bp, writes.bp, void.bp, system.bp):
        app.register_blueprint(blueprint)
    from . import browse, publish  # issue 5: HTML pages at / and /…, linked data at /id, /ontology, /dump
    app.register_blueprint(browse.bp)
    app.register_blueprint(publish.bp)
    from . import openapi  # issue 6: the OpenAPI description at /-/openapi.json
    app.register_blueprint(openapi.bp)
    releases.init_app(app)
    app.wsgi_app = FastPath(app, sparql.CACHE_CONTROL)  # type: ignore[method-assign]
    errors.init_app(app)
    return app


def _query_pool(settings: Settings, release: Callable[[], str]) -> Any:
    """Where /sparql queries run: killable local query processes, or the remote store (issue 7)."""
    if settings.store_url:  # pages still read the local release
        from .remote import RemotePool

        return RemotePool(settings.store_url)
    from .pool import THREADS, QueryPool

    return QueryPool(THREADS, release, settings.memory_quads)
