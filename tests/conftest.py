"""Shared fixtures: project copies in tmp_path, the CLI runner, and the LibreOffice requirement."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

TESTS = Path(__file__).parent
ROOT = TESTS.parent
MINIMAL = TESTS / "projects" / "minimal"
UPDATE_GOLDEN = os.environ.get("LAKIP_UPDATE_GOLDEN") == "1"


def require_libreoffice() -> str:
    """soffice's path; a skip on a developer machine without it, a failure in CI (LAKIP_REQUIRE_LIBREOFFICE=1)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    message = "LibreOffice (soffice) tidak terpasang"
    if os.environ.get("LAKIP_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail(message + " padahal LAKIP_REQUIRE_LIBREOFFICE=1")
    pytest.skip(message)


# What a project copy never needs: the virtual environment, version control, build outputs and caches.
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", "venv", ".git", "out", "__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache",
    "*.egg-info", "build", "dist", "benchmarks", "tests", "lakip_cli", "tools", ".ci",
)


def copy_project(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=COPY_IGNORE)
    return dest


def compare_golden(actual: str, golden: Path) -> None:
    """Assert actual equals the golden file; LAKIP_UPDATE_GOLDEN=1 (make golden) rewrites it instead."""
    if UPDATE_GOLDEN or not golden.exists():
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden file {golden} missing; run 'make golden' and review the diff")
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert actual == golden.read_text(encoding="utf-8")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return copy_project(MINIMAL, tmp_path / "proyek")


@pytest.fixture(scope="session")
def seed_root() -> Path:
    return ROOT
