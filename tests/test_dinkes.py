"""A second agency, a Dinas Kesehatan: a rate per 100.000 live births, negative indicators, a range target,
a two-sided range (bed occupancy 60-85%: below and above are both a miss) with ranges in the PK, history and
RPJMD, a target of 0 in the report year and in history, a budget line shared by two indicators, and an
indicator without budget lines of its own, served by its sasaran's programs.

Every expected figure below is computed by hand from tests/projects/dinkes/ and written out.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import TESTS, copy_project
from typer.testing import CliRunner

from lakip_cli.checks import run_checks
from lakip_cli.cli import app
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
    # BOR 32.193 / 36.500 x 100 = 88,2, above the range 60-85 on a two-sided indicator: 85 / 88,2 x 100 = 96,37%.
    # 2023: 55 below the range 60-80: 55 / 60 x 100 = 91,67%; 96,3719 - 91,6667 = +4,71 points.
    "IK05": (Decimal("88.20"), Decimal("96.37"), "belum_tercapai", Decimal("91.67"), Decimal("4.71")),
    # 5 / 8 x 100 = 62,5 against 50: 125%; no history.
    "IK06": (Decimal("62.50"), Decimal("125.00"), "melampaui", None, None),
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
    # kia (IK01 and IK04) 200.000.000 / 190.000.000, gizi 150.000.000 / 150.000.000, mutu 80.000.000 / 72.000.000,
    # blud 120.000.000 / 114.000.000: 550.000.000 / 526.000.000 = 95,64%.
    assert (report.total.pagu, report.total.realisasi) == (550_000_000, 526_000_000)
    assert _r2(report.total.serapan) == Decimal("95.64")
    # Sasaran S1: (109,994 + 80 + 100) / 3 = 96,66%; S2: (100 + 96,372 + 125) / 3 = 107,12%.
    s1, s2 = (next(s for s in report.sasaran if s.id == k) for k in ("S1", "S2"))
    assert (_r2(s1.capaian), _r2(s2.capaian)) == (Decimal("96.66"), Decimal("107.12"))
    # (109,994 + 80 + 100 + 100 + 96,372 + 125) / 6 = 101,89%.
    assert _r2(report.capaian_rata) == Decimal("101.89")
    assert (report.counts.melampaui, report.counts.tercapai, report.counts.belum_tercapai) == (2, 2, 2)


def test_two_sided_range_states_the_distance_and_the_rpjmd_range(report) -> None:
    bor = next(i for i in report.indikator if i.id == "IK05")
    # 88,2 - 85 = 3,2 points above the upper bound; the RPJMD target for 2024 is the same range.
    assert (bor.jarak.posisi, bor.jarak.acuan, bor.jarak.selisih) == ("di_atas", Decimal(85), Decimal("3.2"))
    assert (_r2(bor.capaian_renstra), bor.status_renstra, bor.jarak_renstra.selisih) == (
        Decimal("96.37"), "belum_tercapai", Decimal("3.2"))
    # History 2022: 72 inside 60-85 is 100%; the series oldest first with its changes: -, -8,33, +4,71.
    assert [(y.tahun, _r2(y.capaian), _r2(c)) for y, c in bor.seri_naik] == [
        (2022, Decimal("100.00"), None), (2023, Decimal("91.67"), Decimal("-8.33")),
        (2024, Decimal("96.37"), Decimal("4.71"))]


def test_indicator_without_own_budget_is_served_by_its_sasaran(report) -> None:
    ak = next(i for i in report.indikator if i.id == "IK06")
    # S2's lines: mutu 80.000.000 / 72.000.000 and blud 120.000.000 / 114.000.000 = 200.000.000 / 186.000.000.
    assert ak.anggaran == () and [line.id for line in ak.anggaran_sasaran] == ["mutu", "blud"]
    assert (ak.biaya_sasaran.pagu, ak.biaya_sasaran.realisasi, _r2(ak.biaya_sasaran.serapan)) == (
        200_000_000, 186_000_000, Decimal("93.00"))
    assert not any("anggaran" in what for what in ak.belum_diisi)


def test_only_the_shared_budget_line_is_a_finding(report) -> None:
    assert [(d.code, d.location.path) for d in run_checks(report)] == [
        ("LK011", "data/2024/indikator/04-kematian-bayi-diare.yaml")]


# The trend of a two-sided range is nearness to the range: 88,2 - 85 = 3,2 above it, after 60 - 55 = 5 below it.
BOR_TREND = ("Pada indikator berpolaritas rentang, capaian naik bila realisasi mendekati atau masuk ke rentang target "
             "dan turun bila menjauhinya: realisasi tahun 2024 sebesar 88,2% berada di atas batas atas 85% sebesar "
             "3,2 poin persentase, sedangkan realisasi tahun 2023 sebesar 55% berada di bawah batas bawah 60% "
             "sebesar 5 poin persentase.")


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
        "sebesar 82,5 nilai dari target 76,61–88,3 nilai, sehingga capaiannya 100% dengan predikat **Sangat "
        "Tinggi**: realisasi berada di dalam rentang target dan indikator ini mencapai target.",
        "Perhitungan capaian: realisasi 82,5 berada di dalam rentang target 76,61–88,3 nilai, sehingga capaian 100%.",
        "- Prevalensi Stunting pada Balita: capaian 80% (realisasi 16,8% dari target 14%), lebih 2,8 poin "
        "persentase dari target 14%.",
        # The two-sided range: status, computation, trend, RPJMD, standard, BAB IV and the method paragraph.
        "Realisasi indikator Bed Occupancy Rate (BOR) RSUD tahun 2024 sebesar 88,2% dari target 60–85%, sehingga "
        "capaiannya 96,37% dengan predikat **Sangat Tinggi**: realisasi berada di atas batas atas 85% sebesar 3,2 "
        "poin persentase dan indikator ini belum mencapai target.",
        "Perhitungan realisasi: 32.193/36.500 × 100% = 88,2%.",
        "Perhitungan capaian: realisasi 88,2 di atas batas atas rentang target 60–85%, sehingga capaian = batas "
        "atas / realisasi × 100% = 85 / 88,2 × 100% = 96,37%.",
        "Capaian tahun 2024 (96,37%) meningkat dibanding tahun 2023 (91,67%), naik 4,71 poin persentase atau "
        "5,13% dari capaian tahun 2023. " + BOR_TREND,
        "Realisasi tahun 2024 sebesar 88,2% dibandingkan target RPJMD tahun 2024 sebesar 60–85%, sehingga capaian "
        "terhadap target RPJMD 96,37% (realisasi di atas batas atas 85% sebesar 3,2 poin persentase; belum "
        "mencapai target RPJMD). Terhadap target akhir periode 2026 (60–85%), kemajuannya 96,37%.",
        "Standar nasional untuk indikator ini berupa rentang 60–85% (Kementerian Kesehatan, Pedoman Indikator "
        "Pelayanan Rumah Sakit); realisasi tahun 2024 sebesar 88,2%.",
        "- Bed Occupancy Rate (BOR) RSUD: capaian 96,37% (realisasi 88,2% dari target 60–85%), di atas batas atas "
        "85% sebesar 3,2 poin persentase.",
        "Untuk Bed Occupancy Rate (BOR) RSUD, yang berpolaritas rentang (realisasi di bawah maupun di atas rentang "
        "target sama-sama belum mencapai target), capaian di dalam rentang 100%, di bawah rentang = realisasi / "
        "batas bawah × 100%, dan di atas rentang = batas atas / realisasi × 100%",
        # The indicator served by its sasaran's programs, in analysis (f) and (g).
        "Indikator ini tidak memiliki sub kegiatan sendiri. Indikator ini didukung oleh anggaran program sasaran "
        "Meningkatnya mutu pelayanan kesehatan: sub kegiatan Peningkatan Mutu Pelayanan Fasilitas Kesehatan pada "
        "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat, dengan pagu Rp80.000.000 dan "
        "realisasi Rp72.000.000 (serapan 90%); sub kegiatan Pelayanan dan Penunjang Pelayanan BLUD RSUD pada "
        "Program Peningkatan Pelayanan Badan Layanan Umum Daerah, dengan pagu Rp120.000.000 dan realisasi "
        "Rp114.000.000 (serapan 95%). Seluruhnya berjumlah pagu Rp200.000.000 dengan realisasi Rp186.000.000 "
        "(serapan 93%). Sisa anggaran Rp14.000.000 atau efisiensi 7%.",
        "sebesar 62,5% dari target 50%, sehingga capaiannya 125% dengan predikat **Sangat Tinggi**: indikator ini "
        "melampaui target.",
        "Anggaran sebesar Rp550.000.000 terealisasi Rp526.000.000 (serapan 95,64%).",
        "2 (dua) indikator melampaui target, 2 (dua) indikator tepat mencapai target, dan 2 (dua) indikator "
        "belum mencapai target.",
        "Rata-rata capaian indikator yang terukur adalah 101,89%.",
    ):
        assert sentence in text, sentence
    assert "/ 0 ×" not in text  # no computation divides by the target of 0
    assert "BELUM DIISI" not in text
    assert '"pengali": "100.000 kelahiran hidup"' in text
    # the history range; the realisasi column has 2 decimals, as 2024 is computed (32.193 / 36.500)
    assert '{"teks": "60–80%", "rata": "tengah"}, {"teks": "55,00%", "rata": "tengah"}' in text
    assert '{"teks": "anggaran program sasaran", "rata": "tengah"}' in text  # the PK's budget column


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_the_final_build_accepts_the_indicator_served_by_its_sasaran(tmp_path: Path) -> None:
    root = copy_project(DINKES, tmp_path / "proyek")
    terima = ("cek:\n  terima:\n    - kode: LK011\n      indikator: IK04\n      bagian: anggaran\n"
              "      alasan: Kelas ibu hamil juga memantau diare pada bayi\n")
    (root / "lakip.yaml").write_text((root / "lakip.yaml").read_text(encoding="utf-8") + terima, encoding="utf-8")
    code, out = _cli("build", "2024", "-C", str(root), "--tanpa-grafik", "--no-pdf", "--final")
    assert code == 0, out
    assert "IK06" not in out


IK04 = "data/2024/indikator/04-kematian-bayi-diare.yaml"
MANUAL_2023 = "    capaian_manual:\n      nilai: 0\n      alasan: target 0 kasus dan terjadi 1 kematian\n"


def test_a_history_target_of_0_is_reported_at_that_years_target(tmp_path: Path) -> None:
    root = copy_project(DINKES, tmp_path / "proyek")
    path = root / IK04
    path.write_text(path.read_text(encoding="utf-8").replace(MANUAL_2023, ""), encoding="utf-8")
    code, out = _cli("validate", "2024", "-C", str(root))
    assert code == 1
    # Line 18 is the 2023 row's "    target: 0"; the value starts in column 13.
    assert out.count(f"{IK04}:18:13: galat: capaian riwayat tahun 2023 tidak dapat dihitung (target 0, atau "
                     "realisasi 0 pada indikator negatif); isi 'capaian_manual' dengan 'nilai' dan 'alasan' pada "
                     "riwayat tahun 2023 [V040]") == 1, out


def test_a_target_of_0_in_last_years_folder_is_reported_in_that_folder(tmp_path: Path) -> None:
    root = copy_project(DINKES, tmp_path / "proyek")
    shutil.copytree(root / "data" / "2024", root / "data" / "2023")
    laporan = root / "data/2023/laporan.yaml"
    laporan.write_text(laporan.read_text(encoding="utf-8").replace("tahun: 2024", "tahun: 2023"), encoding="utf-8")
    last = root / "data/2023/indikator/04-kematian-bayi-diare.yaml"
    text = last.read_text(encoding="utf-8")
    text = text.replace("realisasi: 0\ncapaian_manual:\n  nilai: 100\n  alasan: target 0 kasus dan tidak terjadi "
                        "kematian bayi akibat diare\n", "realisasi: 1\n")
    last.write_text(text.split("riwayat:")[0] + "anggaran:" + text.split("anggaran:")[1], encoding="utf-8")
    now = root / IK04
    text = now.read_text(encoding="utf-8")
    now.write_text(text.split("riwayat:")[0] + "anggaran:" + text.split("anggaran:")[1], encoding="utf-8")
    code, out = _cli("validate", "2024", "-C", str(root))
    assert code == 1
    # data/2023's own target (line 7, "target: 0"), not the 2024 file.
    assert ("data/2023/indikator/04-kematian-bayi-diare.yaml:7:9: galat: capaian tahun 2023 tidak dapat dihitung "
            "(target 0, atau realisasi 0 pada indikator negatif); isi 'capaian_manual' dengan 'nilai' dan 'alasan' "
            "di berkas ini, atau pada riwayat tahun 2023 di berkas indikator tahun 2024 [V040]") in out, out


def test_a_two_sided_narrative_above_the_range_states_a_miss(tmp_path: Path) -> None:
    # "di atas target" on bed occupancy above 85% is a miss, as the status says: no contradiction (LK013).
    root = copy_project(DINKES, tmp_path / "proyek")
    bor = root / "data/2024/indikator/05-bor.yaml"
    text = bor.read_text(encoding="utf-8").replace("Tingkat hunian tempat tidur naik karena",
                                                   "Tingkat hunian tempat tidur masih di atas target karena")
    bor.write_text(text, encoding="utf-8")
    codes = [d.code for d in run_checks(compute_report(load_project(root, 2024)))]
    assert codes == ["LK011"]


def test_a_range_in_the_pk_differing_from_the_indicators_is_a_finding(tmp_path: Path) -> None:
    root = copy_project(DINKES, tmp_path / "proyek")
    ren = root / "data/2024/perencanaan.yaml"
    ren.write_text(ren.read_text(encoding="utf-8").replace("target: {bawah: 60, atas: 85}", "target: {bawah: 60, "
                                                           "atas: 80}"), encoding="utf-8")
    found = [d for d in run_checks(compute_report(load_project(root, 2024))) if d.code == "LK010"]
    assert [(str(d.location), d.message) for d in found] == [(
        "data/2024/indikator/05-bor.yaml:11:3",
        "IK05: target 60–85 berbeda dengan target Perjanjian Kinerja 60–80 (data/2024/perencanaan.yaml:31:17); "
        "capaian dihitung dari target berkas ini")]


# ---------------------------------------------------------------- the served indicator in summary and ekspor


def test_summary_shows_the_sasaran_programs_for_the_served_indicator() -> None:
    import csv
    import io
    import json

    # IK06 has no lines of its own; S2's programs: mutu 80.000.000 / 72.000.000 and blud 120.000.000 /
    # 114.000.000 = 200.000.000 / 186.000.000, sisa 14.000.000, serapan 93%, as analysis (f) states.
    code, out = _cli("summary", "2024", "-C", str(DINKES), "-f", "json")
    assert code == 0, out
    rows = {item["id"]: item for item in json.loads(out)["indikator"]}
    assert rows["IK06"]["anggaran"] == {"pagu": 200_000_000, "realisasi": 186_000_000, "sisa": 14_000_000,
                                        "serapan": 93, "sumber": "program_sasaran"}
    assert (rows["IK06"]["tampilan"]["pagu"], rows["IK06"]["tampilan"]["serapan"]) == ("Rp200.000.000", "93%")
    assert rows["IK06"]["tampilan"]["sumber_anggaran"].startswith("anggaran program sasaran S2 (indikator ini "
                                                                  "tidak memiliki sub kegiatan sendiri")
    # an indicator with its own line keeps it: blud 120.000.000 / 114.000.000 = 95%
    assert rows["IK05"]["anggaran"] == {"pagu": 120_000_000, "realisasi": 114_000_000, "sisa": 6_000_000,
                                        "serapan": 95, "sumber": "sendiri"}
    # the total still counts each line once: 550.000.000, not 750.000.000
    assert json.loads(out)["anggaran"]["pagu"] == 550_000_000

    code, out = _cli("summary", "2024", "-C", str(DINKES), "-f", "csv-biasa")
    csv_rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert [csv_rows["IK06"][k] for k in ("pagu", "realisasi_anggaran", "sisa_anggaran", "serapan",
                                          "sumber_anggaran")] == ["200000000", "186000000", "14000000", "93",
                                                                  "program_sasaran"]
    assert csv_rows["IK02"]["sumber_anggaran"] == "sendiri"

    code, out = _cli("summary", "2024", "-C", str(DINKES))
    line = next(x for x in out.splitlines() if x.lstrip().startswith("6 "))
    assert line.endswith("Rp200.000.000*     93%*"), line
    assert line.startswith(" 6  Persentase Puskesmas…")
    assert ("* IK06: tidak memiliki sub kegiatan sendiri; pagu dan serapan adalah anggaran program sasaran S2, "
            "yang juga menunjang indikator lain pada sasaran itu dan dihitung satu kali pada jumlah anggaran") in out
    assert "pagu Rp550.000.000, realisasi Rp526.000.000, sisa Rp24.000.000" in out


def test_ekspor_shows_the_sasaran_programs_for_the_served_indicator(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "evaluasi.xlsx"
    code, text = _cli("ekspor", "2024", "-C", str(DINKES), "-o", str(out))
    assert code == 0, text
    sheet = openpyxl.load_workbook(out)["indikator"]
    header = [c.value for c in sheet[1]]
    assert header[18:22] == ["Pagu (Rp)", "Realisasi anggaran (Rp)", "Serapan (%)", "Sumber anggaran"]
    rows = {r[1].value: [c.value for c in r] for r in sheet.iter_rows(min_row=2)}
    assert rows["IK06"][18:22] == [200_000_000, 186_000_000, 93,
                                   "program sasaran S2 (dipakai bersama; tanpa sub kegiatan sendiri)"]
    assert rows["IK03"][18:22] == [80_000_000, 72_000_000, 90, "sub kegiatan sendiri"]
    # the anggaran sheet lists S2's lines once each; its total is that of the document (550.000.000)
    total = [c.value for c in list(openpyxl.load_workbook(out)["anggaran"].iter_rows())[-1]]
    assert total[4:7] == [550_000_000, 526_000_000, 24_000_000]


# ---------------------------------------------------------------- the trend of a two-sided range


BOR = "data/2024/indikator/05-bor.yaml"
BOR_CAUSE = ("Tingkat hunian tempat tidur naik karena rujukan dari kabupaten sekitar bertambah setelah ruang rawat "
             "inap kelas III dibuka;")


def _lk014(root: Path) -> list[tuple[str, str]]:
    found = run_checks(compute_report(load_project(root, 2024)))
    return [(str(d.location), d.message) for d in found if d.code == "LK014"]


def test_two_sided_trend_states_where_each_years_realisasi_lay(report) -> None:
    bor = next(i for i in report.indikator if i.id == "IK05")
    now, before = bor.letak_tren
    assert (now.tahun, now.realisasi, now.jarak.posisi, now.jarak.acuan, now.jarak.selisih) == (
        2024, Decimal("88.2"), "di_atas", Decimal(85), Decimal("3.2"))
    assert (before.tahun, before.realisasi, before.jarak.posisi, before.jarak.acuan, before.jarak.selisih) == (
        2023, Decimal(55), "di_bawah", Decimal(60), Decimal(5))
    # one-sided indicators keep the plain trend sentence
    assert all(i.letak_tren is None for i in report.indikator if i.id != "IK05")


def test_the_documents_own_two_sided_trend_sentence_reads_true(tmp_path: Path) -> None:
    # The sentences the document states, written into the narrative, are no LK014 finding ...
    root = copy_project(DINKES, tmp_path / "proyek")
    path = root / BOR
    own = ("Capaian tahun 2024 (96,37%) meningkat dibanding tahun 2023 (91,67%), naik 4,71 poin persentase atau "
           "5,13% dari capaian tahun 2023. " + BOR_TREND)
    path.write_text(path.read_text(encoding="utf-8").replace(BOR_CAUSE, own + " " + BOR_CAUSE), encoding="utf-8")
    assert _lk014(root) == []
    # ... nor is "lebih baik" for the move from 5 below to 3,2 above the range, while "lebih buruk" is.
    for claim, expected in (("lebih baik", []), ("lebih buruk", [(
            f"{BOR}:30:5",  # the narrative line of narasi.penyebab, the sentence at its start
            'IK05: narasi menyatakan penurunan ("Kinerja tahun 2024 lebih buruk dibanding tahun 2023."), padahal '
            "capaian 2024 96,37% dibanding 2023 91,67%: peningkatan (realisasi lebih dekat ke rentang target; "
            "2024: 88,2% di atas rentang 60–85%; 2023: 55% di bawah rentang 60–80%)")])):
        root = copy_project(DINKES, tmp_path / claim.replace(" ", "-"))
        path = root / BOR
        path.write_text(path.read_text(encoding="utf-8").replace(
            BOR_CAUSE, f"Kinerja tahun 2024 {claim} dibanding tahun 2023. {BOR_CAUSE}"), encoding="utf-8")
        assert _lk014(root) == expected, claim


def test_a_rising_realisasi_leaving_the_range_is_a_falling_capaian(tmp_path: Path) -> None:
    # 2023 at 80, inside 60-80: 100%. 2024 at 88,2 above 60-85: 96,37%, 96,3719 - 100 = -3,63 points (-3,63%).
    root = copy_project(DINKES, tmp_path / "proyek")
    path = root / BOR
    text = path.read_text(encoding="utf-8").replace("    realisasi: 55\n", "    realisasi: 80\n")
    path.write_text(text.replace(BOR_CAUSE, "Realisasi tahun 2024 meningkat dibanding tahun 2023. " + BOR_CAUSE),
                    encoding="utf-8")
    assert _lk014(root) == []  # the realisasi rose indeed: the bare verb is not read against the capaian
    build_report(root, BuildOptions(year=2024, charts=False, pdf=False))
    doc = (root / "out" / "LAKIP-2024.md").read_text(encoding="utf-8")
    assert ("Capaian tahun 2024 (96,37%) menurun dibanding tahun 2023 (100%), turun 3,63 poin persentase atau 3,63% "
            "dari capaian tahun 2023. Pada indikator berpolaritas rentang, capaian naik bila realisasi mendekati atau "
            "masuk ke rentang target dan turun bila menjauhinya: realisasi tahun 2024 sebesar 88,2% berada di atas "
            "batas atas 85% sebesar 3,2 poin persentase, sedangkan realisasi tahun 2023 sebesar 80% berada di dalam "
            "rentang target 60–80%.") in doc
