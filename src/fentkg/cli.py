"""The `fentkg` command: one subcommand per stage, plus `build`, which chains them.

Data goes to stdout; progress and logs go to stderr. A user error is one line and an exit
code (2 unreadable input, 1 validation failed), never a traceback.
"""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import FentkgError
from .settings import Settings

OUT = click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), envvar="FENTKG_OUT",
                   default="build", show_default=True, help="Build directory (holds `current` and the releases).")
STORE_URL = click.option("--store-url", envvar="FENTKG_STORE_URL", default=None, metavar="URL",
                         help="A remote SPARQL store: oxigraph+http://HOST:PORT, virtuoso+http://USER:PASSWORD@HOST:PORT "
                              "or the http(s) URL of a SPARQL 1.1 endpoint (see README, Remote stores).")
SOURCES = click.option("--sources", "sources_dir", type=click.Path(path_type=Path), envvar="FENTKG_SOURCES",
                       default=None, help="Folder of <name>.txt (+ <name>.meta.json) documents [default: data/sources].")


_BAR = {"open": False}  # an unfinished progress-bar line is on the terminal


def _progress(message: str) -> None:
    """Progress on stderr; on a terminal, per-document counters rewrite one line like a progress bar."""
    line = f"[{time.strftime('%H:%M:%S')}] {message}"
    tty = sys.stderr.isatty()
    if tty and message.startswith("extract+validate ["):
        click.echo("\r" + line.ljust(100), err=True, nl=False)
        _BAR["open"] = True
        return
    if _BAR["open"]:
        click.echo("", err=True)
        _BAR["open"] = False
    click.echo(line, err=True)


class _Group(click.Group):
    """Turns FentkgError (and OSError: disk full, permissions) into one line on stderr and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FentkgError as exc:
            click.echo(f"fentkg: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # a full disk, a folder that cannot be written (issue 6): one line, not a traceback
            kept = " (a build's previous graph is kept)" if ctx.invoked_subcommand in ("build", "load") else ""
            click.echo(f"fentkg: error: {exc}{kept}", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fentkg")
@click.option("-v", "--verbose", is_flag=True, help="Log extraction details (new entities, skipped matches) to stderr.")
def main(verbose: bool) -> None:
    """fentkg: build, validate, query and serve the fentanyl supply-chain knowledge graph."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@SOURCES
@OUT
@click.option("--processes", "-j", type=click.IntRange(min=1), envvar="FENTKG_PROCESSES", default=None,
              help="Worker processes for extraction and validation [default: one per core].")
@STORE_URL
def build(sources_dir: Path | None, out_dir: Path, processes: int | None, store_url: str | None) -> None:
    """Extract, build, validate and load the graph; swap it in only when valid (exit 1 otherwise).

    With --store-url, the validated graph is then pushed to the remote store and switched in atomically.
    """
    from .build import build as run_build

    settings = Settings.from_env(sources_dir=sources_dir, out_dir=out_dir, store_url=store_url)
    if settings.store_url:
        from .backends.endpoints import endpoints

        endpoints(settings.store_url)  # a URL that cannot work fails before the build, not after it
    result = run_build(settings, _progress, processes)
    m = result.manifest
    click.echo(f"built {m['quads']} quads from {len(m['documents'])} documents in {m['build_seconds']} s: "
               + ", ".join(f"{k} {v}" for k, v in sorted(m["facts_per_extractor"].items())))
    if settings.store_url:
        from .backends import push_release

        click.echo(push_release(settings.store_url, result.release, _progress))


@main.command()
@SOURCES
@OUT
@click.option("--turtle", is_flag=True, help="Print the sh:ValidationReport as Turtle instead of the readable report.")
@click.option("--no-owl", is_flag=True, help="Skip the OWL consistency check (HermiT).")
def validate(sources_dir: Path | None, out_dir: Path, turtle: bool, no_owl: bool) -> None:
    """Check a built graph with SHACL, OWL (HermiT) and evidence round-trips; exit 0 valid, 1 not, 2 unreadable."""
    from .checks import validate_release

    settings = Settings.from_env(sources_dir=sources_dir, out_dir=out_dir)
    report = validate_release(settings, owl=not no_owl, progress=_progress)
    (out_dir / "validation-report.ttl").write_text(report.graph.serialize(format="turtle"), encoding="utf-8")
    click.echo(report.graph.serialize(format="turtle") if turtle else report.summary())
    sys.exit(0 if report.ok else 1)


@main.command()
@click.argument("query", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Read the query from a .rq file.")
@OUT
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld"]),
              default="table", show_default=True, help="Output format (table/csv/tsv/json/xml for SELECT and ASK; ttl/nt/jsonld/xml for CONSTRUCT and DESCRIBE).")
