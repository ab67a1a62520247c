"""The Flask app: SPARQL endpoint, pages and system routes, built only through `create_app`."""
from __future__ import annotations

from flask import Flask

from ..settings import Settings
from ..store import Store

__all__ = ["create_app"]


def create_app(settings: Settings | None = None) -> Flask:
    """An app serving the current release of `settings.out_dir` (read-only)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.extensions["fentkg.settings"] = settings
    app.extensions["fentkg.store"] = Store.open(settings.out_dir)
    from . import errors, sparql, system

    app.register_blueprint(sparql.bp)
    app.register_blueprint(system.bp)
    errors.init_app(app)
    return app
