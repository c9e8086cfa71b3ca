"""charts: keys, no title in the picture, small multiples, budget unit, font files, byte-identical output."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import MINIMAL, copy_project

from lakip_cli.charts import figures
from lakip_cli.charts.canvas import ChartFont, fallback_font
from lakip_cli.charts.figures import DPI, WIDTH_PX, Chart, build_charts, jumlah, satuan_anggaran, trend_panels
from lakip_cli.compute.report import Report, compute_report
from lakip_cli.source.validate import load_project

PERENCANAAN = """\
periode_awal: 2021
periode_akhir: 2026
tujuan:
  - id: T1
    uraian: Meningkatnya kualitas layanan
sasaran:
  - id: S1
    uraian: Meningkatnya layanan contoh kepada masyarakat
    tujuan: T1
  - id: S2
    uraian: Meningkatnya ketertiban administrasi perangkat daerah
    tujuan: T1
perjanjian_kinerja:
  - sasaran: S1
    indikator:
      - indikator: IK01
      - indikator: IK02
  - sasaran: S2
    indikator:
      - indikator: IK03
"""

ANGGARAN = """\
program:
  - nama: Program Layanan Contoh
    kegiatan:
      - nama: Kegiatan Layanan
        sub_kegiatan:
          - id: layanan
            nama: Penyelenggaraan Layanan Administrasi Terpadu bagi Masyarakat dan Pelaku Usaha di Daerah
            pagu: 1250000000
            realisasi: 1187500000
          - id: pembinaan
            nama: Pembinaan Petugas
            pagu: 450000000
            realisasi: 400000000
          - id: kosong
            nama: Sub kegiatan tanpa angka
"""

IK01 = """\
id: IK01
nama: Persentase Layanan Tepat Waktu
sasaran: S1
satuan: "%"
target: 90
realisasi: {pembilang: 34, penyebut: 36}
riwayat:
  - {tahun: 2021, target: 80, realisasi: 75.5}
  - {tahun: 2022, target: 80, realisasi: 82}
  - {tahun: 2023, target: 85, realisasi: 80}
anggaran: [layanan]
"""

IK02 = """\
id: IK02
nama: Jumlah Petugas Bersertifikat Kompetensi Pelayanan Publik
sasaran: S1
satuan: orang
target: {bawah: 10, atas: 12}
realisasi: 11
riwayat:
  - {tahun: 2023, target: 10, realisasi: 12}
anggaran: [pembinaan]
"""

IK03 = """\
id: IK03
nama: Cakupan Administrasi Perangkat Daerah
sasaran: S2
satuan: "%"
target: 100
"""

EMPTY_ANGGARAN = """\
program:
  - nama: Program Tanpa Angka
    kegiatan:
      - nama: Kegiatan
        sub_kegiatan:
          - {id: layanan, nama: Layanan}
          - {id: pembinaan, nama: Pembinaan}
