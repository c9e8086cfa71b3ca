"""LK019 nip-tidak-valid: the head's NIP is not a valid 18-digit civil-service number.

What it checks:
    ``kepala.nip`` in instansi.yaml, spaces removed: 18 digits, grouped
    YYYYMMDD (date of birth, a real date), YYYYMM (start of service,
    TMT: month 1-12, at least 17 years after birth, not after the report
    year), one digit for sex (1 or 2), and a 3-digit serial.

Why it matters:
    The NIP is printed under the signature of the Kata Pengantar and the
    Perjanjian Kinerja; a mistyped NIP on a signed document is a formal
    defect that reviewers (and the e-SAKIP portal) reject. The seed prints
    two different NIPs for the same head.

Bad:
    ``nip: 19701315 199003 2 003`` (month 13), ``nip: 19700115 198503 2 003``
    (in service at 15), ``nip: 19700115 199003 3 003`` (sex digit 3).

Good:
    ``nip: 19700115 199003 2 003``
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK019"
NAME = "nip-tidak-valid"
SEVERITY: Severity = "error"
SUMMARY = "NIP kepala tidak valid (18 digit: tanggal lahir, TMT, jenis kelamin 1/2, nomor urut)"

MIN_AGE = 17


def nip_problems(nip: str, report_year: int) -> list[str]:
    """What is wrong with a NIP ('19700115 199003 2 003'); empty when it is well formed."""
    digits = "".join(nip.split())
    if not digits.isdigit() or len(digits) != 18:
        return [f"harus 18 angka (boleh dipisah spasi), tertulis {len(digits)} karakter"
                + ("" if digits.isdigit() else " dengan huruf/tanda baca")]
    problems = []
    try:
        born = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        born = None
        problems.append(f"tanggal lahir '{digits[0:8]}' (TTTTBBHH) bukan tanggal yang sah")
    tmt_year, tmt_month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= tmt_month <= 12:
        problems.append(f"bulan TMT '{digits[12:14]}' pada '{digits[8:14]}' (TTTTBB) harus 01–12")
    elif born is not None and (tmt_year, tmt_month) < (born.year + MIN_AGE, born.month):
        problems.append(f"TMT {digits[8:14]} kurang dari {MIN_AGE} tahun setelah tanggal lahir {digits[0:8]}")
    if tmt_year > report_year:
        problems.append(f"TMT {digits[8:14]} sesudah tahun laporan {report_year}")
    if digits[14] not in "12":
        problems.append(f"digit jenis kelamin '{digits[14]}' harus 1 (laki-laki) atau 2 (perempuan)")
    return problems


def check(report: Report) -> Iterator[Diagnostic]:
    ins = report.project.instansi
    nip = ins.model.kepala.nip
    if not nip:
        return
    for problem in nip_problems(nip, report.year):
        yield Diagnostic(ins.at("kepala", "nip"), CODE, SEVERITY, f"NIP kepala '{nip}' tidak valid: {problem}")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "`kepala.nip` di instansi.yaml tanpa spasi: 18 digit berupa TTTTBBHH (tanggal lahir yang ada di "
        "kalender), TTTTBB (TMT: bulan 1-12, sedikitnya 17 tahun setelah lahir, tidak setelah tahun "
        "laporan), satu digit jenis kelamin (1 atau 2) dan 3 digit nomor urut."
    ),
    "mengapa": (
        "NIP tercetak di bawah tanda tangan Kata Pengantar dan Perjanjian Kinerja; NIP salah ketik pada "
        "dokumen bertanda tangan adalah cacat formal yang ditolak pemeriksa (dan portal e-SAKIP). Laporan"
        " asal mencetak dua NIP berbeda untuk kepala yang sama."
    ),
    "salah": (
        "`nip: 19701315 199003 2 003` (bulan 13), `nip: 19700115 198503 2 003` (mulai bekerja umur 15), "
        "`nip: 19700115 199003 3 003` (digit jenis kelamin 3)."
    ),
    "benar": "`nip: 19700115 199003 2 003`",
}
