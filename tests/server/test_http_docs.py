"""Every route of the endpoint and every setting it reads is in the README's "HTTP API" section (issue 4)."""
from __future__ import annotations

from pathlib import Path

from fentkg.server import create_app
from fentkg.settings import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## HTTP API", 1)[1].split("\n## ", 1)[0]


def test_every_route_is_documented(seed_settings: Settings) -> None:
    app = create_app(seed_settings)
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.split(".")[0] in ("sparql", "writes", "system")}
    assert routes >= {"/sparql", "/sparql/update", "/sparql/graph", "/-/health"}
    assert [r for r in routes if r not in SECTION] == []
    app.extensions["fentkg.pool"].close()


def test_every_setting_is_documented() -> None:
    for name in ("FENTKG_QUERY_TIMEOUT", "FENTKG_MAX_REQUEST_BYTES", "FENTKG_MAX_RESULT_ROWS", "FENTKG_UPDATE_TOKEN",
                 "FENTKG_PUBLIC_BASE", "X-Query-Timeout", "X-Result-Truncated", "Cache-Control: no-cache"):
        assert name in SECTION, name
