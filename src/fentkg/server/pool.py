"""A pool of killable query worker processes (`executor.py`), one pool per WSGI worker.

Why processes: pyoxigraph has no cancellation, so a deadline is only real if the work can be killed
(issue 4). Each request thread borrows one worker, sends it a job and waits at most until the deadline;
past it the worker is SIGKILLed and replaced, and the other threads go on with their own workers. The pool
holds at most THREADS workers; the WSGI worker has more request threads (REQUEST_THREADS), so under load a
request waits for a query process here, where the wait counts against its deadline, rather than in the WSGI
server's queue, where it did not (issue 6: deadline 503s came seconds late under 64 clients).
"""
from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_LEN = struct.Struct(">I")
_SCRIPT = str(Path(__file__).with_name("executor.py"))
THREADS = 8  # query processes per WSGI worker at most
REQUEST_THREADS = 4 * THREADS  # request threads per WSGI worker


class DeadlineExceeded(Exception):
    """The query ran past its deadline; its process was killed."""


class WorkerLost(Exception):
    """The query process died (killed by the OS, out of memory, crashed)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """A worker's answer: its header (ok, kind, ms, rows, truncated, or status and error) and the body."""

    head: dict[str, Any]
    body: bytes


class _Worker:
    def __init__(self, release: str, memory_quads: int = 0) -> None:
        # -P: the script's folder (this package) must not shadow standard modules in the child.
        self.proc = subprocess.Popen([sys.executable, "-P", _SCRIPT, release, str(memory_quads)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, bufsize=0, close_fds=True)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin, self.out = self.proc.stdin, self.proc.stdout.fileno()
        try:  # a 1 MiB pipe: a big result crosses in a few reads instead of one per 64 KiB
            fcntl.fcntl(self.out, fcntl.F_SETPIPE_SZ, 1 << 20)
        except (OSError, AttributeError):
            pass
        self._poller = select.poll()
        self._poller.register(self.out, select.POLLIN)
        self._buffer = bytearray()

    def ask(self, job: bytes, deadline: float) -> Outcome:
        self.stdin.write(_LEN.pack(len(job)) + job)
        self._buffer = bytearray()
        head = json.loads(self._frame(deadline))
        return Outcome(head, self._frame(deadline))

    def _frame(self, deadline: float) -> bytes:
        size = _LEN.unpack(self._take(_LEN.size, deadline))[0]
        return self._take(size, deadline)

    def _take(self, size: int, deadline: float) -> bytes:
        """`size` bytes of the answer; reads whatever has arrived, so a small answer costs one read."""
        while len(self._buffer) < size:
            left = deadline - time.monotonic()
            if left <= 0 or not self._poller.poll(left * 1000):
                raise DeadlineExceeded()
            chunk = os.read(self.out, max(size - len(self._buffer), 1 << 16))
            if not chunk:
                raise WorkerLost(f"query process exited with {self.proc.wait()}")
            self._buffer += chunk
        taken = bytes(self._buffer[:size])
        del self._buffer[:size]
        return taken

    def kill(self) -> None:
        try:
            self.proc.send_signal(signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        self.stdin.close()
        if self.proc.stdout:
            self.proc.stdout.close()


class QueryPool:
    """Up to `size` worker processes; `run` gives a job to an idle one, with a deadline."""

    def __init__(self, size: int, release: Callable[[], str], memory_quads: int = 0) -> None:
        self.size = size
        self.release = release
        self.memory_quads = memory_quads  # releases up to this size are queried from memory (executor.py)
        self._idle: list[_Worker] = []
        self._count = 0
        self._cond = threading.Condition()
        self._closed = False
        # An app dropped without close() (tests, `serve --get`) must not leave its processes behind.
        weakref.finalize(self, _kill_all, self._idle)

    def _spawn(self) -> _Worker:
        return _Worker(self.release(), self.memory_quads)

    def warm(self, n: int) -> None:
        """Start workers until there are `n`, so requests do not wait for a process to start; each starts
        outside the lock, so requests go on meanwhile (this may run in a background thread)."""
        while True:
            with self._cond:
                if self._closed or self._count >= min(n, self.size):
                    return
                self._count += 1  # reserved: concurrent requests cannot overshoot the size
            try:
                worker = self._spawn()
            except OSError:
                with self._cond:
                    self._count -= 1
                raise
            with self._cond:
                if self._closed:
                    worker.kill()
                    return
                self._idle.append(worker)
                self._cond.notify()

    def run(self, job: dict[str, Any], timeout: float) -> Outcome:
        """Run `job` in a worker; DeadlineExceeded after `timeout` seconds (the worker is then killed)."""
        deadline = time.monotonic() + timeout
        worker = self._acquire(deadline)
        try:
            outcome = worker.ask(json.dumps(job).encode(), deadline)
        except DeadlineExceeded:
            self._discard(worker)
            raise
        except (WorkerLost, OSError, ValueError) as exc:  # a broken pipe or a garbled frame: the process is gone
            self._discard(worker)
            raise WorkerLost(str(exc)) from None
        with self._cond:
            self._idle.append(worker)
            self._cond.notify()
        return outcome

    def _acquire(self, deadline: float) -> _Worker:
        with self._cond:
            while not self._idle and self._count >= self.size:
                if not self._cond.wait(max(0.0, deadline - time.monotonic())):
                    raise DeadlineExceeded()
            if self._idle:
                return self._idle.pop()
            self._count += 1
        try:
            return self._spawn()
        except OSError:
            with self._cond:
                self._count -= 1
            raise

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._cond:
            self._count -= 1
            self._cond.notify()
            if self._count < self.size:  # replace it right away, so the next request finds a warm process
                try:
                    self._idle.append(self._spawn())
                    self._count += 1
                except OSError:
                    pass

    def close(self) -> None:
        with self._cond:
            self._closed = True
            _kill_all(self._idle)
            self._count = 0


def _kill_all(workers: list[_Worker]) -> None:
    for worker in workers:
        worker.kill()
    workers.clear()
