"""LK022 satuan-rumus: the unit, the name and the formula of an indicator do not fit together.

What it checks:
    An indicator whose unit counts things (orang, jiwa, kasus, dokumen, ...)
    while its name says "Persentase ..." or its realisasi is entered as
    numerator and denominator (which computes a percentage); and an indicator
    named "Persentase ..." whose unit is not "%".

Why it matters:
    The seed's IK02 "Jumlah Peserta ... yang Paham" is counted in orang but
    carries the formula "peserta yang paham / seluruh peserta": the document
    then prints "x 100%" beside a count. A reviewer asks which of the two is
    the indicator.

Bad:
    ``satuan: orang`` with ``realisasi: {pembilang: 80, penyebut: 100}``;
    ``nama: Persentase Ormas Aktif`` with ``satuan: ormas``.

Good:
    ``satuan: orang`` with ``realisasi: 80`` (a count), or ``nama:
    Persentase ...`` with ``satuan: "%"`` and its share formula.
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.checks.formula_words import SHARE_NAME, is_count_unit
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.source.models import Komponen

CODE = "LK022"
NAME = "satuan-rumus"
SEVERITY: Severity = "warning"
SUMMARY = "Satuan, nama dan rumus indikator tidak cocok (satuan hitungan dengan rumus persentase, dan sebaliknya)"


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        m = ind.model
        if is_count_unit(m.satuan):
            if isinstance(m.realisasi, Komponen):
                yield Diagnostic(ind.source.at("realisasi"), CODE, SEVERITY,
                                 f"{ind.id}: satuan '{m.satuan}' adalah hitungan, tetapi realisasi diisi pembilang "
                                 "dan penyebut (rumus persentase); isi realisasi sebagai jumlah, atau ubah satuan "
                                 "menjadi '%'")
            elif SHARE_NAME.search(m.nama):
                yield Diagnostic(ind.source.at("satuan"), CODE, SEVERITY,
                                 f"{ind.id}: nama \"{m.nama}\" menyebut persentase, tetapi satuannya '{m.satuan}'")
            elif m.rumus is not None:
                yield Diagnostic(ind.source.at("rumus"), CODE, SEVERITY,
                                 f"{ind.id}: satuan '{m.satuan}' adalah hitungan, tetapi rumusnya pembagian: "
                                 f"{m.rumus.pembilang} / {m.rumus.penyebut}; indikator hitungan "
                                 "tidak memerlukan rumus persentase")
        elif SHARE_NAME.search(m.nama) and m.satuan.strip() != "%":
            yield Diagnostic(ind.source.at("satuan"), CODE, SEVERITY,
                             f"{ind.id}: nama \"{m.nama}\" menyebut persentase, tetapi satuannya '{m.satuan}', "
                             "bukan '%'")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Indikator bersatuan hitungan (orang, jiwa, kasus, dokumen, ...) yang namanya \"Persentase ...\" "
        "atau realisasinya diisi pembilang dan penyebut (yang menghasilkan persen), dan indikator bernama "
        "\"Persentase ...\" yang satuannya bukan '%'."
    ),
    "mengapa": (
        "IK02 laporan asal \"Jumlah Peserta ... yang Paham\" bersatuan orang tetapi memakai rumus \"peserta "
        "yang paham / seluruh peserta\": dokumen lalu mencetak \"x 100%\" di samping jumlah orang. Penilai "
        "akan bertanya mana indikator yang sebenarnya."
    ),
    "salah": "`satuan: orang` dengan `realisasi: {pembilang: 80, penyebut: 100}`.",
    "benar": "`satuan: orang` dengan `realisasi: 80`, atau `nama: Persentase ...` dengan `satuan: \"%\"`.",
}
