"""LK024 subjek-rumus: the formula counts a different subject from the indicator's.

What it checks:
    The subjects named in an indicator's name (sekolah, perguruan tinggi,
    ormas, partai politik, desa/kelurahan, puskesmas, rumah sakit) against
    those named in its formula: a formula that names a subject the name does
    not, while the name names another, is about something else.

Why it matters:
    The seed's IK07 "Persentase Sekolah yang diberikan Pendidikan Ideologi
    Pancasila" counts universities in its formula: either the indicator or
    the formula was copied from elsewhere.

Bad:
    ``nama: Persentase Sekolah ...`` with ``pembilang: Jumlah Universitas ...``.

Good:
    ``nama: Persentase Sekolah ...`` with ``pembilang: Jumlah sekolah ...``.
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.checks.formula_words import subjects_in
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK024"
NAME = "subjek-rumus"
SEVERITY: Severity = "warning"
SUMMARY = "Rumus menghitung subjek yang berbeda dari nama indikator (mis. sekolah vs universitas)"


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        rumus = ind.model.rumus
        if rumus is None:
            continue
        named = subjects_in(ind.nama)
        counted = subjects_in(f"{rumus.pembilang} {rumus.penyebut}")
        foreign = sorted(counted - named)
        if named and foreign and not named & counted:
            yield Diagnostic(ind.source.at("rumus"), CODE, SEVERITY,
                             f"{ind.id}: nama indikator tentang {', '.join(sorted(named))}, tetapi rumusnya "
                             f"menghitung {', '.join(foreign)}: {rumus.pembilang} / {rumus.penyebut}")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Subjek yang disebut nama indikator (sekolah, perguruan tinggi, ormas, partai politik, "
        "desa/kelurahan, puskesmas, rumah sakit) dibandingkan dengan subjek yang disebut rumusnya."
    ),
    "mengapa": (
        "IK07 laporan asal \"Persentase Sekolah yang diberikan Pendidikan Ideologi Pancasila\" menghitung "
        "universitas dalam rumusnya: indikator atau rumusnya tersalin dari tempat lain."
    ),
    "salah": "`nama: Persentase Sekolah ...` dengan `pembilang: Jumlah Universitas ...`.",
    "benar": "`nama: Persentase Sekolah ...` dengan `pembilang: Jumlah sekolah ...`.",
}
