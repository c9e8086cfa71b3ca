"""LK004 realisasi-di-atas-100: a share indicator with a realisasi above 100%.

What it checks:
    Indicators measured in "%" with a formula (``rumus`` pembilang/penyebut,
    i.e. a share of a whole): a realisasi above 100 is flagged, for the
    report year and for every ``riwayat`` row. (When the report year's
    realisasi is given as components, LK003 covers it.)

Why it matters:
    A share cannot exceed 100%. The seed prints 127% kerukunan umat beragama
    for 2021 and 105%/110% peserta pendidikan politik, which are typing errors
    or a different measure; either way a reader cannot trust the table.

Bad:
    ``riwayat: [{tahun: 2021, target: 70, realisasi: 127}]`` on "Persentase
    Kerukunan Umat Beragama".

Good:
    ``riwayat: [{tahun: 2021, target: 70, realisasi: 100}]``; a count
    ("orang") above its target is fine.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from lakip_cli.compute.report import HUNDRED, IndikatorReport, Report, realisasi_value
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import angka, is_persen

CODE = "LK004"
NAME = "realisasi-di-atas-100"
SEVERITY: Severity = "warning"
SUMMARY = "Realisasi indikator persentase (bagian dari keseluruhan) melebihi 100%, termasuk riwayat"


def is_share(ind: IndikatorReport) -> bool:
    """A percentage that is a part of a whole: unit '%' and a numerator/denominator formula."""
    return is_persen(ind.satuan) and (ind.model.rumus is not None or ind.komponen is not None)


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        if not is_share(ind):
            continue
        m = ind.model
        if ind.komponen is None and ind.realisasi is not None and ind.realisasi > HUNDRED:
            yield _diag(ind, ("realisasi",), report.year, ind.realisasi)
        for i, row in enumerate(m.riwayat):
            value = realisasi_value(row.realisasi, ind.faktor)
            if value is not None and value > HUNDRED:
                yield _diag(ind, ("riwayat", i, "realisasi"), row.tahun, value)


def _diag(ind: IndikatorReport, where: tuple[str | int, ...], year: int, value: Decimal) -> Diagnostic:
    return Diagnostic(
        ind.source.at(*where), CODE, SEVERITY,
        f"{ind.id}: realisasi {year} tertulis {angka(value)}%, padahal '{ind.nama}' adalah persentase "
        f"bagian dari keseluruhan (tidak mungkin > 100%); periksa angkanya",
    )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Indikator bersatuan \"%\" dengan rumus pembilang/penyebut (bagian dari keseluruhan): realisasi di "
        "atas 100 ditandai, untuk tahun laporan dan setiap baris `riwayat`."
    ),
    "mengapa": (
        "Bagian tidak mungkin melebihi 100%. Laporan asal mencetak kerukunan umat beragama 127% untuk "
        "2021 dan peserta pendidikan politik 105%/110%; itu salah ketik atau ukuran lain, dan pembaca "
        "tidak dapat mempercayai tabelnya."
    ),
    "salah": (
        "`riwayat: [{tahun: 2021, target: 70, realisasi: 127}]` pada \"Persentase Kerukunan Umat "
        "Beragama\"."
    ),
    "benar": (
        "`riwayat: [{tahun: 2021, target: 70, realisasi: 100}]`; indikator jumlah (\"orang\") di atas "
        "targetnya tidak dipersoalkan."
    ),
}
