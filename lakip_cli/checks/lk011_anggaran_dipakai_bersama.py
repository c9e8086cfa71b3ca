"""LK011 anggaran-dipakai-bersama: one budget line attributed to several indicators.

What it checks:
    Each reference in an indicator's ``anggaran`` list to a sub kegiatan that
    an earlier indicator (or the same indicator, earlier in its list)
    already references.

Why it matters:
    Totals count each budget line once, but the per-indicator tables and
    efficiency analyses then show the same rupiah twice, and a reader adding
    up the BAB III table gets a different total. The seed counts the
    Rp13.774.269.418 partai politik budget under two indicators. Sharing may
    be intended; the warning asks the planner to say so in the narrative or
    to split the line.

Bad:
    IK03 and IK08 both list ``anggaran: [parpol]``.

Good:
    Each indicator lists the sub kegiatan that serve it alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK011"
NAME = "anggaran-dipakai-bersama"
SEVERITY: Severity = "warning"
SUMMARY = "Satu sub kegiatan anggaran dipakai oleh lebih dari satu indikator"


def check(report: Report) -> Iterator[Diagnostic]:
    first_user: dict[str, str] = {}
    for ind in report.indikator:
        for j, ref in enumerate(ind.model.anggaran):
            if ref in first_user:
                other = first_user[ref]
                who = "indikator ini juga" if other == ind.id else f"juga dipakai {other}"
                yield Diagnostic(
                    ind.source.at("anggaran", j), CODE, SEVERITY,
                    f"{ind.id}: sub kegiatan '{ref}' {who}; pagu dan realisasinya dihitung sekali dalam "
                    f"total, tetapi tampil lebih dari sekali di tabel per indikator",
                )
            else:
                first_user[ref] = ind.id


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap rujukan di daftar `anggaran` sebuah indikator ke sub kegiatan yang sudah dirujuk "
        "indikator sebelumnya (atau oleh indikator yang sama, lebih awal dalam daftarnya)."
    ),
    "mengapa": (
        "Total menghitung setiap sub kegiatan satu kali, tetapi tabel per indikator dan analisis "
        "efisiensi menampilkan rupiah yang sama dua kali, sehingga pembaca yang menjumlahkan tabel BAB "
        "III mendapat total lain. Pemakaian bersama bisa disengaja; peringatan ini meminta perencana "
        "menyatakannya di narasi atau memisahkan sub kegiatannya."
    ),
    "salah": "IK03 dan IK08 sama-sama mencantumkan `anggaran: [parpol]`.",
    "benar": "Setiap indikator mencantumkan sub kegiatan yang hanya melayani indikator itu.",
}
