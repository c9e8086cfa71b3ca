"""LK008 realisasi-melebihi-pagu: a budget line that spent more than its pagu.

What it checks:
    For each sub kegiatan in anggaran.yaml with both figures: realisasi <= pagu.

Why it matters:
    Spending above the budget ceiling is not possible in the regional
    budget system (DPA); a realisasi above pagu is a typing error (a digit
    too many, pagu and realisasi swapped) and gives a negative efficiency.

Bad:
    ``pagu: 75284400, realisasi: 752844000``

Good:
    ``pagu: 75284400, realisasi: 72937050`` (equal is fine: fully absorbed).
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import rupiah
from lakip_cli.source.validate import each_sub_kegiatan

CODE = "LK008"
NAME = "realisasi-melebihi-pagu"
SEVERITY: Severity = "error"
SUMMARY = "Realisasi anggaran sub kegiatan melebihi pagunya"


def check(report: Report) -> Iterator[Diagnostic]:
    ang = report.project.anggaran
    for path, _, _, sub in each_sub_kegiatan(report.project):
        if sub.pagu is not None and sub.realisasi is not None and sub.realisasi > sub.pagu:
            yield Diagnostic(
                ang.at(*path, "realisasi"), CODE, SEVERITY,
                f"sub kegiatan '{sub.id}': realisasi {rupiah(sub.realisasi)} melebihi pagu {rupiah(sub.pagu)} "
                f"(selisih {rupiah(sub.realisasi - sub.pagu)})",
            )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap sub kegiatan di anggaran.yaml yang memiliki kedua angka: realisasi tidak boleh melebihi "
        "pagu."
    ),
    "mengapa": (
        "Belanja di atas pagu tidak mungkin dalam sistem anggaran daerah (DPA); realisasi di atas pagu "
        "adalah salah ketik (kelebihan satu digit, pagu dan realisasi tertukar) dan menghasilkan "
        "efisiensi negatif."
    ),
    "salah": "`pagu: 75284400, realisasi: 752844000`",
    "benar": "`pagu: 75284400, realisasi: 72937050` (sama besar boleh: terserap penuh).",
}
