"""LK018 instansi-lain: narrative names another agency, as if copied from its report.

What it checks:
    Every narrative text (as for LK017) for the names listed in lakip.yaml
    ``cek.instansi_lain`` (whole words, any case). A listed name that is
    part of this agency's own name is ignored. One warning per text and
    name, with the first occurrence quoted and the count.

Why it matters:
    Paragraphs copied from another agency's report keep its name: the seed's
    Kata Pengantar and BAB II speak of "Inspektorat" where the Badan
    Kesatuan Bangsa dan Politik is meant. A legitimate mention (coordination
    with another office) is rare in these texts and is easy to confirm.

Bad:
    ``kata_pengantar: "... Dimasa mendatang Inspektorat akan melakukan ..."``
    in the report of the Badan Kesbangpol.

Good:
    "... Dimasa mendatang Badan Kesatuan Bangsa dan Politik akan melakukan ...".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import all_passages, excerpt
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK018"
NAME = "instansi-lain"
SEVERITY: Severity = "warning"
SUMMARY = "Narasi menyebut nama instansi lain (cek.instansi_lain), kemungkinan tersalin dari laporannya"


def check(report: Report) -> Iterator[Diagnostic]:
    p = report.project
    own = f"{p.instansi.model.nama} {p.instansi.model.singkatan}".lower()
    names = [n for n in p.settings.model.cek.instansi_lain if n.strip() and n.lower() not in own]
    patterns = [(n, re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.IGNORECASE)) for n in names]
    for passage in all_passages(report):
        for name, pattern in patterns:
            found = list(pattern.finditer(passage.text))
            if not found:
                continue
            first = found[0]
            times = f" ({len(found)} kali)" if len(found) > 1 else ""
            quote = excerpt(passage.text, first.start(), first.end())
            yield Diagnostic(
                passage.at(first.start()), CODE, SEVERITY,
                f"{passage.label} menyebut '{name}'{times} (\"{quote}\"), bukan {p.instansi.model.singkatan}; "
                f"tersalin dari laporan instansi lain?",
            )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap teks narasi (seperti LK017) dicari nama-nama di `cek.instansi_lain` pada lakip.yaml (kata"
        " utuh, huruf besar atau kecil). Nama yang merupakan bagian dari nama instansi sendiri diabaikan."
    ),
    "mengapa": (
        "Paragraf yang disalin dari laporan instansi lain membawa namanya: Kata Pengantar dan BAB II "
        "laporan asal menyebut \"Inspektorat\" padahal yang dimaksud Badan Kesatuan Bangsa dan Politik."
    ),
    "salah": (
        "`kata_pengantar: \"... Dimasa mendatang Inspektorat akan melakukan ...\"` di laporan Badan "
        "Kesbangpol."
    ),
    "benar": "\"... Dimasa mendatang Badan Kesatuan Bangsa dan Politik akan melakukan ...\".",
}
