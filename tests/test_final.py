"""A final build refuses every open finding; accepted findings (cek.terima) are listed with their reasons."""

from __future__ import annotations

import shutil
from pathlib import Path

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
    return result.exit_code, result.stderr


def test_final_refuses_an_open_warning_and_keeps_the_previous_final(tmp_path: Path) -> None:
    root = project(tmp_path, {IND01: [CLAIM]})
    out = root / "out" / "LAKIP-2024.docx"
    out.parent.mkdir()
    out.write_bytes(b"final sebelumnya")
    code, err = build(root, "--final")
    assert code == 1
    assert "Laporan final tidak dibuat" in err
    assert f"{IND01}:34:13: peringatan: IK01: narasi menyatakan target tercapai" in err
    assert "[LK013]" in err
    assert out.read_bytes() == b"final sebelumnya"
    assert sorted(p.name for p in out.parent.iterdir()) == ["LAKIP-2024.docx"]


def test_final_is_not_silenced_by_ignore_or_abaikan(tmp_path: Path) -> None:
    root = project(tmp_path, {IND01: [CLAIM], "lakip.yaml": [("cek:\n", "cek:\n  abaikan: [LK013]\n")]})
    code, err = build(root, "--final", "--ignore", "LK013")
    assert code == 1 and "[LK013]" in err
    code, err = build(root)  # a draft still honours both
    assert code == 0 and "[LK013]" not in err
