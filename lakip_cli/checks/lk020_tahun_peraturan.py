"""LK020 tahun-peraturan: a known regulation cited with the wrong year.

What it checks:
    Each ``dasar_hukum`` entry in instansi.yaml, and each citation "<jenis>
    Nomor <n> Tahun <yyyy>" in the narrative texts, against the registry in
    lakip.yaml ``cek.peraturan``: where an entry's ``pola`` (a regular
    expression, any case) matches the jenis and its ``nomor`` equals the
    cited number, the cited year must be one of the registered years. An
    invalid ``pola`` is reported at lakip.yaml.

Why it matters:
    The seed cites "Peraturan Menteri PANRB Nomor 53 Tahun 2024" as the
    basis of the report; the regulation is Nomor 53 Tahun 2014. A wrong
    citation in the legal basis is a formal defect in a signed document.

Bad:
    ``{jenis: Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi, nomor: 53, tahun: 2024}``

Good:
    ``{jenis: Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi, nomor: 53, tahun: 2014}``
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import all_passages, excerpt
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.source.models import PeraturanDikenal

CODE = "LK020"
NAME = "tahun-peraturan"
SEVERITY: Severity = "error"
SUMMARY = "Peraturan yang dikenal (cek.peraturan) dikutip dengan tahun yang salah"

Registry = list[tuple[PeraturanDikenal, re.Pattern[str]]]


def _registry(report: Report) -> tuple[Registry, list[Diagnostic]]:
    settings = report.project.settings
    out: Registry = []
    errors = []
    for i, reg in enumerate(settings.model.cek.peraturan):
        try:
            out.append((reg, re.compile(reg.pola, re.IGNORECASE)))
        except re.error as exc:
            errors.append(Diagnostic(settings.at("cek", "peraturan", i, "pola"), CODE, SEVERITY,
                                     f"pola peraturan '{reg.nama}' bukan ekspresi reguler yang sah: {exc}"))
    return out, errors


def expected_years(registry: Registry, jenis: str, nomor: int | str) -> tuple[set[int], list[str]]:
    """Registered years (and names) of the regulations matching jenis and nomor."""
    number = str(nomor).strip()
    hits = [reg for reg, pattern in registry if pattern.search(jenis) and str(reg.nomor) == number]
    return {reg.tahun for reg in hits}, [reg.nama for reg in hits]


def _message(jenis: str, nomor: object, tahun: int, years: set[int], names: list[str]) -> str:
    right = " atau ".join(str(y) for y in sorted(years))
    return f"{jenis} Nomor {nomor} Tahun {tahun}: {names[0]} adalah Nomor {nomor} Tahun {right}"


_CITATION = re.compile(r"\s+(?:Nomor|No\.?)\s*(\d+)\s*,?\s+Tahun\s+((?:19|20)\d{2})", re.IGNORECASE)


def check(report: Report) -> Iterator[Diagnostic]:
    registry, errors = _registry(report)
    yield from errors
    ins = report.project.instansi
    for i, law in enumerate(ins.model.dasar_hukum):
        years, names = expected_years(registry, law.jenis, law.nomor)
        if years and law.tahun not in years:
            yield Diagnostic(ins.at("dasar_hukum", i, "tahun"), CODE, SEVERITY,
                             _message(law.jenis, law.nomor, law.tahun, years, names))
    for passage in all_passages(report):
        for reg, _pattern in registry:
            for m in re.finditer(f"(?:{reg.pola}){_CITATION.pattern}", passage.text, re.IGNORECASE):
                nomor, tahun = m.group(m.re.groups - 1), int(m.group(m.re.groups))
                years, names = expected_years(registry, m.group(), nomor)
                if years and tahun not in years:
                    quote = excerpt(passage.text, m.start(), m.end())
                    yield Diagnostic(passage.at(m.start()), CODE, SEVERITY,
                                     f"{passage.label} mengutip \"{quote}\": {names[0]} adalah Nomor {nomor} "
                                     f"Tahun {' atau '.join(str(y) for y in sorted(years))}")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Setiap `dasar_hukum` di instansi.yaml dan setiap kutipan \"<jenis> Nomor <n> Tahun <tttt>\" di "
        "teks narasi, dibandingkan dengan daftar `cek.peraturan` di lakip.yaml: bila `pola` cocok dengan "
        "jenisnya dan `nomor` sama, tahun yang dikutip harus salah satu tahun yang terdaftar."
    ),
    "mengapa": (
        "Laporan asal mengutip \"Peraturan Menteri PANRB Nomor 53 Tahun 2024\" sebagai dasar laporan; "
        "peraturannya Nomor 53 Tahun 2014. Kutipan yang salah di dasar hukum adalah cacat formal pada "
        "dokumen bertanda tangan."
    ),
    "salah": (
        "`{jenis: Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi, nomor: 53, "
        "tahun: 2024}`"
    ),
    "benar": (
        "`{jenis: Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi, nomor: 53, "
        "tahun: 2014}`"
    ),
}