"""


def _project(tmp_path: Path, *, empty: bool = False) -> Path:
    root = copy_project(MINIMAL, tmp_path / "proyek")
    data = root / "data" / "2024"
    (data / "perencanaan.yaml").write_text(PERENCANAAN, encoding="utf-8")
    (data / "anggaran.yaml").write_text(EMPTY_ANGGARAN if empty else ANGGARAN, encoding="utf-8")
    for old in (data / "indikator").iterdir():
        old.unlink()
    texts = {"01.yaml": IK01, "02.yaml": IK02, "03.yaml": IK03}
    for name, text in texts.items():
        if empty:  # no realisasi, no history: nothing to draw but the "data belum tersedia" rows
            text = "\n".join(ln for ln in text.splitlines()
                             if not ln.startswith(("realisasi", "riwayat", "  - {tahun")))
        (data / "indikator" / name).write_text(text, encoding="utf-8")
    return root


def _report(root: Path) -> Report:
    return compute_report(load_project(root, 2024))


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return _project(tmp_path_factory.mktemp("grafik"))


@pytest.fixture(scope="module")
def report(root: Path) -> Report:
    return _report(root)


@pytest.fixture(scope="module")
def charts(report: Report, tmp_path_factory) -> dict[str, Chart]:
    return build_charts(report, tmp_path_factory.mktemp("png"))


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        out.append((kind, body))
        pos += 12 + length
    assert out[-1][0] == b"IEND"
    return out


def test_keys(charts: dict[str, Chart]) -> None:
    # One figure of small multiples instead of a chart per indicator.
    assert sorted(charts) == ["anggaran", "sasaran", "tren"]
    for key, chart in charts.items():
        assert chart.key == key
        assert chart.path.name == f"{key}.png"
        assert chart.judul and not chart.judul.startswith("Gambar")


def test_captions(charts: dict[str, Chart]) -> None:
    assert charts["sasaran"].judul == "Capaian indikator kinerja per sasaran strategis tahun 2024"
    assert charts["tren"].judul == "Capaian indikator kinerja tahun 2021\u20132024"
    assert charts["anggaran"].judul == "Serapan anggaran per sub kegiatan tahun 2024"


def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    return [" ".join(t.get_text().split()) for t in fig.findobj(Text) if t.get_text()]  # wrapped lines joined


@pytest.fixture(scope="module")
def drawn(report: Report) -> dict[str, object]:
    """Every planned chart drawn to a matplotlib Figure (not saved), with the rcParams of a build."""
    import matplotlib

    from lakip_cli.charts.canvas import TextMeasure, rc_params

    font = fallback_font()
    with matplotlib.rc_context(rc_params(matplotlib, font)):
        return {key: (judul, draw(TextMeasure(font))) for key, judul, _, draw in figures._plan(report)}


def test_no_title_in_the_picture(drawn: dict[str, object]) -> None:
    """The caption under the picture is its title: no axes title, no suptitle, no text repeating it."""
    assert sorted(drawn) == ["anggaran", "sasaran", "tren"]
    for key, (judul, fig) in drawn.items():
        assert fig._suptitle is None, key
        assert all(ax.get_title(loc) == "" for ax in fig.axes for loc in ("left", "center", "right")), key
        texts = [t.lower() for t in _texts(fig)]
        head = " ".join(judul.lower().split()[:3])  # "capaian indikator kinerja", "serapan anggaran per"
        assert not [t for t in texts if head in t or "tahun 2024" in t], (key, texts)


def test_small_multiples_select_indicators_with_two_years_of_capaian(report: Report, drawn) -> None:
    panels = trend_panels(report)
    # IK01: 2021-2023 in riwayat and 2024; IK02: 2023 and 2024; IK03 has no realisasi at all.
    assert [(ind.id, [t for t, _ in points]) for ind, points in panels] == [
        ("IK01", [2021, 2022, 2023, 2024]), ("IK02", [2023, 2024])]
    ik01, ik02 = (dict(points) for _, points in panels)
    assert ik01[2022] == Decimal("102.5")  # 82 / 80
    assert ik02[2023] == Decimal(120)  # 12 / 10
    assert ik02[2024] == Decimal(100)  # 11 inside the range 10-12
    _, fig = drawn["tren"]
    texts = _texts(fig)
    # One panel per indicator, headed by its number and name, labelled with its last capaian.
    assert "1. Persentase Layanan Tepat Waktu" in texts
    assert any(t.startswith("2. Jumlah Petugas Bersertifikat") for t in texts)
    assert not any("Cakupan Administrasi" in t for t in texts)
    assert "100%" in texts and "104,94%" in texts  # IK02 2024; IK01 2024: 34/36 = 94,44% of 90 = 104,94%
    (ax,) = fig.axes  # every panel drawn on one axes in centimetres
    series = [line for line in ax.lines if line.get_linewidth() == 1.4]
    assert [len(line.get_xdata()) for line in series] == [4, 2]  # one line per panel, a point per year


def test_small_multiples_split_only_when_they_would_not_fit_a_page(report: Report, monkeypatch) -> None:
    # 3 columns x 5 rows fit a page: up to 15 panels in one figure, then parts of nearly equal whole rows.
    assert figures.trend_groups(1) == [(0, 1)]
    assert figures.trend_groups(15) == [(0, 15)]
    assert figures.trend_groups(16) == [(0, 9), (9, 16)]
    assert figures.trend_groups(31) == [(0, 12), (12, 24), (24, 31)]
    (ik01, points), _ = trend_panels(report)
    monkeypatch.setattr(figures, "trend_panels", lambda _: [(ik01, points)] * 16)
    plan = [(key, judul) for key, judul, _, _ in figures._plan(report)]
    assert plan == [("sasaran", "Capaian indikator kinerja per sasaran strategis tahun 2024"),
                    ("tren", "Capaian indikator kinerja tahun 2021\u20132024 (bagian 1 dari 2)"),
                    ("tren-2", "Capaian indikator kinerja tahun 2021\u20132024 (bagian 2 dari 2)"),
                    ("anggaran", "Serapan anggaran per sub kegiatan tahun 2024")]


def test_budget_unit_is_one_for_the_whole_chart() -> None:
    # The seed: 13,77 miliar beside 19,07 juta; in miliar the small line would read 0,02.
    assert satuan_anggaran([13_774_269_418, 13_770_010_000, 19_072_100, 15_225_000]) == ("juta", 10**6)
    assert satuan_anggaran([1_250_000_000, 450_000_000, 100_000_000]) == ("miliar", 10**9)
    assert satuan_anggaran([1_250_000_000, 99_999_999]) == ("juta", 10**6)
    assert satuan_anggaran([1_250_000_000, 0]) == ("miliar", 10**9)  # nothing realised is no amount to show
    assert jumlah(13_774_269_418, 10**6) == "13.774,27"
    assert jumlah(32_202_800, 10**6) == "32,20"
    assert jumlah(1_187_500_000, 10**9) == "1,19"  # 1,1875 rounded half up
    assert jumlah(0, 10**9) == "0,00"


def test_budget_chart_shows_serapan_and_amounts_in_that_unit(drawn: dict[str, object]) -> None:
    _, fig = drawn["anggaran"]
    texts = _texts(fig)
    # layanan: 1.187.500.000 of 1.250.000.000 = 95%; pembinaan: 400.000.000 of 450.000.000 = 88,89%.
    assert "1,19 / 1,25 miliar" in texts and "0,40 / 0,45 miliar" in texts
    assert "95%" in texts and "88,89%" in texts
    assert not [t for t in texts if re.search(r"\d ?(jt|M|rb)\b|Rp\d", t)]  # no "Rp13,77 M" beside "Rp37,49 jt"
    (ax,) = fig.axes
    assert len(ax.patches) == 2  # one bar per complete line, no pagu bars
    assert sorted(round(bar.get_width(), 2) for bar in ax.patches) == [88.89, 95.0]


def test_png_size_and_no_metadata(charts: dict[str, Chart]) -> None:
    for key, chart in charts.items():
        chunks = _chunks(chart.path.read_bytes())
        kinds = [k for k, _ in chunks]
        width, height, depth, color = struct.unpack(">IIBB", chunks[0][1][:10])
        assert kinds[0] == b"IHDR"
        assert width == WIDTH_PX, key  # 16 cm at 200 dpi
        assert height % 25 == 0 and 200 <= height <= 3000, (key, height)
        assert (depth, color) in ((8, 2), (8, 6))
        assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(kinds), (key, kinds)
        assert b"Software" not in chart.path.read_bytes()
        phys = dict(chunks)[b"pHYs"]
        ppm_x, _, unit = struct.unpack(">IIB", phys)
        assert unit == 1 and round(ppm_x * 0.0254) == DPI


def test_second_run_is_byte_identical(report: Report, charts: dict[str, Chart], tmp_path: Path) -> None:
    folder = tmp_path / "belum" / "ada"  # created on demand
    again = build_charts(report, folder)
    assert sorted(again) == sorted(charts)
    for key in charts:
        assert again[key].path.read_bytes() == charts[key].path.read_bytes(), key
    # Written atomically: nothing but the PNGs is left behind.
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{key}.png" for key in charts)


DRAW = (
    "import sys; from pathlib import Path\n"
    "from lakip_cli.source.validate import load_project\n"
    "from lakip_cli.compute.report import compute_report\n"
    "from lakip_cli.charts.figures import build_charts\n"
    "build_charts(compute_report(load_project(Path(sys.argv[1]), 2024)), Path(sys.argv[2]))\n"
)


def test_separate_processes_and_font_caches_give_the_same_bytes(root: Path, charts: dict[str, Chart],
                                                                tmp_path: Path) -> None:
    """No state of a process (rcParams, caches) and no font cache of a machine leaks into the pictures:
    two processes, each with its own fresh matplotlib configuration and font cache, draw the same bytes."""
    for run in ("a", "b"):
        env = {**os.environ, "MPLCONFIGDIR": str(tmp_path / f"mpl-{run}"), "XDG_CACHE_HOME": str(tmp_path / run)}
        subprocess.run([sys.executable, "-c", DRAW, str(root), str(tmp_path / run)], check=True, env=env)
        assert (tmp_path / f"mpl-{run}").is_dir()  # the process really built its own font cache there
    for key, chart in charts.items():
        first = (tmp_path / "a" / f"{key}.png").read_bytes()
        assert first == (tmp_path / "b" / f"{key}.png").read_bytes(), key
        assert first == chart.path.read_bytes(), key


def test_font_cache_order_does_not_change_the_bytes(report: Report, charts: dict[str, Chart], tmp_path: Path,
                                                    monkeypatch) -> None:
    """Debian installs Liberation Sans twice (fonts-liberation, fonts-liberation2) and matplotlib ships
    DejaVu Sans besides the system's: a rebuilt font cache lists them in another order."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    shuffled = [e for e in reversed(manager.ttflist) if not e.name.startswith("lakip ")]
    monkeypatch.setattr(manager, "ttflist", shuffled)
    manager._findfont_cached.cache_clear()
    try:
        again = build_charts(report, tmp_path)
    finally:
        manager._findfont_cached.cache_clear()
    for key in charts:
        assert again[key].path.read_bytes() == charts[key].path.read_bytes(), key


