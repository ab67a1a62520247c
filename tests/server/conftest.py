"""Live servers for the endpoint tests: real `fentkg serve` processes on free loopback ports (issue 4).

    live_server      the seed build, default settings (read-only, 10 s deadline)
    limits_server    a `fentkg load` copy of the seed build with small limits and writes enabled (token)
    w3c_server       the W3C protocol test data, default settings
    w3c_write_server the W3C protocol test data, writes enabled (token)
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from fentkg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
FENTKG = str(Path(sys.executable).with_name("fentkg"))
TOKEN = "s3cret-token-for-tests"  # asserted never to appear in a server log


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running `fentkg serve`: its URL, out dir, log file and process (its own process group)."""

    url: str
    out_dir: Path
    log: Path
    proc: subprocess.Popen[bytes]

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(out_dir: Path, log: Path, env: dict[str, str] | None = None, workers: int = 1) -> Server:
    port = free_port()
    with log.open("wb") as handle:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen([FENTKG, "serve", "--out", str(out_dir), "--host", "127.0.0.1", "--port", str(port),
                                 "--workers", str(workers)], stdout=handle, stderr=subprocess.STDOUT,
                                env={**os.environ, "FENTKG_HOME": str(ROOT), **(env or {})}, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", out_dir, log, proc)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if requests.get(server.url + "/-/health", timeout=2).status_code == 200:
                return server
        except requests.ConnectionError:
            time.sleep(0.1)
    stop_server(server)
    raise AssertionError(f"fentkg serve did not start:\n{server.log_text()}")


def stop_server(server: Server) -> None:
    """SIGTERM the server's process group (master, workers, query processes), SIGKILL if it lingers."""
    try:
        os.killpg(server.proc.pid, signal.SIGTERM)
        server.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.proc.pid, signal.SIGKILL)
        server.proc.wait()
    except ProcessLookupError:
        pass


def load(files: list[Path], out_dir: Path) -> None:
    done = subprocess.run([FENTKG, "load", *map(str, files), "--out", str(out_dir)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="session")
def live_server(seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(seed_settings.out_dir, tmp_path_factory.mktemp("live") / "serve.log", workers=2)
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def limits_server(seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    out = tmp_path_factory.mktemp("limits")
    dump = next((seed_settings.out_dir / "current" / "dumps").glob("fentkg.nq"))
    load([dump], out / "build")
    env = {"FENTKG_QUERY_TIMEOUT": "3", "FENTKG_MAX_RESULT_ROWS": "5", "FENTKG_MAX_REQUEST_BYTES": "6000",
           "FENTKG_UPDATE_TOKEN": TOKEN}
    server = start_server(out / "build", out / "serve.log", env)
    yield server
    stop_server(server)


W3C = ROOT.parent / "shared" / "w3c-sparql11-protocol"


def w3c_data(tmp: Path) -> Path:
    """The manifest's data files as N-Quads, each in the graph the manifest names for it."""
    import rdflib

    manifest = rdflib.Graph().parse(W3C / "manifest.ttl", publicID=(W3C / "manifest.ttl").as_uri())
    ut, rdfs = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#"), rdflib.RDFS
    lines = set()
    for node in manifest.objects(None, ut.graphData):
        name, path = manifest.value(node, rdfs.label), Path(rdflib.URIRef(manifest.value(node, ut.graph)).removeprefix("file://"))
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines.add(line.rstrip().removesuffix(".").rstrip() + f" <{name}> .")
    assert len(lines) == 3, lines
    target = tmp / "w3c.nq"
    target.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def w3c_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("w3c")
    load([w3c_data(tmp)], tmp / "build")
    server = start_server(tmp / "build", tmp / "serve.log")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def w3c_write_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("w3c-write")
    load([w3c_data(tmp)], tmp / "build")
    server = start_server(tmp / "build", tmp / "serve.log", {"FENTKG_UPDATE_TOKEN": TOKEN})
    yield server
    stop_server(server)
