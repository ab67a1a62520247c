"""Fixtures of the reliability and security tests (issue 6): the seed build served by real `fentkg serve`
processes, and writable copies of it for the tests that kill, fill or corrupt things.

The servers are started with the helpers of tests/server/conftest.py (same log capture, same process group
handling); the seed build is the session's one (tests/conftest.py).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fentkg.settings import Settings
from server.conftest import TOKEN, Server, start_server, stop_server


def copy_build(seed: Settings, target: Path) -> Path:
    """A writable copy of the seed build's out dir (`current` link and its release)."""
    shutil.copytree(seed.out_dir, target, symlinks=True)
    return target


@pytest.fixture(scope="session")
def rel_server(seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The seed build, read-only, two WSGI workers, a 5 s deadline (the fuzzers' target)."""
    server = start_server(seed_settings.out_dir, tmp_path_factory.mktemp("rel") / "serve.log",
                          {"FENTKG_QUERY_TIMEOUT": "5"}, workers=2)
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def token_server(seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A copy of the seed build with writes enabled (bearer token), for the token tests."""
    base = tmp_path_factory.mktemp("rel-token")
    out = copy_build(seed_settings, base / "build")
    server = start_server(out, base / "serve.log", {"FENTKG_UPDATE_TOKEN": TOKEN})
    yield server
    stop_server(server)


@pytest.fixture
def build_copy(seed_settings: Settings, tmp_path: Path) -> Path:
    return copy_build(seed_settings, tmp_path / "build")
