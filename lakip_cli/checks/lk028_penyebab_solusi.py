"""LK028 penyebab-solusi: a missed or declining indicator without causes and solutions, a high capaian unexplained.

What it checks:
    For an indicator below its target or below last year's capaian, that
    ``narasi.penyebab`` names a cause (karena, disebabkan, kendala, hambatan,
    faktor, ...) and a solution (upaya, solusi, langkah, akan, perlu, tindak
    lanjut, ...); for a capaian above 110%, that it names a cause. (An empty
    ``narasi.penyebab`` is LK001.)

Why it matters:
    Analysis (e) of PermenPANRB 53/2014 asks why a result was missed or fell
    and what has been done about it; a capaian far above target asks whether
    the target was set too low. A paragraph of activities answers neither.

Bad:
    capaian 94,44% and ``penyebab: "Pembinaan ormas dilaksanakan setiap bulan."``.

Good:
    "Target tidak tercapai karena 2 ormas tidak mencairkan hibah; upaya yang
    dilakukan adalah pendataan ulang dan pendampingan pencairan."
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import persen

CODE = "LK028"
NAME = "penyebab-solusi"
SEVERITY: Severity = "warning"
SUMMARY = "Indikator tidak tercapai/menurun tanpa penyebab dan solusi, atau capaian di atas 110% tanpa penjelasan"

HIGH = Decimal(110)
_CAUSE = re.compile(r"\b(?:karena|dikarenakan|disebabkan|penyebab|sebab|akibat|kendala|hambatan|faktor|"
                    r"dipengaruhi|didukung|berkat)(?:nya)?\b", re.IGNORECASE)
_SOLUTION = re.compile(r"\b(?:upaya|solusi|langkah|akan|perlu|tindak\s+lanjut|ditindaklanjuti|rencana|"
                       r"memperbaiki|mengoptimalkan|meningkatkan|ditingkatkan|strategi)(?:nya)?\b", re.IGNORECASE)


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        text = ind.model.narasi.penyebab
        if not text:
            continue
        where = ind.source.at("narasi", "penyebab")
        missed = ind.status == "belum_tercapai"
        fell = ind.tren == "turun"
        if missed or fell:
            why = (f"capaian {report.year} {persen(ind.capaian)} di bawah target" if missed
                   else "capaian menurun dibanding tahun sebelumnya")
            lacking = [name for name, pattern in (("penyebab", _CAUSE), ("solusi", _SOLUTION))
                       if not pattern.search(text)]
            if lacking:
                yield Diagnostic(where, CODE, SEVERITY,
                                 f"{ind.id}: {why}, tetapi narasi.penyebab tidak menyebut "
                                 f"{' dan '.join(lacking)} (mis. \"karena ...\", \"upaya yang dilakukan ...\")")
        elif ind.capaian is not None and ind.capaian > HIGH and not _CAUSE.search(text):
            yield Diagnostic(where, CODE, SEVERITY,
                             f"{ind.id}: capaian {report.year} {persen(ind.capaian)} (lebih dari 110%), tetapi "
                             "narasi.penyebab tidak menjelaskan penyebabnya (apakah target terlalu rendah?)")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Untuk indikator yang belum mencapai target atau capaiannya menurun dari tahun lalu: narasi.penyebab "
        "menyebut penyebab (karena, disebabkan, kendala, hambatan, faktor, ...) dan solusi (upaya, solusi, "
        "langkah, akan, perlu, tindak lanjut, ...). Untuk capaian di atas 110%: narasi.penyebab menyebut "
        "penyebabnya. (narasi.penyebab yang kosong diperiksa LK001.)"
    ),
    "mengapa": (
        "Analisis (e) PermenPANRB 53/2014 menanyakan mengapa hasil tidak tercapai atau menurun dan apa yang "
        "telah dilakukan; capaian jauh di atas target menanyakan apakah targetnya terlalu rendah. Paragraf "
        "daftar kegiatan tidak menjawab keduanya."
    ),
    "salah": "capaian 94,44% dan `penyebab: \"Pembinaan ormas dilaksanakan setiap bulan.\"`.",
    "benar": (
        "\"Target tidak tercapai karena 2 ormas tidak mencairkan hibah; upaya yang dilakukan adalah pendataan "
        "ulang dan pendampingan pencairan.\""
    ),
}
