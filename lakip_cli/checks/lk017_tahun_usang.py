"""LK017 tahun-usang: narrative mentions a past year the report does not cover.

What it checks:
    Years (19xx/20xx) before the report year in every narrative text: the
    report's own texts (kata pengantar, ikhtisar, kesimpulan, langkah
    mendatang), the agency's (latar belakang, tugas, ...), the Renstra
    introductions, and each indicator's analyses. Not flagged: the first and
    last year of the Renstra period; in an indicator's narrative, the years
    of its multi-year series, history and Renstra targets; years inside a
    regulation citation ("Nomor 33 Tahun 2020", "53/2014"), a period
    ("Tahun 2021 – 2026") or a full date ("27 April 1999"); in the general
    texts, a year in a sentence that compares ("dibandingkan", "tahun lalu").

Why it matters:
    Texts copied from last year's report keep last year's number: the seed's
    Kata Pengantar for 2024 says it presents what was achieved "selama Tahun
    2023".

Bad:
    report year 2024, ``kata_pengantar: "... kinerja yang telah diwujudkan selama Tahun 2023 ..."``.

Good:
    "... selama Tahun 2024 ..."; "... berdasarkan Peraturan Walikota Metro Nomor 39 Tahun 2019 ...".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import Passage, all_passages, excerpt, free_years, sentences
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK017"
NAME = "tahun-usang"
SEVERITY: Severity = "warning"
SUMMARY = "Narasi menyebut tahun lampau yang tidak dicakup laporan (mis. tersalin dari laporan tahun lalu)"

_COMPARISON = re.compile(r"\b(?:dibanding\w*|banding\w*|daripada|sebelumnya|tahun\s+lalu|semula)\b", re.IGNORECASE)


def allowed_years(report: Report, passage: Passage) -> set[int]:
    ren = report.project.perencanaan.model
    years = {report.year, ren.periode_awal, ren.periode_akhir}
    ind = passage.indikator
    if ind is not None:
        years |= {yf.tahun for yf in ind.seri}
        years |= {row.tahun for row in ind.model.riwayat}
        years |= set(ind.model.renstra.target_tahunan)
    return years


def check(report: Report) -> Iterator[Diagnostic]:
    for passage in all_passages(report):
        allowed = allowed_years(report, passage)
        reported: set[int] = set()
        for s in sentences(passage.text):
            comparing = passage.indikator is None and _COMPARISON.search(s.text)
            for start, end, year in free_years(s.text):
                if year >= report.year or year in allowed or year in reported or comparing:
                    continue
                reported.add(year)
                quote = excerpt(passage.text, s.start + start, s.start + end)
                yield Diagnostic(
                    passage.at(s.start + start), CODE, SEVERITY,
                    f"{passage.label} menyebut tahun {year} (\"{quote}\"), padahal laporan ini tahun "
                    f"{report.year}; tersalin dari laporan lama?",
                )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Tahun sebelum tahun laporan di setiap teks narasi (kata pengantar, ikhtisar, kesimpulan, profil "
        "instansi, pengantar Renstra, analisis indikator). Tidak ditandai: awal dan akhir periode "
        "Renstra, tahun-tahun deret dan riwayat indikator, tahun dalam kutipan peraturan (\"Nomor 33 Tahun"
        " 2020\"), periode (\"Tahun 2021 – 2026\"), tanggal lengkap, dan kalimat yang membandingkan."
    ),
    "mengapa": (
        "Teks yang disalin dari laporan tahun lalu membawa tahun lalu: Kata Pengantar laporan asal untuk "
        "2024 menyajikan capaian \"selama Tahun 2023\"."
    ),
    "salah": "tahun laporan 2024, `kata_pengantar: \"... kinerja yang telah diwujudkan selama Tahun 2023 ...\"`.",
    "benar": "\"... selama Tahun 2024 ...\"; \"... berdasarkan Peraturan Walikota Metro Nomor 39 Tahun 2019 ...\".",
}
