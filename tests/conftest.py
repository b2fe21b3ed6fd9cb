"""Shared test fixtures. Tests never read ../shared: every page they use is in tests/fixtures/."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED_PAGE = FIXTURES / "seed" / "000_d4eb6ef48fb1f2de.txt"


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED_PAGE.read_bytes()


@pytest.fixture(autouse=True)
def _isolated_library(tmp_path, monkeypatch):
    """No test may touch the user's real library: point READER_DB and data dirs at tmp_path."""
    monkeypatch.setenv("READER_DB", str(tmp_path / "library.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
