"""Settings: one frozen dataclass built from FENTKG_* environment variables and CLI flags."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

# Where the ontology, shapes, queries and data live: the project checkout. Found from
# FENTKG_HOME, else by walking up from the working directory, else beside the package
# (an editable install), so `fentkg` works from any sub-folder of a checkout.
_MARKER = Path("ontology") / "fentkg.ttl"


def project_root() -> Path:
    """Return the folder that holds ontology/, shapes/, queries/ and data/."""
    env = os.environ.get("FENTKG_HOME")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / _MARKER).is_file():
            return folder
    return Path(__file__).resolve().parents[2]


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw not in (None, "") else default


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a stage needs to know about where things are and how to behave."""

    root: Path = field(default_factory=project_root)
    sources_dir: Path | None = None
    out_dir: Path = Path("build")
    base_iri: str = "https://w3id.org/fentkg/"
    public_base: str | None = None  # the URL the server is reached at, if not the w3id base
    host: str = "127.0.0.1"
    port: int = 5000
    workers: int = 0  # 0 = one per core
    query_timeout: float = 10.0
    max_request_bytes: int = 1_000_000
    max_result_rows: int = 100_000
    memory_quads: int = 250_000  # query processes copy releases up to this size into memory (~0.5 KB/quad each)
    store_url: str | None = None
    update_token: str | None = None

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        """Build settings from FENTKG_* variables; keyword overrides (CLI flags) win when not None."""
        env = os.environ
        d = cls()  # the defaults (slots dataclasses keep no class-level default values)
        values: dict[str, Any] = {
            "sources_dir": Path(env["FENTKG_SOURCES"]) if env.get("FENTKG_SOURCES") else None,
            "out_dir": Path(env.get("FENTKG_OUT", "build")),
            "base_iri": env.get("FENTKG_BASE_IRI", d.base_iri),
            "public_base": env.get("FENTKG_PUBLIC_BASE") or None,
            "host": env.get("FENTKG_HOST", d.host),
            "port": _env_int("FENTKG_PORT", d.port),
            "workers": _env_int("FENTKG_WORKERS", d.workers),
            "query_timeout": float(env.get("FENTKG_QUERY_TIMEOUT", d.query_timeout)),
            "max_request_bytes": _env_int("FENTKG_MAX_REQUEST_BYTES", d.max_request_bytes),
            "max_result_rows": _env_int("FENTKG_MAX_RESULT_ROWS", d.max_result_rows),
            "memory_quads": _env_int("FENTKG_MEMORY_QUADS", d.memory_quads),
            "store_url": env.get("FENTKG_STORE_URL") or None,
            "update_token": env.get("FENTKG_UPDATE_TOKEN") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> "Settings":
        """A copy with some fields changed."""
        return replace(self, **changes)

    @property
    def sources(self) -> Path:
        return self.sources_dir or self.root / "data" / "sources"

    @property
    def reference_dir(self) -> Path:
        return self.root / "data" / "reference"

    @property
    def ontology_path(self) -> Path:
        return self.root / "ontology" / "fentkg.ttl"

    @property
    def vocab_path(self) -> Path:
        return self.root / "ontology" / "vocab.ttl"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"
