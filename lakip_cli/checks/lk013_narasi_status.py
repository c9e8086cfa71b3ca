"""LK013 narasi-status: narrative says the target was (not) met where the figures say otherwise.

What it checks:
    In each indicator's narrative, the phrases of success or failure about
    the report year: "tercapai", "mencapai target", "berhasil",
    "keberhasilan" (met); "melebihi/melampaui target" (exceeded); "tidak
    tercapai", "belum tercapai", "tidak mencapai target", "kegagalan"
    (not met), against the computed status: capaian > 100 melampaui,
    = 100 tercapai, < 100 belum tercapai. Negation is read ("tidak
    tercapai" is a failure, not a success), and phrases are skipped where
    they state no fact about the report year: conditionals ("jika ...
    maka kinerja tidak tercapai"), aims ("untuk mencapai target"), a number
    right after ("tercapai 94%", checked by LK015), a sentence about
    another year ("pada tahun 2022 tidak tercapai"), "keberhasilan/kegagalan".
    "Berhasil" agrees with a predicate scale whose label says "berhasil".
    Polarity is read: on a negative indicator (lower is better) "di atas /
    melebihi target" states a value above the target, a miss, and "di bawah
    target" a success.

Why it matters:
    The seed writes "tidak tercapai" and "tidak mencapai target" beside a
    table showing 100% for pendidikan politik. Result sentences should be
    generated from figures; where a planner writes them, this catches the
    contradiction.

Bad:
    capaian 100% and ``penyebab: "Pencapaian diatas tidak mencapai target, ..."``.

Good:
    capaian 94,44% and "... tidak tercapai dari target yang ditetapkan";
    capaian 111,11% and "... melebihi target yang ditentukan".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import (
    NEGATIONS,
    PURPOSE,
    excerpt,
    indicator_passages,
    is_conditional,
    sentences,
    words_before,
    year_at,
)
from lakip_cli.compute.report import IndikatorReport, Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import persen

CODE = "LK013"
NAME = "narasi-status"
SEVERITY: Severity = "warning"
SUMMARY = "Narasi menyebut tercapai/tidak tercapai/melampaui target yang bertentangan dengan capaian terhitung"

_PHRASE = re.compile(
    r"\b(?:tercapai|dicapai|mencapai\s+target|memenuhi\s+target|(?:melebihi|melampaui)(?:\s+dari)?\s+target"
    r"|di\s?atas\s+target|di\s?bawah\s+target|kegagalan|gagal|keberhasilan|berhasil)\b",
    re.IGNORECASE,
)
_NUMBER_AFTER = re.compile(r"\s*(?:sebesar\s+|yaitu\s+|hanya\s+)?\d")

# status -> claims that contradict it
CONTRADICTS = {
    "melampaui": {"gagal"},
    "tercapai": {"gagal", "melampaui"},
    "belum_tercapai": {"tercapai", "melampaui"},
}
STATUS_TEXT = {"melampaui": "melampaui target", "tercapai": "tepat mencapai target",
               "belum_tercapai": "belum mencapai target"}
CLAIM_TEXT = {"gagal": "target tidak tercapai", "tercapai": "target tercapai", "melampaui": "target terlampaui"}


def claim_of(sentence: str, m: re.Match[str], ind: IndikatorReport) -> str | None:
    """'tercapai', 'melampaui', 'gagal', or None when the phrase states nothing about meeting the target."""
    phrase = " ".join(m.group().lower().split())
    before = words_before(sentence, m.start(), 3)
    negated = any(w in NEGATIONS for w in before[-2:])
    if sentence[max(0, m.start() - 1):m.start()] == "/" or sentence[m.end():m.end() + 1] == "/":
        return None  # "keberhasilan/kegagalan": a heading, not a claim
    lower_is_better = ind.model.polaritas == "negatif"
    two_sided = ind.model.polaritas == "rentang"  # below and above the range are both a miss
    if phrase.startswith(("di bawah", "dibawah")):
        # On a lower-is-better indicator a realisasi below the target is a success.
        return None if negated else ("melampaui" if lower_is_better else "gagal")
    if (lower_is_better or two_sided) and phrase.startswith(("melebihi", "di atas", "diatas")):
        # "masih di atas target" for 16,8 against 14, or for a bed occupancy of 88,2% against 60-85%: a miss.
        return None if negated else "gagal"
    if phrase in ("kegagalan", "gagal"):
        return None if negated else "gagal"
    if negated:
        return "gagal" if not phrase.startswith(("melebihi", "melampaui", "di atas", "diatas")) else None
    if any(w in PURPOSE for w in before) or phrase == "dicapai":
        return None
    if phrase == "tercapai" and _NUMBER_AFTER.match(sentence, m.end()):
        return None
    if phrase.startswith(("melebihi", "melampaui", "di atas", "diatas")):
        return "melampaui"
    if phrase in ("berhasil", "keberhasilan"):
        if re.match(r"\s+guna\b", sentence[m.end():]):
            return None
        label = ind.predikat or ""
        if re.search(r"\bberhasil\b", label, re.IGNORECASE) and not re.search(r"kurang|tidak", label, re.IGNORECASE):
            return None
    return "tercapai"


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        wrong = CONTRADICTS.get(ind.status, set())
        if not wrong:
            continue
        for passage in indicator_passages(ind):
            seen: set[str] = set()
            for s in sentences(passage.text):
                if is_conditional(s.text):
                    continue
                for m in _PHRASE.finditer(s.text):
                    claim = claim_of(s.text, m, ind)
                    if claim not in wrong or year_at(s.text, m.start(), report.year) != report.year:
                        continue
                    if claim in seen:
                        continue
                    seen.add(claim)
                    quote = excerpt(passage.text, s.start + m.start(), s.start + m.end())
                    yield Diagnostic(
                        passage.at(s.start + m.start()), CODE, SEVERITY,
                        f"{ind.id}: narasi menyatakan {CLAIM_TEXT[claim]} (\"{quote}\"), padahal capaian "
                        f"{report.year} {persen(ind.capaian)} ({STATUS_TEXT[ind.status]})",
                    )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Ungkapan berhasil atau gagal tentang tahun laporan di narasi indikator (\"tercapai\", \"mencapai "
        "target\", \"melampaui target\", \"tidak tercapai\", \"belum tercapai\") dibandingkan dengan status "
        "terhitung: capaian > 100 melampaui, = 100 tercapai, < 100 belum tercapai. Kalimat bersyarat, "
        "tujuan (\"untuk mencapai target\") dan kalimat tentang tahun lain dilewati. Polaritas dibaca: pada "
        "indikator negatif (makin kecil makin baik) \"di atas/melebihi target\" berarti target tidak "
        "tercapai dan \"di bawah target\" berarti melampaui target."
    ),
    "mengapa": (
        "Laporan asal menulis \"tidak tercapai\" di samping tabel yang menunjukkan 100% untuk pendidikan "
        "politik. Kalimat hasil seharusnya disusun dari angka; bila perencana menulisnya sendiri, aturan "
        "ini menangkap pertentangannya."
    ),
    "salah": "capaian 100% dan `penyebab: \"Pencapaian diatas tidak mencapai target, ...\"`.",
    "benar": (
        "capaian 94,44% dan \"... tidak tercapai dari target yang ditetapkan\"; capaian 111,11% dan \"... "
        "melebihi target yang ditentukan\"."
    ),
}
