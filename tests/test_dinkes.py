"""A second agency, a Dinas Kesehatan: a rate per 100.000 live births, negative indicators, a range target,
a target of 0 in the report year and in history, a budget line shared by two indicators.

Every expected figure below is computed by hand from tests/projects/dinkes/ and written out.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import TESTS, copy_project

from lakip_cli.checks import run_checks
from lakip_cli.compute.report import compute_report
from lakip_cli.pipeline import BuildOptions, build_report
from lakip_cli.source.validate import load_project

DINKES = TESTS / "projects" / "dinkes"


@pytest.fixture(scope="module")
def report():
    return compute_report(load_project(DINKES, 2024))


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = copy_project(DINKES, tmp_path_factory.mktemp("dinkes") / "proyek")
    build_report(root, BuildOptions(year=2024, charts=False, pdf=False))
    return (root / "out" / "LAKIP-2024.md").read_text(encoding="utf-8")


def _r2(value: Decimal | None) -> Decimal | None:
    return None if value is None else round(value, 2)


# id: (realisasi, capaian, status, capaian last year, trend points)
EXPECTED = {
    # 5 / 6.944 x 100.000 = 72,0046; (2 x 80 - 72,0046) / 80 x 100 = 109,99%.
    # 2023: 6 / 7.000 x 100.000 = 85,7143; (2 x 85 - 85,7143) / 85 x 100 = 99,16%; +10,83 points.
    "IK01": (Decimal("72.00"), Decimal("109.99"), "melampaui", Decimal("99.16"), Decimal("10.83")),
    # (2 x 14 - 16,8) / 14 x 100 = 80%; 2023: (2 x 15 - 17,4) / 15 x 100 = 84%; -4 points.
    "IK02": (Decimal("16.80"), Decimal("80.00"), "belum_tercapai", Decimal("84.00"), Decimal("-4.00")),
    # 82,5 inside the range 76,61-88,30: 100%; no history.
    "IK03": (Decimal("82.50"), Decimal("100.00"), "tercapai", None, None),
    # Target 0, no death: capaian_manual 100; 2023 target 0 and one death: capaian_manual 0; +100 points.
    "IK04": (Decimal("0.00"), Decimal("100.00"), "tercapai", Decimal("0.00"), Decimal("100.00")),
}


@pytest.mark.parametrize("ind_id", sorted(EXPECTED))
def test_figures_computed_by_hand(report, ind_id: str) -> None:
    ind = next(i for i in report.indikator if i.id == ind_id)
    realisasi, capaian, status, last, points = EXPECTED[ind_id]
    assert (_r2(ind.realisasi), _r2(ind.capaian), ind.status) == (realisasi, capaian, status)
    lalu = ind.tahun_lalu
    assert _r2(lalu.capaian if lalu else None) == last
    assert _r2(ind.tren_poin) == points


def test_budget_counts_the_shared_line_once(report) -> None:
    # kia (IK01 and IK04) 200.000.000 / 190.000.000, gizi 150.000.000 / 150.000.000, mutu 80.000.000 / 72.000.000.
    assert (report.total.pagu, report.total.realisasi) == (430_000_000, 412_000_000)
    assert _r2(report.total.serapan) == Decimal("95.81")
    # Sasaran S1: (109,994 + 80 + 100) / 3 = 96,66%.
    s1 = next(s for s in report.sasaran if s.id == "S1")
    assert _r2(s1.capaian) == Decimal("96.66")


def test_only_the_shared_budget_line_is_a_finding(report) -> None:
    assert [(d.code, d.location.path) for d in run_checks(report)] == [
        ("LK011", "data/2024/indikator/04-kematian-bayi-diare.yaml")]


def test_every_sentence_states_the_figures(text: str) -> None:
    for sentence in (
        "sebesar 72 per 100.000 KH dari target 80 per 100.000 KH, sehingga capaiannya 109,99%",
        "Perhitungan realisasi: 5/6.944 × 100.000 = 72.",
        "Capaian tahun 2024 (109,99%) meningkat dibanding tahun 2023 (99,16%), naik 10,83 poin persentase",
        "sebesar 16,8% dari target 14%, sehingga capaiannya 80% dengan predikat **Tinggi**: indikator ini belum "
        "mencapai target.",
        "Capaian tahun 2024 (80%) menurun dibanding tahun 2023 (84%), turun 4 poin persentase",
        "Standar nasional untuk indikator ini sebesar 14% (Perpres Nomor 72 Tahun 2021); realisasi tahun 2024 "
        "sebesar 16,8%.",
        "Capaian ditetapkan 100% karena target 0 kasus dan tidak terjadi kematian bayi akibat diare.",
        "Capaian tahun 2024 (100%) meningkat dibanding tahun 2023 (0%), naik 100 poin persentase.",
        "sebesar 0 kasus, sehingga capaian terhadap target RPJMD 100% (mencapai target RPJMD).",
        "sebesar 82,5 nilai dari target 76,61–88,3 nilai, sehingga capaiannya 100%",
        "- Prevalensi Stunting pada Balita: capaian 80% (realisasi 16,8% dari target 14%), lebih 2,8 poin "
        "persentase dari target 14%.",
        "Anggaran sebesar Rp430.000.000 terealisasi Rp412.000.000 (serapan 95,81%).",
        "1 (satu) indikator melampaui target, 2 (dua) indikator tepat mencapai target, dan 1 (satu) indikator "
        "belum mencapai target.",
    ):
        assert sentence in text, sentence
    assert "/ 0 ×" not in text  # no computation divides by the target of 0
    assert "BELUM DIISI" not in text
    assert '"pengali": "100.000 kelahiran hidup"' in text
