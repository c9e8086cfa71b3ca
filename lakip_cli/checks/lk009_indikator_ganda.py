"""LK009 indikator-ganda: the same indicator listed twice in the Perjanjian Kinerja.

What it checks:
    Indicator names compared pairwise after normalising: lower case,
    punctuation removed, and the generic words that do not change what is
    measured dropped ("persentase", "jumlah", "peningkatan", "yang", ...).
    Names whose normalised forms are equal or nearly so (difflib ratio >=
    0.85) are reported on the later indicator, with both targets when they
    differ.

Why it matters:
    The seed lists "Persentase Peningkatan Kerukunan Beragama" (target 90)
    and "Persentase Peningkatan Kerukunan Umat Beragama" (target 100), and
    "Persentase Penanganan Konflik Sosial" twice: the same result is counted
    twice in the number of indicators met, and one of two contradictory
    targets must be wrong.

Bad:
    IK05 and IK11 both named "Persentase Penanganan Konflik Sosial".

Good:
    Each measure once, under the sasaran it serves.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from lakip_cli.compute.report import IndikatorReport, Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import angka
from lakip_cli.source.models import Rentang

CODE = "LK009"
NAME = "indikator-ganda"
SEVERITY: Severity = "warning"
SUMMARY = "Indikator yang sama (atau hampir sama namanya) tercantum dua kali, mungkin dengan target berbeda"

THRESHOLD = 0.85
GENERIC_WORDS = frozenset({
    "persentase", "prosentase", "presentase", "jumlah", "cakupan", "tingkat", "indeks", "rasio", "angka",
    "nilai", "peningkatan", "meningkatnya", "yang", "dan", "di", "ke", "dari", "bagi", "dalam", "terhadap",
    "serta", "pada", "untuk", "oleh",
})


def normalise(nama: str) -> str:
    words = re.findall(r"[a-z0-9]+", nama.lower())
    return " ".join(w for w in words if w not in GENERIC_WORDS)


def _target(ind: IndikatorReport) -> str:
    value = ind.target_pk if ind.target_pk is not None else ind.target
    if value is None:
        return "-"
    return angka(value) if not isinstance(value, Rentang) else f"{angka(value.bawah)}–{angka(value.atas)}"


def check(report: Report) -> Iterator[Diagnostic]:
    inds = report.indikator
    names = [normalise(ind.nama) for ind in inds]
    matcher = difflib.SequenceMatcher(None)
    for j, later in enumerate(inds):
        matcher.set_seq2(names[j])  # difflib keeps what it learns of the second sequence across comparisons
        for i, earlier in enumerate(inds[:j]):
            matcher.set_seq1(names[i])
            # Each bound is at least the ratio, and the first two cost a length or a count, not a comparison.
            if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio < THRESHOLD:
                continue
            same = "sama dengan" if ratio == 1 else "hampir sama dengan"
            t1, t2 = _target(earlier), _target(later)
            targets = f"; targetnya berbeda ({t1} dan {t2})" if t1 != t2 else ""
            yield Diagnostic(
                later.source.at("nama"), CODE, SEVERITY,
                f"{later.id} '{later.nama}' {same} {earlier.id} '{earlier.nama}' "
                f"({earlier.source.at('nama')}){targets}",
            )
            break


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Nama indikator dibandingkan berpasangan setelah dinormalkan (huruf kecil, tanpa tanda baca, "
        "tanpa kata umum seperti \"persentase\", \"jumlah\", \"peningkatan\", \"yang\"). Nama yang sama atau "
        "hampir sama dilaporkan pada indikator yang kedua, dengan kedua targetnya bila berbeda."
    ),
    "mengapa": (
        "Laporan asal memuat \"Persentase Peningkatan Kerukunan Beragama\" (target 90) dan \"Persentase "
        "Peningkatan Kerukunan Umat Beragama\" (target 100), serta \"Persentase Penanganan Konflik Sosial\" "
        "dua kali: hasil yang sama terhitung dua kali, dan salah satu dari dua target yang bertentangan "
        "pasti keliru."
    ),
    "salah": "IK05 dan IK11 sama-sama bernama \"Persentase Penanganan Konflik Sosial\".",
    "benar": "Setiap ukuran satu kali, di bawah sasaran yang dilayaninya.",
}
