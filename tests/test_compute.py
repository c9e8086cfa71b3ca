"""compute: the seed's own figures, the formulas' properties, and errors that carry a location."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from lakip_cli.compute.report import apply_cap, capaian, compute_report, predikat, status_of, tren
from lakip_cli.diagnostics import LakipError
from lakip_cli.display import persen, rupiah
from lakip_cli.source.models import Kebijakan, Rentang
from lakip_cli.source.validate import load_project

D = Decimal


@pytest.fixture(scope="module")
def seed():
    return compute_report(load_project(ROOT, 2024))


def _ind(report, ident):
    return next(i for i in report.indikator if i.id == ident)


# ---------------------------------------------------------------- the seed's figures, computed


def test_kerukunan_exceeds_target(seed) -> None:
    ik = _ind(seed, "IK01")
    assert persen(ik.capaian) == "111,11%"  # the seed typed 100%
    assert ik.status == "melampaui"
    assert ik.predikat == "Sangat Tinggi"


def test_ormas_share_from_components(seed) -> None:
    ik = _ind(seed, "IK04")
    assert persen(ik.realisasi) == "94,44%"  # 34 of 36
    assert persen(ik.capaian) == "94,44%"
    assert ik.status == "belum_tercapai"


def test_efficiency_of_the_seven_budget_lines(seed) -> None:
    by_id = {line.id: persen(line.efisiensi) for line in seed.anggaran if line.lengkap}
    assert by_id == {
        "kerukunan": "3,64%",
        "p4gn": "10,46%",
        "parpol": "0,03%",  # the seed printed 0%
        "ormas-hibah": "3,09%",
        "konflik": "3,12%",
        "ideologi": "12,27%",
        "ormas-pengawasan": "20,17%",  # the seed printed 21,2%
    }


def test_budget_total_counts_each_line_once(seed) -> None:
    t = seed.total
    assert rupiah(t.pagu) == "Rp15.731.413.218"
    assert rupiah(t.realisasi) == "Rp15.653.210.088"
    assert persen(t.serapan) == "99,5%"
    assert t.sisa == 78_203_130
    assert t.incomplete == 1  # evaluasi-kinerja has no amounts in the seed
    parpol = next(line for line in seed.anggaran if line.id == "parpol")
    assert parpol.indikator == ("IK03", "IK08")


def test_parpol_residual_is_not_hidden_by_rounding(seed) -> None:
    parpol = next(line for line in seed.anggaran if line.id == "parpol")
    assert parpol.sisa == 4_261_450
    assert parpol.efisiensi > 0


def test_counts_and_missing_indicator(seed) -> None:
    c = seed.counts
    assert (c.jumlah, c.melampaui, c.tercapai, c.belum_tercapai, c.belum_terukur) == (11, 2, 7, 1, 1)
    ik6 = _ind(seed, "IK06")
    assert ik6.capaian is None and ik6.status == "belum_terukur"
    assert "realisasi" in ik6.belum_diisi


def test_series_years_derive_from_data(seed) -> None:
    ik = _ind(seed, "IK01")
    assert [y.tahun for y in ik.seri] == [2024, 2023, 2022, 2021]
    assert persen(ik.seri[3].capaian) == "181,43%"  # 127 / 70; the seed printed 127%
    assert ik.tren == "turun"  # 125% in 2023 -> 111,11% in 2024


def test_sasaran_mean(seed) -> None:
    s1 = seed.sasaran[0]
    assert [i.id for i in s1.indikator] == ["IK01", "IK02", "IK03", "IK04", "IK05"]
    assert persen(s1.capaian) == "101,11%"  # (111,11 + 100 + 100 + 94,44 + 100) / 5
    assert seed.sasaran[1].capaian is None  # IK06 only, no data


# ---------------------------------------------------------------- formulas


def test_negative_polarity_variants_differ() -> None:
    assert capaian(D(80), D(100), polaritas="negatif", rumus_negatif="cermin") == D(75)
    assert capaian(D(80), D(100), polaritas="negatif", rumus_negatif="rasio") == D(80)


def test_range_target() -> None:
    r = Rentang(bawah=D(80), atas=D(90))
    assert persen(capaian(r, D(92))) == "102,22%"
    assert persen(capaian(r, D(70))) == "87,5%"
    assert capaian(r, D(85)) == D(100)


def test_zero_target_has_no_value() -> None:
    with pytest.raises(ZeroDivisionError):
        capaian(D(0), D(5))
    with pytest.raises(ZeroDivisionError):
        capaian(D(10), D(0), polaritas="negatif", rumus_negatif="rasio")


def test_predicate_bands() -> None:
    k = Kebijakan()
    assert [predikat(D(v), k) for v in (91, 90.99, 76, 66, 51, 50)] == [
        "Sangat Tinggi", "Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]


def test_trend_and_status() -> None:
    assert tren(D(100), D(94)) == "naik"
    assert tren(D(94), D(100)) == "turun"
    assert tren(D(100), D(100)) == "tetap"
    assert tren(D(100), None) is None
    assert [status_of(v) for v in (D(101), D(100), D("99.99"), None)] == [
        "melampaui", "tercapai", "belum_tercapai", "belum_terukur"]


positive = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2, allow_nan=False, allow_infinity=False)
polarity = st.sampled_from([("positif", "cermin"), ("negatif", "cermin"), ("negatif", "rasio")])


@given(t=positive, pol=polarity)
def test_capaian_is_100_exactly_when_realisasi_equals_target(t: Decimal, pol: tuple[str, str]) -> None:
    assert capaian(t, t, polaritas=pol[0], rumus_negatif=pol[1]) == 100


@given(t=positive, r1=positive, r2=positive, pol=polarity)
def test_capaian_moves_with_polarity(t: Decimal, r1: Decimal, r2: Decimal, pol: tuple[str, str]) -> None:
    lo, hi = sorted((r1, r2))
    a = capaian(t, lo, polaritas=pol[0], rumus_negatif=pol[1])
    b = capaian(t, hi, polaritas=pol[0], rumus_negatif=pol[1])
    if pol[0] == "positif":
        assert b >= a
    else:
        assert b <= a


@given(t=positive, r=positive, cap=st.decimals(min_value=D(100), max_value=D(200), places=0))
def test_cap_is_never_exceeded(t: Decimal, r: Decimal, cap: Decimal) -> None:
    assert apply_cap(capaian(t, r), cap) <= cap


# ---------------------------------------------------------------- projects built from generated data


def _write_indicator(project: Path, target: object, realisasi: object, polaritas: str, cap: object) -> None:
    path = project / "data/2024/indikator/01-layanan.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(target=target, realisasi=realisasi, polaritas=polaritas)
    data.pop("riwayat", None)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    settings_path = project / "lakip.yaml"
    s = yaml.safe_load(settings_path.read_text(encoding="utf-8"))
    s["kebijakan"] = {"batas_capaian": cap}
    settings_path.write_text(yaml.safe_dump(s, allow_unicode=True), encoding="utf-8")


numbers = st.one_of(st.integers(min_value=0, max_value=10_000),
                    st.floats(min_value=0, max_value=10_000, allow_nan=False).map(lambda f: round(f, 3)))


@settings(max_examples=40, deadline=None)
@given(target=numbers, realisasi=numbers, polaritas=st.sampled_from(["positif", "negatif"]),
       cap=st.one_of(st.none(), st.integers(min_value=100, max_value=200)))
def test_every_valid_input_computes_or_fails_with_a_location(tmp_path_factory, target, realisasi, polaritas,
                                                             cap) -> None:
    from conftest import MINIMAL, copy_project

    project = copy_project(MINIMAL, tmp_path_factory.mktemp("p") / "proyek")
    _write_indicator(project, target, realisasi, polaritas, cap)
    try:
        report = compute_report(load_project(project, 2024))
    except LakipError as exc:
        assert target == 0 or (polaritas == "negatif" and realisasi == 0)  # inputs without a capaian
        for d in exc.diagnostics:
            assert d.location.path.endswith("01-layanan.yaml") and d.location.line > 0
            assert d.code == "V040"
        return
    ik = report.indikator[0]
    assert ik.capaian is not None
    if cap is not None:
        assert ik.capaian <= cap
    if target == realisasi:
        assert ik.capaian == 100


def test_previous_year_folder_fills_and_cross_checks_history(minimal: Path) -> None:
    import shutil

    prev = minimal / "data/2023"
    shutil.copytree(minimal / "data/2024", prev)
    (prev / "laporan.yaml").write_text("tahun: 2023\n", encoding="utf-8")
    ind = prev / "indikator/01-layanan.yaml"
    data = yaml.safe_load(ind.read_text(encoding="utf-8"))
    # 2023's own report says realisasi 82 (the 2024 file's history says 80) and adds 2021.
    data.update(target=85, realisasi=82, riwayat=[{"tahun": 2021, "target": 80, "realisasi": 70}])
    ind.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = compute_report(load_project(minimal, 2024))
    ik = report.indikator[0]
    assert [(y.tahun, y.sumber) for y in ik.seri] == [(2024, "laporan"), (2023, "riwayat"), (2021, "data 2023")]
    assert persen(ik.seri[2].capaian) == "87,5%"
    notes = [n for n in report.notes if n.code == "V042"]
    assert len(notes) == 1
    assert notes[0].location.path == "data/2024/indikator/01-layanan.yaml"
    assert notes[0].location.line == 18  # the riwayat row for 2023
    assert "realisasi 82" in notes[0].message


def test_cap_limits_display_but_not_status_or_trend(tmp_path: Path) -> None:
    from conftest import copy_project

    project = copy_project(ROOT, tmp_path / "proyek")
    settings = project / "lakip.yaml"
    text = settings.read_text(encoding="utf-8").replace("kebijakan:\n", "kebijakan:\n  batas_capaian: 100\n")
    settings.write_text(text, encoding="utf-8")
    report = compute_report(load_project(project, 2024))
    ik = _ind(report, "IK01")
    assert ik.capaian == 100 and persen(ik.capaian_mentah) == "111,11%"
    assert ik.status == "melampaui"
    assert ik.tren == "turun"  # 125% -> 111,11% uncapped; both would read 100% capped
    assert report.counts.melampaui == 2
    assert persen(report.sasaran[0].capaian) == "98,89%"  # the mean uses capped values, as the policy says


def test_negative_polarity_with_zero_realisasi_needs_an_explicit_value() -> None:
    for variant in ("cermin", "rasio"):
        with pytest.raises(ZeroDivisionError):
            capaian(D(10), D(0), polaritas="negatif", rumus_negatif=variant)


def test_dasar_hukum_adds_the_regulations_every_lkjip_stands_on() -> None:
    from lakip_cli.compute.regulations import legal_basis

    listed = [("Undang-Undang", "23", 2014, "Pemerintahan Daerah"),
              ("Peraturan Menteri PANRB", "53", 2024, "Petunjuk Teknis")]  # wrong year: still present (LK020)
    out = legal_basis(listed, "Permendagri Nomor 86 Tahun 2017")
    assert [(b.jenis.split()[0:2], b.nomor, b.tahun, b.ditambahkan) for b in out] == [
        (["Undang-Undang"], "23", 2014, False),
        (["Peraturan", "Pemerintah"], "8", 2006, True),
        (["Peraturan", "Presiden"], "29", 2014, True),
        (["Peraturan", "Menteri"], "53", 2024, False),
        (["Peraturan", "Menteri"], "86", 2017, True),
    ]
    assert out[2].tentang == "Sistem Akuntabilitas Kinerja Instansi Pemerintah"
    without = legal_basis(listed, "skala instansi sendiri")
    assert "86" not in [b.nomor for b in without] and len(without) == 4


def test_history_cross_check_compares_at_the_precision_typed(minimal: Path) -> None:
    from lakip_cli.compute.series import _same_as_typed

    assert _same_as_typed((Decimal("90"), Decimal("94.44")), (Decimal("90"), Decimal(34) / Decimal(36) * 100))
    assert not _same_as_typed((Decimal("90"), Decimal("94.4")), (Decimal("90"), Decimal("94.5")))
    assert _same_as_typed((None, Decimal("1")), (None, Decimal("1.0")))


def test_an_empty_previous_year_folder_is_explained_not_fatal(minimal: Path, runner) -> None:
    from lakip_cli.cli import app

    (minimal / "data" / "2023").mkdir()
    assert runner.invoke(app, ["validate", "2024", "-C", str(minimal)]).exit_code == 0
    checked = runner.invoke(app, ["check", "2024", "-C", str(minimal)])
    assert "data/2023: peringatan: folder tahun 2023 ada tetapi belum lengkap atau tidak valid" in checked.output
    assert "[V044]" in checked.output and "tahun_lalu: false" in checked.output
    settings = minimal / "lakip.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\ncek:\n  tahun_lalu: false\n", encoding="utf-8")
    assert "[V044]" not in runner.invoke(app, ["check", "2024", "-C", str(minimal)]).output
