"""Shared fixtures: real corpus folders, a real build of the seeds, the real Oxigraph store."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from fentkg.build import BuildResult, build
from fentkg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, BuildResult]:
    """One real build of data/sources, shared by every test that only reads it."""
    settings = Settings(root=ROOT, out_dir=tmp_path_factory.mktemp("seed-build"))
    return settings, build(settings)


@pytest.fixture(scope="session")
def seed_settings(seed_build: tuple[Settings, BuildResult]) -> Settings:
    return seed_build[0]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def sources_copy(tmp_path: Path) -> Path:
    """A writable copy of data/sources (tests add broken files to it)."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES, target)
    return target
