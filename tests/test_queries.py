"""The query catalog: every file documented, runs on the seed graph, contract variables exact."""
from __future__ import annotations

from pathlib import Path

import pytest
import pyoxigraph as ox

from fentkg.settings import Settings
from fentkg.store import Store

QUERIES = Path(__file__).resolve().parents[1] / "queries"
CONTRACT = {
    "statistics.rq": "statistic value unit indicator period place document start end quote",
    "entities.rq": "entity label type document",
    "designations.rq": "designation type authority target legalBasis date status document start end quote",
    "agreements.rq": "agreement label party date document start end quote",
    "events.rq": "event type date participant document start end quote",
    "citations.rq": "document footnote title url",
    "conflicts.rq": "indicator value1 document1 quote1 value2 document2 quote2 verdict",
}
ALL = sorted(QUERIES.glob("*.rq")) + sorted((QUERIES / "build").glob("*.rq"))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_query_file_is_documented(path: Path) -> None:
    head = path.read_text(encoding="utf-8").splitlines()[:2]
    assert head[0].startswith("# title: ") and len(head[0]) > 12
    assert head[1].startswith("# description: ") and len(head[1]) > 30


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_query_returns_exactly_its_variables(seed_settings: Settings, name: str) -> None:
    results = Store.open(seed_settings.out_dir).query((QUERIES / name).read_text(encoding="utf-8"))
    assert [v.value for v in results.variables] == CONTRACT[name].split()


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.name)
def test_catalog_query_runs(seed_settings: Settings, path: Path) -> None:
    results = Store.open(seed_settings.out_dir).query(path.read_text(encoding="utf-8"))
    assert isinstance(results, (ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples))
    list(results)  # evaluation errors surface here


@pytest.mark.parametrize("name", ["statistics.rq", "entities.rq", "citations.rq"])
def test_foundation_queries_return_rows(seed_settings: Settings, name: str) -> None:
    rows = list(Store.open(seed_settings.out_dir).query((QUERIES / name).read_text(encoding="utf-8")))
    assert len(rows) >= 20, name
