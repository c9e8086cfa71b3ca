"""Every number column of a table shows one number of decimals: typed decimals kept, computed ones fixed at 2.

Expected texts are worked out by hand from the YAML (e.g. 127 / 70 x 100 = 181,428... -> 181,43%).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from lakip_cli.compute.report import Report
from lakip_cli.pipeline import load_report
from lakip_cli.present import tables
from lakip_cli.write.blocks import Table

IND = "data/2024/indikator/01-layanan.yaml"


def _column(t: Table, index: int) -> list[str]:
    """The texts of one column of a table without merged cells."""
    return [row[index].teks for row in t.baris]


def _ind(report: Report, ident: str):
    return next(i for i in report.indikator if i.id == ident)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def seed() -> Report:
    return load_report(ROOT, 2024)


def test_seed_multi_year_table_of_a_share(seed: Report) -> None:
    t = tables.analisis_b(seed, _ind(seed, "IK01"), "x")
    assert _column(t, 0) == ["2021", "2022", "2023", "2024"]
    assert _column(t, 1) == ["70%", "80%", "80%", "90%"]  # targets typed without decimals
    # 2024 is computed (3/3 x 100), so the column has 2 decimals; 127, 100, 100 are padded, not changed
    assert _column(t, 2) == ["127,00%", "100,00%", "100,00%", "100,00%"]
    # 127/70 = 181,43; 100/80 = 125; 100/90 = 111,11
    assert _column(t, 3) == ["181,43%", "125,00%", "125,00%", "111,11%"]
    assert _column(t, 4) == ["-", "−56,43 poin", "tetap", "−13,89 poin"]


def test_seed_count_indicator_keeps_whole_numbers(seed: Report) -> None:
    t = tables.analisis_b(seed, _ind(seed, "IK02"), "x")
    assert _column(t, 1) == ["225 orang", "100 orang", "100 orang", "100 orang"]
    assert _column(t, 2) == ["158 orang", "95 orang", "100 orang", "100 orang"]
    assert _column(t, 3) == ["70,22%", "95,00%", "100,00%", "100,00%"]  # 158/225 = 70,22


def test_seed_summary_table_has_one_format_per_unit_in_each_column(seed: Report) -> None:
    t = tables.ringkasan_capaian(seed, "x")
    first = t.baris[0]  # IK01, behind the merged number and sasaran cells
    assert [c.teks for c in first[2:6]] == ["Persentase Peningkatan Kerukunan Beragama", "90%", "100,00%", "111,11%"]
    ik02 = t.baris[1]
    assert [c.teks for c in ik02[1:4]] == ["100 orang", "100 orang", "100,00%"]
    ik04 = t.baris[3]
    assert [c.teks for c in ik04[1:4]] == ["100%", "94,44%", "94,44%"]  # 34/36 = 94,44
    assert t.kaki[0][1].teks == "101,67%"


def test_seed_budget_serapan_always_two_decimals(seed: Report) -> None:
    t = tables.realisasi_anggaran(seed, "x")
    # 15.653.210.088 / 15.731.413.218 = 99,503 %: the total was printed '99,5%' among '91,48%' rows
    assert t.kaki[0][-1].teks == "99,50%"
    assert t.baris[0][-1].teks == "91,48%"  # 120.800.950 / 132.057.600


def test_typed_decimals_are_never_rounded_away(minimal: Path) -> None:
    _edit(minimal / IND, "realisasi:\n  pembilang: 34\n  penyebut: 36\n", "realisasi: 94.444\n")
    report = load_report(minimal, 2024)
    ind = _ind(report, "IK01")
    a = tables.analisis_a(ind, "x")
    assert [c.teks for c in a.baris[0][1:4]] == ["90%", "94,444%", "104,94%"]  # 94,444/90 = 104,938
    b = tables.analisis_b(report, ind, "x")
    assert _column(b, 2) == ["80,000%", "94,444%"]  # the 2023 realisasi is padded to the column's 3 decimals


def test_desimal_sets_the_indicators_cells(minimal: Path) -> None:
    _edit(minimal / IND, "target: 90\n", "target: 90\ndesimal: 1\n")
    report = load_report(minimal, 2024)
    ind = _ind(report, "IK01")
    assert [c.teks for c in tables.analisis_a(ind, "x").baris[0][1:4]] == ["90,0%", "94,4%", "104,94%"]
    b = tables.analisis_b(report, ind, "x")
    assert _column(b, 1) == ["85,0%", "90,0%"]
    assert _column(b, 2) == ["80,0%", "94,4%"]  # 34/36 computed, shown with the planner's 1 decimal
    assert tables.perjanjian_kinerja(report, "x").baris[0][-1].teks == "90,0%"