def test_empty_data_draws_sasaran_only(tmp_path: Path) -> None:
    report = _report(_project(tmp_path, empty=True))
    assert all(i.capaian is None for i in report.indikator)
    charts = build_charts(report, tmp_path / "png")
    # Documented policy: "sasaran" always (its rows say "data belum tersedia"); no trend without two
    # years of realisasi; no "anggaran" without a complete budget line.
    assert sorted(charts) == ["sasaran"]
    assert _chunks(charts["sasaran"].path.read_bytes())[0][0] == b"IHDR"


def test_the_font_is_the_file_given(report: Report, charts: dict[str, Chart], tmp_path: Path) -> None:
    """The pictures follow the font files passed by path, whatever matplotlib's font cache holds."""
    dejavu = fallback_font()
    assert dejavu.regular.name == "DejaVuSans.ttf" and dejavu.regular.is_file() and dejavu.bold.is_file()
    same = build_charts(report, tmp_path / "a", font=dejavu)
    # A copy of the same files elsewhere: the same bytes (what is drawn depends on the files, not the path).
    copies = tmp_path / "huruf"
    copies.mkdir()
    for face in (dejavu.regular, dejavu.bold):
        (copies / face.name).write_bytes(face.read_bytes())
    moved = build_charts(report, tmp_path / "b", font=ChartFont(copies / "DejaVuSans.ttf",
                                                                copies / "DejaVuSans-Bold.ttf"))
    # Bold drawn with the regular file: other pixels wherever text is bold.
    plain = build_charts(report, tmp_path / "c", font=ChartFont(dejavu.regular, dejavu.regular))
    for key in charts:
        assert same[key].path.read_bytes() == charts[key].path.read_bytes(), key  # the default is the fallback
        assert moved[key].path.read_bytes() == charts[key].path.read_bytes(), key
        assert plain[key].path.read_bytes() != charts[key].path.read_bytes(), key


