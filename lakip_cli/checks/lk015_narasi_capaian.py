"""LK015 narasi-capaian-angka: a capaian or realisasi written in the narrative that the figures do not give.

What it checks:
    Percentages written right after "capaian", "tercapai", "dicapai",
    "mencapai", "realisasi" (at most six words between, no other number)
    in an indicator's narrative, against the computed capaian or
    realisasi of the year the sentence is about (the last year named before
    the number, "tahun lalu/sebelumnya" = the year before, otherwise the
    report year). The written value may be rounded or cut to the precision
    it is written with ("94 %" for 94,44). Realisasi is compared only for
    indicators measured in "%".

Why it matters:
    The seed writes "sehingga dicapai 100 %" where 100 / 90 is 111,11%, and
    "realisasi 105%" for a year whose realisasi is 100%. A typed number
    beside a computed table is the first thing a reviewer catches.

Bad:
    target 90, realisasi 100: "... dari target 90 % sehingga dicapai 100 %".

Good:
    "... sehingga dicapai 111,11 %" or "... hanya tercapai 94 %" for 94,44%.
"""

from __future__ import annotations

from collections.abc import Iterator

from lakip_cli.checks.narrative import agrees, excerpt, figure_of, indicator_passages, percent_mentions
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import angka, is_persen, persen

CODE = "LK015"
NAME = "narasi-capaian-angka"
SEVERITY: Severity = "warning"
SUMMARY = "Angka capaian/realisasi (%) dalam narasi berbeda dengan hasil hitung"


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        percent_unit = is_persen(ind.satuan)
        for passage in indicator_passages(ind):
            seen: set[tuple[str, int, object]] = set()
            for mention in percent_mentions(passage.text, report.year):
                yf = figure_of(ind, mention.year)
                if yf is None:
                    continue
                if mention.kind == "capaian":
                    computed = [v for v in (yf.capaian, yf.capaian_mentah) if v is not None]
                elif mention.kind == "realisasi" and percent_unit and yf.realisasi is not None:
                    computed = [yf.realisasi]
                else:
                    continue
                if not computed or any(agrees(v, mention.value, mention.places) for v in computed):
                    continue
                key = (mention.kind, mention.year, mention.value)
                if key in seen:
                    continue
                seen.add(key)
                quote = excerpt(passage.text, mention.start, mention.end)
                yield Diagnostic(
                    passage.at(mention.start), CODE, SEVERITY,
                    f"{ind.id}: narasi menulis {mention.kind} {mention.year} {angka(mention.value)}% "
                    f"(\"{quote}\"), padahal hasil hitung {persen(computed[0])}",
                )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Persentase yang ditulis tepat setelah \"capaian\", \"tercapai\", \"dicapai\", \"mencapai\" atau "
        "\"realisasi\" di narasi indikator, dibandingkan dengan capaian atau realisasi terhitung untuk "
        "tahun yang dibicarakan kalimat itu. Nilai tertulis boleh dibulatkan sesuai ketelitian "
        "penulisannya (\"94 %\" untuk 94,44)."
    ),
    "mengapa": (
        "Laporan asal menulis \"sehingga dicapai 100 %\" padahal 100 / 90 adalah 111,11%. Angka ketikan di "
        "samping tabel hasil hitung adalah hal pertama yang ditemukan pemeriksa."
    ),
    "salah": "target 90, realisasi 100: \"... dari target 90 % sehingga dicapai 100 %\".",
    "benar": "\"... sehingga dicapai 111,11 %\" atau \"... hanya tercapai 94 %\" untuk 94,44%.",
}
