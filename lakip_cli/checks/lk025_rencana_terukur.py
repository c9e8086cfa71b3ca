"""LK025 rencana-terukur: a part of the plan that nothing measures.

What it checks:
    Every tujuan in perencanaan.yaml has at least one sasaran, and every
    sasaran has at least one indicator in the Perjanjian Kinerja. (Every PK
    indicator has its file, and so its BAB III section, by validation.)

Why it matters:
    A sasaran without an indicator is a promise of the Renstra that the
    report cannot account for; PermenPANRB 53/2014 asks that each sasaran
    be measured. The reviewer counts the rows of Tabel 1.7 against BAB III.

Bad:
    ``sasaran: [{id: S3, uraian: Meningkatnya ..., tujuan: T1}]`` and no
    ``perjanjian_kinerja`` entry for S3.

Good:
    ``perjanjian_kinerja: [{sasaran: S3, indikator: [{indikator: IK04}]}]``.
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK025"
NAME = "rencana-terukur"
SEVERITY: Severity = "warning"
SUMMARY = "Tujuan tanpa sasaran, atau sasaran tanpa indikator di Perjanjian Kinerja"


def check(report: Report) -> Iterator[Diagnostic]:
    ren = report.project.perencanaan
    m = ren.model
    with_sasaran = {s.tujuan for s in m.sasaran}
    measured = {row.sasaran for row in m.perjanjian_kinerja if row.indikator}
    for i, tujuan in enumerate(m.tujuan):
        if tujuan.id not in with_sasaran:
            yield Diagnostic(ren.at("tujuan", i, "id"), CODE, SEVERITY,
                             f"tujuan {tujuan.id} '{tujuan.uraian}' tidak memiliki sasaran strategis")
    for i, sasaran in enumerate(m.sasaran):
        if sasaran.id not in measured:
            yield Diagnostic(ren.at("sasaran", i, "id"), CODE, SEVERITY,
                             f"sasaran {sasaran.id} '{sasaran.uraian}' tidak memiliki indikator di "
                             "perjanjian_kinerja, sehingga tidak diukur dalam laporan")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap tujuan di perencanaan.yaml memiliki sedikitnya satu sasaran, dan setiap sasaran memiliki "
        "sedikitnya satu indikator di Perjanjian Kinerja. (Setiap indikator PK sudah pasti memiliki berkas "
        "dan bagiannya di BAB III karena diperiksa saat validasi.)"
    ),
    "mengapa": (
        "Sasaran tanpa indikator adalah janji Renstra yang tidak dapat dipertanggungjawabkan laporan; "
        "PermenPANRB 53/2014 meminta setiap sasaran diukur. Penilai mencocokkan baris Tabel 1.7 dengan BAB III."
    ),
    "salah": "sasaran S3 tercantum di `sasaran` tetapi tidak ada baris `perjanjian_kinerja` untuk S3.",
    "benar": "`perjanjian_kinerja: [{sasaran: S3, indikator: [{indikator: IK04}]}]`.",
}
