"""The package as a user installs it: a wheel with its templates, and templates overridden one file at a time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from lakip_cli.cli import app
from lakip_cli.present.templates import builtin_dir

BUILTIN = sorted(p.name for p in builtin_dir().iterdir() if p.suffix in (".j2", ".docx"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("sumber")  # a build writes build/ and *.egg-info beside the sources
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "lakip_cli", source / "lakip_cli", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(source)],
                   check=True, capture_output=True, timeout=600)
    return next(out.glob("lakip-*.whl"))


def test_wheel_ships_every_template_and_the_reference(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n.split("/")[-1] for n in names if n.startswith("lakip_cli/templates/"))
    assert shipped == BUILTIN
    assert "reference.docx" in shipped and "30-bab3-akuntabilitas.md.j2" in shipped
    assert not [n for n in names if n.startswith(("tests/", "data/", "tools/"))]


def test_installed_wheel_builds_a_project_without_templates(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    project = tmp_path / "proyek"
    project.mkdir()
    shutil.copy(ROOT / "lakip.yaml", project / "lakip.yaml")
    shutil.copytree(ROOT / "data", project / "data")
    code = ("import sys, lakip_cli; assert lakip_cli.__file__.startswith(sys.argv[1]), lakip_cli.__file__; "
            "from lakip_cli.cli import main; sys.argv = ['lakip', 'build', '2024', '--tanpa-grafik']; main()")
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", code, str(site)], cwd=project, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "ditulis: out/LAKIP-2024.docx" in result.stderr
    document = zipfile.ZipFile(project / "out" / "LAKIP-2024.docx").read("word/document.xml").decode()
    assert "BAB III AKUNTABILITAS KINERJA" in document
    assert not (project / "templates").exists()


def test_one_copied_template_overrides_only_itself(tmp_path: Path, runner) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    result = runner.invoke(app, ["templat", "salin", "40-bab4-penutup.md.j2", "-C", str(project)])
    assert result.exit_code == 0, result.output
    assert "disalin: templates/40-bab4-penutup.md.j2" in result.output
    assert sorted(p.name for p in (project / "templates").iterdir()) == ["40-bab4-penutup.md.j2"]
    chapter = project / "templates" / "40-bab4-penutup.md.j2"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "# BAB IV PENUTUP", "# BAB IV PENUTUP\n\nKalimat dari templat proyek."), encoding="utf-8")
    again = runner.invoke(app, ["templat", "salin", "40-bab4-penutup.md.j2", "-C", str(project)])
    assert "dilewati (sudah ada, tidak ditimpa)" in again.output
    assert "Kalimat dari templat proyek." in chapter.read_text(encoding="utf-8")
    listing = runner.invoke(app, ["templat", "daftar", "-C", str(project)])
    lines = dict(line.split(None, 1) for line in listing.output.splitlines())
    assert lines["40-bab4-penutup.md.j2"] == "proyek (templates/40-bab4-penutup.md.j2)"
    assert lines["30-bab3-akuntabilitas.md.j2"] == "bawaan"
    built = runner.invoke(app, ["build", "2024", "-C", str(project), "--tanpa-grafik"])
    assert built.exit_code == 0, built.output
    markdown = (project / "out" / "LAKIP-2024.md").read_text(encoding="utf-8")
    assert "Kalimat dari templat proyek." in markdown
    assert "# BAB III AKUNTABILITAS KINERJA" in markdown  # still the built-in chapter


def test_unknown_template_name_is_refused(tmp_path: Path, runner) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    result = runner.invoke(app, ["templat", "salin", "99-tidak-ada.md.j2", "-C", str(project)])
    assert result.exit_code == 1
    assert "99-tidak-ada.md.j2: galat: templat bawaan tidak dikenal" in result.output
    assert not (project / "templates").exists()


def test_configured_template_folder_that_is_missing_is_an_error(tmp_path: Path, runner) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    settings = project / "lakip.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\nfolder_templat: templat-kantor\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "2024", "-C", str(project), "--tanpa-grafik"])
    assert result.exit_code == 1
    assert "templat-kantor: galat: folder templat yang diatur di lakip.yaml" in result.output
