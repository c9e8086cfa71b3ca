"""check: where each sub kegiatan of anggaran.yaml stands (Project -> (YAML path, SubKegiatan))."""

from __future__ import annotations

from collections.abc import Iterator

from ..models import SubKegiatan
from ..validate import Project

Path = tuple[str | int, ...]


def each_sub_kegiatan(project: Project) -> Iterator[tuple[Path, SubKegiatan]]:
    for pi, prog in enumerate(project.anggaran.model.program):
        for ki, keg in enumerate(prog.kegiatan):
            for si, sub in enumerate(keg.sub_kegiatan):
                yield ("program", pi, "kegiatan", ki, "sub_kegiatan", si), sub
