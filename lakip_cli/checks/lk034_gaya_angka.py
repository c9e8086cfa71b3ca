"""LK034 gaya-angka: rupiah and percentages in the narrative written unlike the document.

What it checks:
    Every narrative text for amounts and percentages written in another
    style than the one the document prints in its tables and sentences
    (lakip_cli/display.py: "Rp37.491.400", "100%"):

    - rupiah with a full stop or a blank after "Rp", or with ",-" or ",00"
      after the amount: "Rp. 37.491.400,-", "Rp 37.491.400", "Rp.37.491.400";
    - a blank between a number and the percent sign: "100 %".

    One warning per text and style, with the first occurrence quoted, the
    count, and the same amount in the document's style.

Why it matters:
    The seed writes "Rp. 37.491.400,-" and "100 %" in the same section where
    the document's own table says "Rp37.491.400" and "100%". Two styles side
    by side read as text pasted from another report; PUEBI writes the
    rupiah symbol without a full stop or blank, and the percent sign
    against its number.

Bad:
    "... dari anggaran Rp. 37.491.400,- terealisasi Rp. 36.124.950,- ..."; "sebesar 100 %".

Good:
    "... dari anggaran Rp37.491.400 terealisasi Rp36.124.950 ..."; "sebesar 100%".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from lakip_cli.checks.narrative import all_passages, excerpt, times
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import rupiah

CODE = "LK034"
NAME = "gaya-angka"
SEVERITY: Severity = "warning"
SUMMARY = "Rupiah atau persen di narasi ditulis lain dari dokumen (\"Rp. 37.491.400,-\", \"100 %\")"

_RUPIAH = re.compile(
    r"(?<![\w.])R[pP](?P<stop>\.?)(?P<blank>[ \t]*)(?P<amount>\d{1,3}(?:\.\d{3})+|\d+)(?P<tail>,-+|,00(?!\d))?"
    r"(?![\d,])"
)
_PERCENT = re.compile(r"(?<![\w.,])(?P<number>\d+(?:[.,]\d+)?)[ \t]+%")


def _house_rupiah(amount: str) -> str:
    return rupiah(Decimal(amount.replace(".", "")))


def check(report: Report) -> Iterator[Diagnostic]:
    for passage in all_passages(report):
        text = passage.text
        amounts = [m for m in _RUPIAH.finditer(text) if m["stop"] or m["blank"] or m["tail"]]
        if amounts:
            first = amounts[0]
            many = times(len(amounts))
            quote = excerpt(text, first.start(), first.end())
            yield Diagnostic(
                passage.at(first.start()), CODE, SEVERITY,
                f"{passage.label}: rupiah ditulis '{first.group()}'{many} (\"{quote}\"); dokumen menulis "
                f"'{_house_rupiah(first['amount'])}' (tanpa titik dan spasi sesudah Rp, tanpa ',-')",
            )
        percents = list(_PERCENT.finditer(text))
        if percents:
            first = percents[0]
            many = times(len(percents))
            quote = excerpt(text, first.start(), first.end())
            yield Diagnostic(
                passage.at(first.start()), CODE, SEVERITY,
                f"{passage.label}: persen ditulis '{first.group()}'{many} (\"{quote}\"); dokumen menulis "
                f"'{first['number']}%' (tanpa spasi sebelum %)",
            )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap teks narasi dicari jumlah rupiah dan persen yang ditulis dengan gaya lain dari yang dicetak "
        "dokumen di tabel dan kalimatnya (\"Rp37.491.400\", \"100%\"): rupiah dengan titik atau spasi sesudah "
        "\"Rp\", atau dengan \",-\" atau \",00\" di belakang (\"Rp. 37.491.400,-\", \"Rp 37.491.400\"), dan spasi "
        "antara angka dan tanda persen (\"100 %\"). Satu peringatan per teks dan gaya, dengan contoh pertama, "
        "jumlahnya, dan tulisan yang sesuai dokumen."
    ),
    "mengapa": (
        "Laporan asal menulis \"Rp. 37.491.400,-\" dan \"100 %\" di bagian yang sama dengan tabel dokumen yang "
        "menulis \"Rp37.491.400\" dan \"100%\". Dua gaya berdampingan terbaca sebagai teks tempelan; PUEBI menulis "
        "lambang rupiah tanpa titik dan spasi, dan tanda persen rapat dengan angkanya."
    ),
    "salah": "\"... dari anggaran Rp. 37.491.400,- terealisasi Rp. 36.124.950,- ...\"; \"sebesar 100 %\".",
    "benar": "\"... dari anggaran Rp37.491.400 terealisasi Rp36.124.950 ...\"; \"sebesar 100%\".",
}
