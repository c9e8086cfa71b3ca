"""LK031 sumber-data: an indicator does not name where its data come from.

What it checks:
    Every indicator has ``sumber_data``: the register, report or system its
    realisasi is taken from.

Why it matters:
    An evaluator of the LKE (PermenPANRB 88/2021, Pelaporan Kinerja) asks for
    the source of every figure; a realisasi without one cannot be verified.
    A final build refuses the report while this finding is open.

Bad:
    An indicator file without ``sumber_data``.

Good:
    ``sumber_data: Laporan bulanan puskesmas (SIMPUS), Dinas Kesehatan``.
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK031"
NAME = "sumber-data"
SEVERITY: Severity = "warning"
SUMMARY = "Indikator tidak menyebut sumber datanya (sumber_data)"


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        if not ind.model.sumber_data:
            yield Diagnostic(ind.source.at("id"), CODE, SEVERITY,
                             f"{ind.id}: sumber data realisasi belum disebut (isi sumber_data, mis. nama laporan "
                             "atau aplikasi asal angka)")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": "Setiap indikator memiliki `sumber_data`: register, laporan atau aplikasi asal angka realisasinya.",
    "mengapa": (
        "Evaluator LKE (PermenPANRB 88/2021, komponen Pelaporan Kinerja) menanyakan sumber setiap angka; "
        "realisasi tanpa sumber tidak dapat diverifikasi. Build --final menolak laporan selama temuan ini terbuka."
    ),
    "salah": "Berkas indikator tanpa `sumber_data`.",
    "benar": "`sumber_data: Laporan bulanan puskesmas (SIMPUS), Dinas Kesehatan`.",
}
