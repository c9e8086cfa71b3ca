"""lakip ekspor: the evaluator's workbook read back with openpyxl and through LibreOffice Calc, and the CSV files."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, require_libreoffice

from lakip_cli.cli import app
from lakip_cli.present.export import MAX_WIDTH

SHEETS = ["indikator", "sasaran", "anggaran", "temuan"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    out = tmp_path_factory.mktemp("ekspor") / "LAKIP-2024.xlsx"
    result = CliRunner().invoke(app, ["ekspor", "2024", "-C", str(ROOT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"ditulis: {out}" in result.output
    return out


def _rows(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows()]


def test_sheets_headers_and_frozen_rows(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == SHEETS
    headers = {name: [c.value for c in book[name][1]] for name in SHEETS}
    assert headers["indikator"][:6] == ["No", "Kode", "Sasaran", "Indikator", "Satuan", "Polaritas"]
    assert headers["indikator"][11:14] == ["Capaian (%)", "Predikat", "Status"]
    assert headers["sasaran"] == ["Kode", "Sasaran", "Tujuan", "Jumlah indikator", "Capaian rata-rata (%)", "Predikat"]
    assert headers["anggaran"] == ["Kode", "Program", "Kegiatan", "Sub kegiatan", "Pagu (Rp)", "Realisasi (Rp)",
                                   "Sisa (Rp)", "Serapan (%)", "Efisiensi (%)", "Indikator"]
    assert headers["temuan"] == ["Kode", "Aturan", "Tingkat", "Berkas", "Baris", "Kolom", "Pesan"]
    for name in SHEETS:
        assert book[name].freeze_panes == "A2"
        assert all(c.font.b for c in book[name][1])


def test_indikator_values_are_real_numbers_with_indonesian_formats(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["indikator"]
    rows = {r[1].value: r for r in _rows(ws)[1:]}
    assert len(rows) == 11
    ik01 = rows["IK01"]
    assert [c.value for c in ik01[:6]] == [1, "IK01", "S1", "Persentase Peningkatan Kerukunan Beragama", "%", "positif"]
    capaian = ik01[11]
    assert capaian.data_type == "n" and capaian.value == pytest.approx(111.1111111111)
    assert capaian.number_format == "[$-421]#,##0.00"
    assert [c.value for c in ik01[12:16]] == ["Sangat Tinggi", "melampaui target", 125, "turun"]
    assert ik01[18].value == 37_491_400 and ik01[18].number_format == '[$-421]"Rp"#,##0'
    ik04 = rows["IK04"]
    assert ik04[8].value == pytest.approx(94.4444444444) and [ik04[9].value, ik04[10].value] == [34, 36]
    assert ik04[13].value == "belum mencapai target"
    assert rows["IK06"][8].value is None and rows["IK06"][13].value == "belum terukur"
    assert rows["IK01"][21].value == "sub kegiatan sendiri"
    assert rows["IK01"][23].value == "data/2024/indikator/01-kerukunan-beragama.yaml"
    # The name column fits its longest name, within the cap.
    longest = max(len(r[3].value) for r in rows.values())
    assert ws.column_dimensions["D"].width == pytest.approx(min(MAX_WIDTH, longest + 2), abs=1)
    assert ws.column_dimensions["A"].width == pytest.approx(6, abs=1)


def test_anggaran_lines_once_and_the_total(workbook: Path) -> None:
    rows = _rows(openpyxl.load_workbook(workbook)["anggaran"])
    body, total = rows[1:-1], rows[-1]
    ids = [r[0].value for r in body]
    assert len(ids) == len(set(ids)) and "parpol" in ids
    parpol = next(r for r in body if r[0].value == "parpol")
    assert [c.value for c in parpol[4:7]] == [13_774_269_418, 13_770_007_968, 4_261_450]
    assert parpol[8].value == pytest.approx(0.0309377, rel=1e-4)  # efisiensi 0,03%, the residual beside it
    assert total[1].value.startswith("Jumlah (setiap sub kegiatan dihitung satu kali)")
    assert [c.value for c in total[4:7]] == [15_731_413_218, 15_653_210_088, 78_203_130]
    assert total[4].font.b


def test_temuan_lists_check_findings_with_locations(workbook: Path) -> None:
    rows = _rows(openpyxl.load_workbook(workbook)["temuan"])[1:]
    assert rows, "the seed has findings"
    by_code = {r[0].value: r for r in rows}
    lk017 = by_code["LK017"]
    assert lk017[1].value == "tahun-usang" and lk017[2].value in ("galat", "peringatan")
    assert lk017[3].value.startswith("data/2024/") and isinstance(lk017[4].value, int) and lk017[4].value > 0


def test_same_inputs_same_bytes(runner, tmp_path: Path, workbook: Path) -> None:
    again = tmp_path / "lagi.xlsx"
    assert runner.invoke(app, ["ekspor", "2024", "-C", str(ROOT), "-o", str(again)]).exit_code == 0
    assert again.read_bytes() == workbook.read_bytes()
    other = tmp_path / "lain.xlsx"
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    assert runner.invoke(app, ["ekspor", "2024", "-C", str(ROOT), "-o", str(other)], env=env).exit_code == 0
    assert other.read_bytes() != workbook.read_bytes()  # the document date is part of the bytes, and only it
    assert openpyxl.load_workbook(other).properties.created.year == 2026


def test_csv_one_file_per_sheet(runner, tmp_path: Path) -> None:
    base = tmp_path / "evaluasi.csv"
    result = runner.invoke(app, ["ekspor", "2024", "-C", str(ROOT), "-f", "csv", "-o", str(base)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [f"evaluasi-{name}.csv" for name in sorted(SHEETS)]
    rows = list(csv.reader((tmp_path / "evaluasi-indikator.csv").open(encoding="utf-8")))
    ik04 = next(r for r in rows if r[1] == "IK04")
    assert ik04[6:12] == ["100", "", "94.44444444444444", "34", "36", "94.44444444444444"]
    total = list(csv.reader((tmp_path / "evaluasi-anggaran.csv").open(encoding="utf-8")))[-1]
    assert total[4:7] == ["15731413218", "15653210088", "78203130"]


def test_bad_output_name_and_bad_data_exit_1(runner, minimal: Path) -> None:
    result = runner.invoke(app, ["ekspor", "2024", "-C", str(minimal), "-o", "hasil.docx"])
    assert result.exit_code == 1
    assert "berkas keluaran harus berakhiran .xlsx" in result.output
    ind = minimal / "data/2024/indikator/01-layanan.yaml"
    ind.write_text(ind.read_text(encoding="utf-8").replace("target: 90", "target: sembilan puluh"), encoding="utf-8")
    result = runner.invoke(app, ["ekspor", "2024", "-C", str(minimal)])
    assert result.exit_code == 1
    assert "data/2024/indikator/01-layanan.yaml:9:9: galat:" in result.output
    assert not (minimal / "out").exists()


def _calc_csv(soffice: str, workbook: Path, out: Path, options: str) -> dict[str, list[list[str]]]:
    out.mkdir()
    subprocess.run(
        [soffice, f"-env:UserInstallation={(out / 'profil').as_uri()}", "--headless", "--convert-to",
         f"csv:Text - txt - csv (StarCalc):{options},-1", "--outdir", str(out), str(workbook)],
        check=True, capture_output=True, timeout=180, stdin=subprocess.DEVNULL,
    )
    delimiter = chr(int(options.split(",")[0]))
    return {name: list(csv.reader((out / f"{workbook.stem}-{name}.csv").open(encoding="utf-8"), delimiter=delimiter))
            for name in SHEETS}


@pytest.mark.libreoffice
def test_libreoffice_calc_reads_numbers_and_shows_them_the_indonesian_way(workbook: Path, tmp_path: Path) -> None:
    soffice = require_libreoffice()
    # Cell values (not as shown): numbers, in the cells' Indonesian locale (decimal comma, no grouping).
    raw = _calc_csv(soffice, workbook, tmp_path / "nilai", "44,34,76,1,,1033,false,true,false,false,false")
    ik01 = next(r for r in raw["indikator"] if r[1] == "IK01")
    assert float(ik01[11].replace(",", ".")) == pytest.approx(111.111111111)
    assert int(ik01[18]) == 37_491_400
    assert [int(v) for v in raw["anggaran"][-1][4:7]] == [15_731_413_218, 15_653_210_088, 78_203_130]
    # As shown: what an evaluator sees in Calc, as the report prints it.
    shown = _calc_csv(soffice, workbook, tmp_path / "tampil", "59,34,76,1,,1057,false,true,true,false,false")
    ik01 = next(r for r in shown["indikator"] if r[1] == "IK01")
    assert ik01[11] == "111,11" and ik01[18] == "Rp37.491.400" and ik01[6] == "90"
    assert shown["anggaran"][-1][4] == "Rp15.731.413.218"
    assert shown["sasaran"][0] == ["Kode", "Sasaran", "Tujuan", "Jumlah indikator", "Capaian rata-rata (%)",
                                   "Predikat"]
