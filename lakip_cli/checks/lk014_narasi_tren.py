"""LK014 narasi-tren: narrative claims an increase, decline or no change the figures do not show.

What it checks:
    In each indicator's narrative, statements of trend about the report
    year's capaian: increase ("meningkat", "mengalami peningkatan", "lebih
    baik"), decline ("menurun", "mengalami penurunan", "penurunan kinerja",
    "lebih buruk/rendah") and no change ("tetap sama", "tidak mengalami
    perubahan"), negation included ("tidak meningkat"). The claim is
    compared with the computed capaian of the previous year; when the
    sentence names earlier years or speaks of several years ("dari tahun ke
    tahun", "tahun-tahun sebelumnya") those years count as well, and the
    claim stands if it holds against any of them. Only sentences about
    capaian/kinerja/realisasi/indikator count; aims ("agar lebih baik"),
    conditionals, comparisons with the target ("lebih rendah dari target")
    and sentences about another year are skipped. For negative-polarity
    indicators the bare verbs are ambiguous (a falling realisasi is a rising
    capaian) and only "lebih baik/buruk", "penurunan kinerja", "tetap sama"
    are read.

Why it matters:
    The seed writes "Penurunan kinerja disebabkan karena ..." under
    indicators whose capaian stayed at 100%, and "mengalami peningkatan"
    where 2023 and 2024 are both 100%.

Bad:
    capaian 100% in 2023 and 2024, ``penyebab: "Penurunan kinerja disebabkan karena: ..."``.

Good:
    capaian 90% after 85%: "Capaian tahun 2024 mengalami peningkatan dibandingkan tahun 2023."
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from lakip_cli.checks.narrative import (
    MULTI_YEAR,
    NEGATIONS,
    PURPOSE,
    excerpt,
    figure_of,
    indicator_passages,
    is_conditional,
    sentences,
    words_before,
    year_at,
    years_named,
)
from lakip_cli.compute.report import IndikatorReport, Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import persen, round2

CODE = "LK014"
NAME = "narasi-tren"
SEVERITY: Severity = "warning"
SUMMARY = "Narasi menyebut peningkatan/penurunan/tetap yang bertentangan dengan capaian tahun sebelumnya"

_EVIDENCE = r"(?:mengalami|terjadi|ada|adanya|terdapat|menunjukkan|menunjukan)\s+"
# (pattern, direction, readable also for negative polarity)
CLAIMS = (
    (re.compile(r"\bmeningkat\b|\b" + _EVIDENCE + r"(?:peningkatan|kenaikan)\b", re.I), "naik", False),
    (re.compile(r"\bmenurun\b|\b" + _EVIDENCE + r"penurunan\b", re.I), "turun", False),
    (re.compile(r"\blebih\s+baik(?:nya)?\b", re.I), "naik", True),
    (re.compile(r"\b(?:peningkatan|kenaikan)\s+(?:kinerja|capaian)\s+(?:ini\s+)?(?:disebabkan|dikarenakan|karena)\b",
                re.I), "naik", True),
    (re.compile(r"\blebih\s+(?:buruk|rendah)\b|\bpenurunan\s+(?:kinerja|capaian)\b", re.I), "turun", True),
    (re.compile(r"\btetap\s+sama\b|\b(?:tidak|belum)\s+(?:mengalami\s+)?(?:perubahan|berubah)\b", re.I), "tetap", True),
)
_ABOUT_RESULTS = re.compile(r"capaian|kinerja|realisasi|indikator|tercapai|pencapaian", re.I)
_VERSUS_TARGET = re.compile(r"\W*(?:\w+\W+){0,3}?target\b", re.I)
ALLOWED = {
    ("naik", False): {"naik"}, ("naik", True): {"turun", "tetap"},
    ("turun", False): {"turun"}, ("turun", True): {"naik", "tetap"},
    ("tetap", False): {"tetap"},
}
WORD = {"naik": "peningkatan", "turun": "penurunan", "tetap": "tidak ada perubahan"}


def direction(current: Decimal, before: Decimal) -> str:
    a, b = round2(current), round2(before)
    return "naik" if a > b else "turun" if a < b else "tetap"


def baselines(ind: IndikatorReport, sentence: str, year: int) -> list[tuple[int, Decimal]]:
    """(year, capaian) of every year the sentence may be comparing the report year with."""
    years = {year - 1} | {y for y in years_named(sentence, year) if y < year}
    earlier = [yf for yf in ind.seri if yf.tahun < year and yf.capaian is not None]
    if MULTI_YEAR.search(sentence) and earlier:
        years |= {yf.tahun for yf in earlier}
    out = []
    for y in sorted(years, reverse=True):
        yf = figure_of(ind, y)
        if yf is not None and yf.capaian is not None:
            out.append((y, yf.capaian))
    return out


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        if ind.capaian is None:
            continue
        negative = ind.model.polaritas == "negatif"
        for passage in indicator_passages(ind):
            seen: set[str] = set()
            for s in sentences(passage.text):
                if is_conditional(s.text) or not _ABOUT_RESULTS.search(s.text):
                    continue
                for pattern, claimed, unambiguous in CLAIMS:
                    if negative and not unambiguous:
                        continue
                    for m in pattern.finditer(s.text):
                        before = words_before(s.text, m.start(), 3)
                        negated = claimed != "tetap" and bool(before) and before[-1] in NEGATIONS
                        if (not negated and any(w in PURPOSE for w in before)) or _VERSUS_TARGET.match(s.text, m.end()):
                            continue
                        if year_at(s.text, m.start(), report.year) != report.year:
                            continue
                        bases = baselines(ind, s.text, report.year)
                        allowed = ALLOWED[(claimed, negated)]
                        if not bases or any(direction(ind.capaian, c) in allowed for _, c in bases):
                            continue
                        key = f"{claimed}{negated}"
                        if key in seen:
                            continue
                        seen.add(key)
                        y, c = bases[0]
                        actual = direction(ind.capaian, c)
                        quote = excerpt(passage.text, s.start + m.start(), s.start + m.end())
                        said = ("tidak ada " if negated else "") + WORD[claimed]
                        yield Diagnostic(
                            passage.at(s.start + m.start()), CODE, SEVERITY,
                            f"{ind.id}: narasi menyatakan {said} (\"{quote}\"), padahal capaian {report.year} "
                            f"{persen(ind.capaian)} dibanding {y} {persen(c)}: {WORD[actual]}",
                        )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Pernyataan tren tentang capaian tahun laporan di narasi indikator (\"meningkat\", \"mengalami "
        "penurunan\", \"lebih baik\", \"tetap sama\", termasuk bentuk ingkarnya) dibandingkan dengan capaian "
        "terhitung tahun sebelumnya, atau tahun-tahun yang disebut kalimat itu."
    ),
    "mengapa": (
        "Laporan asal menulis \"Penurunan kinerja disebabkan karena ...\" pada indikator yang capaiannya "
        "tetap 100%, dan \"mengalami peningkatan\" padahal 2023 dan 2024 sama-sama 100%."
    ),
    "salah": "capaian 100% pada 2023 dan 2024, `penyebab: \"Penurunan kinerja disebabkan karena: ...\"`.",
    "benar": "capaian 90% setelah 85%: \"Capaian tahun 2024 mengalami peningkatan dibandingkan tahun 2023.\"",
}
