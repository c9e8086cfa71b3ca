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
    are read. Polarity 'rentang' (a range target, below and above it both a
    miss) is ambiguous in the same way, and "lebih rendah" as well (a
    lower realisasi may leave the range or enter it): there "better" means
    nearer to or inside the range, which is what its capaian measures (100
    inside, R / lower bound below, upper bound / R above), so "lebih
    baik/buruk", "penurunan kinerja", "tetap sama" and "mendekati/lebih dekat
    ke rentang", "menjauhi/lebih jauh dari rentang" are read against the
    capaian, and the message states where each year's realisasi lay.

Why it matters:
    The seed writes "Penurunan kinerja disebabkan karena ..." under
    indicators whose capaian stayed at 100%, and "mengalami peningkatan"
    where 2023 and 2024 are both 100%.

Bad:
    capaian 100% in 2023 and 2024, ``penyebab: "Penurunan kinerja disebabkan karena: ..."``.

Good:
    capaian 90% after 85%: "Capaian tahun 2024 mengalami peningkatan dibandingkan tahun 2023."
    Bed occupancy 88,2% above 60-85% (96,37%) after 55% below 60-80% (91,67%):
    "Capaian tahun 2024 lebih baik karena realisasi lebih dekat ke rentang target."
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
from lakip_cli.compute.report import IndikatorReport, Report, jarak
from lakip_cli.compute.series import YearFigure
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import angka, dengan_satuan, is_persen, persen, round2
from lakip_cli.source.models import Rentang

CODE = "LK014"
NAME = "narasi-tren"
SEVERITY: Severity = "warning"
SUMMARY = "Narasi menyebut peningkatan/penurunan/tetap yang bertentangan dengan capaian tahun sebelumnya"

_EVIDENCE = r"(?:mengalami|terjadi|ada|adanya|terdapat|menunjukkan|menunjukan)\s+"
_ALL = frozenset({"positif", "negatif", "rentang"})
_RANGE = r"(?:ke\s+|dari\s+)?(?:dalam\s+)?rentang(?:\s+target)?\b"
# (pattern, direction, the polarities it is read on): a bare verb says where the realisasi went, which is the
# capaian's direction only on a positive indicator.
CLAIMS = (
    (re.compile(r"\bmeningkat\b|\b" + _EVIDENCE + r"(?:peningkatan|kenaikan)\b", re.I), "naik",
     frozenset({"positif"})),
    (re.compile(r"\bmenurun\b|\b" + _EVIDENCE + r"penurunan\b", re.I), "turun", frozenset({"positif"})),
    (re.compile(r"\blebih\s+baik(?:nya)?\b", re.I), "naik", _ALL),
    (re.compile(r"\b(?:peningkatan|kenaikan)\s+(?:kinerja|capaian)\s+(?:ini\s+)?(?:disebabkan|dikarenakan|karena)\b",
                re.I), "naik", _ALL),
    (re.compile(r"\blebih\s+buruk\b|\bpenurunan\s+(?:kinerja|capaian)\b", re.I), "turun", _ALL),
    (re.compile(r"\blebih\s+rendah\b", re.I), "turun", frozenset({"positif", "negatif"})),
    (re.compile(r"\btetap\s+sama\b|\b(?:tidak|belum)\s+(?:mengalami\s+)?(?:perubahan|berubah)\b", re.I), "tetap",
     _ALL),
    # On a range both ways: nearer to or into the range is a rising capaian, away from it a falling one.
    (re.compile(r"\b(?:(?:lebih|makin|semakin)\s+dekat\s+|mendekati\s+|masuk\s+)" + _RANGE, re.I), "naik",
     frozenset({"rentang"})),
    (re.compile(r"\b(?:(?:lebih|makin|semakin)\s+jauh\s+|menjauhi\s+|menjauh\s+|keluar\s+)" + _RANGE, re.I),
     "turun", frozenset({"rentang"})),
)
_ABOUT_RESULTS = re.compile(r"capaian|kinerja|realisasi|indikator|tercapai|pencapaian", re.I)
_VERSUS_TARGET = re.compile(r"\W*(?:\w+\W+){0,3}?target\b", re.I)
ALLOWED = {
    ("naik", False): {"naik"}, ("naik", True): {"turun", "tetap"},
    ("turun", False): {"turun"}, ("turun", True): {"naik", "tetap"},
    ("tetap", False): {"tetap"},
}
WORD = {"naik": "peningkatan", "turun": "penurunan", "tetap": "tidak ada perubahan"}
# What a capaian's direction means on a range both ways.
RANGE_WORD = {"naik": "realisasi lebih dekat ke rentang target", "turun": "realisasi lebih jauh dari rentang target",
              "tetap": "sama jauh dari rentang target"}


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


