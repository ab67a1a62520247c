"""The query catalog (`queries/*.rq`) as named examples for the query editor."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Example:
    """One catalog query: its file name, `# title:`, `# description:` and text."""

    name: str
    title: str
    description: str
    query: str


def read_catalog(folder: Path) -> list[Example]:
    """Every `*.rq` in `folder` (not the build rules below it), in file-name order."""
    examples = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        head = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            key, _, value = line.lstrip("# ").partition(":")
            head[key.strip().lower()] = value.strip()
        examples.append(Example(path.stem, head.get("title", path.stem), head.get("description", ""), text))
    return examples
