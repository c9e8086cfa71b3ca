"""LK023 urutan-rumus: numerator and denominator in the wrong order, or a numerator that counts the whole.

What it checks:
    The words of ``rumus.pembilang`` and ``rumus.penyebut`` where they show
    which is the part and which the whole: "hadir" of "diundang",
    "ditangani" of "terjadi", "aktif" of "terdaftar", "diterbitkan" of
    "mengajukan". A numerator naming the whole while the denominator names
    the part is swapped; a numerator naming only the whole ("konflik yang
    terjadi") with no part word counts everything, not what the indicator
    measures.

Why it matters:
    The seed's IK07 divides "Universitas yang diundang" by "Universitas yang
    hadir", and IK05 "Penanganan Konflik Sosial" divides the conflicts that
    happened by the conflicts that exist: the figures come out 100% whatever
    was done.

Bad:
    ``pembilang: Jumlah yang diundang``, ``penyebut: Jumlah yang hadir``.

Good:
    ``pembilang: Jumlah yang hadir``, ``penyebut: Jumlah yang diundang``.
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.checks.formula_words import PART_WHOLE, PART_WORDS, WHOLE_WORDS, words
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK023"
NAME = "urutan-rumus"
SEVERITY: Severity = "warning"
SUMMARY = "Pembilang dan penyebut rumus tertukar, atau pembilang menghitung keseluruhan, bukan bagian yang diukur"


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        rumus = ind.model.rumus
        if rumus is None:
            continue
        top, bottom = words(rumus.pembilang), words(rumus.penyebut)
        swapped = next(((p, w) for part, whole in PART_WHOLE for p in part for w in whole
                        if " " not in w and w in top and p in bottom and p not in top), None)
        if swapped:
            part, whole = swapped
            yield Diagnostic(ind.source.at("rumus", "pembilang"), CODE, SEVERITY,
                             f"{ind.id}: pembilang \"{rumus.pembilang}\" ('{whole}') dan penyebut "
                             f"\"{rumus.penyebut}\" ('{part}') tampak tertukar: yang {part} adalah bagian dari "
                             f"yang {whole}")
        elif top & WHOLE_WORDS and not top & PART_WORDS and not bottom & PART_WORDS:
            whole = sorted(top & WHOLE_WORDS)[0]
            yield Diagnostic(ind.source.at("rumus", "pembilang"), CODE, SEVERITY,
                             f"{ind.id}: pembilang \"{rumus.pembilang}\" menghitung keseluruhan ('{whole}'), "
                             f"bukan bagian yang diukur oleh \"{ind.nama}\"")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Kata-kata pembilang dan penyebut rumus yang menunjukkan bagian dan keseluruhan: \"hadir\" dari "
        "\"diundang\", \"ditangani\" dari \"terjadi\", \"aktif\" dari \"terdaftar\", \"diterbitkan\" dari "
        "\"mengajukan\". Pembilang yang menyebut keseluruhan sementara penyebut menyebut bagiannya berarti "
        "tertukar; pembilang yang hanya menyebut keseluruhan menghitung semuanya."
    ),
    "mengapa": (
        "IK07 laporan asal membagi \"Universitas yang diundang\" dengan \"Universitas yang hadir\", dan IK05 "
        "\"Penanganan Konflik Sosial\" membagi konflik yang terjadi dengan konflik yang ada: hasilnya 100% "
        "apa pun yang dikerjakan."
    ),
    "salah": "`pembilang: Jumlah yang diundang`, `penyebut: Jumlah yang hadir`.",
    "benar": "`pembilang: Jumlah yang hadir`, `penyebut: Jumlah yang diundang`.",
}
