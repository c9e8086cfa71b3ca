"""LK041 uraian-sasaran: an indicator's own uraian_sasaran differs from the sasaran it is filed under.

What it checks:
    indikator/*.yaml may repeat its sasaran as text (uraian_sasaran) beside
    the code (sasaran: S1). The text is compared with that sasaran's uraian
    in perencanaan.yaml, ignoring case, spaces and punctuation; any other
    wording is flagged with both texts.

Why it matters:
    The sasaran of an indicator is decided once, in the Perjanjian Kinerja
    (perencanaan.yaml). The document prints uraian_sasaran under each
    indicator in Bab II, so a second text that has drifted shows the reader
    two different sasaran for one indicator. In the seed every one of the
    eleven texts differs from its sasaran ("Meningkatkan Kerukunan Umat
    Beragama" under S1 "Mewujudkan Stabilitas Politik serta Persatuan dan
    Kesatuan Bangsa").

Bad:
    ``sasaran: S1`` and ``uraian_sasaran: Meningkatkan Kerukunan Umat
    Beragama`` while S1 is "Mewujudkan Stabilitas Politik ...".

Good:
    no uraian_sasaran (the sasaran is taken from perencanaan.yaml), or the
    same words as the sasaran's uraian.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK041"
NAME = "uraian-sasaran"
SEVERITY: Severity = "warning"
SUMMARY = "uraian_sasaran indikator berbeda dengan uraian sasaran yang dirujuknya di perencanaan.yaml"


def _plain(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def check(report: Report) -> Iterator[Diagnostic]:
    sasaran = {s.id: s.uraian for s in report.project.perencanaan.model.sasaran}
    for ind in report.indikator:
        own = ind.model.uraian_sasaran
        uraian = sasaran.get(ind.sasaran_id)
        if not own or uraian is None or _plain(own) == _plain(uraian):
            continue
        yield Diagnostic(
            ind.source.at("uraian_sasaran"), CODE, SEVERITY,
            f"{ind.id}: uraian_sasaran (\"{own}\") berbeda dengan sasaran {ind.sasaran_id} di perencanaan.yaml: "
            f"\"{uraian}\"; hapus uraian_sasaran agar sasaran diambil dari perencanaan.yaml, atau samakan",
        )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "indikator/*.yaml boleh mengulang sasarannya sebagai teks (uraian_sasaran) di samping kodenya "
        "(sasaran: S1). Teks itu dibandingkan dengan uraian sasaran tersebut di perencanaan.yaml, tanpa "
        "memperhatikan huruf besar, spasi dan tanda baca; kata-kata lain ditandai dengan kedua teksnya."
    ),
    "mengapa": (
        "Sasaran sebuah indikator ditetapkan satu kali, di Perjanjian Kinerja (perencanaan.yaml). Dokumen "
        "mencetak uraian_sasaran di bawah setiap indikator pada Bab II, sehingga teks kedua yang berbeda "
        "menampilkan dua sasaran untuk satu indikator. Pada laporan asal kesebelas teksnya berbeda dengan "
        "sasarannya (\"Meningkatkan Kerukunan Umat Beragama\" di bawah S1 \"Mewujudkan Stabilitas Politik "
        "serta Persatuan dan Kesatuan Bangsa\")."
    ),
    "salah": (
        "`sasaran: S1` dan `uraian_sasaran: Meningkatkan Kerukunan Umat Beragama` padahal S1 adalah "
        "\"Mewujudkan Stabilitas Politik ...\"."
    ),
    "benar": (
        "tanpa uraian_sasaran (sasaran diambil dari perencanaan.yaml), atau kata-kata yang sama dengan "
        "uraian sasarannya."
    ),
}