def test_module_import_does_not_load_matplotlib() -> None:
    code = "import sys, lakip_cli.charts.figures; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_cache_gives_the_drawn_bytes_without_drawing(report: Report, charts: dict[str, Chart], tmp_path: Path,
                                                     monkeypatch) -> None:
    from lakip_cli.charts import figures

    cache = tmp_path / "cache"
    first = build_charts(report, tmp_path / "a", cache=cache)
    assert len(list(cache.iterdir())) == len(charts)

    def no_drawing(*args, **kwargs):
        raise AssertionError("a cached chart was drawn again")

    for name in ("_sasaran_figure", "_trend_figure", "_anggaran_figure"):
        monkeypatch.setattr(figures, name, no_drawing)
    again = build_charts(report, tmp_path / "b", cache=cache)
    assert list(again) == list(first) == list(charts)
    for key, chart in charts.items():
        assert again[key].path == tmp_path / "b" / f"{key}.png"  # the name the document embeds
        assert again[key].path.read_bytes() == chart.path.read_bytes(), key
        assert again[key].judul == chart.judul


def test_cache_redraws_only_what_changed(root: Path, charts: dict[str, Chart], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build_charts(_report(root), tmp_path / "a", cache=cache)
    before = set(p.name for p in cache.iterdir())
    changed = copy_project(root, tmp_path / "proyek")
    path = changed / "data" / "2024" / "indikator" / "01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("realisasi: {pembilang: 34, penyebut: 36}",
                                 "realisasi: {pembilang: 30, penyebut: 36}"), encoding="utf-8")
    cached = build_charts(_report(changed), tmp_path / "b", cache=cache)
    fresh = build_charts(_report(changed), tmp_path / "c")
    after = set(p.name for p in cache.iterdir())
    # The overview and IK01's trend show the new realisasi; the other charts come from the cache, and
    # entries no chart uses any more are removed.
    assert len(after) == len(charts) and len(before - after) == 2
    assert charts["sasaran"].path.read_bytes() != fresh["sasaran"].path.read_bytes()
    for key in fresh:
        assert cached[key].path.read_bytes() == fresh[key].path.read_bytes(), key


