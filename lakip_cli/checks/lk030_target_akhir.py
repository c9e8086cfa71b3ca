"""LK030 target-akhir: the Renstra/RPJMD end-of-period target is missing.

What it checks:
    Every indicator has ``renstra.target_akhir``, the target at the end of
    the medium-term period (``periode_akhir`` in perencanaan.yaml).

Why it matters:
    Analysis (c) of PermenPANRB 53/2014 compares the year's realisasi with
    the medium-term target; the seed's column of end targets is "-" in all
    eleven rows without a word. Missing, the document cannot say how far the
    agency is from the end of the period.

Bad:
    ``renstra: {target_tahunan: {2024: 100}}``.

Good:
    ``renstra: {target_tahunan: {2024: 100}, target_akhir: 100}``.
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK030"
NAME = "target-akhir"
SEVERITY: Severity = "warning"
SUMMARY = "Target akhir periode Renstra/RPJMD (renstra.target_akhir) belum diisi"


def check(report: Report) -> Iterator[Diagnostic]:
    end = report.project.perencanaan.model.periode_akhir
    for ind in report.indikator:
        if ind.model.renstra.target_akhir is None:
            yield Diagnostic(ind.source.at("renstra"), CODE, SEVERITY,
                             f"{ind.id}: target akhir periode {end} (renstra.target_akhir) belum diisi, sehingga "
                             "analisis (c) tidak dapat menyatakan jarak ke target akhir")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": "Setiap indikator memiliki `renstra.target_akhir`, target pada akhir periode jangka menengah.",
    "mengapa": (
        "Analisis (c) PermenPANRB 53/2014 membandingkan realisasi dengan target jangka menengah; kolom target "
        "akhir laporan asal berisi \"-\" di sebelas baris tanpa penjelasan."
    ),
    "salah": "`renstra: {target_tahunan: {2024: 100}}`.",
    "benar": "`renstra: {target_tahunan: {2024: 100}, target_akhir: 100}`.",
}
