"""LK038 kurang-anggaran: the narrative blames a lack of budget while much of the budget was left unspent.

What it checks:
    In an indicator's narrative, phrases that give a shortage of money as a
    cause: "kurangnya anggaran", "keterbatasan anggaran", "minimnya
    anggaran", "terbatasnya dana", "kekurangan biaya", "anggaran yang
    terbatas", "tidak cukupnya anggaran" (not negated, not conditional),
    against the indicator's budget lines (each counted once): the phrase is
    flagged when at least 10% of the pagu was not spent (serapan 90% or
    less). Indicators without complete budget figures are skipped.

Why it matters:
    A reviewer reads the cause next to the efficiency table. The seed gives
    "Kurangnya anggaran dalam pelaksanaan kegiatan ini" as a cause for the
    ormas indicator while Rp3.847.250 of its Rp19.072.100 (20,17%) was
    returned unspent: either the money was not the obstacle, or the
    narrative must say why it could not be used.

Bad:
    pagu Rp19.072.100, realisasi Rp15.224.850 and "- Kurangnya anggaran
    dalam pelaksanaan kegiatan ini".

Good:
    "Sisa anggaran 20,17% berasal dari efisiensi perjalanan dinas; kendala
    utama adalah jumlah tenaga pendamping." (or no budget claim at all).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from lakip_cli.checks.narrative import NEGATIONS, excerpt, indicator_passages, is_conditional, sentences, words_before
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import persen, rupiah

CODE = "LK038"
NAME = "kurang-anggaran"
SEVERITY: Severity = "warning"
SUMMARY = "Narasi menyebut kekurangan anggaran, padahal sebagian besar pagu indikator tidak terserap"

UNSPENT_LIMIT = Decimal(10)  # % of the pagu left unspent from which "kurangnya anggaran" needs explaining
_MONEY = r"(?:anggaran|dana|biaya|pendanaan|pembiayaan)"
_SHORTAGE = re.compile(
    rf"\b(?:kurangnya|kekurangan|keterbatasan|minimnya|terbatasnya|minim|kurang|terbatas"
    rf"|tidak\s+cukupnya|tidak\s+memadainya|kurang\s+memadainya)\s+(?:dukungan\s+|alokasi\s+|ketersediaan\s+)?"
    rf"{_MONEY}\b"
    rf"|\b{_MONEY}\s+(?:yang\s+)?(?:sangat\s+|masih\s+)?(?:terbatas|minim|kurang(?!\s+dari)|tidak\s+mencukupi)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        biaya = ind.biaya
        if biaya.lines == 0 or biaya.incomplete or biaya.efisiensi is None or biaya.efisiensi < UNSPENT_LIMIT:
            continue
        money = (f"dari pagu {rupiah(biaya.pagu)} terealisasi {rupiah(biaya.realisasi)} (serapan "
                 f"{persen(biaya.serapan)}), sisa {rupiah(biaya.sisa)} ({persen(biaya.efisiensi)})")
        for passage in indicator_passages(ind):
            found = False
            for s in sentences(passage.text):
                if found or is_conditional(s.text):
                    continue
                for m in _SHORTAGE.finditer(s.text):
                    if any(w in NEGATIONS for w in words_before(s.text, m.start(), 2)):
                        continue
                    # A list item's marker is not printed as text: the quote must be words the draft shows.
                    quote = _BULLET.sub("", excerpt(passage.text, s.start + m.start(), s.start + m.end()))
                    yield Diagnostic(
                        passage.at(s.start + m.start()), CODE, SEVERITY,
                        f"{ind.id}: narasi menyebut kekurangan anggaran (\"{quote}\"), padahal {money}; "
                        "jelaskan mengapa anggaran tidak terserap atau hapus alasan itu",
                    )
                    found = True
                    break


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Ungkapan di narasi indikator yang menyebut kekurangan uang sebagai penyebab: \"kurangnya anggaran\", "
        "\"keterbatasan anggaran\", \"minimnya anggaran\", \"terbatasnya dana\", \"kekurangan biaya\", "
        "\"anggaran yang terbatas\" (tidak diingkari, bukan kalimat bersyarat), dibandingkan dengan sub "
        "kegiatan anggaran indikator itu (masing-masing dihitung satu kali): ditandai bila sedikitnya 10% "
        "pagu tidak terserap (serapan 90% atau kurang). Indikator yang pagu/realisasinya belum lengkap "
        "dilewati."
    ),
    "mengapa": (
        "Penilai membaca penyebab di samping tabel efisiensi. Laporan asal menyebut \"Kurangnya anggaran "
        "dalam pelaksanaan kegiatan ini\" sebagai penyebab pada indikator ormas, padahal Rp3.847.250 dari "
        "Rp19.072.100 (20,17%) tidak dibelanjakan: anggaran bukan kendalanya, atau narasi harus menjelaskan "
        "mengapa anggaran itu tidak dapat dipakai."
    ),
    "salah": (
        "pagu Rp19.072.100, realisasi Rp15.224.850 dan \"- Kurangnya anggaran dalam pelaksanaan kegiatan "
        "ini\"."
    ),
    "benar": (
        "\"Sisa anggaran 20,17% berasal dari efisiensi perjalanan dinas; kendala utama adalah jumlah tenaga "
        "pendamping.\" (atau tanpa alasan anggaran sama sekali)."
    ),
}
