"""Read replicas behind nginx (issue 7): the deployment of deploy/README.md, run on loopback.

Two real `fentkg serve` processes serve two copies of one built release; a real nginx (Debian's, started
unprivileged-style with its own prefix, pid, logs and temp paths) balances them with deploy/nginx.conf as
rendered by deploy/render.py. Answers must not depend on the replica, and killing one replica with SIGKILL
must cost a client running at that moment nothing.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from fentkg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
FENTKG = str(Path(sys.executable).with_name("fentkg"))
CATALOG = sorted((ROOT / "queries").glob("*.rq"))
JSON = {"Accept": "application/sparql-results+json"}
THROUGH_NGINX = "fentkg-replica-test/1"  # the User-Agent of requests sent through nginx, found in replica logs


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ok(url: str, proc: subprocess.Popen[bytes], what: str, log: Path) -> None:
    """Poll `url` until it answers 200; fail with the process's log if it exits or takes over 60 s."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError(f"{what} did not start (exit {proc.poll()}):\n{log.read_text(errors='replace')[-3000:]}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group the test started, SIGKILL if it lingers; a group already gone is fine."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        proc.wait()


@dataclass
class Replica:
    url: str
    log: Path
    proc: subprocess.Popen[bytes]

    def proxied_requests(self) -> int:
        """Requests this replica answered for nginx (its access log shows the client's User-Agent)."""
        return self.log.read_text(errors="replace").count(THROUGH_NGINX)


@dataclass
class Cluster:
    replicas: list[Replica]
    nginx_url: str
    nginx_prefix: Path
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)


def start_replica(out_dir: Path, log: Path) -> Replica:
    port = free_port()
    with log.open("wb") as handle:
        proc = subprocess.Popen([FENTKG, "serve", "--out", str(out_dir), "--host", "127.0.0.1", "--port", str(port),
                                 "--workers", "1"], stdout=handle, stderr=subprocess.STDOUT,
                                env={**os.environ, "FENTKG_HOME": str(ROOT)}, start_new_session=True)
    replica = Replica(f"http://127.0.0.1:{port}", log, proc)
    try:
        wait_ok(replica.url + "/-/health", proc, "fentkg serve", log)
    except AssertionError:
        stop(proc)
        raise
    return replica


def start_nginx(prefix: Path, replicas: list[Replica]) -> tuple[str, subprocess.Popen[bytes]]:
    """Render deploy/nginx.conf for the replicas and run nginx in the foreground, all paths under `prefix`."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx is not installed (`apt-get install nginx`; .ci/run does it)"
    port = free_port()
    rendered = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "render.py"), "--prefix", str(prefix), "--listen", f"127.0.0.1:{port}",
         *(arg for r in replicas for arg in ("--replica", r.url.removeprefix("http://")))],
        capture_output=True, text=True, check=True)
    conf = prefix / "nginx.conf"
    conf.write_text(rendered.stdout, encoding="utf-8")
    log = prefix / "error.log"
    proc = subprocess.Popen([nginx, "-p", str(prefix), "-e", str(log), "-c", str(conf), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ok(url + "/-/nginx-health", proc, "nginx", log)
    except AssertionError:
        stop(proc)
        raise
    return url, proc


@pytest.fixture(scope="module")
def cluster(seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Two replicas over two copies of the seed release (copied as deploy/README.md says) behind nginx."""
    tmp = tmp_path_factory.mktemp("replicas")
    procs: list[subprocess.Popen[bytes]] = []
    try:
        replicas = []
        for name in ("a", "b"):
            copy = tmp / name / "out"
            shutil.copytree(seed_settings.out_dir, copy, symlinks=True)  # `current` stays a relative symlink
            replica = start_replica(copy, tmp / name / "serve.log")
            procs.append(replica.proc)
            replicas.append(replica)
        prefix = tmp / "nginx"
        prefix.mkdir()
        url, nginx = start_nginx(prefix, replicas)
        procs.append(nginx)
        yield Cluster(replicas, url, prefix, procs)
    finally:
        for proc in reversed(procs):
            stop(proc)


def ask(base: str, query: Path, session: requests.Session | None = None) -> requests.Response:
    headers = {**JSON, "User-Agent": THROUGH_NGINX, "Cache-Control": "no-cache"}
    return (session or requests).get(base + "/sparql", params={"query": query.read_text(encoding="utf-8")},
                                     headers=headers, timeout=30)


def rows(response: requests.Response) -> tuple[list[str], list[str]]:
    """Variables and the solutions as sorted canonical JSON: replicas may order unordered results differently."""
    assert response.status_code == 200, response.text[:500]
    data = response.json()
    return data["head"]["vars"], sorted(json.dumps(b, sort_keys=True) for b in data["results"]["bindings"])


