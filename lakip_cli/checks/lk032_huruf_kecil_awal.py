"""LK032 huruf-kecil-awal: a sentence that starts in lower case after a full stop.

What it checks:
    Every narrative text for a full stop followed by blanks (or a line
    break) and a lower-case letter: "... Informasi Kinerja. sekalipun ...".
    Not a sentence end: the stop of an abbreviation ("dsb.", "dll.", "a.n.",
    "s.d.", "No.", "Rp.", "Kab.", "mis.", academic degrees such as "M.Si."),
    of a single letter or a number of up to two digits (list markers "a.",
    "1.", initials "H."), of a Roman numeral ("II."), and the last dot of an
    ellipsis ("..."). Decimal points have no blank after them. One warning
    per text: the first occurrence quoted, the next ones named, and the count.

Why it matters:
    A lower-case word after a full stop is either a stray stop inside a
    sentence ("prinsip. transparansi") or two pasted fragments; a reviewer
    marks both.

Bad:
    "... serta Evaluasi dan Pemanfaatan Informasi Kinerja. sekalipun belum tersedia ...".

Good:
    "... serta Evaluasi dan Pemanfaatan Informasi Kinerja. Sekalipun belum tersedia ...";
    "... rapat, sosialisasi, dsb. yang dilaksanakan ...".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import all_passages
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK032"
NAME = "huruf-kecil-awal"
SEVERITY: Severity = "warning"
SUMMARY = "Kalimat diawali huruf kecil setelah titik (\"Kinerja. sekalipun\")"

# Words whose full stop abbreviates them (compared in lower case, without the stop).
ABBREVIATIONS = frozenset({
    "a.n", "an", "u.p", "up", "s.d", "sd", "dsb", "dll", "dst", "dkk", "yth", "mis", "spt", "tgl", "hlm",
    "dgn", "yg", "sbb", "ttd", "ket", "no", "nom", "vol", "rp", "kab", "kec", "kel", "prov", "jl", "jln", "rt",
    "rw", "telp", "hp", "dr", "drs", "dra", "ir", "h", "hj", "st", "prof", "tbk", "pt", "cv", "thn", "th", "bpk",
    "ibu", "sdr", "sdri", "sk", "ttg", "tsb", "ybs", "kep", "gol", "bag", "sub", "etc", "vs", "cf", "km", "kg",
    "ha", "pkl", "psl", "ps", "hal", "lamp", "perihal",
})
_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"})
# A full stop, the blanks after it (at most one line break), then a lower-case letter (after '*', '"', '(').
_STOP = re.compile(r"(?<!\.)\.(?:[ \t]+|[ \t]*\n[ \t]*)[*_\"'(\[]*(?=[a-z])")
_WINDOW = 24
_TOKEN = re.compile(r"([\w.]+)$")
_WORD = re.compile(r"[\w-]+")
_SHOWN = 3  # later occurrences named in the message, after the first one quoted


def _abbreviated(text: str, stop: int) -> bool:
    """Whether the full stop at text[stop] ends an abbreviation, a list marker or an initial."""
    lo = max(0, stop - _WINDOW)
    m = _TOKEN.search(text, lo, stop)
    if not m or (m.start() == lo and lo > 0):
        return False  # nothing word-like right before the stop (')' or '"'), or a token too long to abbreviate
    token = m.group(1).lower()
    return (token in ABBREVIATIONS or "." in token or len(token) == 1 or token in _ROMAN
            or (token.isdigit() and len(token) <= 2))


def check(report: Report) -> Iterator[Diagnostic]:
    for passage in all_passages(report):
        text = passage.text
        found = []
        for m in _STOP.finditer(text):
            word = _WORD.match(text, m.end())
            if word is not None and not _abbreviated(text, m.start()):
                found.append((m.start(), word))
        if not found:
            continue
        stop, word = found[0]
        before = " ".join(text[max(0, stop - 30): stop].split()[1:][-3:])
        quote = f"…{before}. {word.group()}…"
        others = ""
        if len(found) > 1:
            shown = ", ".join(f"'{w.group()}'" for _, w in found[1:1 + _SHOWN])
            others = f", {len(found)} kali di teks ini (juga {shown}{', ...' if len(found) > 1 + _SHOWN else ''})"
        yield Diagnostic(
            passage.at(word.start()), CODE, SEVERITY,
            f"{passage.label}: kalimat diawali huruf kecil setelah titik (\"{quote}\"){others}; tulis "
            f"'{word.group()[:1].upper()}{word.group()[1:]}', atau hapus titiknya bila kalimat bersambung",
        )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap teks narasi dicari titik yang diikuti spasi (atau baris baru) lalu huruf kecil: \"... Informasi "
        "Kinerja. sekalipun ...\". Bukan akhir kalimat: titik singkatan (\"dsb.\", \"dll.\", \"a.n.\", \"s.d.\", "
        "\"No.\", \"Rp.\", \"Kab.\", gelar seperti \"M.Si.\"), titik setelah satu huruf atau angka (penanda daftar "
        "\"a.\", \"1.\", inisial \"H.\") atau angka Romawi (\"II.\"), dan titik terakhir elipsis (\"...\"). "
        "Satu peringatan per teks: yang pertama dikutip, berikutnya disebut, beserta jumlahnya."
    ),
    "mengapa": (
        "Huruf kecil setelah titik menandakan titik yang tersesat di tengah kalimat (\"prinsip. transparansi\") "
        "atau dua potongan teks yang ditempel; penilai menandai keduanya."
    ),
    "salah": "\"... serta Evaluasi dan Pemanfaatan Informasi Kinerja. sekalipun belum tersedia ...\".",
    "benar": ("\"... serta Evaluasi dan Pemanfaatan Informasi Kinerja. Sekalipun belum tersedia ...\"; \"... rapat, "
              "sosialisasi, dsb. yang dilaksanakan ...\"."),
}
