"""LK002 teks-templat: template or placeholder text left in the data.

What it checks:
    Every text value of every data file for the marks a template or an
    unfinished draft leaves behind: "(Tabel) dan narasi/analisis",
    "belum diisi", "TODO", "xxx", a free-standing "..." where a value
    belongs, "[isi ...", "lorem ipsum".

Why it matters:
    The seed report printed the template's instructions as the whole analysis
    of indicator 6. Such text passes every other check and reaches the
    signed document unless something looks for it.

Bad:
    ``program: "(Tabel) dan narasi/analisis"`` or
    ``efisiensi: "efisiensi anggaran sebesar ... %"``.

Good:
    ``program: "Sub kegiatan Evaluasi Kinerja Perangkat Daerah menunjang ..."``;
    an ellipsis at the end of a word ("dan seterusnya...") is not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.source.validate import Sourced

CODE = "LK002"
NAME = "teks-templat"
SEVERITY: Severity = "error"
SUMMARY = "Teks templat atau penanda isian tertinggal ('(Tabel) dan narasi/analisis', 'TODO', 'xxx', '...')"

PLACEHOLDERS = (
    ("(Tabel) dan narasi/analisis", re.compile(r"\(\s*tabel\s*\)\s*dan\s+narasi\s*/\s*analisis", re.IGNORECASE)),
    ("belum diisi", re.compile(r"\bbelum\s+diisi\b", re.IGNORECASE)),
    ("TODO", re.compile(r"\b(?:TODO|FIXME|TBD)\b")),
    ("xxx", re.compile(r"(?<![^\W\d_])[xX]{3,}(?![^\W\d_])")),
    ("...", re.compile(r"(?:^|(?<=[\s(\[:]))(?:\.{3,}|…)(?=$|[\s%,;:)\]])")),
    ("[isi", re.compile(r"\[\s*isi\b", re.IGNORECASE)),
    ("lorem ipsum", re.compile(r"\blorem\b", re.IGNORECASE)),
)


def _strings(node: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*path, i))


def _sources(report: Report) -> Iterator[Sourced[Any]]:
    p = report.project
    yield from (p.instansi, p.perencanaan, p.anggaran, p.laporan)
    yield from p.indikator


def check(report: Report) -> Iterator[Diagnostic]:
    for src in _sources(report):
        for path, text in _strings(src.doc.data, ()):
            for label, pattern in PLACEHOLDERS:
                m = pattern.search(text)
                if m:
                    where = ".".join(str(p) for p in path)
                    yield Diagnostic(src.doc.locate_text(path, m.start()) or src.at(*path), CODE, SEVERITY,
                                     f"'{where}' masih memuat teks templat/penanda isian '{label}': "
                                     f"\"{_around(text, m.start(), m.end())}\"")


def _around(text: str, start: int, end: int, width: int = 40) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + " ".join(text[a:b].split()) + ("…" if b < len(text) else "")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Semua teks di berkas data, mencari sisa templat atau draf: \"(Tabel) dan narasi/analisis\", \"belum"
        " diisi\", \"TODO\", \"xxx\", \"...\" yang berdiri sendiri di tempat sebuah nilai, \"[isi ...\", \"lorem "
        "ipsum\"."
    ),
    "mengapa": (
        "Laporan asal mencetak petunjuk templat sebagai seluruh analisis indikator 6. Teks seperti itu "
        "lolos dari semua pemeriksaan lain dan sampai ke dokumen yang ditandatangani bila tidak dicari."
    ),
    "salah": "`program: \"(Tabel) dan narasi/analisis\"` atau `efisiensi: \"efisiensi anggaran sebesar ... %\"`.",
    "benar": (
        "`program: \"Sub kegiatan Evaluasi Kinerja Perangkat Daerah menunjang ...\"`; elipsis di akhir kata"
        " (\"dan seterusnya...\") tidak dipersoalkan."
    ),
}
