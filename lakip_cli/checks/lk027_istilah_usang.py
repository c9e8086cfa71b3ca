"""LK027 istilah-usang: an obsolete term where the current one is meant.

What it checks:
    Every narrative text for terms replaced by later regulation, each with
    its replacement. The default registry: "Penetapan Kinerja" (Perjanjian
    Kinerja, PermenPANRB 53/2014), "SKPD" and "Satuan Kerja Perangkat Daerah"
    (Perangkat Daerah, PP 18/2016), "Lemtekda" (PP 18/2016), the LAN
    guideline as the reporting basis (PermenPANRB 53/2014), and wrong
    expansions of LAKIP/LKjIP/SAKIP. lakip.yaml ``cek.istilah_usang`` adds
    terms (``{istilah: ..., ganti: ...}``), changes the replacement of a
    default term (same ``istilah``), or turns a default term off
    (``aktif: false``). A planner's term is plain text matched as whole
    words in any case, never a regular expression. One warning per text
    and term, with the first occurrence quoted and the count.

Why it matters:
    Text kept from reports of ten years ago carries their vocabulary; a
    reviewer reads "Penetapan Kinerja" as a report that was not rewritten.

Bad:
    "... sesuai dengan Penetapan Kinerja Tahun 2024 ..."; "seluruh SKPD";
    "Laporan Kinerja Pemerintah (LAKIP)".

Good:
    "... sesuai dengan Perjanjian Kinerja Tahun 2024 ..."; "seluruh Perangkat Daerah";
    "Laporan Kinerja Instansi Pemerintah (LKjIP)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lakip_cli.checks.narrative import all_passages, excerpt, literal_pattern, term_key, times
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, LakipError, Severity

CODE = "LK027"
NAME = "istilah-usang"
SEVERITY: Severity = "warning"
SUMMARY = "Istilah usang (Penetapan Kinerja, SKPD, Lemtekda, pedoman LAN) dipakai di narasi (cek.istilah_usang)"

_PK = "Perjanjian Kinerja (PermenPANRB Nomor 53 Tahun 2014)"
_PD = "Perangkat Daerah (PP Nomor 18 Tahun 2016)"
_LKJIP = "Laporan Kinerja Instansi Pemerintah (LKjIP)"


@dataclass(frozen=True)
class Term:
    """An obsolete term: its name (how cek.istilah_usang refers to it), how it is found, what replaces it."""

    name: str
    pattern: re.Pattern[str]
    replacement: str


# The default registry. The patterns are written here, never taken from lakip.yaml.
DEFAULTS: tuple[Term, ...] = tuple(
    Term(name, re.compile(pattern, re.IGNORECASE), new) for name, pattern, new in (
        ("Penetapan Kinerja", r"\bPenetapan\s+Kinerja\b", _PK),
        ("SKPD", r"\bSKPD\b", _PD),
        ("Satuan Kerja Perangkat Daerah", r"\bSatuan\s+Kerja\s+Perangkat\s+Daerah\b", _PD),
        ("Lemtekda", r"\bLemtekda\b", "nama perangkat daerah menurut PP Nomor 18 Tahun 2016"),
        ("Keputusan Kepala LAN Nomor 239", r"\bLembaga\s+Administrasi\s+Negara\b[^.]{0,80}\b(?:Nomor\s+)?239\b",
         "PermenPANRB Nomor 53 Tahun 2014 sebagai dasar pelaporan"),
        ("Laporan Akuntabilitas Kinerja Instansi Pemerintah",
         r"\bLaporan\s+Akuntabilitas\s+Kinerja\s+Instansi\s+Pemerintah\b", _LKJIP),
        ("Laporan Kinerja Pemerintah (LAKIP)",
         r"\bLaporan\s+Kinerja\s+Pemerintah\s*\(\s*(?:LAKIP|LKjIP|LKIP)\s*\)", _LKJIP),
        ("Laporan Kinerja Instansi Pemerintah (LAKIP)",
         r"\bLaporan\s+Kinerja\s+Instansi\s+Pemerintah\s*\(\s*LAKIP\s*\)", _LKJIP),
        ("Laporan Kinerja Instansi Pemerintahan", r"\bLaporan\s+Kinerja\s+Instansi\s+Pemerintahan\b", _LKJIP),
        ("Sistem Akuntabilitas Kinerja Instansi Pemerintahan",
         r"\bSistem\s+Akuntabilitas\s+Kinerja\s+Instansi\s+Pemerintahan\b",
         "Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP)"),
    )
)


def registry(report: Report) -> list[Term]:
    """The default terms with lakip.yaml cek.istilah_usang applied: replaced, turned off, or added."""
    settings = report.project.settings
    terms = {term_key(t.name): t for t in DEFAULTS}
    unknown = []
    for i, entry in enumerate(settings.model.cek.istilah_usang):
        key = term_key(entry.istilah)
        if not entry.aktif:
            if terms.pop(key, None) is None:
                unknown.append(Diagnostic(
                    settings.at("cek", "istilah_usang", i, "istilah"), "V012", "error",
                    f"istilah '{entry.istilah}' dimatikan (aktif: false) tetapi tidak ada di daftar bawaan LK027 "
                    "(lihat: lakip rules LK027)"))
            continue
        replacement = entry.ganti or ""
        default = terms.get(key)
        pattern = default.pattern if default else re.compile(literal_pattern(entry.istilah), re.IGNORECASE)
        terms[key] = Term(entry.istilah if default is None else default.name, pattern, replacement)
    if unknown:
        raise LakipError(unknown)
    return list(terms.values())


def check(report: Report) -> Iterator[Diagnostic]:
    terms = registry(report)
    for passage in all_passages(report):
        for term in terms:
            found = list(term.pattern.finditer(passage.text))
            if not found:
                continue
            first = found[0]
            many = times(len(found))
            quote = excerpt(passage.text, first.start(), first.end())
            yield Diagnostic(passage.at(first.start()), CODE, SEVERITY,
                             f"{passage.label}: istilah usang '{term.name}'{many} (\"{quote}\"); "
                             f"kini {term.replacement}")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap teks narasi dicari istilah yang sudah diganti peraturan, beserta penggantinya. Daftar bawaan: "
        + "; ".join(f"\"{t.name}\" menjadi {t.replacement}" for t in DEFAULTS)
        + ". Di lakip.yaml, `cek.istilah_usang` menambah istilah (`- {istilah: Kantor Kesbangpol, ganti: Badan "
        "Kesbangpol}`), mengganti pengganti istilah bawaan (istilah yang sama), atau mematikannya (`- {istilah: "
        "SKPD, aktif: false}`). Istilah dari lakip.yaml adalah teks biasa, dicocokkan sebagai kata utuh tanpa "
        "membedakan huruf besar, bukan ekspresi reguler."
    ),
    "mengapa": (
        "Teks yang terbawa dari laporan sepuluh tahun lalu membawa istilahnya; penilai membaca \"Penetapan "
        "Kinerja\" sebagai tanda laporan yang tidak ditulis ulang."
    ),
    "salah": ("\"... sesuai dengan Penetapan Kinerja Tahun 2024 ...\"; \"seluruh SKPD\"; \"Laporan Kinerja "
              "Pemerintah (LAKIP)\"."),
    "benar": ("\"... sesuai dengan Perjanjian Kinerja Tahun 2024 ...\"; \"seluruh Perangkat Daerah\"; \"Laporan "
              "Kinerja Instansi Pemerintah (LKjIP)\"."),
}