def _range_text(target: Rentang, satuan: str) -> str:
    return f"{angka(target.bawah)}–{angka(target.atas)}{'%' if is_persen(satuan) else ' ' + satuan}"


def _where(yf: YearFigure, satuan: str) -> str | None:
    """Where one year's realisasi lay against that year's range: '88,2% di atas rentang 60–85%'."""
    if yf.realisasi is None or not isinstance(yf.target, Rentang):
        return None
    off = jarak(yf.target, yf.realisasi)
    side = "di dalam" if off is None else "di bawah" if off.di_bawah else "di atas"
    return f"{yf.tahun}: {dengan_satuan(yf.realisasi, satuan)} {side} rentang {_range_text(yf.target, satuan)}"


def _range_note(ind: IndikatorReport, year: int, before: int, actual: str) -> str:
    """On a range both ways, what the capaian's direction means and where the realisasi lay in both years."""
    now, then = figure_of(ind, year), figure_of(ind, before)
    places = [w for w in (now and _where(now, ind.satuan), then and _where(then, ind.satuan)) if w]
    return f" ({RANGE_WORD[actual]}{'; ' + '; '.join(places) if places else ''})"


def check(report: Report) -> Iterator[Diagnostic]:
    for ind in report.indikator:
        if ind.capaian is None:
            continue
        polaritas = ind.model.polaritas
        for passage in indicator_passages(ind):
            seen: set[str] = set()
            for s in sentences(passage.text):
                if is_conditional(s.text) or not _ABOUT_RESULTS.search(s.text):
                    continue
                for pattern, claimed, readable in CLAIMS:
                    if polaritas not in readable:
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
                        note = _range_note(ind, report.year, y, actual) if polaritas == "rentang" else ""
                        yield Diagnostic(
                            passage.at(s.start + m.start()), CODE, SEVERITY,
                            f"{ind.id}: narasi menyatakan {said} (\"{quote}\"), padahal capaian {report.year} "
                            f"{persen(ind.capaian)} dibanding {y} {persen(c)}: {WORD[actual]}{note}",
                        )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Pernyataan tren tentang capaian tahun laporan di narasi indikator (\"meningkat\", \"mengalami "
        "penurunan\", \"lebih baik\", \"tetap sama\", termasuk bentuk ingkarnya) dibandingkan dengan capaian "
        "terhitung tahun sebelumnya, atau tahun-tahun yang disebut kalimat itu. Pada indikator negatif dan "
        "berpolaritas rentang, kata \"meningkat/menurun\" saja tidak dibaca (realisasi yang turun dapat berarti "
        "capaian naik). Pada polaritas rentang, \"lebih baik\" berarti realisasi lebih dekat ke atau masuk ke "
        "rentang target (capaiannya naik), bukan lebih tinggi atau lebih rendah; \"mendekati/lebih dekat ke "
        "rentang\" dan \"menjauhi/lebih jauh dari rentang\" juga dibaca."
    ),
    "mengapa": (
        "Laporan asal menulis \"Penurunan kinerja disebabkan karena ...\" pada indikator yang capaiannya "
        "tetap 100%, dan \"mengalami peningkatan\" padahal 2023 dan 2024 sama-sama 100%."
    ),
    "salah": "capaian 100% pada 2023 dan 2024, `penyebab: \"Penurunan kinerja disebabkan karena: ...\"`.",
    "benar": "capaian 90% setelah 85%: \"Capaian tahun 2024 mengalami peningkatan dibandingkan tahun 2023.\" "
             "BOR 88,2% di atas rentang 60–85% (capaian 96,37%) setelah 55% di bawah rentang 60–80% (91,67%): "
             "\"Capaian tahun 2024 lebih baik karena realisasi lebih dekat ke rentang target.\"",
}
