"""Every class of bad input gives located Indonesian diagnostics, exit code 1 and no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, TESTS, compare_golden, copy_project

from lakip_cli.cli import app

CASES = TESTS / "bad_input"
NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def _overlay(case: Path, project: Path) -> None:
    for src in sorted(case.rglob("*")):
        rel = src.relative_to(case)
        if rel.name in ("expected.txt", "args.txt", "README.txt") and src.parent == case:
            continue
        dest = project / rel
        if src.is_dir():
            if dest.is_file():
                dest.unlink()
            dest.mkdir(parents=True, exist_ok=True)
        else:
            if dest.is_dir() and not any(p for p in src.parent.iterdir() if p != src):
                shutil.rmtree(dest)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)


def _prepare(name: str, tmp_path: Path) -> tuple[Path, list[str]]:
    case = CASES / name
    project = copy_project(MINIMAL, tmp_path / "proyek")
    _overlay(case, project)
    if name == "oversized":
        rows = "".join(f"  - Langkah perbaikan nomor {i} untuk meningkatkan kinerja layanan.\n" for i in range(30_000))
        (project / "data/2024/laporan.yaml").write_text("tahun: 2024\nlangkah_mendatang:\n" + rows, encoding="utf-8")
    args_file = case / "args.txt"
    year = args_file.read_text().strip() if args_file.exists() else "2024"
    return project, ["validate", year, "-C", str(project)]


def test_every_case_has_golden_output() -> None:
    assert len(NAMES) >= 15
    for name in NAMES:
        assert (CASES / name / "expected.txt").exists() or __import__("os").environ.get("LAKIP_UPDATE_GOLDEN"), name


@pytest.mark.parametrize("name", NAMES)
def test_bad_input(name: str, tmp_path: Path, runner) -> None:
    project, args = _prepare(name, tmp_path)
    result = runner.invoke(app, args)
    output = result.output  # findings on stdout, the verdict on stderr, in the order printed
    assert result.exit_code == 1, output
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [ln for ln in output.splitlines() if ln]
    assert lines[-1].startswith("Gagal: ")
    for line in lines[:-1]:
        # path:line:col: galat: message [code]
        assert ": galat: " in line and line.rstrip().endswith("]"), line
    compare_golden(output.replace(str(project), "<proyek>"), CASES / name / "expected.txt")
