"""Loading any RDF files into a new release: read replicas, downloaded dumps, test data."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .build import write_dumps
from .errors import SourceError
from .store import load_release, new_release, swap, write_manifest

FORMATS = {
    ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
}


def rdf_format(path: Path) -> ox.RdfFormat:
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    fmt = FORMATS.get(suffixes[-1] if suffixes else "")
    if fmt is None:
        raise SourceError(f"{path}: unknown RDF format (use one of {', '.join(sorted(FORMATS))})")
    return fmt


def load_files(files: list[Path], out_dir: Path, progress: Callable[[str], None] = lambda _: None) -> int:
    """Parse every file into one N-Quads stream (named graphs kept; triples go to the default graph)."""
    import gzip

    chunks = []
    for path in files:
        fmt = rdf_format(path)
        raw = path.read_bytes()
        if path.suffix.lower() == ".gz":
            raw = gzip.decompress(raw)
        try:
            quads = ox.parse(raw, fmt, base_iri=path.resolve().as_uri())
            chunks.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
        except (SyntaxError, ValueError) as exc:
            raise SourceError(f"{path}: not valid {fmt}: {exc}") from None
        progress(f"parsed {path}")
    out_dir.mkdir(parents=True, exist_ok=True)
    with new_release(out_dir) as release:
        store = load_release(release, b"".join(chunks))
        count = len(store)
        write_dumps(store, release.dumps)
        del store
        write_manifest(release, {"loaded_files": [str(f) for f in files], "quads": count})
    swap(out_dir, release)
    return count
