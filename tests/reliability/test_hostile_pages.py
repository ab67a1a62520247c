"""Script injection on every page (issue 6), beyond the pages tests/ui checks: a built document whose text,
metadata and footnotes carry markup, event handlers and `javascript:` URLs; every HTML page of the site is
crawled from `/` and must show them as text, and Chromium must run none of them.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator

import pytest
import requests

from server.conftest import FENTKG, ROOT, Server, start_server, stop_server

DOC = "2024-06-01-hostile-brief"
TEXT = """Brief on <script>window.__rel_xss = 1</script> precursor brokers

The Sinaloa Cartel buys precursor chemicals from "><svg onload="window.__rel_xss = 2"> brokers in China.¹
In 2023, CBP seized over 27,000 pounds of fentanyl at <a href="javascript:window.__rel_xss = 3">the border</a>.²

¹ "<img src=x onerror=window.__rel_xss=4> Broker report", Example Press, 2024. <javascript:window.__rel_xss=5>
² See javascript:window.__rel_xss=6 and <https://example.org/"onmouseover="window.__rel_xss=7>.
"""
META = {"title": "</title><script>window.__rel_xss = 8</script> Hostile brief", "author": ["\"><img src=x onerror=window.__rel_xss=9>"],
        "date": "2024-06-01", "genre": "report", "url": "javascript:window.__rel_xss=10", "publisher": "<b onclick=x>Press</b>"}
RAW = [re.compile(p, re.IGNORECASE) for p in (r"<script>window\.__rel_xss", r"<svg onload", r"<img src=x", r"""(href|src|action)\s*=\s*["']?\s*javascript:""",
                                               r"<a href=\"javascript", r"\"onmouseover=", r"<b onclick")]
MAX_PAGES = 400


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("hostile")
    sources = base / "sources"
    sources.mkdir()
    for path in (ROOT / "data" / "sources").glob("2023-01-23-trone-letter-prc-synthetic-opioids.*"):
        shutil.copy(path, sources)
    (sources / f"{DOC}.txt").write_text(TEXT, encoding="utf-8")
    (sources / f"{DOC}.meta.json").write_text(json.dumps(META), encoding="utf-8")
    done = subprocess.run([FENTKG, "build", "--sources", str(sources), "--out", str(base / "build"), "-j", "1"], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "FENTKG_HOME": str(ROOT)})
    assert done.returncode == 0, done.stderr[-3000:]
    server = start_server(base / "build", base / "serve.log")
    yield server
    stop_server(server)


def crawl(server: Server) -> dict[str, str]:
    """Every HTML page reachable from / by local links (dumps, static files and the endpoint aside)."""
    pages: dict[str, str] = {}
    queue = ["/", f"/id/doc-{DOC}", "/search?q=%3Cscript%3E", "/search?q=javascript%3A"]
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        if path in pages:
            continue
        response = requests.get(server.url + path, headers={"Accept": "text/html"}, timeout=30)
        assert response.status_code < 500, (path, response.status_code)
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        pages[path] = response.text
        for link in re.findall(r'href="(/[^"#]*)', response.text):
            link = link.replace("&amp;", "&")
            if not link.startswith(("/dump/", "/static/", "/sparql", "//")) and link not in pages:
                queue.append(link)
    return pages


def test_every_page_shows_markup_as_text(hostile_server: Server, browser: object) -> None:
    pages = crawl(hostile_server)
    assert len(pages) >= 30 and f"/id/doc-{DOC}" in pages
    doc_page = pages[f"/id/doc-{DOC}"]
    assert "&lt;script&gt;window.__rel_xss" in doc_page  # shown, escaped
    bad = {path: [p.pattern for p in RAW if p.search(html)] for path, html in pages.items()}
    assert {path: found for path, found in bad.items() if found} == {}
    # Chromium: no injected script runs, no dialog opens, on the pages that show the hostile text
    context = browser.new_context(java_script_enabled=True)  # type: ignore[attr-defined]
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    shown = [p for p, html in pages.items() if "__rel_xss" in html][:60]
    assert len(shown) >= 3
    for path in shown:
        page.goto(hostile_server.url + path)
        for link in page.locator("a[href]").all()[:200]:
            assert not (link.get_attribute("href") or "").strip().lower().startswith("javascript:"), path
        assert page.evaluate("typeof window.__rel_xss") == "undefined", path
    context.close()
    assert dialogs == []


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright, as in tests/ui (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield chromium
        chromium.close()
