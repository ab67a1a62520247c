"""Starting the server: a production WSGI server (gunicorn), one worker per core by default."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from ..errors import FentkgError
from ..settings import Settings
from ..store import current_release
from .pool import REQUEST_THREADS

ACCESS_LOG = '%(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms query=%({x-query-ms}o)sms cache=%({x-cache}o)s "%(a)s"'


def ensure_built(settings: Settings, progress: Callable[[str], None]) -> None:
    """Build first when nothing is built yet (`fentkg serve` on a fresh checkout)."""
    if current_release(settings.out_dir) is None:
        from ..build import build

        progress(f"nothing built in {settings.out_dir}: building first")
        build(settings, progress)


def _warm(worker: Any) -> None:
    """Start two query processes per WSGI worker before it takes requests (the rest start on demand)."""
    worker.wsgi.extensions["fentkg.pool"].warm(2)


def _stop_pool(server: Any, worker: Any) -> None:
    worker.wsgi.extensions["fentkg.pool"].close()


def _isolated(task: Callable[[], object]) -> None:
    """Run `task` in a forked child and re-raise its FentkgError here.

    The gunicorn master must never open a RocksDB store: RocksDB's background threads do not survive the
    fork into the workers, and a write (SPARQL Update) in a worker would then wait for them forever.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report a FentkgError through the pipe, exit with its code
        os.close(read)
        code = 0
        try:
            task()
        except FentkgError as exc:
            os.write(write, str(exc).encode())
            code = exc.exit_code
        os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        message = pipe.read().decode()
    status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if status:
        error = FentkgError(message or f"server check failed (exit {status})")
        error.exit_code = status if status > 0 else 2
        raise error


def serve(settings: Settings, get_path: str | None, progress: Callable[[str], None]) -> None:
    from . import create_app

    if get_path is not None:  # one request, printed, for cheap end-to-end checks
        ensure_built(settings, progress)
        app = create_app(settings)
        response = app.test_client().get(get_path)
        app.extensions["fentkg.pool"].close()
        sys.stdout.buffer.write(response.get_data())
        sys.exit(0 if response.status_code < 400 else 1)
    # Build if needed, and fail here with a clear message if the store cannot be opened — both in a child.
    def check() -> None:
        ensure_built(settings, progress)
        create_app(settings)

    _isolated(check)
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            workers = settings.workers or os.cpu_count() or 1
            self.cfg.set("bind", f"{settings.host}:{settings.port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", REQUEST_THREADS)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("keepalive", 5)
            self.cfg.set("control_socket_disable", True)  # several servers may run on one machine
            # 0 = gunicorn's own 1 MB ceiling; the app answers 414 past max_request_bytes in its own error shape.
            self.cfg.set("limit_request_line", 0)
            self.cfg.set("accesslog", "-")
            # Total and engine time per request; the query is in the URL (GET), never the Authorization header.
            self.cfg.set("access_log_format", ACCESS_LOG)
            self.cfg.set("timeout", int(settings.query_timeout) + 30)
            self.cfg.set("post_worker_init", _warm)
            self.cfg.set("worker_exit", _stop_pool)

        def load(self) -> Any:
            return create_app(settings)

    progress(f"serving {settings.out_dir / 'current'} on http://{settings.host}:{settings.port}/sparql")
    _App().run()
