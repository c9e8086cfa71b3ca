"""LK037 predikat-skala: a predicate in the narrative that is not on the configured scale, or not the computed one.

What it checks:
    The word after "predikat", "kategori" or "katagori" (optionally
    "kinerja"/"capaian"/"yang") in any narrative. When it is a word of
    judgement ("berhasil", "sukses", "baik", "cukup", "kurang", "gagal",
    "memuaskan", ...) but no label of the scale in lakip.yaml
    kebijakan.skala_predikat starts there, it is flagged with the scale's
    labels. In an indicator's narrative a label of the scale that is neither
    the indicator's computed predicate nor its sasaran's is flagged too.
    Other words ("predikat B" of the SAKIP evaluation, "kategori ormas")
    are left alone. One finding per predicate word and passage.

Why it matters:
    The document's tables print the predicate of the configured scale
    (Sangat Tinggi ... Sangat Rendah). The seed's narrative says "predikat
    berhasil" and "dalam katagori berhasil": a word no table shows, which
    the reader cannot match to the scale the report declares.

Bad:
    skala Sangat Tinggi/Tinggi/Sedang/Rendah/Sangat Rendah and "menunjukan
    predikat berhasil yaitu mempunyai nilai capaian 100 %".

Good:
    "menunjukkan predikat Sangat Tinggi dengan capaian 100%".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import all_passages, excerpt
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK037"
NAME = "predikat-skala"
SEVERITY: Severity = "warning"
SUMMARY = "Predikat dalam narasi tidak ada pada skala predikat lakip.yaml atau berbeda dengan predikat terhitung"

_AFTER = re.compile(
    r"\b(?:predikat|kategori|katagori)\b(?:\s+(?:kinerja|capaian|nilai))?(?:\s+yang)?\s*[\"“'(]?\s*(?=\w)",
    re.IGNORECASE,
)
# Words of judgement: a predicate, whatever scale it comes from.
_JUDGEMENT = frozenset({"berhasil", "sukses", "baik", "cukup", "kurang", "gagal", "memuaskan", "optimal",
                        "istimewa", "buruk", "sangat", "amat", "tinggi", "sedang", "rendah", "tercapai", "bagus",
                        "lulus", "terbaik", "cemerlang"})
_WORD = re.compile(r"\w+")


def _label_at(text: str, pos: int, labels: list[str]) -> str | None:
    for label in labels:  # longest first: "Sangat Tinggi" before "Tinggi"
        words = label.split()
        got = _WORD.findall(text[pos: pos + len(label) + 8])[: len(words)]
        if [w.lower() for w in got] == [w.lower() for w in words]:
            return label
    return None


def check(report: Report) -> Iterator[Diagnostic]:
    labels = sorted((band.label for band in report.project.settings.model.kebijakan.skala_predikat),
                    key=lambda label: -len(label.split()))
    shown = ", ".join(band.label for band in report.project.settings.model.kebijakan.skala_predikat)
    sasaran_predikat = {s.id: s.predikat for s in report.sasaran}
    for passage in all_passages(report):
        seen: set[str] = set()  # one finding per predicate and passage
        for m in _AFTER.finditer(passage.text):
            word = _WORD.match(passage.text, m.end())
            if word is None:
                continue
            label = _label_at(passage.text, m.end(), labels)
            key = (label or word.group()).lower()
            if key in seen:
                continue
            seen.add(key)
            ind = passage.indikator
            quote = excerpt(passage.text, m.start(), word.end())
            owner = f"{ind.id}: " if ind else f"{passage.label}: "
            if label is None and word.group().lower() in _JUDGEMENT:
                yield Diagnostic(passage.at(m.start()), CODE, SEVERITY,
                                 f"{owner}narasi menyebut predikat \"{word.group()}\" (\"{quote}\") yang tidak ada "
                                 f"pada skala predikat lakip.yaml ({shown})")
            elif label is not None and ind is not None:
                computed = {ind.predikat, sasaran_predikat.get(ind.sasaran_id)} - {None}
                if computed and label not in computed:
                    yield Diagnostic(passage.at(m.start()), CODE, SEVERITY,
                                     f"{owner}narasi menyebut predikat {label} (\"{quote}\"), padahal predikat "
                                     f"terhitung {' / '.join(sorted(c for c in computed if c))}")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Kata setelah \"predikat\", \"kategori\" atau \"katagori\" di narasi mana pun. Bila kata itu kata "
        "penilaian (\"berhasil\", \"sukses\", \"baik\", \"cukup\", \"kurang\", \"gagal\", \"memuaskan\", ...) "
        "tetapi bukan label skala di lakip.yaml kebijakan.skala_predikat, kata itu ditandai. Di narasi "
        "indikator, label skala yang bukan predikat terhitung indikator itu maupun sasarannya juga ditandai. "
        "Kata lain (\"predikat B\" hasil evaluasi SAKIP, \"kategori ormas\") tidak diperiksa."
    ),
    "mengapa": (
        "Tabel dokumen mencetak predikat dari skala yang diatur (Sangat Tinggi ... Sangat Rendah). Narasi "
        "laporan asal menulis \"predikat berhasil\" dan \"dalam katagori berhasil\": kata yang tidak ada di "
        "tabel mana pun dan tidak dapat dicocokkan pembaca dengan skala yang dinyatakan laporan."
    ),
    "salah": (
        "skala Sangat Tinggi/Tinggi/Sedang/Rendah/Sangat Rendah dan \"menunjukan predikat berhasil yaitu "
        "mempunyai nilai capaian 100 %\"."
    ),
    "benar": "\"menunjukkan predikat Sangat Tinggi dengan capaian 100%\".",
}
