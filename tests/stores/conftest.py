"""Real stores for the store contract tests (issue 7): every test in tests/stores runs against each of

    embedded   the releases of store.py under tmp_path
    oxigraph   a real `oxigraph serve` process (PyPI `oxigraph`), in-memory, on a free loopback port
    virtuoso   a real Virtuoso (Debian `virtuoso-opensource`, `virtuoso-t`) with its own temporary database,
               ini file and free ports; loads via GSP and updates via /sparql-auth with digest auth (dba)

The remote servers are started once per session and stopped at its end; if one does not start, the test
fails with the server's log (never a skip).
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from fentkg.backends import StoreBackend, open_backend

from server.conftest import free_port

OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))
OXIGRAPH_TIMEOUT_S = 5  # the store's own deadline: a query a client abandoned stops burning CPU by then
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {db}
; serializable reads: a query running while a push switches versions waits for it, and never sees a mix
DefaultIsolation = 8
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
; the default 10000 silently cuts results: keep it above FENTKG_MAX_RESULT_ROWS
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 10
MaxQueryCostEstimationTime = 0
"""


@dataclass
class Remote:
    """A running store process: the fentkg store URL, its log, and the process."""

    url: str
    log: Path
    proc: subprocess.Popen[bytes]

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""


def _wait(remote: Remote, probe: str, what: str, seconds: float = 90) -> Remote:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and remote.proc.poll() is None:
        try:
            if requests.get(probe, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return remote
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    _stop(remote)
    pytest.fail(f"{what} did not start (exit {remote.proc.poll()}):\n{remote.log_text()}", pytrace=False)


def _stop(remote: Remote) -> None:
    if remote.proc.poll() is None:
        remote.proc.send_signal(signal.SIGTERM)
        try:
            remote.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            remote.proc.kill()
            remote.proc.wait()


@pytest.fixture(scope="session")
def oxigraph_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Remote]:
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as handle:
        proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}",
                                 "--timeout-s", str(OXIGRAPH_TIMEOUT_S)], stdout=handle, stderr=subprocess.STDOUT)
    remote = _wait(Remote(f"oxigraph+http://127.0.0.1:{port}", log, proc), f"http://127.0.0.1:{port}/query", "oxigraph serve")
    yield remote
    _stop(remote)


@pytest.fixture(scope="session")
def virtuoso_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Remote]:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.fail("virtuoso-t not found: install Debian's virtuoso-opensource (apt-get install -y virtuoso-opensource)",
                    pytrace=False)
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = folder / "virtuoso.log"  # the server writes its own log there (ErrorLogFile) and we add its stdout
    with (folder / "stdout.log").open("wb") as handle:
        proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=handle,
                                stderr=subprocess.STDOUT)
    remote = _wait(Remote(f"virtuoso+http://dba:dba@127.0.0.1:{http_port}", log, proc),
                   f"http://127.0.0.1:{http_port}/sparql", "virtuoso-t")
    yield remote
    _stop(remote)


@pytest.fixture(params=["embedded", "oxigraph", "virtuoso"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """The store URL of each backend (None: the embedded store in tmp_path/build)."""
    if request.param == "embedded":
        return None
    remote: Remote = request.getfixturevalue(f"{request.param}_store")
    return remote.url


@pytest.fixture
def backend(store_url: str | None, tmp_path: Path) -> Iterator[StoreBackend]:
    store = open_backend(store_url, tmp_path / "build")
    yield store
    store.close()


@pytest.fixture(params=["oxigraph", "virtuoso"])
def remote_url(request: pytest.FixtureRequest) -> str:
    """The store URL of each remote backend."""
    remote: Remote = request.getfixturevalue(f"{request.param}_store")
    return remote.url