def test_caption_year_range_never_breaks_at_the_dash(report: Report, charts: dict[str, Chart]) -> None:
    from lakip_cli.present.render import Chart as Shown
    from lakip_cli.present.render import RenderContext, render_report
    from lakip_cli.write.blocks import Picture

    shown = {key: Shown(chart.path, chart.judul) for key, chart in charts.items()}
    pictures = [b for b in render_report(report, RenderContext(charts=shown)).blocks if isinstance(b, Picture)]
    trend = next(p for p in pictures if "Capaian indikator kinerja tahun" in p.judul)
    # the chart's own title has a plain dash; as a caption the years hold together with word joiners
    assert trend.judul.endswith("Capaian indikator kinerja tahun 2021\u2060\u2013\u20602024")


# ---------------------------------------------------------------- the font of a build


def _with_font_setting(root: Path, tmp_path: Path, value: str | None) -> Path:
    project = copy_project(root, tmp_path / "dengan-huruf")
    lines = ["judul: LAPORAN KINERJA INSTANSI PEMERINTAH", "keluaran:", "  grafik: true"]
    if value is not None:
        lines.append(f"  huruf_grafik: {value}")
    (project / "lakip.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return project


def _font_of(project: Path):
    from lakip_cli.pipeline import chart_font
    from lakip_cli.present.templates import TemplateSet

    report = _report(project)
    return chart_font(report, TemplateSet(project, report.project.settings.model.folder_templat).reference())


def test_font_setting_names_the_files(root: Path, tmp_path: Path) -> None:
    project = _with_font_setting(root, tmp_path, "huruf/Contoh-Regular.ttf")
    (project / "huruf").mkdir()
    dejavu = fallback_font()
    (project / "huruf" / "Contoh-Regular.ttf").write_bytes(dejavu.regular.read_bytes())
    (project / "huruf" / "Contoh-Bold.ttf").write_bytes(dejavu.bold.read_bytes())
    font, warnings = _font_of(project)
    assert warnings == []
    assert font == ChartFont(project / "huruf" / "Contoh-Regular.ttf", project / "huruf" / "Contoh-Bold.ttf")
    (project / "huruf" / "Contoh-Bold.ttf").unlink()  # no bold face beside it: bold text in the regular file
    assert _font_of(project) == (ChartFont(font.regular, font.regular), [])


@pytest.mark.parametrize(("content", "problem"), [
    (None, "tidak ditemukan"),
    (b"bukan huruf\n", "bukan berkas huruf TrueType/OpenType (.ttf, .otf)"),
    (b"\x00\x01\x00\x00" + b"\x00" * 60, "rusak: tidak dapat dibaca sebagai huruf TrueType/OpenType"),
])
def test_unusable_font_setting_warns_and_falls_back(root: Path, tmp_path: Path, content: bytes | None,
                                                    problem: str) -> None:
    project = _with_font_setting(root, tmp_path, "huruf/Contoh.ttf")
    if content is not None:
        (project / "huruf").mkdir()
        (project / "huruf" / "Contoh.ttf").write_bytes(content)
    font, warnings = _font_of(project)
    assert font == fallback_font()
    assert [d.format_text() for d in warnings] == [
        f"lakip.yaml:4:17: peringatan: berkas huruf grafik 'huruf/Contoh.ttf' {problem}; grafik memakai huruf "
        "cadangan DejaVu Sans (bawaan matplotlib) [W011]"]


def test_body_font_files_are_the_default(root: Path, tmp_path: Path, monkeypatch) -> None:
    """Without the setting: the files of the reference document's body font (Arial: Liberation Sans on Linux),
    as the column widths measure them; when none is installed, a warning at keluaran.grafik."""
    from lakip_cli.write import measure

    project = _with_font_setting(root, tmp_path, None)
    dejavu = fallback_font()
    found = {False: dejavu.regular, True: dejavu.bold}
    calls = []

    def installed(family: str, bold: bool) -> Path:
        calls.append((family, bold))
        return found[bold]

    monkeypatch.setattr(measure, "font_path", installed)
    assert _font_of(project) == (dejavu, [])
    assert calls == [("Arial", False), ("Arial", True)]  # the built-in reference.docx names Arial
    monkeypatch.setattr(measure, "font_path", lambda family, bold: None)
    font, warnings = _font_of(project)
    assert font == dejavu
    assert [d.format_text() for d in warnings] == [
        "lakip.yaml:3:11: peringatan: berkas huruf isi dokumen (Arial: Arial.ttf, arial.ttf, "
        "LiberationSans-Regular.ttf) tidak ditemukan; grafik memakai huruf cadangan DejaVu Sans (bawaan "
        "matplotlib). Pasang huruf itu (Debian/Ubuntu: fonts-liberation) atau atur keluaran.huruf_grafik di "
        "lakip.yaml [W011]"]


def test_build_with_a_missing_font_file_warns_and_still_builds(root: Path, tmp_path: Path, runner) -> None:
    from lakip_cli.cli import app

    project = _with_font_setting(root, tmp_path, "huruf/tidak-ada.ttf")
    result = runner.invoke(app, ["build", "2024", "-C", str(project), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert ("lakip.yaml:4:17: peringatan: berkas huruf grafik 'huruf/tidak-ada.ttf' tidak ditemukan; grafik "
            "memakai huruf cadangan DejaVu Sans (bawaan matplotlib) [W011]") in result.output
    assert (project / "out" / "LAKIP-2024.docx").is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="charts are drawn in a child process on Linux only")
def test_background_job_gives_the_same_bytes_and_is_ended_when_left(report: Report, charts: dict[str, Chart],
                                                                    tmp_path: Path) -> None:
    from lakip_cli.charts.figures import ChartJob

    with ChartJob(report, tmp_path / "a", None, None, background=True) as job:
        child = job._child
        assert child is not None and child != os.getpid()
        assert {k: c.judul for k, c in job.charts.items()} == {k: c.judul for k, c in charts.items()}
        drawn = job.wait()
    for key, chart in charts.items():
        assert drawn[key].path.read_bytes() == chart.path.read_bytes(), key
    # Left before wait() (an error, Ctrl-C, SIGTERM in the build): the child is ended and reaped.
    with ChartJob(report, tmp_path / "b", None, None, background=True) as job:
        child = job._child
    assert job._child is None
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)
    assert not Path(f"/proc/{child}").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="charts are drawn in a child process on Linux only")
