"""Time the consistency checks on narratives of one repeated unit, at two lengths, to show the work is linear.

Usage: python benchmarks/bench_long_text.py [length]   (default 30000, the longest narrative allowed)
Each unit fills one indicator narrative and the conclusion; a linear check takes about twice as long at
twice the length, a quadratic one four times.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from lakip_cli.checks import run_checks
from lakip_cli.compute.report import compute_report
from lakip_cli.source.validate import load_project

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "projects" / "minimal"
UNITS = {
    "huruf": "a", "angka": "1", "persen": "1,1% ", "kata": "tercapai ", "singkatan": "ab. ", "rupiah": "Rp. 1 ",
    "daftar": "\n1. a", "tahun": "2024 2023 ", "efisiensi": "efisiensi 50%. ", "tren": "menurun dibanding tahun lalu. ",
    "peraturan": "Undang-Undang Nomor 23 Tahun 2004. ", "templat": "TODO. ", "semua": "semua tercapai. ",
    "jumlah": "jumlah indikator 4 (lima) indikator ", "bilangan": "dua puluh satu ", "predikat": "predikat berhasil ",
    "anggaran": "kurangnya anggaran ", "satuan": "100 peserta ", "program": "Program Layanan Contohh pada ",
    "nama": "Kegiatan Layanan Kegiatan Layanan Pembinaan Petugas ",
}


def seconds(unit: str, length: int) -> float:
    text = json.dumps((unit * (length // len(unit) + 1))[:length])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "proyek"
        shutil.copytree(MINIMAL, root)
        ind = root / "data/2024/indikator/01-layanan.yaml"
        ind.write_text(ind.read_text(encoding="utf-8").replace(
            "  penyebab: Layanan daring mempercepat proses.", "  penyebab: " + text), encoding="utf-8")
        lap = root / "data/2024/laporan.yaml"
        lap.write_text(lap.read_text(encoding="utf-8").replace(
            "kesimpulan: Kinerja tahun 2024 baik.", "kesimpulan: " + text), encoding="utf-8")
        report = compute_report(load_project(root, 2024))
        start = time.perf_counter()
        run_checks(report)
        return time.perf_counter() - start


def main() -> None:
    length = int(sys.argv[1]) if len(sys.argv) > 1 else 30_000
    print(f"{'unit':12s} {length // 2:>8d} {length:>8d}  ratio")
    for name, unit in UNITS.items():
        half, full = seconds(unit, length // 2), seconds(unit, length)
        print(f"{name:12s} {half:8.3f} {full:8.3f}  {full / half if half else 0:5.1f}")


if __name__ == "__main__":
    main()