@STORE_URL
def query(query: str | None, query_file: Path | None, out_dir: Path, fmt: str, store_url: str | None) -> None:
    """Run a SPARQL query against the built store, or the remote one (default graph = union of all graphs)."""
    from .querying import run_query

    if bool(query) == bool(query_file):
        raise click.UsageError("give either a QUERY or --file FILE.rq")
    text = query_file.read_text(encoding="utf-8") if query_file else str(query)
    sys.stdout.buffer.write(run_query(Settings.from_env(out_dir=out_dir, store_url=store_url), text, fmt))


@main.command()
@OUT
@click.option("--host", default="127.0.0.1", show_default=True, envvar="FENTKG_HOST", help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, envvar="FENTKG_PORT", help="Port to listen on.")
@click.option("--workers", default=0, type=int, envvar="FENTKG_WORKERS", help="WSGI worker processes [default: one per core].")
@click.option("--get", "get_path", default=None, help="Print the response to one GET request (e.g. '/sparql?query=…') and exit.")
@SOURCES
@STORE_URL
def serve(out_dir: Path, host: str, port: int, workers: int, get_path: str | None, sources_dir: Path | None,
          store_url: str | None) -> None:
    """Serve the graph over HTTP (SPARQL endpoint at /sparql); builds first if nothing is built.

    With --store-url, /sparql answers from the remote store; pages and dumps come from the local build.
    """
    from .server.run import serve as run_serve

    settings = Settings.from_env(out_dir=out_dir, host=host, port=port, workers=workers, sources_dir=sources_dir,
                                 store_url=store_url)
    run_serve(settings, get_path, _progress)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@OUT
def load(files: tuple[Path, ...], out_dir: Path) -> None:
    """Load RDF files (TriG, N-Quads, Turtle, N-Triples, RDF/XML, JSON-LD) into a new store that `serve` serves."""
    from .loading import load_files

    count = load_files(list(files), out_dir, _progress)
    click.echo(f"loaded {count} quads into {out_dir / 'current'}")


@main.command()
@OUT
@click.option("--format", "fmt", required=True, type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "xml", "csv"]),
              help="Export format; ttl/nt/xml merge all named graphs, csv lists claims.")
@click.option("-o", "output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to FILE instead of stdout.")
def export(out_dir: Path, fmt: str, output: Path | None) -> None:
    """Export the built graph as a dump or as a CSV of claims."""
    from .exporting import export as run_export

    data = run_export(Settings.from_env(out_dir=out_dir), fmt)
    if output:
        output.write_bytes(data)
        click.echo(f"wrote {len(data)} bytes to {output}", err=True)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@SOURCES
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of gold annotations, <kind>/<document id>.yml [default: tests/gold].")
@click.option("--min-precision", multiple=True, metavar="KIND=X", help="Exit 1 when precision of KIND is below X (repeatable).")
@click.option("--min-recall", multiple=True, metavar="KIND=X", help="Exit 1 when recall of KIND is below X (repeatable).")
@click.option("--min-agreement", multiple=True, metavar="KIND.FIELD=X",
              help="Exit 1 when, on hits, FIELD of KIND (e.g. statistics.period) is right less often than X (repeatable).")
def score(sources_dir: Path | None, gold_dir: Path | None, min_precision: tuple[str, ...], min_recall: tuple[str, ...],
          min_agreement: tuple[str, ...]) -> None:
    """Score the extractors against gold annotations: precision and recall per fact kind."""
    from .scoring import missed_targets, parse_target, score_sources, table

    settings = Settings.from_env(sources_dir=sources_dir)
    targets = ([parse_target(t, "precision") for t in min_precision] + [parse_target(t, "recall") for t in min_recall]
               + [parse_target(t) for t in min_agreement])
    scores = score_sources(settings.sources, gold_dir or settings.root / "tests" / "gold", settings.reference_dir, settings.vocab_path)
    click.echo(table(scores))
    missed = missed_targets(scores, targets)
    for line in missed:
        click.echo(f"fentkg: target missed: {line}", err=True)
    sys.exit(1 if missed else 0)


@main.command()
@OUT
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(out_dir: Path, as_json: bool) -> None:
    """Figures about the built graph: quads per graph, claims per kind, entities per type, conflicts."""
    import json

    from .querying import graph_stats

    figures = graph_stats(Settings.from_env(out_dir=out_dir))
    if as_json:
        click.echo(json.dumps(figures, indent=2, sort_keys=True))
        return
    for section, values in figures.items():
        click.echo(f"{section}:")
        if isinstance(values, dict):
            for key, value in values.items():
                click.echo(f"  {key:<40} {value}")
        else:
            click.echo(f"  {values}")
