"""`fentkg load`: any RDF into a release that `fentkg serve` serves (issue 4)."""
from __future__ import annotations

import gzip
from pathlib import Path

from click.testing import CliRunner

from fentkg.cli import main
from fentkg.store import Store

EX = "http://example.org/"


def test_every_format_loads_and_named_graphs_are_kept(tmp_path: Path) -> None:
    files = {
        "a.trig": f"<{EX}g1> {{ <{EX}a> <{EX}p> 1 . }}",
        "b.nq": f"<{EX}b> <{EX}p> \"2\" <{EX}g2> .\n",
        "c.ttl": f"<{EX}c> <{EX}p> 3 .",
        "d.nt": f"<{EX}d> <{EX}p> \"4\" .\n",
        "e.rdf": f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{EX}">'
                 f'<rdf:Description rdf:about="{EX}e"><ex:p>5</ex:p></rdf:Description></rdf:RDF>',
        "f.jsonld": f'{{"@id": "{EX}f", "{EX}p": 6}}',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "g.nq.gz").write_bytes(gzip.compress(f"<{EX}g> <{EX}p> \"7\" <{EX}g2> .\n".encode()))
    paths = [str(tmp_path / n) for n in [*files, "g.nq.gz"]]
    result = CliRunner().invoke(main, ["load", *paths, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    store = Store.open(tmp_path / "out")
    assert len(store) == 7
    graphs = {str(g.value) for g in store.ox.named_graphs()}
    assert graphs == {f"{EX}g1", f"{EX}g2"}
    # the union default graph sees every triple, named or not
    assert len(list(store.query("SELECT * WHERE { ?s ?p ?o }"))) == 7
    assert (tmp_path / "out" / "current" / "dumps" / "fentkg.nq").stat().st_size > 0


def test_unreadable_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    unknown = tmp_path / "data.csv"
    unknown.write_text("a,b\n", encoding="utf-8")
    for path in (bad, unknown):
        result = CliRunner().invoke(main, ["load", str(path), "--out", str(tmp_path / "out")])
        assert result.exit_code == 2
        assert result.output.startswith("fentkg: error:") and str(path) in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "current").exists()  # nothing half-loaded is served
