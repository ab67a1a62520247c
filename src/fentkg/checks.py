"""Validating an already built release: `fentkg validate`."""
from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from rdflib import Dataset

from .corpus import Corpus, load_corpus
from .errors import FentkgError, SourceError
from .settings import Settings
from .store import Store
from .validate import Report, validate


def dataset_of(store: Store) -> Dataset:
    """The store's quads as an rdflib Dataset (validation speaks rdflib)."""
    ds = Dataset()
    ds.parse(data=store.ox.dump(format=ox.RdfFormat.N_QUADS) or b"", format="nquads")
    return ds


def validate_release(settings: Settings, owl: bool = True, progress: Callable[[str], None] = lambda _: None) -> Report:
    store = Store.open(settings.out_dir)
    progress(f"read {len(store)} quads from {store.release.path}")
    ds = dataset_of(store)
    corpus: Corpus | None
    try:
        corpus = load_corpus(settings.sources)
    except SourceError as exc:
        raise FentkgError(f"cannot check evidence against the sources: {exc}") from None
    progress("validate (SHACL, OWL, evidence)")
    return validate(ds, settings.shapes_dir, corpus, owl=owl)
