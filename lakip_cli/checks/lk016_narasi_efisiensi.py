"""LK016 narasi-efisiensi-angka: a budget efficiency or absorption in the narrative that the budget does not give.

What it checks:
    In an indicator's narrative, percentages written right after
    "efisiensi" or "serapan" against the indicator's budget lines (each
    counted once): efisiensi = (pagu - realisasi) / pagu x 100, serapan =
    realisasi / pagu x 100. The tolerance is the precision the text uses
    ("3,6%" for 3,64 is right, "21,2%" for 20,17 is not). Rounding may not
    hide money: "efisiensi 0 %", "serapan 100%" or "tidak terdapat
    efisiensi" while part of the pagu was left unspent are flagged.

Why it matters:
    The seed writes "efisiensi sebesar 21,2%" where the figures give 20,17%,
    and "0 %" / "tidak terdapat efesiensi anggaran" where Rp4.261.450 of
    Rp13.774.269.418 was not spent.

Bad:
    pagu Rp19.072.100, realisasi Rp15.224.850: "efisiensi sebesar 21,2%".

Good:
    "efisiensi sebesar 20,17%"; "efisiensi 0,03% (Rp4.261.450)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import agrees, excerpt, indicator_passages, percent_mentions
from lakip_cli.compute.report import HUNDRED, Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import angka, persen, rupiah

CODE = "LK016"
NAME = "narasi-efisiensi-angka"
SEVERITY: Severity = "warning"
SUMMARY = "Angka efisiensi/serapan anggaran dalam narasi berbeda dengan pagu dan realisasi"

_NO_EFFICIENCY = re.compile(
    r"\b(?:tidak|belum|tanpa)\s+(?:terdapat\s+|ada\s+|adanya\s+)?(?:sisa\s+)?(?:efisiensi|efesiensi)\b",
    re.IGNORECASE,
)


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        biaya = ind.biaya
        if biaya.lines == 0 or biaya.incomplete:
            continue
        figures = {"efisiensi": biaya.efisiensi, "serapan": biaya.serapan}
        money = f"pagu {rupiah(biaya.pagu)}, realisasi {rupiah(biaya.realisasi)}, sisa {rupiah(biaya.sisa)}"
        for passage in indicator_passages(ind):
            for mention in percent_mentions(passage.text, report.year):
                computed = figures.get(mention.kind)
                if computed is None or mention.year != report.year:
                    continue
                hides_money = biaya.sisa > 0 and (
                    (mention.kind == "efisiensi" and mention.value == 0)
                    or (mention.kind == "serapan" and mention.value == HUNDRED)
                )
                if agrees(computed, mention.value, mention.places) and not hides_money:
                    continue
                quote = excerpt(passage.text, mention.start, mention.end)
                yield Diagnostic(
                    passage.at(mention.start), CODE, SEVERITY,
                    f"{ind.id}: narasi menulis {mention.kind} anggaran {angka(mention.value)}% (\"{quote}\"), "
                    f"padahal {money}: {mention.kind} {persen(computed)}",
                )
            if biaya.sisa > 0:
                for m in _NO_EFFICIENCY.finditer(passage.text):
                    quote = excerpt(passage.text, m.start(), m.end())
                    yield Diagnostic(
                        passage.at(m.start()), CODE, SEVERITY,
                        f"{ind.id}: narasi menyatakan tidak ada efisiensi (\"{quote}\"), padahal {money}: "
                        f"efisiensi {persen(biaya.efisiensi)}",
                    )
                    break


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Persentase setelah \"efisiensi\" atau \"serapan\" di narasi indikator, dibandingkan dengan sub "
        "kegiatan anggarannya (masing-masing dihitung satu kali): efisiensi = (pagu - realisasi) / pagu ×"
        " 100, serapan = realisasi / pagu × 100. \"efisiensi 0 %\" atau \"serapan 100%\" padahal ada pagu "
        "yang tidak terpakai juga ditandai."
    ),
    "mengapa": (
        "Laporan asal menulis \"efisiensi sebesar 21,2%\" padahal angkanya 20,17%, dan \"tidak terdapat "
        "efesiensi anggaran\" padahal Rp4.261.450 dari Rp13.774.269.418 tidak dibelanjakan."
    ),
    "salah": "pagu Rp19.072.100, realisasi Rp15.224.850: \"efisiensi sebesar 21,2%\".",
    "benar": "\"efisiensi sebesar 20,17%\"; \"efisiensi 0,03% (Rp4.261.450)\".",
}