def test_each_chart_is_ready_on_its_own(report: Report, charts: dict[str, Chart], tmp_path: Path) -> None:
    """ready(path) returns once that one file is in place; other paths do not wait at all."""
    from lakip_cli.charts.figures import ChartJob

    with ChartJob(report, tmp_path / "a", None, None, background=True) as job:
        job.ready(tmp_path / "bagan.png")  # not a chart of this build
        first = job.charts["sasaran"].path
        job.ready(first)
        assert first.read_bytes() == charts["sasaran"].path.read_bytes()
        for key in ("tren", "anggaran"):
            job.ready(job.charts[key].path)
            assert job.charts[key].path.read_bytes() == charts[key].path.read_bytes(), key
        job.wait()
    # Without a child (another system, or background off) ready() draws what is missing, here.
    with ChartJob(report, tmp_path / "b", None, None, background=False) as job:
        job.ready(job.charts["anggaran"].path)
        assert all(c.path.read_bytes() == charts[k].path.read_bytes() for k, c in job.charts.items())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="charts are drawn in a child process on Linux only")
def test_chart_process_started_early_draws_the_same_bytes(report: Report, charts: dict[str, Chart],
                                                          tmp_path: Path) -> None:
    """The process charts.early forks before the project is loaded draws what a ChartJob's own child draws,
    and a ChartJob of the same build takes it instead of forking again."""
    from lakip_cli.charts import early
    from lakip_cli.charts.figures import ChartJob

    early.start(tmp_path, tmp_path / "out" / "LAKIP-2024.docx", None)
    painter = early._waiting
    assert painter is not None and painter.pid != os.getpid()
    with ChartJob(report, tmp_path / "a", tmp_path / "out" / ".grafik", None, background=True) as job:
        assert job._child == painter.pid
        assert early._waiting is None  # taken
        drawn = job.wait()
    for key, chart in charts.items():
        assert drawn[key].path.read_bytes() == chart.path.read_bytes(), key
    assert sorted(p.name for p in (tmp_path / "out" / ".grafik").iterdir()) != []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="charts are drawn in a child process on Linux only")
def test_chart_process_started_early_is_not_started_for_a_cache_or_without_charts_and_is_ended_unused(
        tmp_path: Path) -> None:
    from lakip_cli.charts import early

    early.start(tmp_path, None, False)  # --tanpa-grafik
    assert early._waiting is None
    (tmp_path / "out" / ".grafik").mkdir(parents=True)
    (tmp_path / "out" / ".grafik" / "0123.png").write_bytes(b"png")
    early.start(tmp_path, None, None)  # a rebuild: the charts come from the cache
    assert early._waiting is None
    early.start(tmp_path / "baru", None, True)
    painter = early._waiting
    assert painter is not None
    early.discard()  # the build drew nothing: the child is ended and reaped
    assert early._waiting is None
    with pytest.raises(ChildProcessError):
        os.waitpid(painter.pid, os.WNOHANG)
    assert not Path(f"/proc/{painter.pid}").exists()
