"""The exception tree of fentkg.

    FentkgError                 base; `exit_code` is what the CLI exits with
    ├── SourceError             a source file is missing, empty, binary or not UTF-8 (exit 2)
    ├── ReferenceDataError      a curated table in data/reference cannot be read (exit 2)
    ├── ExtractionError         an extractor failed on a document (exit 2)
    ├── EvidenceError           a fact's quote does not match its span (a bug: exit 2)
    ├── ValidationFailed        SHACL or OWL found violations (exit 1)
    ├── StoreError              the store is missing, corrupt or cannot be written (exit 2)
    └── QueryError              a SPARQL query is malformed or cannot run (exit 2)

Messages say what was wrong, with the value and where (file, document, offset).
"""
from __future__ import annotations


class FentkgError(Exception):
    """Base of every error fentkg raises on purpose."""

    exit_code = 2


class SourceError(FentkgError):
    """A source document or its metadata cannot be read."""


class ReferenceDataError(FentkgError):
    """A curated reference table cannot be read."""


class ExtractionError(FentkgError):
    """An extractor crashed on a document."""


class EvidenceError(FentkgError):
    """A fact was emitted with evidence whose quote does not match the text."""


class ValidationFailed(FentkgError):
    """The built graph does not conform to the shapes or the ontology."""

    exit_code = 1


class StoreError(FentkgError):
    """The on-disk store is missing, corrupt, or could not be written."""


class QueryError(FentkgError):
    """A SPARQL query could not be parsed or evaluated."""
