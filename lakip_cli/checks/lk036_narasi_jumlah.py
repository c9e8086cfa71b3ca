"""LK036 narasi-jumlah: a count of indicators or sasaran in the narrative that the data does not have.

What it checks:
    Counts written in any narrative: "sebelas indikator", "11 (sebelas)
    indikator kinerja", "jumlah indikator kinerja 1 (satu)", "7 sasaran
    strategis", in digits, in words (up to 999) or both. A count of
    indicators is checked against the indicators of the Perjanjian Kinerja;
    in an indicator's narrative a sentence that also names "sasaran" counts
    the indicators of that indicator's sasaran. Where the sentence speaks of
    meeting targets ("2 indikator belum tercapai"), the number of indicators
    with that outcome is also accepted. A count of sasaran is checked against
    the sasaran of perencanaan.yaml or those of the Perjanjian Kinerja
    (sentences about outcomes are skipped).
    Separately, a number written as digits and words that disagree with each
    other ("5 (enam)") is flagged wherever it stands. One finding per wrong
    value and passage.

Why it matters:
    The seed writes "pencapaian sasaran ... dengan jumlah indikator kinerja
    1 (satu)" for a sasaran that holds five indicators in its own Perjanjian
    Kinerja. A reviewer counts the rows of the table; a wrong count casts
    doubt on every figure near it.

Bad:
    sasaran S1 with IK01..IK05 and "sasaran ... dengan jumlah indikator
    kinerja 1 (satu)"; "terdapat 3 (empat) indikator".

Good:
    "sasaran S1 diukur dengan 5 (lima) indikator kinerja"; "dari 11 (sebelas)
    indikator, 9 (sembilan) mencapai target".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import (
    NUMBER_WORDS,
    Passage,
    all_passages,
    excerpt,
    is_conditional,
    parse_kata_bilangan,
    sentences,
    words_before,
)
from lakip_cli.compute.report import IndikatorReport, Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK036"
NAME = "narasi-jumlah"
SEVERITY: Severity = "warning"
SUMMARY = "Jumlah indikator/sasaran dalam narasi berbeda dengan data, atau angka dan huruf bilangannya tidak sama"

_NUM = (r"(?:(?P<digits>(?<![\w.,-])\d{1,3})(?:\s*\(\s*(?P<kata>[a-z][a-z\s-]{0,60}?)\s*\))?"
        rf"|(?P<words>{NUMBER_WORDS.pattern}))")
_NOT_AFTER = r"(?!\s*(?:%|persen\b|[.,]\d))"
_NOUN = r"(?P<noun>indikator|sasaran)"
_COUNT = re.compile(
    rf"{_NUM}\s+{_NOUN}\b"  # sebelas indikator, 11 (sebelas) indikator
    rf"|\b(?:jumlah|banyaknya)\s+{_NOUN.replace('noun', 'noun2')}(?:\s+(?:kinerja(?:\s+utama)?|strategis))?\s+"
    rf"(?:(?:adalah|yaitu|ada|sebanyak|sejumlah|berjumlah)\s+)?{_NUM.replace('?P<', '?P<b_')}{_NOT_AFTER}",
    re.IGNORECASE,
)
_PAIR = re.compile(r"(?<![\w.,])(\d{1,3})\s*\(\s*([a-z][a-z\s-]{0,60}?)\s*\)", re.IGNORECASE)
_OUTCOME = re.compile(r"\b(?:tercapai|mencapai|melampaui|melebihi|memenuhi|belum|tidak|terukur)\b",
                      re.IGNORECASE)
_SASARAN = re.compile(r"\bsasaran\b", re.IGNORECASE)
_NOUNS = re.compile("indikator|sasaran", re.IGNORECASE)  # what every count of _COUNT holds


def _value(m: re.Match[str], prefix: str) -> int | None:
    digits, words = m.group(prefix + "digits"), m.group(prefix + "words")
    if digits:
        return int(digits)
    return parse_kata_bilangan(words) if words else None


def _by_outcome(scope: list[IndikatorReport]) -> set[int]:
    statuses = [i.status for i in scope]
    met = statuses.count("melampaui") + statuses.count("tercapai")
    short = statuses.count("belum_tercapai") + statuses.count("belum_terukur")
    return {met, short, *(statuses.count(s) for s in ("melampaui", "tercapai", "belum_tercapai", "belum_terukur"))}


def _indicators_allowed(report: Report, passage: Passage, sentence: str) -> tuple[set[int], str]:
    scope = list(report.indikator)
    where = "Perjanjian Kinerja"
    ind = passage.indikator
    if ind is not None and _SASARAN.search(sentence):
        scope = [i for i in report.indikator if i.sasaran_id == ind.sasaran_id]
        where = f"sasaran {ind.sasaran_id}"
    allowed = {len(scope)}
    if _OUTCOME.search(sentence):
        allowed |= _by_outcome(scope)
    return allowed, f"{where} memuat {len(scope)} indikator"


def _counts(report: Report, passage: Passage) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int]] = set()  # one finding per wrong count and passage
    for s in sentences(passage.text):
        if not _NOUNS.search(s.text) or is_conditional(s.text):
            continue  # no count can stand in a sentence without its noun
        # What a count may be depends on the sentence only: worked out once, at its first count.
        allowed: dict[str, tuple[set[int], str] | None] = {}
        for m in _COUNT.finditer(s.text):
            prefix = "" if m.group("noun") else "b_"
            noun = (m.group("noun") or m.group("noun2")).lower()
            value = _value(m, prefix)
            if value is None or (prefix == "" and words_before(s.text, m.start(), 1) == ["salah"]):
                continue
            if noun not in allowed:
                if noun == "indikator":
                    allowed[noun] = _indicators_allowed(report, passage, s.text)
                else:  # sasaran are not counted by outcome
                    listed = len(report.project.perencanaan.model.sasaran)
                    allowed[noun] = None if _OUTCOME.search(s.text) else (
                        {len(report.sasaran), listed}, f"perencanaan.yaml memuat {listed} sasaran")
            rule = allowed[noun]
            if rule is None or value in rule[0] or (noun, value) in seen:
                continue
            seen.add((noun, value))
            quote = excerpt(passage.text, s.start + m.start(), s.start + m.end())
            owner = f"{passage.indikator.id}: " if passage.indikator else f"{passage.label}: "
            yield Diagnostic(passage.at(s.start + m.start()), CODE, SEVERITY,
                             f"{owner}narasi menyebut {value} {noun} (\"{quote}\"), padahal {rule[1]}")


def _pairs(passage: Passage) -> Iterator[Diagnostic]:
    seen: set[tuple[int, int]] = set()
    for m in _PAIR.finditer(passage.text):
        written = parse_kata_bilangan(m.group(2))
        if written is None or written == int(m.group(1)) or (int(m.group(1)), written) in seen:
            continue
        seen.add((int(m.group(1)), written))
        quote = excerpt(passage.text, m.start(), m.end())
        yield Diagnostic(passage.at(m.start()), CODE, SEVERITY,
                         f"{passage.label}: angka {m.group(1)} ditulis dengan huruf \"{m.group(2)}\" ({written}) "
                         f"(\"{quote}\"); samakan angka dan hurufnya")


def check(report: Report) -> Iterator[Diagnostic]:
    for passage in all_passages(report):
        yield from _counts(report, passage)
        yield from _pairs(passage)


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Jumlah yang ditulis di narasi mana pun: \"sebelas indikator\", \"11 (sebelas) indikator kinerja\", "
        "\"jumlah indikator kinerja 1 (satu)\", \"7 sasaran strategis\" (angka, huruf sampai 999, atau "
        "keduanya). Jumlah indikator dibandingkan dengan indikator Perjanjian Kinerja; di narasi indikator, "
        "kalimat yang juga menyebut \"sasaran\" dibandingkan dengan jumlah indikator pada sasaran indikator "
        "itu. Bila kalimatnya tentang capaian (\"2 indikator belum tercapai\"), jumlah indikator dengan hasil "
        "itu juga diterima. Jumlah sasaran dibandingkan dengan sasaran di perencanaan.yaml atau di Perjanjian "
        "Kinerja. Selain itu, angka yang ditulis dengan angka dan huruf yang tidak sama (\"5 (enam)\") ditandai "
        "di mana pun."
    ),
    "mengapa": (
        "Laporan asal menulis \"pencapaian sasaran ... dengan jumlah indikator kinerja 1 (satu)\" untuk "
        "sasaran yang di Perjanjian Kinerjanya sendiri memuat lima indikator. Penilai menghitung baris "
        "tabel; jumlah yang salah meragukan setiap angka di dekatnya."
    ),
    "salah": (
        "sasaran S1 dengan IK01..IK05 dan \"sasaran ... dengan jumlah indikator kinerja 1 (satu)\"; "
        "\"terdapat 3 (empat) indikator\"."
    ),
    "benar": (
        "\"sasaran S1 diukur dengan 5 (lima) indikator kinerja\"; \"dari 11 (sebelas) indikator, 9 "
        "(sembilan) mencapai target\"."
    ),
}
