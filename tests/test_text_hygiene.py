"""The text-hygiene rules' registries read from lakip.yaml (LK018 cek.mitra, LK027 cek.istilah_usang)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_checks import BASE, build_case, check_project

from lakip_cli.checks.lk027_istilah_usang import DEFAULTS
from lakip_cli.diagnostics import LakipError


def _project(tmp_path: Path, settings: str, sentence: str) -> Path:
    case = tmp_path / "kasus"
    case.mkdir(parents=True)
    (case / "edits.yaml").write_text(
        "lakip.yaml:\n"
        f"  - replace: \"cek:\\n\"\n    with: \"cek:\\n{settings}\"\n"
        "data/2024/laporan.yaml:\n"
        "  - replace: \"  Semoga laporan ini bermanfaat\"\n"
        f"    with: \"  {sentence} Semoga laporan ini bermanfaat\"\n", encoding="utf-8")
    return build_case(case, tmp_path)


def test_turning_off_a_term_that_is_not_a_default_is_a_located_error(tmp_path: Path) -> None:
    root = _project(tmp_path, "  istilah_usang:\\n    - istilah: SKPD\\n      aktif: false\\n"
                              "    - istilah: Penetapan Kinerjaa\\n      aktif: false\\n", "Teks biasa.")
    with pytest.raises(LakipError) as exc:
        check_project(root)
    [diag] = exc.value.diagnostics
    # lakip.yaml line 4 is 'cek:'; the second entry's 'istilah' value is on line 8, column 16.
    assert (diag.location.path, diag.location.line, diag.location.col, diag.code) == ("lakip.yaml", 8, 16, "V012")
    assert "'Penetapan Kinerjaa'" in diag.message and "lakip rules LK027" in diag.message


def test_a_default_term_gets_the_planners_replacement(tmp_path: Path) -> None:
    root = _project(tmp_path, "  istilah_usang:\\n    - istilah: skpd\\n      ganti: Perangkat Daerah Kota Contoh\\n",
                    "Semua SKPD dan skpd hadir.")
    [diag] = [d for d in check_project(root) if d.code == "LK027"]
    assert diag.message.endswith("kini Perangkat Daerah Kota Contoh")
    assert "istilah usang 'SKPD' (2 kali)" in diag.message


def test_a_planners_term_is_text_not_a_pattern(tmp_path: Path) -> None:
    # '.' would match any character and '+' would repeat it if the term were read as a regex.
    root = _project(tmp_path, "  istilah_usang:\\n    - istilah: K.+\\n      ganti: Kantor\\n",
                    "Kantor baru dan K.+ lama.")
    [diag] = [d for d in check_project(root) if d.code == "LK027"]
    assert "istilah usang 'K.+'" in diag.message and "(2 kali)" not in diag.message


def test_every_default_term_is_found_by_its_own_name() -> None:
    # The name is how cek.istilah_usang refers to a default; each name written out is found by its pattern.
    for term in DEFAULTS:
        if term.name.startswith("Keputusan Kepala LAN"):
            assert term.pattern.search("Keputusan Kepala Lembaga Administrasi Negara Nomor 239/IX/6/8/2003")
        else:
            assert term.pattern.search(f"dalam {term.name} ini"), term.name


def test_mitra_in_lakip_yaml_extends_the_default_partners(tmp_path: Path) -> None:
    sentence = "Zakat dihimpun Badan Amil Zakat Nasional dan Dinas Sosial."
    found = [d for d in check_project(_project(tmp_path / "a", "", sentence)) if d.code == "LK018"]
    assert sorted(re.findall(r"menyebut '([^']+)'", " ".join(d.message for d in found))) == [
        "Badan Amil Zakat Nasional", "Dinas Sosial"]
    root = _project(tmp_path / "b", "  mitra: [Badan Amil Zakat Nasional]\\n", sentence)
    [diag] = [d for d in check_project(root) if d.code == "LK018"]
    assert "menyebut 'Dinas Sosial'" in diag.message


def test_base_is_clean() -> None:
    assert [d for d in check_project(BASE) if d.code in {"LK018", "LK027", "LK032", "LK033", "LK034"}] == []
