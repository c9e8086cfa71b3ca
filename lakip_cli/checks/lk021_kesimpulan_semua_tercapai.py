"""LK021 kesimpulan-semua-tercapai: the report's own texts say every target was met, and one was not.

What it checks:
    Sentences of laporan.yaml (kata pengantar, ikhtisar, kesimpulan,
    langkah mendatang) that say all indicators or targets were met: "semua"
    or "seluruh" followed within eight words by "tercapai", "mencapai
    target" or "memenuhi target", not negated ("belum semua ... tercapai"
    is fine). Such a sentence is flagged when an indicator's capaian is below
    100% or missing, naming those indicators.

Why it matters:
    The conclusion is what most readers read. The seed's Kesimpulan says
    "dari sebelas indikator kinerja tersebut semuanya telah tercapai sesuai
    dengan target" while the ormas indicator reached 94,44% and the
    administrative-services indicator has no figures at all.

Bad:
    IK04 at 94,44% and ``kesimpulan: "... semuanya telah tercapai sesuai dengan target."``

Good:
    "... 9 (sembilan) dari 11 (sebelas) indikator mencapai target; indikator
    ormas mencapai 94,44%." (better still: let the template generate it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import NEGATIONS, excerpt, is_conditional, report_passages, sentences, words_before
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import persen

CODE = "LK021"
NAME = "kesimpulan-semua-tercapai"
SEVERITY: Severity = "warning"
SUMMARY = "Kata pengantar/ikhtisar/kesimpulan menyatakan semua target tercapai, padahal ada yang belum"

_ALL = re.compile(r"\b(?:semua|seluruh)(?:nya)?\b", re.IGNORECASE)
_MET = re.compile(r"\b(?:tercapai|mencapai\s+target|memenuhi\s+target)\b", re.IGNORECASE)
_NEAR_WORDS = 8


def _negated(sentence: str, m: re.Match[str]) -> bool:
    return any(w in NEGATIONS for w in words_before(sentence, m.start(), 2))


def all_met_claim(text: str) -> tuple[int, int] | None:
    """Span of the first 'semua/seluruh ... tercapai' in text that is stated as a fact."""
    for s in sentences(text):
        if is_conditional(s.text):
            continue
        for every in _ALL.finditer(s.text):
            met = _MET.search(s.text, every.end())
            if met is None or len(s.text[every.end():met.start()].split()) > _NEAR_WORDS:
                continue
            if not _negated(s.text, every) and not _negated(s.text, met):
                return s.start + every.start(), s.start + met.end()
    return None


def check(report: Report) -> Iterator[Diagnostic]:
    short = [i for i in report.indikator if i.status in ("belum_tercapai", "belum_terukur")]
    if not short:
        return
    which = ", ".join(f"{i.id} {persen(i.capaian)}" if i.capaian is not None else f"{i.id} tanpa capaian"
                      for i in short)
    for passage in report_passages(report):
        span = all_met_claim(passage.text)
        if span is None:
            continue
        yield Diagnostic(
            passage.at(span[0]), CODE, SEVERITY,
            f"{passage.label} menyatakan semua target tercapai (\"{excerpt(passage.text, *span)}\"), padahal "
            f"{len(short)} dari {report.counts.jumlah} indikator belum mencapai target: {which}",
        )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Kalimat di laporan.yaml (kata pengantar, ikhtisar, kesimpulan, langkah mendatang) yang "
        "menyatakan semua indikator atau target tercapai (\"semua\"/\"seluruh\" diikuti \"tercapai\", \"mencapai"
        " target\" atau \"memenuhi target\", tidak diingkari). Kalimat itu ditandai bila ada indikator yang "
        "capaiannya di bawah 100% atau kosong."
    ),
    "mengapa": (
        "Kesimpulan adalah bagian yang paling banyak dibaca. Kesimpulan laporan asal menyatakan \"dari "
        "sebelas indikator kinerja tersebut semuanya telah tercapai sesuai dengan target\" padahal "
        "indikator ormas 94,44% dan indikator pelayanan administrasi belum berangka."
    ),
    "salah": "IK04 94,44% dan `kesimpulan: \"... semuanya telah tercapai sesuai dengan target.\"`",
    "benar": (
        "\"... 9 (sembilan) dari 11 (sebelas) indikator mencapai target; indikator ormas mencapai 94,44%.\""
        " (lebih baik lagi: biarkan templat yang menyusunnya)."
    ),
}
