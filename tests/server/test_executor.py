"""The query process's engine: small releases are queried from memory, with the same answers as from disk."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from fentkg.server.executor import Engine
from fentkg.settings import Settings
from fentkg.store import current_release


def job(release: Path, query: str) -> dict[str, object]:
    return {"release": str(release), "query": query, "base": "https://example.org/sparql", "default": None,
            "named": None, "query_has_dataset": False, "max_rows": 0, "graph_format": "TURTLE",
            "solutions_format": "JSON"}


@pytest.fixture(scope="module")
def release(seed_settings: Settings) -> Path:
    found = current_release(seed_settings.out_dir)
    assert found is not None
    return found.path


def test_small_release_is_copied_into_memory(release: Path) -> None:
    quads = json.loads((release / "manifest.json").read_text())["quads"]
    engine = Engine(memory_quads=quads)
    store = engine.open(str(release), wait=True)
    assert len(store) == quads
    store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o")))  # writable: not the read-only disk store
    assert len(store) == quads + 1


def test_release_over_the_limit_stays_on_disk(release: Path) -> None:
    quads = json.loads((release / "manifest.json").read_text())["quads"]
    store = Engine(memory_quads=quads - 1).open(str(release), wait=True)
    with pytest.raises(RuntimeError, match="read-write"):
        store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o")))


@pytest.mark.parametrize("name", sorted(p.name for p in (Path(__file__).parents[2] / "queries").glob("*.rq")))
def test_memory_and_disk_give_the_same_answers(release: Path, name: str) -> None:
    query = (Path(__file__).parents[2] / "queries" / name).read_text(encoding="utf-8")
    disk_head, disk = Engine(memory_quads=0).run(job(release, query))
    engine = Engine(memory_quads=10**9)
    engine.open(str(release), wait=True)
    memory_head, memory = engine.run(job(release, query))
    assert disk_head["ok"] and memory_head["ok"]
    assert json.loads(memory)["results"]["bindings"], f"{name} answers nothing on the seeds"
    assert rows(memory) == rows(disk)


def rows(body: bytes) -> list[str]:
    """The solutions, order-free (GROUP_CONCAT's order depends on the plan, so its words are sorted too)."""
    bindings = json.loads(body)["results"]["bindings"]
    return sorted(json.dumps({k: sorted(v["value"].split(" ")) for k, v in b.items()}, sort_keys=True) for b in bindings)
