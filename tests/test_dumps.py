"""The merged Turtle dump is streamed from the sorted N-Quads: each triple once, whatever graphs hold it."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pyoxigraph as ox

from fentkg.build import merged_triples


def test_merged_triples_drop_repeats_across_graphs(tmp_path: Path) -> None:
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    objects = [ox.Literal("abc"), ox.Literal("abc", language="en"), ox.Literal("abc d"), ox.NamedNode("http://example.org/o"),
               ox.BlankNode("b1"), ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]
    graphs = [ox.DefaultGraph(), *(ox.NamedNode(f"http://example.org/g{i}") for i in range(3))]
    quads = [ox.Quad(s, p, o, g) for o in objects for g in graphs]
    unsorted, ordered = tmp_path / "all.nq.unsorted", tmp_path / "all.nq"
    ox.serialize(reversed(quads), str(unsorted), ox.RdfFormat.N_QUADS)
    subprocess.run(["sort", "-u", "-o", str(ordered), str(unsorted)], env={"LC_ALL": "C"}, check=True)
    triples = list(merged_triples(ordered))
    assert len(triples) == len(objects)
    assert {t.object for t in triples} == set(objects)
