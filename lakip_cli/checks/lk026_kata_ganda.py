"""LK026 kata-ganda: a word written twice in a row.

What it checks:
    Every narrative text for the same word twice in a row, separated only by
    blanks ("Program Program", "Kepala Kepala", "yang yang"), case-insensitive.
    Reduplication written with a hyphen ("masing-masing") and numbers are not
    words repeated by mistake. One warning per text, at the first pair, with
    the count.

Why it matters:
    A doubled word is what a reviewer circles in red first; it is the mark of
    text pasted over text. Indonesian writes reduplication with a hyphen, so
    two separate equal words are a slip.

Bad:
    "Program Program Pembinaan dan Pengembangan Ketahanan Ekonomi ...".

Good:
    "Program Pembinaan dan Pengembangan Ketahanan Ekonomi ..."; "masing-masing bidang".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import all_passages, excerpt
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK026"
NAME = "kata-ganda"
SEVERITY: Severity = "warning"
SUMMARY = "Kata yang sama tertulis dua kali berturut-turut (\"Program Program\")"

_DOUBLE = re.compile(r"(?<![\w-])([^\W\d_]{2,})[ \t]+\1(?![\w-])", re.IGNORECASE)


def check(report: Report) -> Iterator[Diagnostic]:
    for passage in all_passages(report):
        # One warning per text: a text of repeated words would otherwise cost one located warning per pair.
        found = list(_DOUBLE.finditer(passage.text))
        if not found:
            continue
        m = found[0]
        quote = excerpt(passage.text, m.start(), m.end())
        times = f"; {len(found)} kata ganda di teks ini" if len(found) > 1 else ""
        yield Diagnostic(passage.at(m.start()), CODE, SEVERITY,
                         f"{passage.label}: kata '{m.group(1)}' tertulis dua kali (\"{quote}\"){times}")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap teks narasi dicari kata yang sama dua kali berturut-turut, hanya dipisah spasi "
        "(\"Program Program\", \"Kepala Kepala\", \"yang yang\"), tanpa membedakan huruf besar. Kata ulang "
        "bertanda hubung (\"masing-masing\") dan angka tidak termasuk."
    ),
    "mengapa": (
        "Kata ganda adalah hal pertama yang dilingkari penilai; biasanya tanda teks yang ditempel di atas "
        "teks lain. Kata ulang bahasa Indonesia ditulis dengan tanda hubung, jadi dua kata sama yang "
        "terpisah adalah salah ketik."
    ),
    "salah": "\"Program Program Pembinaan dan Pengembangan Ketahanan Ekonomi ...\".",
    "benar": "\"Program Pembinaan dan Pengembangan Ketahanan Ekonomi ...\"; \"masing-masing bidang\".",
}
