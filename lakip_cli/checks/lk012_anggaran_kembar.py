"""LK012 anggaran-kembar: two different budget lines with the very same pagu and realisasi.

What it checks:
    Pairs of sub kegiatan with different ids whose pagu and realisasi are
    both equal (both filled in).

Why it matters:
    Two activities rarely cost exactly the same to the rupiah twice over; an
    identical pair is usually one line copied under a second name, which
    counts the money twice in the totals (the seed's budget table repeats
    Rp13.774.269.418 / Rp13.770.007.968 and Rp37.491.400 / Rp36.124.950).

Bad:
    ``{id: parpol, pagu: 13774269418, realisasi: 13770007968}`` and
    ``{id: pendidikan-politik, pagu: 13774269418, realisasi: 13770007968}``.

Good:
    One line ``parpol`` referenced from both indicators (then LK011 reminds
    that it is shared).
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import rupiah
from lakip_cli.source.validate import each_sub_kegiatan

CODE = "LK012"
NAME = "anggaran-kembar"
SEVERITY: Severity = "warning"
SUMMARY = "Dua sub kegiatan berbeda dengan pagu dan realisasi yang persis sama (kemungkinan tersalin)"


def check(report: Report) -> Iterator[Diagnostic]:
    ang = report.project.anggaran
    seen: dict[tuple[int, int], tuple[str, str]] = {}
    for path, _, _, sub in each_sub_kegiatan(report.project):
        if sub.pagu is None or sub.realisasi is None:
            continue
        key = (sub.pagu, sub.realisasi)
        if key in seen:
            other, where = seen[key]
            yield Diagnostic(
                ang.at(*path, "pagu"), CODE, SEVERITY,
                f"sub kegiatan '{sub.id}' mempunyai pagu {rupiah(sub.pagu)} dan realisasi {rupiah(sub.realisasi)} "
                f"yang sama persis dengan '{other}' ({where}); jika keduanya satu kegiatan, tulis sekali dan "
                f"rujuk dari kedua indikator",
            )
        else:
            seen[key] = (sub.id, str(ang.at(*path)))


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Pasangan sub kegiatan dengan id berbeda yang pagu dan realisasinya sama persis (keduanya "
        "terisi)."
    ),
    "mengapa": (
        "Dua kegiatan jarang berbiaya persis sama sampai rupiahnya, dua kali; pasangan kembar biasanya "
        "satu baris yang tersalin dengan nama kedua, sehingga uangnya terhitung dua kali dalam total."
    ),
    "salah": (
        "`{id: parpol, pagu: 13774269418, realisasi: 13770007968}` dan `{id: pendidikan-politik, pagu: "
        "13774269418, realisasi: 13770007968}`."
    ),
    "benar": (
        "Satu baris `parpol` yang dirujuk kedua indikator (LK011 lalu mengingatkan bahwa baris itu "
        "dipakai bersama)."
    ),
}
