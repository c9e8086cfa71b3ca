"""LK007 komposisi-sdm: the same staff category counted differently in two SDM tables.

What it checks:
    The categories of ``sdm.komposisi`` (struktural, fungsional, pelaksana,
    PPPK, honorer) against every ``rincian`` whose rows all name such a
    category (e.g. "SDM berdasarkan Jabatan": eselon II/III/IV count as
    struktural), and the honorer category against ``sdm.honorer``.
    Categories are recognised by words in ``uraian``; a category present in
    only one table is not compared.

Why it matters:
    The seed's opening sentence says "Jabatan Fungsional 10 orang" and the
    table below it "Pegawai Fungsional : 11 orang"; at most one is true.

Bad:
    komposisi ``Jabatan Fungsional: 10`` with rincian ``Pegawai Fungsional: 11``.

Good:
    komposisi ``Pejabat Struktural: 7`` with rincian eselon II 1 + III 4 + IV 2.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.source.models import BarisSdm

CODE = "LK007"
NAME = "komposisi-sdm"
SEVERITY: Severity = "error"
SUMMARY = "Jumlah kategori pegawai (struktural, fungsional, pelaksana, honorer) berbeda antartabel SDM"

# The first category whose word appears in the row's text wins.
CATEGORIES = (
    ("PPPK", ("pppk",)),
    ("honorer", ("honorer", "thl", "non asn", "non-asn", "tenaga kontrak")),
    ("struktural", ("struktural", "eselon")),
    ("fungsional", ("fungsional",)),
    ("pelaksana", ("pelaksana",)),
)


def category(uraian: str) -> str | None:
    text = uraian.lower()
    for name, words in CATEGORIES:
        if any(w in text for w in words):
            return name
    return None


def by_category(rows: Sequence[BarisSdm]) -> dict[str, tuple[int, int]] | None:
    """category -> (sum, index of its first row); None when some row has no category."""
    out: dict[str, tuple[int, int]] = {}
    for i, row in enumerate(rows):
        cat = category(row.uraian)
        if cat is None:
            return None
        n, first = out.get(cat, (0, i))
        out[cat] = (n + (row.jumlah or 0), first)
    return out


def check(report: Report) -> Iterator[Diagnostic]:
    ins = report.project.instansi
    sdm = ins.model.sdm
    komposisi: dict[str, tuple[int, int]] = {}
    for i, row in enumerate(sdm.komposisi):
        cat = category(row.uraian)
        if cat is not None:
            n, first = komposisi.get(cat, (0, i))
            komposisi[cat] = (n + (row.jumlah or 0), first)
    for r, rincian in enumerate(sdm.rincian):
        theirs = by_category(rincian.baris)
        if theirs is None:
            continue
        for cat, (n, first) in komposisi.items():
            if cat in theirs and theirs[cat][0] != n:
                other = ins.at("sdm", "rincian", r, "baris", theirs[cat][1])
                yield Diagnostic(
                    ins.at("sdm", "komposisi", first, "jumlah"), CODE, SEVERITY,
                    f"komposisi SDM menyebut {cat} {n} orang, tetapi rincian '{rincian.judul}' "
                    f"({other}) menyebut {theirs[cat][0]} orang",
                )
    if "honorer" in komposisi and komposisi["honorer"][0] != sdm.honorer:
        n, first = komposisi["honorer"]
        yield Diagnostic(
            ins.at("sdm", "komposisi", first, "jumlah"), CODE, SEVERITY,
            f"komposisi SDM menyebut honorer {n} orang, tetapi sdm.honorer = {sdm.honorer} "
            f"({ins.at('sdm', 'honorer')})",
        )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Kategori di `sdm.komposisi` (struktural, fungsional, pelaksana, PPPK, honorer) dibandingkan "
        "dengan setiap `rincian` yang semua barisnya menyebut kategori tersebut (mis. eselon II/III/IV "
        "dihitung struktural), dan kategori honorer dengan `sdm.honorer`."
    ),
    "mengapa": (
        "Kalimat pembuka laporan asal menyebut \"Jabatan Fungsional 10 orang\" dan tabel di bawahnya "
        "\"Pegawai Fungsional : 11 orang\"; paling banyak satu yang benar."
    ),
    "salah": "komposisi `Jabatan Fungsional: 10` dengan rincian `Pegawai Fungsional: 11`.",
    "benar": "komposisi `Pejabat Struktural: 7` dengan rincian eselon II 1 + III 4 + IV 2.",
}
