"""LK027 istilah-usang: an obsolete term where the current one is meant.

What it checks:
    Every narrative text for terms replaced by later regulation, each with
    its replacement: "Penetapan Kinerja" (Perjanjian Kinerja, PermenPANRB
    53/2014), "SKPD" (Perangkat Daerah, PP 18/2016), "Lemtekda" (lembaga
    teknis daerah, PP 18/2016), the LAN guideline as the reporting basis
    (PermenPANRB 53/2014), and wrong expansions of LAKIP/LKjIP/SAKIP.

Why it matters:
    Text kept from reports of ten years ago carries their vocabulary; a
    reviewer reads "Penetapan Kinerja" as a report that was not rewritten.

Bad:
    "... sesuai dengan Penetapan Kinerja Tahun 2024 ..."; "seluruh SKPD".

Good:
    "... sesuai dengan Perjanjian Kinerja Tahun 2024 ..."; "seluruh Perangkat Daerah".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import all_passages, excerpt
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK027"
NAME = "istilah-usang"
SEVERITY: Severity = "warning"
SUMMARY = "Istilah usang (Penetapan Kinerja, SKPD, Lemtekda, pedoman LAN) dipakai di narasi"

# (pattern, what is written, what replaces it)
OBSOLETE: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), old, new) for pattern, old, new in (
        (r"\bPenetapan\s+Kinerja\b", "Penetapan Kinerja", "Perjanjian Kinerja (PermenPANRB Nomor 53 Tahun 2014)"),
        (r"\bSKPD\b", "SKPD", "Perangkat Daerah (PP Nomor 18 Tahun 2016)"),
        (r"\bSatuan\s+Kerja\s+Perangkat\s+Daerah\b", "Satuan Kerja Perangkat Daerah",
         "Perangkat Daerah (PP Nomor 18 Tahun 2016)"),
        (r"\bLemtekda\b", "Lemtekda", "nama perangkat daerah menurut PP Nomor 18 Tahun 2016"),
        (r"\bLembaga\s+Administrasi\s+Negara\b[^.]{0,80}\b(?:Nomor\s+)?239\b", "Keputusan Kepala LAN Nomor 239",
         "PermenPANRB Nomor 53 Tahun 2014 sebagai dasar pelaporan"),
        (r"\bLaporan\s+Akuntabilitas\s+Kinerja\s+Instansi\s+Pemerintah\b",
         "Laporan Akuntabilitas Kinerja Instansi Pemerintah", "Laporan Kinerja Instansi Pemerintah (LKjIP)"),
        (r"\bSistem\s+Akuntabilitas\s+Kinerja\s+Instansi\s+Pemerintahan\b",
         "Sistem Akuntabilitas Kinerja Instansi Pemerintahan", "Sistem Akuntabilitas Kinerja Instansi Pemerintah"),
    )
)


def check(report: Report) -> Iterator[Diagnostic]:
    for passage in all_passages(report):
        for pattern, old, new in OBSOLETE:
            found = list(pattern.finditer(passage.text))
            if not found:
                continue
            first = found[0]
            times = f" ({len(found)} kali)" if len(found) > 1 else ""
            quote = excerpt(passage.text, first.start(), first.end())
            yield Diagnostic(passage.at(first.start()), CODE, SEVERITY,
                             f"{passage.label}: istilah usang '{old}'{times} (\"{quote}\"); kini {new}")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap teks narasi dicari istilah yang sudah diganti peraturan, beserta penggantinya: \"Penetapan "
        "Kinerja\" (kini Perjanjian Kinerja, PermenPANRB 53/2014), \"SKPD\" (kini Perangkat Daerah, PP "
        "18/2016), \"Lemtekda\", pedoman LAN sebagai dasar pelaporan, dan kepanjangan LAKIP/SAKIP yang keliru."
    ),
    "mengapa": (
        "Teks yang terbawa dari laporan sepuluh tahun lalu membawa istilahnya; penilai membaca \"Penetapan "
        "Kinerja\" sebagai tanda laporan yang tidak ditulis ulang."
    ),
    "salah": "\"... sesuai dengan Penetapan Kinerja Tahun 2024 ...\"; \"seluruh SKPD\".",
    "benar": "\"... sesuai dengan Perjanjian Kinerja Tahun 2024 ...\"; \"seluruh Perangkat Daerah\".",
}
