"""Docs stay true: the CLI reference is generated from --help; every command is in the README."""
from __future__ import annotations

from pathlib import Path

from fentkg import clidoc

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current() -> None:
    """Regenerate with `python -m fentkg.clidoc > docs/cli.md`."""
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == clidoc.render()


def test_readme_names_every_command() -> None:
    import click

    from fentkg.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.list_commands(click.Context(main)):
        assert f"fentkg {name}" in readme, name