def test_catalog_is_not_trivial() -> None:
    assert len(CATALOG) >= 7, CATALOG


def test_replicas_and_nginx_give_identical_answers(cluster: Cluster) -> None:
    a, b = cluster.replicas
    nonempty = same_bytes = 0
    for query in CATALOG:
        direct_a, direct_b = ask(a.url, query), ask(b.url, query)
        expected = rows(direct_a)
        assert rows(direct_b) == expected, f"{query.name}: replicas disagree"
        # Copies of one release share its id, which keys the ETag: the same bytes get the same validator on
        # every replica. (Rows that tie in ORDER BY may come in another order in another process, and then
        # the bytes, hence the tags, differ: only byte-identical answers can share a tag.)
        if direct_a.content == direct_b.content:
            same_bytes += 1
            assert direct_a.headers["ETag"] == direct_b.headers["ETag"], query.name
        for _ in range(2):  # twice: nginx sends consecutive requests to different replicas
            assert rows(ask(cluster.nginx_url, query)) == expected, f"{query.name}: nginx answer differs"
        nonempty += bool(expected[1])
    assert nonempty >= len(CATALOG) // 2, "most catalog queries should return rows on the seed graph"
    assert same_bytes > 0, "no answer was byte-identical across replicas: the ETag check never ran"
    # both replicas did take a share of the traffic nginx forwarded
    assert a.proxied_requests() > 0 and b.proxied_requests() > 0


def test_killing_a_replica_costs_clients_nothing(cluster: Cluster) -> None:
    victim, survivor = cluster.replicas
    expected = {query.name: rows(ask(survivor.url, query)) for query in CATALOG}
    outcomes: list[str] = []
    stop_client = threading.Event()

    def client() -> None:
        """Queries through nginx without a pause, as a busy client would, recording every outcome."""
        with requests.Session() as session:
            i = 0
            while not stop_client.is_set():
                query = CATALOG[i % len(CATALOG)]
                i += 1
                try:
                    response = ask(cluster.nginx_url, query, session)
                    ok = response.status_code == 200 and rows(response) == expected[query.name]
                    outcomes.append("ok" if ok else f"{query.name}: {response.status_code} {response.text[:200]}")
                except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                    outcomes.append(f"cut: {query.name}: {type(exc).__name__}: {exc}")
                except (requests.RequestException, AssertionError, ValueError) as exc:
                    outcomes.append(f"{query.name}: {type(exc).__name__}: {exc}")

    thread = threading.Thread(target=client)
    thread.start()
    try:
        while len(outcomes) < 20 and thread.is_alive():
            time.sleep(0.05)
        served_before = victim.proxied_requests()
        os.killpg(victim.proc.pid, signal.SIGKILL)  # master, worker and query processes: a crashed host
        victim.proc.wait(timeout=10)
        at_kill = len(outcomes)
        deadline = time.monotonic() + 60
        while len(outcomes) < at_kill + 40 and time.monotonic() < deadline and thread.is_alive():
            time.sleep(0.05)
    finally:
        stop_client.set()
        thread.join(timeout=60)
    assert served_before > 0, "the killed replica served no traffic before the kill: failover was not exercised"
    assert len(outcomes) >= at_kill + 40, f"the client stalled after the kill: {len(outcomes) - at_kill} requests"
    # The one request in flight when the replica dies may be cut off mid-answer: nginx has already passed its
    # headers on, so it can no longer retry it elsewhere. A cut is visible to the client (a short read), never
    # a wrong answer; every other request, and every answer given, must be right.
    cut = [o for o in outcomes if o.startswith("cut: ")]
    errors = [o for o in outcomes if o != "ok" and not o.startswith("cut: ")]
    assert not errors, f"{len(errors)} of {len(outcomes)} requests failed: {errors[:5]}"
    assert len(cut) <= 1, f"{len(cut)} requests cut off; only the one in flight at the kill may be: {cut[:5]}"
    # nginx did meet the dead replica and moved on (not merely luck in its round robin)
    assert victim.url.removeprefix("http://") in (cluster.nginx_prefix / "error.log").read_text(errors="replace")
    # and after the kill, the whole catalog still answers through nginx, with the same answers
    for query in CATALOG:
        assert rows(ask(cluster.nginx_url, query)) == expected[query.name], query.name


def test_render_refuses_a_bad_replica_address_in_one_line() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "deploy" / "render.py"), "--prefix", "/tmp/x", "--listen", "8080",
                           "--replica", "no-port-here"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == "render.py: error: --replica must be host:port, got 'no-port-here'"
    assert "Traceback" not in done.stderr
