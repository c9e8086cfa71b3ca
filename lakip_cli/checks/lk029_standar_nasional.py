"""LK029 standar-nasional: analysis (d) has nothing to compare with.

What it checks:
    Every indicator states its national standard: ``standar_nasional`` with
    ``nilai`` and ``sumber``, or, where none exists, ``standar_nasional``
    with a ``keterangan`` saying so and why. Neither given, or a ``nilai``
    without its ``sumber``, is a finding.

Why it matters:
    The seed prints "Tidak terdapat standar nasional" eleven times, a claim
    nobody made. Analysis (d) of PermenPANRB 53/2014 compares with a national
    standard; the document says there is none only where the data says so.

Bad:
    No ``standar_nasional``; or ``standar_nasional: {nilai: 90}``.

Good:
    ``standar_nasional: {nilai: 90, sumber: Permenkes Nomor 4 Tahun 2019}``;
    ``standar_nasional: {keterangan: "Tidak ada standar nasional; indikator ini khas daerah."}``.
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK029"
NAME = "standar-nasional"
SEVERITY: Severity = "warning"
SUMMARY = "Standar nasional tidak dinyatakan (nilai dan sumber, atau keterangan bahwa tidak ada)"


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        sn = ind.model.standar_nasional
        if sn is None or (sn.nilai is None and not sn.keterangan):
            where = ind.source.at("standar_nasional") if sn is not None else ind.source.at("id")
            yield Diagnostic(where, CODE, SEVERITY,
                             f"{ind.id}: standar nasional belum dinyatakan; isi standar_nasional.nilai dan sumber, "
                             "atau standar_nasional.keterangan bahwa tidak ada standar nasional dan alasannya")
        elif sn.nilai is not None and not sn.sumber:
            yield Diagnostic(ind.source.at("standar_nasional", "nilai"), CODE, SEVERITY,
                             f"{ind.id}: standar nasional {sn.nilai} tanpa sumber (standar_nasional.sumber)")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap indikator menyatakan standar nasionalnya: `standar_nasional` dengan `nilai` dan `sumber`, "
        "atau, bila tidak ada, `standar_nasional.keterangan` yang menyatakannya beserta alasannya. Tidak "
        "keduanya, atau `nilai` tanpa `sumber`, menjadi temuan."
    ),
    "mengapa": (
        "Laporan asal mencetak \"Tidak terdapat standar nasional\" sebelas kali tanpa dasar. Analisis (d) "
        "PermenPANRB 53/2014 membandingkan dengan standar nasional; dokumen menyatakan tidak ada hanya bila "
        "data menyatakannya."
    ),
    "salah": "tidak ada `standar_nasional`; atau `standar_nasional: {nilai: 90}`.",
    "benar": (
        "`standar_nasional: {nilai: 90, sumber: Permenkes Nomor 4 Tahun 2019}`; atau `standar_nasional: "
        "{keterangan: \"Tidak ada standar nasional; indikator ini khas daerah.\"}`."
    ),
}
