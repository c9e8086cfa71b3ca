"""LK018 instansi-lain: narrative names another agency, as if copied from its report.

What it checks:
    Every narrative text (as for LK017) for the names of other perangkat
    daerah, found by their kinds: "Dinas X", "Badan X", "Kantor X",
    "Inspektorat", "Satpol PP" / "Satuan Polisi Pamong Praja", "Sekretariat
    Daerah/DPRD", "RSUD", and the usual abbreviations (Bappeda, BPKAD, BKPSDM,
    BPBD, Disdik, Dinkes, ...), plus any name listed in lakip.yaml
    ``cek.instansi_lain`` (whole words, any case). Not findings: this
    agency's own name and abbreviation (instansi.yaml ``nama``,
    ``singkatan``), partners that are not perangkat daerah (BNN, BPS,
    Kemenag, KPU, Bawaslu, Polres, Kodim, FKUB, Badan Usaha, Kantor
    Kecamatan, ...: a default list extended by lakip.yaml ``cek.mitra``), and
    a name right after words of coordination or review ("koordinasi dengan",
    "bekerja sama dengan", "bersama", "melibatkan", "direviu oleh"). One
    warning per text and name, with the first occurrence quoted and the count.

Why it matters:
    Paragraphs copied from another agency's report keep its name: the seed's
    Kata Pengantar and BAB II speak of "Inspektorat" where the Badan
    Kesatuan Bangsa dan Politik is meant. A hand-kept list of six names
    misses the next agency copied from.

Bad:
    ``kata_pengantar: "... Dimasa mendatang Inspektorat akan melakukan ..."``
    in the report of the Badan Kesbangpol.

Good:
    "... Dimasa mendatang Badan Kesatuan Bangsa dan Politik akan melakukan ...";
    "... melalui koordinasi dengan Dinas Pendidikan dan Polres Metro ...".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import all_passages, excerpt, literal_pattern, term_key, times, words_before
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK018"
NAME = "instansi-lain"
SEVERITY: Severity = "warning"
SUMMARY = "Narasi menyebut perangkat daerah lain (Dinas ..., Badan ..., Inspektorat), mungkin tersalin dari laporannya"

# Abbreviated names of perangkat daerah (Permendagri 90/2019 nomenclature, usual spellings).
ABBREVIATIONS = (
    "Bappeda", "Bappedalitbang", "Bapelitbangda", "Bappelitbangda", "BPKAD", "BPKD", "BKD", "BKPSDM", "BKPP",
    "BPBD", "Bapenda", "BPPRD", "Disdik", "Disdikbud", "Dinkes", "Dishub", "Disdukcapil", "Diskominfo", "Dinsos",
    "DLH", "DPMPTSP", "Disnaker", "Disperindag", "DPUPR", "Dispora", "Disparbud", "Setda", "Setwan",
)
# Offices that are not perangkat daerah of this government, or bodies that are not offices at all.
MITRA = (
    "Badan Narkotika Nasional", "BNN", "Badan Pusat Statistik", "BPS", "Badan Intelijen Negara", "BIN",
    "Badan Nasional Penanggulangan Terorisme", "BNPT", "Badan Pengawas Pemilihan Umum", "Badan Pengawas Pemilu",
    "Bawaslu", "KPU", "Badan Pemeriksa Keuangan", "BPK", "Badan Pengawasan Keuangan dan Pembangunan", "BPKP",
    "Badan Pertanahan Nasional", "Badan Siber dan Sandi Negara", "Badan Kesatuan Bangsa dan Politik Provinsi",
    "Badan Usaha", "Badan Hukum", "Badan Publik", "Badan Permusyawaratan Desa", "Badan Ad Hoc",
    "Kantor Kementerian", "Kemenag", "Kementerian Agama", "Kantor Wilayah", "Kanwil", "Kantor Imigrasi",
    "Kantor Pertanahan", "Kantor Pos", "Kantor Pelayanan", "Kantor Wali Kota", "Kantor Walikota", "Kantor Bupati",
    "Kantor Gubernur", "Kantor Kecamatan", "Kantor Kelurahan", "Kantor Desa", "Inspektorat Jenderal",
    "FKUB", "FKDM", "FPK", "Forkopimda", "Kominda", "Polres", "Polresta", "Polsek", "Polda", "Kodim", "Koramil",
    "Korem", "Kejaksaan", "Kejari", "Pengadilan", "MUI", "TNI", "Polri",
)

_KINDS = ("Dinas", "Badan", "Kantor", "Inspektorat", "Satpol", "Satuan", "Sekretariat", "RSUD", "Rumah")
_SEP = r"(?:[ \t]*\n[ \t]*|[ \t]+)"
# A name goes on over capitalised words, and over 'dan'/'serta' ("Dinas Pendidikan dan Kebudayaan"),
# until another office starts ("Satpol PP dan Dinas Pendidikan" are two names).
_NEXT_OFFICE = "|".join((*_KINDS, *ABBREVIATIONS, *(m for m in MITRA if " " not in m)))
_WORDS = rf"(?:{_SEP}(?:(?:dan|serta|&){_SEP})?(?!(?:{_NEXT_OFFICE})(?![\w-]))[A-Z][\w-]*)"
# "Perjalanan Dinas", "Rumah Dinas", "Kendaraan Dinas": the word, not an office.
_NOT_OFFICE = "".join(rf"(?<![{w[0]}{w[0].lower()}]{w[1:]} )" for w in
                      ("Perjalanan", "Pakaian", "Rumah", "Kendaraan", "Mobil", "Motor", "Surat", "Tugas"))
_MENTION = re.compile(
    rf"(?<![\w-])(?:"
    rf"{_NOT_OFFICE}(?:Dinas|Badan|Kantor){_WORDS}+"
    rf"|(?:Inspektorat|Satpol[ \t]+PP|Satuan[ \t]+Polisi[ \t]+Pamong[ \t]+Praja"
    rf"|Sekretariat[ \t]+(?:Daerah|DPRD|Dewan)|RSUD|Rumah[ \t]+Sakit[ \t]+Umum[ \t]+Daerah"
    rf"|{'|'.join(ABBREVIATIONS)}){_WORDS}*"
    rf")(?![\w-])"
)
# Naming a partner after these is coordination or review, not a copied paragraph.
_COORDINATION = re.compile(
    r"\b(?:koordinasi|berkoordinasi|mengkoordinasikan|(?:be)?kerja ?sama|bersama|kolaborasi|berkolaborasi"
    r"|sinergi|bersinergi|melibatkan|dilibatkan|narasumber|mitra|reviu|direviu|mereviu|diaudit)\b")
_COORDINATION_WORDS = 6


def _starts(key: str, prefixes: list[str]) -> bool:
    return any(key == p or key.startswith(p + " ") for p in prefixes)


def check(report: Report) -> Iterator[Diagnostic]:
    p = report.project
    ins = p.instansi.model
    settings = p.settings.model.cek
    own_full = term_key(ins.nama)
    own = [term_key(n) for n in (ins.nama, ins.singkatan, ins.nama.removesuffix(ins.daerah)) if n.strip()]
    mitra = [term_key(n) for n in (*MITRA, *settings.mitra)]
    extra = [re.compile(literal_pattern(n), re.IGNORECASE) for n in settings.instansi_lain
             if n.strip() and term_key(n) not in own_full]

    def foreign(name: str) -> bool:
        key = term_key(name)
        rest = key.split(" ", 1)[1] if " " in key else ""
        # "Kantor Badan Kesatuan Bangsa ..." is our own office: the name after the kind counts too.
        ours_or_partner = (k and (_starts(own_full, [k]) or _starts(k, own) or _starts(k, mitra)) for k in (key, rest))
        return not any(ours_or_partner)

    for passage in all_passages(report):
        text = passage.text
        found: dict[str, list[tuple[int, int]]] = {}
        names: dict[str, str] = {}
        taken = 0  # the end of the last mention kept: a name inside it (a listed one) is the same mention
        hits = [(m.start(), m.end(), " ".join(m.group().split()), True) for m in _MENTION.finditer(text)]
        hits += [(m.start(), m.end(), " ".join(m.group().split()), False) for rx in extra for m in rx.finditer(text)]
        for start, end, name, by_kind in sorted(hits):
            if start < taken:
                continue
            taken = end
            if by_kind and not foreign(name):
                continue
            if _COORDINATION.search(" ".join(words_before(text, start, _COORDINATION_WORDS))):
                continue
            key = term_key(name)
            names.setdefault(key, name)
            found.setdefault(key, []).append((start, end))
        for key, spans in found.items():
            start, end = spans[0]
            many = times(len(spans))
            quote = excerpt(text, start, end)
            yield Diagnostic(
                passage.at(start), CODE, SEVERITY,
                f"{passage.label} menyebut '{names[key]}'{many} (\"{quote}\"), bukan {ins.singkatan}; "
                f"tersalin dari laporan instansi lain?",
            )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap teks narasi (seperti LK017) dicari nama perangkat daerah lain menurut jenisnya: \"Dinas ...\", "
        "\"Badan ...\", \"Kantor ...\", \"Inspektorat\", \"Satpol PP\", \"Sekretariat Daerah/DPRD\", \"RSUD\", "
        "dan singkatan yang lazim (" + ", ".join(ABBREVIATIONS[:8]) + ", ...), ditambah nama di "
        "`cek.instansi_lain` pada lakip.yaml (kata utuh, huruf besar atau kecil). Bukan temuan: nama dan "
        "singkatan instansi sendiri (instansi.yaml `nama`, `singkatan`), mitra yang bukan perangkat daerah "
        "(BNN, BPS, Kemenag, KPU, Bawaslu, Polres, Kodim, FKUB, Badan Usaha, Kantor Kecamatan, ...; tambahkan "
        "di `cek.mitra`), dan nama yang didahului kata koordinasi atau reviu (\"koordinasi dengan\", \"bekerja "
        "sama dengan\", \"bersama\", \"melibatkan\", \"direviu oleh\")."
    ),
    "mengapa": (
        "Paragraf yang disalin dari laporan instansi lain membawa namanya: Kata Pengantar dan BAB II "
        "laporan asal menyebut \"Inspektorat\" padahal yang dimaksud Badan Kesatuan Bangsa dan Politik. "
        "Daftar nama yang diketik sendiri tidak mengenali instansi berikutnya yang tersalin."
    ),
    "salah": (
        "`kata_pengantar: \"... Dimasa mendatang Inspektorat akan melakukan ...\"` di laporan Badan "
        "Kesbangpol."
    ),
    "benar": ("\"... Dimasa mendatang Badan Kesatuan Bangsa dan Politik akan melakukan ...\"; \"... melalui "
              "koordinasi dengan Dinas Pendidikan dan Polres Metro ...\"."),
}
