"""compute: the regulations every LKjIP stands on, listed in Dasar Hukum when the planner's list lacks them."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Regulation:
    jenis: str
    nomor: int
    tahun: int
    tentang: str
    pattern: str  # how a planner writes the kind of regulation, matched case-insensitively
    rank: int  # place in the hierarchy of laws (UU 3 lower than PP 4 ...), for ordering


HIERARCHY = (  # (pattern, rank): the order of Undang-Undang Nomor 12 Tahun 2011, Pasal 7 and 8
    (r"undang-undang|\buu\b", 1),
    (r"peraturan pemerintah|\bpp\b", 2),
    (r"peraturan presiden|perpres|keputusan presiden|instruksi presiden", 3),
    (r"peraturan menteri|permen", 4),
    (r"peraturan daerah|perda", 5),
    (r"peraturan (wali ?kota|bupati|gubernur)|perwal|perbup|pergub", 6),
)

REQUIRED = (
    Regulation("Peraturan Pemerintah", 8, 2006, "Pelaporan Keuangan dan Kinerja Instansi Pemerintah",
               r"peraturan pemerintah|\bpp\b", 2),
    Regulation("Peraturan Presiden", 29, 2014, "Sistem Akuntabilitas Kinerja Instansi Pemerintah",
               r"peraturan presiden|perpres", 3),
    Regulation("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", 53, 2014,
               "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja "
               "Instansi Pemerintah", r"pendayagunaan|panrb|pan-rb|pan rb", 4),
)
# Cited only when the project's predicate scale names it as its source.
PREDICATE_SOURCES = (
    Regulation("Peraturan Menteri Dalam Negeri", 86, 2017,
               "Tata Cara Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah, Tata Cara Evaluasi Rancangan "
               "Peraturan Daerah tentang Rencana Pembangunan Jangka Panjang Daerah dan Rencana Pembangunan Jangka "
               "Menengah Daerah, serta Tata Cara Perubahan Rencana Pembangunan Jangka Panjang Daerah, Rencana "
               "Pembangunan Jangka Menengah Daerah, dan Rencana Kerja Pemerintah Daerah",
               r"dalam negeri|permendagri", 4),
)


@dataclass(frozen=True)
class LegalBasis:
    """One line of Dasar Hukum; `ditambahkan` when lakip added it from the registry."""

    jenis: str
    nomor: str
    tahun: int
    tentang: str
    ditambahkan: bool


def rank_of(jenis: str) -> int:
    return next((rank for pattern, rank in HIERARCHY if re.search(pattern, jenis, re.I)), 9)


def legal_basis(listed: list[tuple[str, str, int, str]], predicate_source: str) -> tuple[LegalBasis, ...]:
    """The planner's regulations, plus every required one they lack, ordered by the hierarchy of laws.

    A listed regulation counts as present when its kind and number match, whatever year it was given
    (a wrong year is a finding of its own, LK020).
    """
    out = [LegalBasis(j, n, t, about, False) for j, n, t, about in listed]
    wanted = list(REQUIRED) + [r for r in PREDICATE_SOURCES
                               if re.search(rf"\b{r.nomor}\b", predicate_source) and str(r.tahun) in predicate_source]
    for reg in wanted:
        present = any(str(n).strip() == str(reg.nomor) and re.search(reg.pattern, j, re.I) for j, n, _, _ in listed)
        if not present:
            out.append(LegalBasis(reg.jenis, str(reg.nomor), reg.tahun, reg.tentang, True))
    return tuple(sorted(out, key=lambda b: rank_of(b.jenis)))
