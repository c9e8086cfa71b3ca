"""LK005 capaian-tertulis-berbeda: a capaian printed in an old report that the formula does not give.

What it checks:
    Each ``riwayat`` row with ``capaian_tertulis`` (the capaian as printed
    in an earlier report) against the capaian computed from that row's
    target and realisasi with the indicator's polarity. The printed value
    may be rounded to the precision it is written with (70 for 70,22).

Why it matters:
    Hand-typed capaian drift from the figures: the seed prints 127% for 2021
    where 127 / 70 x 100 = 181,43%, and 100% for 2022-2023 where 100 / 80
    = 125%. The multi-year table now shows computed values; this tells the
    planner which old figures were wrong (or which target/realisasi was
    transcribed wrongly).

Bad:
    ``{tahun: 2021, target: 70, realisasi: 127, capaian_tertulis: 127}``

Good:
    ``{tahun: 2021, target: 35, realisasi: 18, capaian_tertulis: 51}`` (51,43 rounded).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from lakip_cli.checks.narrative import agrees
from lakip_cli.compute.report import Report, apply_cap, capaian, realisasi_value
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import angka, persen

CODE = "LK005"
NAME = "capaian-tertulis-berbeda"
SEVERITY: Severity = "warning"
SUMMARY = "Capaian riwayat yang tertulis (capaian_tertulis) berbeda dengan hasil rumus"


def check(report: Report) -> Iterator[Diagnostic]:
    cap = report.project.settings.model.kebijakan.batas_capaian
    for ind in report.indikator:
        m = ind.model
        for i, row in enumerate(m.riwayat):
            value = realisasi_value(row.realisasi, ind.faktor)
            if row.capaian_tertulis is None or not isinstance(row.target, Decimal) or value is None:
                continue
            try:
                raw = capaian(row.target, value, polaritas=m.polaritas, rumus_negatif=ind.rumus_negatif)
            except ZeroDivisionError:
                continue
            written = row.capaian_tertulis
            places = max(0, -written.as_tuple().exponent)  # type: ignore[operator]
            if agrees(raw, written, places) or agrees(apply_cap(raw, cap), written, places):
                continue
            yield Diagnostic(
                ind.source.at("riwayat", i, "capaian_tertulis"), CODE, SEVERITY,
                f"{ind.id}: capaian {row.tahun} tertulis {angka(written)}%, tetapi realisasi "
                f"{angka(value)} terhadap target {angka(row.target)} "
                f"memberi {persen(raw)}",
            )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap baris `riwayat` yang memuat `capaian_tertulis` (capaian sebagaimana tercetak di laporan "
        "lama) dibandingkan dengan capaian hasil rumus dari target dan realisasi baris itu. Nilai "
        "tertulis boleh dibulatkan sesuai ketelitian penulisannya (70 untuk 70,22)."
    ),
    "mengapa": (
        "Capaian yang diketik tangan menyimpang dari angkanya: laporan asal mencetak 127% untuk 2021, "
        "padahal 127 / 70 × 100 = 181,43%. Tabel multitahun kini memakai hasil hitung; aturan ini "
        "menunjukkan angka lama mana yang salah."
    ),
    "salah": "`{tahun: 2021, target: 70, realisasi: 127, capaian_tertulis: 127}`",
    "benar": "`{tahun: 2021, target: 35, realisasi: 18, capaian_tertulis: 51}` (51,43 dibulatkan).",
}
