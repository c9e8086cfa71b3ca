"""source: the project's folder layout. Where lakip.yaml, the year folders, templates and outputs live.

Every other module asks here; none builds these paths itself.
"""

from __future__ import annotations

from pathlib import Path

from lakip_cli.diagnostics import LakipError, fail
from lakip_cli.source.models import Pengaturan

PROJECT_FILE = "lakip.yaml"
YEAR_FILES = ("instansi.yaml", "perencanaan.yaml", "anggaran.yaml", "laporan.yaml")
INDICATOR_DIR = "indikator"


def find_root(start: Path) -> Path:
    """The nearest folder at or above start that holds lakip.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PROJECT_FILE).is_file():
            return folder
    raise fail(PROJECT_FILE, "V030", f"berkas proyek '{PROJECT_FILE}' tidak ditemukan di {start} atau folder induknya")


def year_dir(root: Path, settings: Pengaturan, year: int) -> Path:
    return root / settings.folder_data / str(year)


def years(root: Path, settings: Pengaturan) -> list[int]:
    """The report years that have a folder, oldest first."""
    folder = root / settings.folder_data
    if not folder.is_dir():
        return []
    return sorted(int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit())


def latest_year(root: Path, settings: Pengaturan) -> int:
    found = years(root, settings)
    if not found:
        raise no_year(settings.folder_data)
    return found[-1]


def no_year(folder: str) -> LakipError:
    return fail(folder, "V030", f"tidak ada folder tahun (mis. {folder}/2024/)")


def output_dir(root: Path, settings: Pengaturan) -> Path:
    return root / settings.keluaran.folder


def shown(path: Path, root: Path) -> str:
    """A path as a location: relative to the project when it is inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
