"""LK003 pembilang-melebihi-penyebut: a share whose numerator exceeds its denominator.

What it checks:
    Indicators whose realisasi is given as components (``pembilang`` and
    ``penyebut``) must have pembilang <= penyebut: a share of a whole
    cannot be larger than the whole.

Why it matters:
    34 of 36 ormas is 94,44%; 38 of 36 is a typing error that would be
    printed as a realisasi of 105,56% and counted as "melampaui target".

Bad:
    ``realisasi: {pembilang: 38, penyebut: 36}``

Good:
    ``realisasi: {pembilang: 34, penyebut: 36}`` (equal values are fine: 7 of 7).
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import angka

CODE = "LK003"
NAME = "pembilang-melebihi-penyebut"
SEVERITY: Severity = "error"
SUMMARY = "Pembilang realisasi lebih besar dari penyebutnya (persentase bagian tidak mungkin > 100%)"


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        k = ind.komponen
        if k is not None and k.pembilang > k.penyebut:
            yield Diagnostic(
                ind.source.at("realisasi", "pembilang"), CODE, SEVERITY,
                f"{ind.id}: pembilang {angka(k.pembilang)} lebih besar dari penyebut {angka(k.penyebut)}; "
                f"bagian tidak mungkin melebihi keseluruhannya",
            )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Indikator yang realisasinya ditulis sebagai `pembilang` dan `penyebut`: pembilang tidak boleh "
        "lebih besar dari penyebut, karena bagian tidak mungkin lebih besar dari keseluruhannya."
    ),
    "mengapa": (
        "34 dari 36 ormas adalah 94,44%; 38 dari 36 adalah salah ketik yang akan tercetak sebagai "
        "realisasi 105,56% dan dihitung \"melampaui target\"."
    ),
    "salah": "`realisasi: {pembilang: 38, penyebut: 36}`",
    "benar": "`realisasi: {pembilang: 34, penyebut: 36}` (sama besar boleh: 7 dari 7).",
}
