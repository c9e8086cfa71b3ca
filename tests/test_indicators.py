"""Indicators real agencies have: rates with a multiplier, counts without a share formula, shortfalls in their unit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import MINIMAL, copy_project

from lakip_cli.checks import run_checks
from lakip_cli.compute.formulas import realisasi_value
from lakip_cli.compute.report import compute_report
from lakip_cli.pipeline import BuildOptions, build_report
from lakip_cli.source.models import Komponen
from lakip_cli.source.validate import load_project

IK01 = "data/2024/indikator/01-layanan.yaml"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_rate_per_100000_uses_its_multiplier() -> None:
    # 5 maternal deaths in 6.944 live births: 5 / 6944 x 100.000 = 72,0046..., not 0,07.
    value = realisasi_value(Komponen(pembilang=Decimal(5), penyebut=Decimal(6944)), Decimal(100000))
    assert value is not None and round(value, 4) == Decimal("72.0046")
    assert realisasi_value(Komponen(pembilang=Decimal(34), penyebut=Decimal(36))) == Decimal(34) / 36 * 100


def _rate_project(tmp_path: Path) -> Path:
    root = copy_project(MINIMAL, tmp_path / "proyek")
    _edit(root, IK01, "nama: Persentase Layanan Tepat Waktu\n", "nama: Angka Kematian Ibu\n")
    _edit(root, IK01, 'satuan: "%"\n', "satuan: per 100.000 KH\npolaritas: negatif\n")
    _edit(root, IK01, "  pembilang: Jumlah layanan tepat waktu\n  penyebut: Jumlah seluruh layanan\n",
          "  pembilang: Jumlah kematian ibu\n  penyebut: Jumlah kelahiran hidup\n  pengali: 100000\n"
          "  per: kelahiran hidup\n")
    _edit(root, IK01, "target: 90\n", "target: 80\n")
    _edit(root, IK01, "  pembilang: 34\n  penyebut: 36\n", "  pembilang: 5\n  penyebut: 6944\n")
    return root


def test_rate_indicator_computes_and_prints_its_multiplier(tmp_path: Path) -> None:
    root = _rate_project(tmp_path)
    report = compute_report(load_project(root, 2024))
    ind = report.indikator[0]
    assert round(ind.realisasi, 2) == Decimal("72.00")
    # Lower is better, mirror formula: (2 x 80 - 72,0046) / 80 x 100 = 109,99%.
    assert round(ind.capaian, 2) == Decimal("109.99")
    assert ind.status == "melampaui"
    build_report(root, BuildOptions(year=2024, charts=False, pdf=False))
    text = (root / "out" / "LAKIP-2024.md").read_text(encoding="utf-8")
    assert '"pengali": "100.000 kelahiran hidup"' in text
    assert "Perhitungan realisasi: 5/6.944 × 100.000 = 72." in text
    assert '"pengali": "100%"' not in text  # the rate's equation, and the count's, carry no "x 100%"


def test_count_without_share_formula_needs_no_rumus(tmp_path: Path) -> None:
    root = copy_project(MINIMAL, tmp_path / "proyek")
    ind = "data/2024/indikator/02-keluhan.yaml"
    _edit(root, ind, 'rumus:\n  pembilang: Jumlah keluhan tercatat\n  penyebut: "1"\n', "")
    report = compute_report(load_project(root, 2024))
    assert report.indikator[1].belum_diisi == ()
    assert [d.code for d in run_checks(report)] == []


def test_shortfall_is_stated_in_the_indicators_own_unit(tmp_path: Path) -> None:
    root = copy_project(MINIMAL, tmp_path / "proyek")
    # 30 of 36 on time is 83,33% against a target of 90%: 6,67 percentage points short.
    _edit(root, IK01, "  pembilang: 34\n", "  pembilang: 30\n")
    report = compute_report(load_project(root, 2024))
    ind = report.indikator[0]
    assert ind.status == "belum_tercapai"
    assert round(ind.selisih_target, 2) == Decimal("6.67") and ind.selisih_di_bawah
    build_report(root, BuildOptions(year=2024, charts=False, pdf=False))
    text = (root / "out" / "LAKIP-2024.md").read_text(encoding="utf-8")
    assert "kurang 6,67 poin persentase dari target 90%." in text
