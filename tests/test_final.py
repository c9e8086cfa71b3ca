"""A final build refuses every open finding; accepted findings (cek.terima) are listed with their reasons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lakip_cli.cli import app

BASE = Path(__file__).parent / "check_cases" / "_base"
IND01 = "data/2024/indikator/01-ormas-aktif.yaml"
# Turns IK01 (capaian 90%) into a narrative that claims the target was met: one LK013 warning.
CLAIM = ("    Sebagian ormas belum menyampaikan laporan kegiatannya.\n",
         "    Sebagian ormas belum melapor.\n    Pencapaian di atas telah mencapai target yang ditetapkan.\n")


def project(tmp_path: Path, edits: dict[str, list[tuple[str, str]]] | None = None) -> Path:
    """The clean check-case base project with text replacements applied (each must match exactly once)."""
    root = tmp_path / "proyek"
    shutil.copytree(BASE, root)
    for rel, items in (edits or {}).items():
        target = root / rel
        text = target.read_text(encoding="utf-8")
        for old, new in items:
            assert text.count(old) == 1, (rel, old)
            text = text.replace(old, new)
        target.write_text(text, encoding="utf-8")
    return root


def build(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["build", "2024", "-C", str(root), "--tanpa-grafik", "--no-pdf", *args])
    assert "Traceback" not in result.stderr
    return result.exit_code, result.output


def test_final_refuses_an_open_warning_and_keeps_the_previous_final(tmp_path: Path) -> None:
    root = project(tmp_path, {IND01: [CLAIM]})
    out = root / "out" / "LAKIP-2024.docx"
    out.parent.mkdir()
    out.write_bytes(b"final sebelumnya")
    code, err = build(root, "--final")
    assert code == 1
    assert "Laporan final tidak dibuat" in err
    assert f"{IND01}:36:5: peringatan: IK01: narasi menyatakan target tercapai" in err
    assert "[LK013]" in err
    assert out.read_bytes() == b"final sebelumnya"
    assert sorted(p.name for p in out.parent.iterdir()) == ["LAKIP-2024.docx"]


def test_final_is_not_silenced_by_ignore_or_abaikan(tmp_path: Path) -> None:
    root = project(tmp_path, {IND01: [CLAIM], "lakip.yaml": [("cek:\n", "cek:\n  abaikan: [LK013]\n")]})
    code, err = build(root, "--final", "--ignore", "LK013")
    assert code == 1 and "[LK013]" in err
    code, err = build(root)  # a draft still honours both
    assert code == 0 and "[LK013]" not in err


def accept(*entries: str) -> tuple[str, str]:
    """A lakip.yaml edit adding cek.terima entries (each a YAML mapping's lines, indented under '- ')."""
    return "cek:\n", "cek:\n  terima:\n" + "".join(f"    - {entry}\n" for entry in entries)


ACCEPT_LK013 = (f"kode: LK013\n      berkas: {IND01}\n      bagian: narasi.penyebab\n"
                "      alasan: Kalimat kutipan dari notulen rapat evaluasi, dimuat apa adanya")


def test_accepted_finding_lets_the_final_through_and_is_listed_with_its_reason(tmp_path: Path) -> None:
    root = project(tmp_path, {IND01: [CLAIM], "lakip.yaml": [accept(ACCEPT_LK013)]})
    code, err = build(root, "--final")
    assert code == 0, err
    assert "Diterima dengan alasan (1 temuan):" in err
    assert f"  {IND01}:36:5: peringatan: IK01: narasi menyatakan target tercapai" in err
    assert "    alasan: Kalimat kutipan dari notulen rapat evaluasi, dimuat apa adanya (lakip.yaml:6:7)" in err
    assert (root / "out" / "LAKIP-2024.docx").stat().st_size > 10_000


def test_acceptance_by_indicator_id_survives_lines_added_above(tmp_path: Path) -> None:
    entry = "kode: lk013\n      indikator: IK01\n      bagian: narasi.penyebab\n      alasan: Kutipan notulen"
    grown = ("narasi:\n", "# catatan baru\n# dua baris\nnarasi:\n")
    root = project(tmp_path, {IND01: [CLAIM, grown], "lakip.yaml": [accept(entry)]})
    code, err = build(root, "--final")
    assert code == 0, err
    assert f"{IND01}:38:5: peringatan" in err  # the finding moved two lines down; the acceptance still holds


def test_stale_acceptance_is_reported_and_stops_a_final(tmp_path: Path) -> None:
    stale = f"kode: LK014\n      berkas: {IND01}\n      bagian: narasi.penyebab\n      alasan: Dulu benar"
    root = project(tmp_path, {"lakip.yaml": [accept(stale)]})
    message = (f"lakip.yaml:6:7: peringatan: penerimaan LK014 untuk {IND01} narasi.penyebab tidak lagi cocok "
               "dengan temuan mana pun; hapus atau perbarui entri ini [V061]")
    code, err = build(root)
    assert code == 0 and message in err
    code, err = build(root, "--final")
    assert code == 1 and message in err


def test_acceptance_of_a_skipped_rule_is_not_stale(tmp_path: Path) -> None:
    root = project(tmp_path, {IND01: [CLAIM], "lakip.yaml": [accept(ACCEPT_LK013)]})
    code, err = build(root, "--ignore", "LK013")
    assert code == 0 and "[V061]" not in err


@pytest.mark.parametrize(("entry", "expected"), [
    (f"kode: LK999\n      berkas: {IND01}\n      alasan: x",
     "lakip.yaml:6:13: galat: kode 'LK999' bukan kode temuan yang dapat diterima (lihat 'lakip rules') [V060]"),
    (f"kode: LK001\n      berkas: {IND01}\n      alasan: x",
     "lakip.yaml:6:13: galat: temuan LK001 (data wajib kosong) tidak dapat diterima; isi datanya [V060]"),
    (f"kode: LK013\n      berkas: {IND01}",
     "lakip.yaml:6:7: galat: kunci wajib 'alasan' tidak ada [V010]"),
    (f"kode: LK013\n      berkas: {IND01}\n      alasan: ''",
     "lakip.yaml:8:15: galat: 'alasan': teks tidak boleh kosong [V012]"),
    ("kode: LK013\n      berkas: data/2024/indikator/99-tidak-ada.yaml\n      alasan: x",
     "lakip.yaml:7:15: galat: berkas 'data/2024/indikator/99-tidak-ada.yaml' tidak ada [V060]"),
    (f"kode: LK013\n      berkas: {IND01}\n      bagian: narasi.sebab\n      alasan: x",
     f"lakip.yaml:8:15: galat: bagian 'narasi.sebab' tidak ada di {IND01} [V060]"),
    ("kode: LK013\n      indikator: IK99\n      alasan: x",
     "lakip.yaml:7:18: galat: indikator 'IK99' tidak ada di data tahun 2024 [V060]"),
    ("kode: LK013\n      alasan: x",
     "lakip.yaml:6:7: galat: tulis tempat temuan dengan salah satu: 'berkas' atau 'indikator' [V060]"),
])
def test_malformed_acceptance_is_a_located_error(tmp_path: Path, entry: str, expected: str) -> None:
    root = project(tmp_path, {IND01: [CLAIM], "lakip.yaml": [accept(entry)]})
    code, err = build(root)
    assert code == 1
    assert expected in err, err
    assert not (root / "out").exists()


def test_validate_reports_a_malformed_acceptance(tmp_path: Path) -> None:
    root = project(tmp_path, {"lakip.yaml": [accept(f"kode: LK013\n      berkas: {IND01}\n      bagian: x.y\n"
                                                    "      alasan: x")]})
    result = CliRunner().invoke(app, ["validate", "2024", "-C", str(root)])
    assert result.exit_code == 1
    assert f"lakip.yaml:8:15: galat: bagian 'x.y' tidak ada di {IND01} [V060]" in result.output


IND03 = "data/2024/indikator/03-konflik-sosial.yaml"
IND01_BUDGET = ("anggaran:\n  - ormas\n", "")


def test_an_indicator_served_by_its_sasarans_programs_is_final(tmp_path: Path) -> None:
    # IK03 shares sasaran S2 with IK02, whose sub kegiatan serves it; IK03 keeps no line of its own.
    root = project(tmp_path, {IND03: [("anggaran:\n  - konflik\n", "")]})
    code, err = build(root, "--final")
    assert code == 0, err
    text = (root / "out" / "LAKIP-2024.md").read_text(encoding="utf-8")
    assert "Indikator ini tidak memiliki sub kegiatan sendiri. Indikator ini didukung oleh anggaran program " in text


def test_an_indicator_alone_in_its_sasaran_needs_its_own_budget_for_a_final(tmp_path: Path) -> None:
    # IK01 is the only indicator of S1: without its lines nothing serves it.
    root = project(tmp_path, {IND01: [IND01_BUDGET]})
    code, err = build(root, "--final")
    assert code == 1
    assert ("IK01 Persentase Ormas yang Aktif: anggaran (kode sub kegiatan; atau sub kegiatan indikator lain pada "
            "sasaran yang sama)") in err
