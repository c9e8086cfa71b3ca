"""LK001 data-kosong: something the report needs is still empty.

What it checks:
    Every item the document cannot do without (signing date, kata pengantar,
    each indicator's target, realisasi, formula, budget lines and the three
    analyses, each budget line's pagu and realisasi) as listed by
    ``Report.belum_diisi`` from the compute stage.

Why it matters:
    A draft shows the gap in the document so that it is noticed; this rule
    lists the same gaps with their files so a planner can close them before
    the final build, which refuses a report with gaps.

Bad:
    ``realisasi`` missing in indikator/06-pelayanan-administrasi.yaml, or
    ``tanggal`` missing in laporan.yaml.

Good:
    Every indicator has target, realisasi (or ``capaian_manual`` with a
    reason), rumus, anggaran and narasi.penyebab/efisiensi/program.
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK001"
NAME = "data-kosong"
SEVERITY: Severity = "warning"
SUMMARY = "Data wajib belum diisi (target, realisasi, rumus, anggaran, narasi analisis, tanggal)"


def check(report: Report) -> Iterator[Diagnostic]:
    for location, what in report.belum_diisi:
        yield Diagnostic(location, CODE, SEVERITY, f"belum diisi: {what}")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap isian yang tidak boleh kosong dalam dokumen: tanggal tanda tangan, kata pengantar, serta "
        "target, realisasi, rumus, sub kegiatan anggaran dan tiga narasi analisis setiap indikator, juga "
        "pagu dan realisasi setiap sub kegiatan."
    ),
    "mengapa": (
        "Draf menandai isian kosong di dokumen agar terlihat; aturan ini menyebut berkas dan barisnya "
        "supaya dapat dilengkapi sebelum build --final, yang menolak laporan yang masih berlubang."
    ),
    "salah": (
        "`realisasi` tidak diisi di indikator/06-pelayanan-administrasi.yaml, atau `tanggal` tidak diisi "
        "di laporan.yaml."
    ),
    "benar": (
        "Setiap indikator memiliki target, realisasi (atau `capaian_manual` beserta alasannya), rumus, "
        "anggaran, dan narasi.penyebab/efisiensi/program."
    ),
}
