"""The CLI reference (docs/cli.md), generated from `fentkg --help` so it cannot drift.

Regenerate with `python -m fentkg.clidoc > docs/cli.md`; a test fails when the file is stale.
"""
from __future__ import annotations

import click

from .cli import main


def render() -> str:
    """Markdown with the help text of `fentkg` and of every subcommand."""
    ctx = click.Context(main, info_name="fentkg", terminal_width=100, max_content_width=100, **main.context_settings)
    parts = ["# fentkg command reference", "", "Generated from `--help` by `python -m fentkg.clidoc`; do not edit.", "",
             "```text", main.get_help(ctx), "```", ""]
    for name in sorted(main.list_commands(ctx)):
        command = main.get_command(ctx, name)
        assert command is not None
        sub = click.Context(command, info_name=name, parent=ctx, terminal_width=100, max_content_width=100)
        parts += [f"## fentkg {name}", "", "```text", command.get_help(sub), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
