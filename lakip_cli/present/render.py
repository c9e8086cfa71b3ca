"""render: Report + templates/*.md.j2 -> one Markdown text with directives for the writer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, LakipError, SourceLocation
from lakip_cli.display import angka, dengan_satuan, jumlah_kata, persen, rupiah, tanggal, terbilang
from lakip_cli.present import tables
from lakip_cli.present.templates import TemplateSet

CHAPTERS = (
    "00-sampul.md.j2",
    "01-kata-pengantar.md.j2",
    "02-daftar-isi.md.j2",
    "03-ikhtisar.md.j2",
    "10-bab1-pendahuluan.md.j2",
    "20-bab2-perencanaan.md.j2",
    "30-bab3-akuntabilitas.md.j2",
    "40-bab4-penutup.md.j2",
    "50-lampiran.md.j2",
)

_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_WS = re.compile(r"[ \t]+(?=\n)")

ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass
class Numbering:
    """Caption numbers per chapter: Tabel 3.1, 3.2 ...; Gambar 3.1 ..."""

    bab: int = 0
    counters: dict[str, int] = field(default_factory=dict)

    def chapter(self, bab: int) -> str:
        self.bab = bab
        self.counters = {}
        return ""

    def next(self, kind: str) -> str:
        self.counters[kind] = self.counters.get(kind, 0) + 1
        prefix = f"{self.bab}." if self.bab else ""
        return f"{prefix}{self.counters[kind]}"


@dataclass(frozen=True)
class RenderContext:
    """What templates see besides the report: chart files and build mode."""

    charts: Mapping[str, Any] = field(default_factory=dict)
    logo: str | None = None


def _environment(templates: TemplateSet) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=templates.loader(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=True,
        extensions=["jinja2.ext.loopcontrols"],
    )
    env.filters.update(
        esc=tables.esc, angka=angka, persen=persen, rupiah=rupiah, satuan=dengan_satuan,
        terbilang=terbilang, jumlah_kata=jumlah_kata, tanggal=tanggal, romawi=lambda n: ROMAN[n],
        target=tables.target_text, nilai=tables.value_text, capaian=tables.capaian_text,
        daftar=daftar, huruf=huruf,
    )
    env.globals.update(
        directive=tables.directive, belum=tables.missing,
        tabel_sdm_unit=tables.sdm_unit, tabel_sdm_rincian=tables.sdm_rincian,
        tabel_tujuan_sasaran=tables.tujuan_sasaran, tabel_pk=tables.perjanjian_kinerja,
        tabel_a=tables.analisis_a, tabel_b=tables.analisis_b, tabel_c=tables.analisis_c,
        tabel_efisiensi=tables.efisiensi_anggaran, tabel_realisasi_anggaran=tables.realisasi_anggaran,
        tabel_ringkasan=tables.ringkasan_capaian, tabel_capaian_sasaran=tables.capaian_sasaran,
        rumus_capaian=tables.capaian_line, rumus_realisasi=tables.realisasi_line, ttd=tables.signature,
        lanskap_b=tables.needs_landscape,
    )
    return env


def daftar(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b, dan c'; ['a', 'b'] -> 'a dan b'."""
    items = [str(i) for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + f", dan {items[-1]}"


def huruf(n: int) -> str:
    """1 -> 'a', 2 -> 'b' ... for lettered sub-items."""
    return chr(ord("a") + n - 1) if 1 <= n <= 26 else str(n)


def _template_error(templates: TemplateSet, exc: Exception, tb: TracebackType | None) -> LakipError:
    """Point at the template line: syntax errors carry it, runtime errors have it in the traceback."""
    name, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            name, line = filename, tb.tb_lineno
        tb = tb.tb_next
    rel = templates.shown(Path(name)) if name else templates.configured
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, jinja2.UndefinedError):
        message = f"nama tidak dikenal di templat: {message}"
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        message = f"sintaks templat tidak valid: {message}"
    else:
        message = f"templat gagal dijalankan: {type(exc).__name__}: {message}"
    return LakipError([Diagnostic(SourceLocation(rel, line or 0, 1 if line else 0), "T001", "error", message)])


def render_report(report: Report, context: RenderContext = RenderContext()) -> str:
    """Fill every chapter template from the computed report; one Markdown text."""
    templates = TemplateSet(report.project.root, report.project.settings.model.folder_templat)
    env = _environment(templates)
    numbering = Numbering()
    values = {
        "r": report,
        "tahun": report.year,
        "tahun_lalu": report.year - 1,
        "instansi": report.project.instansi.model,
        "perencanaan": report.project.perencanaan.model,
        "laporan": report.project.laporan.model,
        "proyek": report.project.settings.model,
        "grafik": context.charts,
        "logo": context.logo,
        "bab": numbering.chapter,
        "nomor": numbering.next,
    }
    parts = []
    for name in CHAPTERS:
        templates.find(name)
        try:
            parts.append(env.get_template(name).render(values).strip("\n"))
        except (jinja2.TemplateError, ArithmeticError, TypeError, ValueError, KeyError, AttributeError,
                IndexError) as exc:
            raise _template_error(templates, exc, exc.__traceback__) from None
    text = "\n\n".join(parts) + "\n"
    # Block tags on their own lines leave blank lines behind; Markdown needs at most one.
    return _BLANK_RUNS.sub("\n\n", _TRAILING_WS.sub("", text))
