"""The UI and publishing tests' world: one real build (`fentkg build`) of the seed documents plus a
hostile one, one real `fentkg serve` process on a free port, one headless Chromium (Debian's)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FENTKG = str(Path(sys.executable).with_name("fentkg"))

# A document written to attack the pages: markup in its text, its title, its author and a footnote.
HOSTILE_TEXT = """Memo on <script>window.__fentkg_xss = 1</script> precursor brokers

The Sinaloa Cartel buys precursor chemicals from <img src=x onerror="window.__fentkg_xss = 2"> brokers in China.¹

¹ "<script>window.__fentkg_xss = 3</script> Broker report", Example Press, 2024. <https://example.org/report>
"""
HOSTILE_META = {"title": "<script>window.__fentkg_xss = 4</script> Hostile memo", "author": "<b>Mallory</b>",
                "date": "2024-05-01", "genre": "report"}
HOSTILE_ID = "2024-05-01-hostile-memo"


@dataclass(frozen=True)
class Live:
    """The running server and where its release lives."""

    url: str
    out: Path

    def get(self, path: str, **kwargs: object) -> requests.Response:
        return requests.get(self.url + path, timeout=30, **kwargs)  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def hostile_id() -> str:
    return HOSTILE_ID


@pytest.fixture(scope="session")
def ui_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`fentkg build` of data/sources plus the hostile document, once per session."""
    import json

    base = tmp_path_factory.mktemp("ui")
    sources = base / "sources"
    shutil.copytree(ROOT / "data" / "sources", sources)
    (sources / f"{HOSTILE_ID}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (sources / f"{HOSTILE_ID}.meta.json").write_text(json.dumps(HOSTILE_META), encoding="utf-8")
    out = base / "build"
    done = subprocess.run([FENTKG, "build", "--sources", str(sources), "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def live(ui_out: Path) -> Iterator[Live]:
    """A real `fentkg serve` on a free loopback port; stopped at the end of the session."""
    port = _free_port()
    env = {**os.environ, "FENTKG_HOME": str(ROOT)}
    log = (ui_out.parent / "serve.log").open("w")
    proc = subprocess.Popen([FENTKG, "serve", "--out", str(ui_out), "--host", "127.0.0.1", "--port", str(port),
                             "--workers", "1"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    up = False
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            up = requests.get(url + "/-/health", timeout=2).status_code == 200
        except requests.ConnectionError:
            up = False
        if up:
            break
        time.sleep(0.2)
    assert up, f"fentkg serve did not start: {(ui_out.parent / 'serve.log').read_text()[-2000:]}"
    yield Live(url, ui_out)
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never `playwright install`: it cannot download here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page (own context) that fails the test on any JavaScript error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture(scope="session")
def shoot() -> object:
    """Save a screenshot as a test artifact (tests/artifacts/, gitignored); returns its path."""

    def save(pg: object, name: str, full_page: bool = False) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        pg.screenshot(path=str(path), full_page=full_page)  # type: ignore[attr-defined]
        assert path.stat().st_size > 5000, f"screenshot {name} is (nearly) empty"
        return path

    return save
