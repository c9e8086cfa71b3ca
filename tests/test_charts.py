"""charts: keys, PNG size and metadata, byte-identical output, empty data, cheap module import."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import MINIMAL, copy_project

from lakip_cli.charts.figures import DPI, WIDTH_PX, Chart, build_charts, rupiah_singkat
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
    # IK03 has no realisasi at all and IK02 has two years: only IK01 and IK02 get a trend chart.
    assert sorted(charts) == ["anggaran", "sasaran", "tren-IK01", "tren-IK02"]
    for key, chart in charts.items():
        assert chart.key == key
        assert chart.path.name == f"{key}.png"
        assert chart.judul and not chart.judul.startswith("Gambar")


def test_captions(charts: dict[str, Chart]) -> None:
    assert charts["sasaran"].judul == "Capaian indikator kinerja per sasaran strategis tahun 2024"
    assert charts["anggaran"].judul == "Pagu dan realisasi anggaran per sub kegiatan tahun 2024"
    assert charts["tren-IK01"].judul == "Target dan realisasi Persentase Layanan Tepat Waktu tahun 2021\u20132024"


def test_png_size_and_no_metadata(charts: dict[str, Chart]) -> None:
    for key, chart in charts.items():
        chunks = _chunks(chart.path.read_bytes())
        kinds = [k for k, _ in chunks]
        width, height, depth, color = struct.unpack(">IIBB", chunks[0][1][:10])
        assert kinds[0] == b"IHDR"
        assert width == WIDTH_PX, key  # 16 cm at 200 dpi
        assert height % 25 == 0 and 300 <= height <= 3000, (key, height)
        assert (depth, color) in ((8, 2), (8, 6))
        assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(kinds), (key, kinds)
        assert b"Software" not in chart.path.read_bytes()
        phys = dict(chunks)[b"pHYs"]
        ppm_x, _, unit = struct.unpack(">IIB", phys)
        assert unit == 1 and round(ppm_x * 0.0254) == DPI
    assert struct.unpack(">II", _chunks(charts["tren-IK01"].path.read_bytes())[0][1][:8]) == (1260, 550)


def test_second_run_is_byte_identical(report: Report, charts: dict[str, Chart], tmp_path: Path) -> None:
    folder = tmp_path / "belum" / "ada"  # created on demand
    again = build_charts(report, folder)
    assert sorted(again) == sorted(charts)
    for key in charts:
        assert again[key].path.read_bytes() == charts[key].path.read_bytes(), key
    # Written atomically: nothing but the PNGs is left behind.
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{key}.png" for key in charts)


def test_fresh_process_gives_the_same_bytes(root: Path, charts: dict[str, Chart], tmp_path: Path) -> None:
    """No state of this test process (rcParams, caches) leaks into the pictures."""
    script = (
        "import sys; from pathlib import Path\n"
        "from lakip_cli.source.validate import load_project\n"
        "from lakip_cli.compute.report import compute_report\n"
        "from lakip_cli.charts.figures import build_charts\n"
        "build_charts(compute_report(load_project(Path(sys.argv[1]), 2024)), Path(sys.argv[2]))\n"
    )
    subprocess.run([sys.executable, "-c", script, str(root), str(tmp_path)], check=True)
    for key, chart in charts.items():
        assert (tmp_path / f"{key}.png").read_bytes() == chart.path.read_bytes(), key


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


def test_rupiah_short_form() -> None:
    assert rupiah_singkat(13_774_269_418) == "Rp13,77 M"
    assert rupiah_singkat(13_774_269_418, 1) == "Rp13,8 M"
    assert rupiah_singkat(36_124_950) == "Rp36,12 jt"
    assert rupiah_singkat(1_698_526_900) == "Rp1,7 M"
    assert rupiah_singkat(950_000) == "Rp950 rb"
    assert rupiah_singkat(500) == "Rp500"
    assert rupiah_singkat(0) == "Rp0"


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
    trend = next(p for p in pictures if "Persentase Layanan Tepat Waktu" in p.judul)
    # the chart's own title has a plain dash; as a caption the years hold together with word joiners
    assert trend.judul.endswith("tahun 2021\u2060\u2013\u20602024")
