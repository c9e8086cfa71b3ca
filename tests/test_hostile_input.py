"""Inputs a careless or hostile project holds: links out of the project, extreme values, long names, odd settings."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from lakip_cli.cli import app
from lakip_cli.display import angka
from lakip_cli.source.load import date_correction, number_correction

IND = "data/2024/indikator/01-layanan.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _validate(runner, project: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", "2024", "-C", str(project)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output.replace(str(project), "<proyek>")


# ---------------------------------------------------------------- the project is the boundary


def test_indicator_file_linked_from_outside_is_refused(runner, minimal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "luar.yaml"
    outside.write_text((minimal / IND).read_text(encoding="utf-8"), encoding="utf-8")
    (minimal / IND).unlink()
    (minimal / IND).symlink_to(outside)
    code, out = _validate(runner, minimal)
    assert code == 1
    assert ("data/2024/indikator/01-layanan.yaml: galat: jalur 'data/2024/indikator/01-layanan.yaml' adalah tautan "
            f"simbolik yang menunjuk ke luar folder proyek ({outside.resolve()}) [V031]") in out


def test_symlink_loop_in_indicator_folder_is_a_located_error(runner, minimal: Path) -> None:
    loop = minimal / "data/2024/indikator/03-putar.yaml"
    loop.symlink_to(loop)
    code, out = _validate(runner, minimal)
    assert code == 1
    assert ("data/2024/indikator/03-putar.yaml: galat: jalur 'data/2024/indikator/03-putar.yaml' memuat tautan "
            "simbolik yang berputar [V031]") in out


def test_logo_linked_out_of_the_project_is_refused(runner, minimal: Path, tmp_path: Path) -> None:
    image = tmp_path / "rahasia.png"
    Image.new("RGB", (4, 4)).save(image)
    (minimal / "logo.png").symlink_to(image)
    _edit(minimal / "lakip.yaml", "keluaran:\n", "keluaran:\n  logo: logo.png\n")
    code, out = _validate(runner, minimal)
    assert code == 1
    assert "lakip.yaml:4:9: galat: jalur 'logo.png' adalah tautan simbolik yang menunjuk ke luar folder proyek" in out


def test_logo_inside_the_project_reaches_the_cover(runner, minimal: Path) -> None:
    (minimal / "gambar").mkdir()
    Image.new("RGB", (60, 80), (200, 20, 20)).save(minimal / "gambar" / "Logo.PNG")
    _edit(minimal / "lakip.yaml", "keluaran:\n", "keluaran:\n  logo: gambar/Logo.PNG\n")
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(minimal / "out/LAKIP-2024.docx") as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(media) == 1
        with Image.open(io.BytesIO(z.read(media[0]))) as img:
            assert img.size == (60, 80)
    assert "[W012]" not in result.output


def test_cover_without_logo_is_a_warning_at_lakip_yaml(runner, minimal: Path) -> None:
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal)])
    assert result.exit_code == 0, result.output
    # minimal/lakip.yaml has 'keluaran:' on line 3; the warning points at that key, and nothing else changes
    lines = [ln for ln in result.stdout.splitlines() if "[W012]" in ln]
    assert lines == ["lakip.yaml:3:1: peringatan: lambang daerah belum diatur, sampul dicetak tanpa lambang; tulis "
                     "jalur gambarnya (PNG, JPEG atau GIF di dalam folder proyek) di lakip.yaml, mis. "
                     "'keluaran: {logo: gambar/lambang-daerah.png}' [W012]"]
    with zipfile.ZipFile(minimal / "out/LAKIP-2024.docx") as z:
        assert not [n for n in z.namelist() if n.startswith("word/media/")]
        assert b"W012" not in z.read("word/document.xml")  # printed, never a comment in the draft


def test_indicator_file_with_upper_case_extension_is_read(runner, minimal: Path) -> None:
    path = minimal / "data/2024/indikator/02-keluhan.yaml"
    path.rename(path.with_suffix(".YAML"))
    code, out = _validate(runner, minimal)
    assert (code, out.strip()) == (0, "Data 2024 valid: 2 indikator, tanpa galat.")


# ---------------------------------------------------------------- lengths, properties, build time


def test_agency_name_of_219_characters_builds_with_truncated_title(runner, minimal: Path) -> None:
    name = ("Badan Kesatuan Bangsa dan Politik Daerah " * 6)[:219].strip()
    assert len(name) >= 218
    _edit(minimal / "data/2024/instansi.yaml", "nama: Dinas Contoh Kota Contoh", f"nama: {name}")
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(minimal / "out/LAKIP-2024.docx") as z:
        core = z.read("docProps/core.xml").decode("utf-8")
        body = z.read("word/document.xml").decode("utf-8")
    title = core.split("<dc:title>")[1].split("</dc:title>")[0]
    assert len(title) == 255 and title.endswith("…")
    assert title.startswith("LAPORAN KINERJA INSTANSI PEMERINTAH Badan Kesatuan")
    assert f"<dc:creator>{name}</dc:creator>" in core
    assert name in body


@pytest.mark.parametrize("epoch", ["99999999999999", "-5", "kemarin", "4354819200"])
def test_source_date_epoch_out_of_range_is_a_clear_message(runner, minimal: Path, epoch: str) -> None:
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal)], env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (f"SOURCE_DATE_EPOCH: galat: SOURCE_DATE_EPOCH '{epoch}' tidak dapat dipakai: harus bilangan bulat detik "
            "sejak 1970-01-01, antara 0 dan 4354819199 (akhir tahun 2107) [V032]") in result.output
    assert not (minimal / "out").exists()


def test_source_date_epoch_at_the_zip_limit_builds(runner, minimal: Path) -> None:
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal)], env={"SOURCE_DATE_EPOCH": "4354819199"})
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(minimal / "out/LAKIP-2024.docx") as z:
        assert "2107-12-31T23:59:59Z" in z.read("docProps/core.xml").decode("utf-8")


# ---------------------------------------------------------------- extreme values that are valid


def test_extreme_valid_values_build(runner, minimal: Path) -> None:
    path = minimal / IND
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(target="0.000001", realisasi="0.000001")
    data["riwayat"] = [{"tahun": 1975 + i, "target": "1e15", "realisasi": "0.000001", "capaian_tertulis": "-1e6"}
                       for i in range(49)]
    text = yaml.safe_dump(data, sort_keys=False)
    for quoted in ("'0.000001'", "'1e15'", "'-1e6'"):
        text = text.replace(quoted, quoted.strip("'"))
    path.write_text(text, encoding="utf-8")
    _edit(minimal / "data/2024/anggaran.yaml", "pagu: 100000000", "pagu: 1000000000000000")
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal)])
    assert result.exit_code == 0, result.output
    md = (minimal / "out/LAKIP-2024.md").read_text(encoding="utf-8")
    assert "Rp1.000.000.000.000.000" in md
    assert "1975" in md


# ---------------------------------------------------------------- numbers reach the document as typed


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.decimals(min_value=1, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_a_typed_target_appears_unchanged_in_the_document(runner, tmp_path_factory, target: Decimal) -> None:
    from conftest import MINIMAL, copy_project

    project = copy_project(MINIMAL, tmp_path_factory.mktemp("p") / "proyek")
    typed = format(target.normalize(), "f")
    _edit(project / IND, "target: 90\n", f"target: {typed}\n")
    _edit(project / "data/2024/perencanaan.yaml", "target: 90\n", f"target: {typed}\n")
    result = runner.invoke(app, ["build", "2024", "-C", str(project)])
    if result.exit_code != 0:
        # Only the loader's refusal of an ambiguous form (a thousands dot) may stop it, with a correction.
        assert "[V013]" in result.output and "ambigu" in result.output, result.output
        return
    md = (project / "out/LAKIP-2024.md").read_text(encoding="utf-8")
    assert angka(Decimal(typed)) in md


def test_number_and_date_corrections() -> None:
    assert number_correction("1.500.000") == "tulis 1500000, bukan 1.500.000 (tanpa titik pemisah ribuan)"
    assert number_correction("Rp 2.500,50") == ("tulis 2500.50, bukan Rp 2.500,50 (tanpa 'Rp', tanpa titik pemisah "
                                                "ribuan, titik sebagai tanda desimal)")
    assert number_correction("12,5") == "tulis 12.5, bukan 12,5 (titik sebagai tanda desimal)"
    assert number_correction("90%") == "tulis 90, bukan 90% (tanpa '%'; satuan ditulis di 'satuan')"
    assert number_correction("sembilan") is None
    assert date_correction("5/1/2025") == "tulis 2025-01-05, bukan 5/1/2025 (format TTTT-BB-HH)"
    assert date_correction("15 Agustus 2024") == "tulis 2024-08-15, bukan 15 Agustus 2024 (format TTTT-BB-HH)"
    assert date_correction("31-02-2024") is None



@pytest.mark.parametrize(("folder", "args"), [("LAKIP-2024.docx", []), ("LAKIP-2024.md", []),
                                              ("LAKIP-2024.pdf", ["--pdf"])])
def test_output_that_is_a_folder_is_named_before_anything_is_written(runner, minimal: Path, folder: str,
                                                                     args: list[str]) -> None:
    (minimal / "out" / folder).mkdir(parents=True)
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal), *args])
    assert result.exit_code == 1
    assert (f"out/{folder}: galat: berkas keluaran {folder} sudah ada sebagai folder; hapus atau ganti nama "
            "folder itu [W006]") in result.output
    assert sorted(p.name for p in (minimal / "out").iterdir()) == [folder]


@pytest.mark.parametrize(("typed", "message"), [
    ("075", "'a': tulis 75, bukan 075 (angka berawalan 0 dibaca sebagai oktal oleh pembaca YAML lama); apit dengan "
            "tanda kutip bila maksudnya kode, mis. '075'"),
    ("1:30", "'a': '1:30' bukan angka (pembaca YAML lama membacanya sebagai bilangan basis 60); tulis satu angka, "
             "mis. 1.5 untuk satu setengah, atau apit dengan tanda kutip bila maksudnya teks"),
    ("Off", "'a': 'Off' dibaca berbeda oleh berbagai pembaca YAML; tulis true atau false, atau apit dengan tanda kutip "
            "bila maksudnya teks"),
    ("1_000", "'a': tulis 1000, bukan 1_000 (tanpa garis bawah)"),
    ("0x1F", "'a': tulis angka desimal biasa 31, bukan 0x1F"),
    ("2.500", "'a': '2.500' ambigu: tulis 2500 bila maksudnya ribuan (tanpa titik pemisah ribuan), atau 2.5 bila "
              "maksudnya pecahan desimal"),
    ("!!int 010", "'a': tulis 10, bukan 010 (angka berawalan 0 dibaca sebagai oktal oleh pembaca YAML lama); apit "
                  "dengan tanda kutip bila maksudnya kode, mis. '010'"),
    ("1e101", "'a': angka '1e101' di luar jangkauan laporan"),
    ('"ab\\x1fc"', "'a': teks memuat karakter kendali U+001F pada karakter ke-3; karakter ini tidak dapat disimpan di "
                   "dokumen Word, hapus atau ganti dengan spasi"),
])
def test_yaml_forms_read_differently_elsewhere_are_refused(tmp_path: Path, typed: str, message: str) -> None:
    from lakip_cli.source.load import load_yaml

    (tmp_path / "x.yaml").write_text(f"a: {typed}\n", encoding="utf-8")
    doc = load_yaml(tmp_path / "x.yaml", tmp_path)
    assert [(str(d.location), d.message) for d in doc.problems] == [("x.yaml:1:4", message)]


@pytest.mark.parametrize(("typed", "value"), [("75", 75), ("0", 0), ("-3", -3), ("2.25", Decimal("2.25")),
                                             ("1e3", Decimal("1E+3")), ("true", True), ("null", None),
                                             ("'075'", "075"), ("yes please", "yes please")])
def test_core_schema_forms_are_read_as_typed(tmp_path: Path, typed: str, value: object) -> None:
    from lakip_cli.source.load import load_yaml

    (tmp_path / "x.yaml").write_text(f"a: {typed}\n", encoding="utf-8")
    doc = load_yaml(tmp_path / "x.yaml", tmp_path)
    assert doc.problems == () and doc.data == {"a": value} and type(doc.data["a"]) is type(value)


def test_report_year_outside_the_renstra_period_is_a_warning(runner, minimal: Path) -> None:
    plan = minimal / "data/2024/perencanaan.yaml"
    _edit(plan, "periode_awal: 2021\nperiode_akhir: 2026", "periode_awal: 2016\nperiode_akhir: 2021")
    result = runner.invoke(app, ["check", "2024", "-C", str(minimal)])
    assert ("data/2024/perencanaan.yaml:2:15: peringatan: tahun laporan 2024 di luar periode Renstra 2016-2021; "
            "perbarui periode_awal/periode_akhir bila Renstra baru sudah berlaku [V023]") in result.output
    strict = runner.invoke(app, ["check", "2024", "-C", str(minimal), "--strict"])
    assert (result.exit_code, strict.exit_code) == (0, 1)
