"""The processes of a running `fentkg serve` (master, WSGI workers, query processes), read from /proc."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    cmdline: str
    cpu: float  # seconds of CPU used so far (user + system)

    @property
    def is_query_process(self) -> bool:
        return "executor.py" in self.cmdline


def group(pgid: int) -> list[Proc]:
    """Every live, non-zombie process of process group `pgid`."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            found.append(Proc(int(pid), int(fields[1]), cmdline, cpu))
    return found


def query_processes(pgid: int) -> list[Proc]:
    return [p for p in group(pgid) if p.is_query_process]


def wsgi_workers(pgid: int) -> list[Proc]:
    return [p for p in group(pgid) if not p.is_query_process and p.pid != pgid and p.ppid == pgid]


def busy_query_process(pgid: int, seconds: float = 15) -> Proc:
    """The query process that is burning CPU (running a long query), found by sampling CPU time: a process
    that is only starting (importing, opening the store) burns far less than half a core for half a second."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        before = {p.pid: p.cpu for p in query_processes(pgid)}
        time.sleep(0.5)
        for proc in query_processes(pgid):
            if proc.cpu - before.get(proc.pid, proc.cpu) >= 0.25:
                return proc
    raise AssertionError("no query process got busy")


def wait_for(condition: object, seconds: float = 15, step: float = 0.1) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(step)
    return False
