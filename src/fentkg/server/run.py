"""Starting the server: a production WSGI server (gunicorn), one worker per core by default."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from ..settings import Settings
from ..store import current_release


def ensure_built(settings: Settings, progress: Callable[[str], None]) -> None:
    """Build first when nothing is built yet (`fentkg serve` on a fresh checkout)."""
    if current_release(settings.out_dir) is None:
        from ..build import build

        progress(f"nothing built in {settings.out_dir}: building first")
        build(settings, progress)


def serve(settings: Settings, get_path: str | None, progress: Callable[[str], None]) -> None:
    ensure_built(settings, progress)
    from . import create_app

    if get_path is not None:  # one request, printed, for cheap end-to-end checks
        app = create_app(settings)
        response = app.test_client().get(get_path)
        sys.stdout.buffer.write(response.get_data())
        sys.exit(0 if response.status_code < 400 else 1)
    create_app(settings)  # fail here, with a clear message, if the store cannot be opened
    from gunicorn.app.base import BaseApplication

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            workers = settings.workers or os.cpu_count() or 1
            self.cfg.set("bind", f"{settings.host}:{settings.port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", 4)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("accesslog", "-")
            self.cfg.set("timeout", int(settings.query_timeout) + 30)

        def load(self) -> Any:
            return create_app(settings)

    progress(f"serving {settings.out_dir / 'current'} on http://{settings.host}:{settings.port}/sparql")
    _App().run()
