"""LK033 janji-lampiran: the text promises an annex or a list that the report does not have.

What it checks:
    Every narrative text for two promises:

    - an annex: "(terlampir)", "sebagaimana terlampir", "pada lampiran". The
      sentence says what is annexed; the promise holds when the report has it:
      sarana/prasarana (instansi.yaml ``sarana_prasarana``, printed as a
      table), the organisation chart (``bagan_organisasi``), the SWOT analysis
      (``swot``), or the Perjanjian Kinerja (always in the LAMPIRAN). Any other
      annex is not in the report.
    - a list: a text that ends with a colon or with "berikut (ini)" ("Berikut
      ini analisa SWOT :"). It holds when the document prints the list right
      after that text: ``tugas_pokok`` is followed by ``fungsi``, ``sarana``
      by the ``sarana_prasarana`` table, ``permasalahan_strategis`` by the
      ``swot`` table, ``dasar_struktur`` by ``struktur``, and the two
      introductions of perencanaan.yaml by the Renstra and Perjanjian
      Kinerja tables. After
      any other text comes the next heading.

    One warning per text and kind of promise, the first broken annex
    promise quoted, with the count.

Why it matters:
    A promise of a table that never comes is copied text: the seed's BAB I
    says "(terlampir)" of an inventory it never annexes and ends its
    Permasalahan Strategis with "Berikut ini analisa SWOT :" and nothing.

Bad:
    ``sarana: "... didukung sarana dan prasarana (terlampir)"`` with no ``sarana_prasarana``.

Good:
    the same with ``sarana_prasarana: [{uraian: Kendaraan roda empat, jumlah: 2, satuan: unit}]``;
    or "... didukung sarana dan prasarana kantor yang memadai."
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from lakip_cli.checks.narrative import Passage, all_passages, excerpt, sentences, times
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK033"
NAME = "janji-lampiran"
SEVERITY: Severity = "warning"
SUMMARY = "Narasi menjanjikan lampiran (\"terlampir\") atau daftar (\"berikut ini :\") yang tidak ada di laporan"

_ANNEX = re.compile(r"\bterlampir\b|\b(?:pada|di|dalam)\s+lampiran\b", re.IGNORECASE)
_LIST_END = re.compile(r"(?::|\bberikut(?:\s+ini)?\s*[.:]?)\s*$", re.IGNORECASE)

Filled = Callable[[Report], bool]
# What an annex is of (found in its sentence), whether the report has it, and the field that holds it.
_SUBJECTS: tuple[tuple[re.Pattern[str], str, Filled, str | None], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), what, filled, field) for pattern, what, filled, field in (
        (r"\b(?:sarana|prasarana|inventaris)\b", "sarana dan prasarana",
         lambda r: bool(r.project.instansi.model.sarana_prasarana), "instansi.yaml: sarana_prasarana"),
        (r"\b(?:struktur\s+organisasi|bagan)\b", "bagan struktur organisasi",
         lambda r: bool(r.project.instansi.model.bagan_organisasi), "instansi.yaml: bagan_organisasi"),
        (r"\bswot\b", "analisis SWOT", lambda r: r.project.instansi.model.swot is not None, "instansi.yaml: swot"),
        (r"\b(?:perjanjian\s+kinerja|PK)\b", "Perjanjian Kinerja", lambda r: True, None),
    )
)


def _instansi(field: str, filled: Filled, what: str) -> tuple[str, str, Filled, str]:
    return ("instansi", field, filled, what)


# The texts the document follows with a list or a table, and whether that list has rows.
_FOLLOWED: tuple[tuple[str, str, Filled, str], ...] = (
    _instansi("tugas_pokok", lambda r: bool(r.project.instansi.model.fungsi), "daftar fungsi (instansi.yaml: fungsi)"),
    _instansi("sarana", lambda r: bool(r.project.instansi.model.sarana_prasarana),
              "tabel sarana dan prasarana (instansi.yaml: sarana_prasarana)"),
    _instansi("permasalahan_strategis", lambda r: r.project.instansi.model.swot is not None,
              "tabel analisis SWOT (instansi.yaml: swot)"),
    _instansi("dasar_struktur", lambda r: bool(r.project.instansi.model.struktur),
              "daftar struktur organisasi (instansi.yaml: struktur)"),
    ("perencanaan", "pengantar_renstra", lambda r: True, "tabel Renstra"),
    ("perencanaan", "pengantar_iku", lambda r: True, "tabel Perjanjian Kinerja"),
)


def _followed_by(report: Report, passage: Passage) -> tuple[bool, str | None]:
    """(whether the document prints a list right after this text, what that list is) for a text ending in ':'."""
    p = report.project
    docs = {"instansi": p.instansi.doc, "perencanaan": p.perencanaan.doc}
    for file, field, filled, what in _FOLLOWED:
        if passage.doc is docs[file] and passage.path == (field,):
            return filled(report), what
    return False, None


Subject = tuple[str, Filled, str | None]


def _annex_subjects(sentence: str, annexes: list[re.Match[str]]) -> list[Subject | None]:
    """What each annex promised in a sentence is of: the subject named last before it, else the first after it."""
    named = sorted((m.start(), (what, filled, field)) for pattern, what, filled, field in _SUBJECTS
                   for m in pattern.finditer(sentence))
    starts = [at for at, _ in named]
    out: list[Subject | None] = []
    for annex in annexes:
        n = bisect.bisect_left(starts, annex.start())
        out.append(named[n - 1][1] if n else named[0][1] if named else None)
    return out


def _broken_annexes(report: Report, text: str) -> list[tuple[int, re.Match[str], Subject | None]]:
    """(offset in text, match, subject) of every annex promise the report does not keep."""
    broken = []
    for s in sentences(text):
        annexes = list(_ANNEX.finditer(s.text))
        if not annexes:
            continue
        for annex, subject in zip(annexes, _annex_subjects(s.text, annexes), strict=True):
            if subject is None or not subject[1](report):
                broken.append((s.start + annex.start(), annex, subject))
    return broken


def check(report: Report) -> Iterator[Diagnostic]:
    for passage in all_passages(report):
        text = passage.text
        broken = _broken_annexes(report, text)
        if broken:
            at, annex, subject = broken[0]
            quote = excerpt(text, at, at + len(annex.group()))
            many = times(len(broken))
            if subject is None:
                why = "laporan ini hanya melampirkan Perjanjian Kinerja"
            else:
                why = f"{subject[0]} tidak ada di laporan ({subject[2]} kosong)"
            yield Diagnostic(passage.at(at), CODE, SEVERITY,
                             f"{passage.label} menjanjikan lampiran '{annex.group()}'{many} (\"{quote}\"), tetapi "
                             f"{why}; isi datanya atau hapus janji lampiran itu")
        if _LIST_END.search(text) is None:
            continue
        filled, listed = _followed_by(report, passage)
        if filled:
            continue
        last = sentences(text)[-1]
        quote = excerpt(text, last.start, len(text))
        after = f"{listed} kosong" if listed else "sesudahnya langsung judul berikutnya"
        yield Diagnostic(passage.at(last.start), CODE, SEVERITY,
                         f"{passage.label} diakhiri janji daftar (\"{quote}\"), tetapi tidak ada yang menyusul: "
                         f"{after}; isi daftarnya atau ubah kalimat itu")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap teks narasi dicari dua janji. Janji lampiran: \"(terlampir)\", \"sebagaimana terlampir\", \"pada "
        "lampiran\"; kalimatnya menyebut apa yang dilampirkan, dan janji itu benar bila laporan memuatnya: sarana "
        "dan prasarana (instansi.yaml `sarana_prasarana`, dicetak sebagai tabel), bagan struktur organisasi "
        "(`bagan_organisasi`), analisis SWOT (`swot`), atau Perjanjian Kinerja (selalu ada di LAMPIRAN); lampiran "
        "lain tidak ada di laporan. Janji daftar: teks yang diakhiri titik dua atau \"berikut (ini)\" (\"Berikut "
        "ini analisa SWOT :\"); benar bila dokumen langsung mencetak daftarnya: `tugas_pokok` diikuti "
        "daftar `fungsi`, `sarana` diikuti tabel `sarana_prasarana`, `permasalahan_strategis` diikuti tabel "
        "`swot`, `dasar_struktur` diikuti `struktur`, "
        "pengantar di perencanaan.yaml diikuti tabel Renstra dan Perjanjian Kinerja. Teks lain langsung diikuti "
        "judul berikutnya."
    ),
    "mengapa": (
        "Janji tabel yang tidak pernah muncul adalah teks salinan: BAB I laporan asal menulis \"(terlampir)\" untuk "
        "daftar inventaris yang tidak dilampirkan, dan menutup Permasalahan Strategis dengan \"Berikut ini analisa "
        "SWOT :\" tanpa isi."
    ),
    "salah": "`sarana: \"... didukung sarana dan prasarana (terlampir)\"` tanpa `sarana_prasarana`.",
    "benar": (
        "Teks yang sama dengan `sarana_prasarana: [{uraian: Kendaraan roda empat, jumlah: 2, satuan: unit}]`; atau "
        "\"... didukung sarana dan prasarana kantor yang memadai.\""
    ),
}
