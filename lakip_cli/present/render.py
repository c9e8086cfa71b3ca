"""render: Report + chapter templates -> RenderedDocument, the typed blocks the writer reads.

Templates run in Jinja's immutable sandbox and see only plain values (present/context.py). A block
(table, formula, picture...) that a template prints is collected here and stands in the text as a
private marker; after rendering, the text is cut at the markers into Text and block values. No text
is ever parsed back into a block, so nothing a planner types can turn into one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import jinja2.bccache
from jinja2.sandbox import ImmutableSandboxedEnvironment

from lakip_cli.compute.report import IndikatorReport, Report
from lakip_cli.diagnostics import Diagnostic, LakipError, SourceLocation
from lakip_cli.display import angka, berjenis, dengan_satuan, jumlah_kata, persen, rupiah, tanggal, terbilang
from lakip_cli.present import tables
from lakip_cli.present.context import Freezer, Record, esc
from lakip_cli.present.templates import TemplateSet
from lakip_cli.write.blocks import (
    Block,
    Cover,
    Formula,
    Index,
    Narrative,
    Note,
    PageBreak,
    Picture,
    RenderedDocument,
    Section,
    Signature,
    SignaturePair,
    Table,
    Text,
    placeholder,
)

# Chapter templates in reading order, with the chapter number their captions carry (0: none).
CHAPTERS: tuple[tuple[str, int], ...] = (
    ("00-sampul.md.j2", 0),
    ("01-kata-pengantar.md.j2", 0),
    ("02-daftar-isi.md.j2", 0),
    ("03-ikhtisar.md.j2", 0),
    ("10-bab1-pendahuluan.md.j2", 1),
    ("20-bab2-perencanaan.md.j2", 2),
    ("30-bab3-akuntabilitas.md.j2", 3),
    ("40-bab4-penutup.md.j2", 4),
    ("50-lampiran.md.j2", 0),
)
BLOCK_TYPES = (Narrative, Cover, Section, PageBreak, Index, Table, Formula, Picture, Signature, SignaturePair,
               Note)
MAX_RANGE = 100_000  # range() in a template: enough for any report, not enough to exhaust memory
MAX_POWER = 10**15  # the largest result magnitude of ** allowed in a template
MAX_STRING = 5_000_000  # characters a template may build by repetition

_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_WS = re.compile(r"[ \t]+(?=\n)")

ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass
class Numbering:
    """Caption numbers per chapter: Tabel 3.1, 3.2 ...; Gambar 3.1 ..."""

    bab: int = 0
    counters: dict[str, int] = field(default_factory=dict)

    def chapter(self, bab: int) -> None:
        self.bab = bab
        self.counters = {}

    def next(self, kind: str) -> str:
        self.counters[kind] = self.counters.get(kind, 0) + 1
        prefix = f"{self.bab}." if self.bab else ""
        return f"{prefix}{self.counters[kind]}"


@dataclass(frozen=True)
class Chart:
    """A chart the build drew: its file (never shown to a template) and its title."""

    path: Path
    judul: str


@dataclass(frozen=True)
class RenderContext:
    """What templates get besides the report: the charts drawn and the cover emblem."""

    charts: Mapping[str, Chart] = field(default_factory=dict)
    logo: Path | None = None


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with bounds on the operators that could exhaust memory or time."""

    intercepted_binops = frozenset({"**", "*"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _too_big_power(left, right):
            raise self.security_error("pangkat terlalu besar untuk templat")
        if operator == "*" and _too_long_repeat(left, right):
            raise self.security_error("pengulangan teks terlalu panjang untuk templat")
        return super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # A Record is neither a builtin mutable nor a function, type, frame or generator: what the sandbox
        # checks for every attribute comes down to its first test (templates read thousands of these).
        if type(obj) is Record:
            return not attr.startswith("_")
        return super().is_safe_attribute(obj, attr, value)

    def security_error(self, message: str) -> jinja2.exceptions.SecurityError:
        return jinja2.exceptions.SecurityError(message)


def _too_big_power(left: Any, right: Any) -> bool:
    try:
        base, exp = abs(float(left)), float(right)
    except (TypeError, ValueError, OverflowError):
        return False
    if base <= 1:
        return False
    import math

    return exp * math.log10(base) > math.log10(MAX_POWER) if exp > 0 else False


def _too_long_repeat(left: Any, right: Any) -> bool:
    for text, times in ((left, right), (right, left)):
        if isinstance(text, str | tuple | list) and isinstance(times, int) and len(text) * times > MAX_STRING:
            return True
    return False


def _safe_range(*args: int) -> range:
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise jinja2.exceptions.SecurityError(f"range() di templat dibatasi {MAX_RANGE} butir")
    return result


class _Blocks:
    """Collects the blocks a template prints and cuts the rendered text at their markers."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self.found: list[Block] = []
        self.marker = re.compile("\ue000" + self.token + r":(\d+)\ue001")

    def finalize(self, value: Any) -> Any:
        if isinstance(value, BLOCK_TYPES):
            if isinstance(value, Narrative) and not value:
                return ""
            self.found.append(value)
            return f"\n\n\ue000{self.token}:{len(self.found) - 1}\ue001\n\n"
        return value

    def split(self, text: str) -> tuple[Block, ...]:
        out: list[Block] = []
        pos = 0
        for m in self.marker.finditer(text):
            chunk = text[pos:m.start()]
            if chunk.strip():
                out.append(Text(chunk.strip("\n") + "\n"))
            out.append(self.found[int(m.group(1))])
            pos = m.end()
        if text[pos:].strip():
            out.append(Text(text[pos:].strip("\n") + "\n"))
        return tuple(out)


def daftar(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b, dan c'; ['a', 'b'] -> 'a dan b'."""
    items = [str(i) for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + f", dan {items[-1]}"


def rentang_tahun(awal: int, akhir: int) -> str:
    """'2021–2024' that never breaks at the dash (word joiners on both sides)."""
    return f"{awal}\u2060\u2013\u2060{akhir}"


_YEAR_RANGE = re.compile(r"\b(\d{4})[\u2013-](\d{4})\b")


def _unbroken_years(text: str) -> str:
    """A chart's title as a caption: its year ranges ('2021–2024') never break at the dash."""
    return _YEAR_RANGE.sub(lambda m: rentang_tahun(int(m.group(1)), int(m.group(2))), text)


def huruf(n: int) -> str:
    """1 -> 'a', 2 -> 'b' ... for lettered sub-items."""
    return chr(ord("a") + n - 1) if 1 <= n <= 26 else str(n)


def _template_error(templates: TemplateSet, exc: Exception, tb: TracebackType | None) -> LakipError:
    """Point at the template line: syntax errors carry it, runtime errors have it in the traceback."""
    name, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    outermost = isinstance(exc, RecursionError)  # the include that starts the loop, not where it overflowed
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") and not (outermost and name and name.endswith(".j2")):
            name, line = filename, tb.tb_lineno
        tb = tb.tb_next
    rel = templates.shown(Path(name)) if name else templates.configured
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, jinja2.exceptions.SecurityError):
        unsafe = re.search(r"access to attribute '([^']+)' of '([^']+)' object is unsafe", message)
        if unsafe:
            message = f"atribut '{unsafe.group(1)}' dari objek '{unsafe.group(2)}' tidak boleh diakses"
        elif re.search(r"modify (an )?immutable|unsafe", message):
            message = "nilai laporan tidak boleh diubah atau dipanggil dari templat"
        message = f"templat mencoba sesuatu yang tidak diizinkan (templat hanya dapat membaca nilai laporan): {message}"
    elif isinstance(exc, jinja2.UndefinedError):
        undefined = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", message)
        if undefined:
            message = f"nama '{undefined.group(1) or undefined.group(2)}' tidak dikenal di templat"
        else:
            message = f"nama tidak dikenal di templat: {message}"
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        message = f"sintaks templat tidak valid: {message}"
    elif isinstance(exc, jinja2.TemplateNotFound):
        message = (f"templat yang disertakan, '{exc.name}', tidak ada di folder templat proyek maupun templat "
                   "bawaan (include/import hanya dapat memakai templat di kedua folder itu)")
    elif isinstance(exc, RecursionError):
        message = "templat menyertakan dirinya sendiri tanpa henti (include/import berulang)"
    else:
        message = f"templat gagal dijalankan: {type(exc).__name__}: {message}"
    return LakipError([Diagnostic(SourceLocation(rel, line or 0, 1 if line else 0), "T001", "error", message)])


def render_report(report: Report, context: RenderContext | None = None) -> RenderedDocument:
    """Fill every chapter template from the computed report; the document as typed blocks."""
    context = context or RenderContext()
    templates = TemplateSet(report.project.root, report.project.settings.model.folder_templat)
    blocks = _Blocks()
    freezer = Freezer()
    numbering = Numbering()
    env = _environment(templates, blocks)
    env.globals.update(_block_functions(report, context, freezer))
    values = _values(report, context, freezer, numbering)
    parts = []
    for name, chapter in CHAPTERS:
        templates.find(name)
        numbering.chapter(chapter)
        try:
            parts.append(env.get_template(name).render(values).strip("\n"))
        except (jinja2.TemplateError, ArithmeticError, TypeError, ValueError, KeyError, AttributeError,
                IndexError, RecursionError, OverflowError, MemoryError) as exc:
            raise _template_error(templates, exc, exc.__traceback__) from None
    text = "\n\n".join(parts) + "\n"
    # Block tags on their own lines leave blank lines behind; Markdown needs at most one.
    text = _BLANK_RUNS.sub("\n\n", _TRAILING_WS.sub("", text))
    return RenderedDocument(blocks.split(text))


def _values(report: Report, context: RenderContext, freezer: Freezer, numbering: Numbering) -> dict[str, Any]:
    """The names a template reads; every value plain and immutable."""
    project = report.project
    return {
        "hasil": freezer.freeze(report),
        "tahun": report.year,
        "tahun_lalu": report.year - 1,
        "instansi": freezer.freeze(project.instansi.model),
        "perencanaan": freezer.freeze(project.perencanaan.model),
        "laporan": freezer.freeze(project.laporan.model),
        "pengaturan": freezer.freeze(project.settings.model),
        "grafik": {key: Record({"kunci": key, "judul": esc(_unbroken_years(chart.judul))})
                   for key, chart in context.charts.items()},
        "ada_logo": context.logo is not None,
        "nomor": numbering.next,
    }


def _block_functions(report: Report, context: RenderContext, freezer: Freezer) -> dict[str, Callable[..., Any]]:
    """The functions a template calls to place a table, a formula, a picture... Each returns a block value."""

    def indikator(view: object) -> IndikatorReport:
        found = freezer.original(view)
        if not isinstance(found, IndikatorReport):
            raise TypeError("argumen harus sebuah indikator dari hasil.indikator")
        return found

    def gambar(chart: object, judul: str, lebar_cm: float = 16) -> Picture:
        key = chart["kunci"] if isinstance(chart, Record) else ""
        if key not in context.charts:
            raise ValueError("argumen pertama gambar() harus salah satu grafik dari 'grafik'")
        return Picture(context.charts[key].path, judul, lebar_cm)

    def bagan(judul: str) -> Picture:
        path = report.project.instansi.model.bagan_organisasi
        if path is None:
            raise ValueError("instansi.yaml tidak memuat bagan_organisasi")
        return Picture(report.project.root / path, judul, 16)

    def sampul(judul: str, subjudul: str = "", instansi: str = "", pemerintah: str = "", tahun: str = "") -> Cover:
        return Cover(judul, subjudul, context.logo, instansi, pemerintah, str(tahun))

    return {
        # where the report's own figures go
        "tabel_sdm_unit": lambda judul: tables.sdm_unit(report, judul),
        "tabel_sdm_rincian": lambda nomor, judul: tables.sdm_rincian(report, nomor, judul),
        "tabel_tujuan_sasaran": lambda judul: tables.tujuan_sasaran(report, judul),
        "tabel_swot": lambda judul: tables.swot(report, judul),
        "tabel_sarana": lambda judul: tables.sarana_prasarana(report, judul),
        "bagan_organisasi": lambda judul: bagan(judul),
        "tabel_pk": lambda judul, dengan_anggaran=False: tables.perjanjian_kinerja(
            report, judul, dengan_anggaran=dengan_anggaran),
        "tabel_target_realisasi": lambda ind, judul: tables.analisis_a(indikator(ind), judul),
        "tabel_tahunan": lambda ind, judul: tables.analisis_b(report, indikator(ind), judul),
        "tabel_jangka_menengah": lambda ind, judul: tables.analisis_c(report, indikator(ind), judul),
        "tabel_efisiensi": lambda ind, judul: tables.efisiensi_anggaran(indikator(ind), judul),
        "tabel_realisasi_anggaran": lambda judul: tables.realisasi_anggaran(report, judul),
        "tabel_ringkasan": lambda judul: tables.ringkasan_capaian(report, judul),
        "tabel_capaian_sasaran": lambda judul: tables.capaian_sasaran(report, judul),
        "perhitungan_capaian": lambda ind: tables.capaian_line(indikator(ind)),
        "perhitungan_realisasi": lambda ind: tables.realisasi_line(indikator(ind)),
        "tanda_tangan": lambda: tables.signature(report),
        "tanda_tangan_pk": lambda: tables.pk_signatures(report),
        # page furniture
        "sampul": sampul,
        "bagian": lambda nomor="arab", mulai=None, orientasi="potret": Section(nomor, mulai, orientasi),
        "pindah_halaman": PageBreak,
        "daftar_isi": lambda judul="DAFTAR ISI": Index("daftar-isi", judul),
        "daftar_tabel": lambda judul="DAFTAR TABEL": Index("daftar-tabel", judul),
        "daftar_gambar": lambda judul="DAFTAR GAMBAR": Index("daftar-gambar", judul),
        "rumus": lambda pembilang, penyebut, pengali="", kiri="": Formula(pembilang, penyebut, kiri, pengali),
        "gambar": gambar,
        "catatan": lambda teks: Note(teks),
        "belum": placeholder,
        "range": _safe_range,
    }


def _environment(templates: TemplateSet, blocks: _Blocks) -> ImmutableSandboxedEnvironment:
    env = _Sandbox(
        loader=templates.loader(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=True,
        extensions=["jinja2.ext.loopcontrols"],
        finalize=blocks.finalize,
    )
    env.filters.update(
        esc=lambda text: text,  # kept for older templates: data in the context is already literal text
        angka=angka, persen=persen, rupiah=rupiah, satuan=dengan_satuan,
        terbilang=terbilang, jumlah_kata=jumlah_kata, tanggal=tanggal, romawi=lambda n: ROMAN[n],
        target=tables.target_text, nilai=tables.value_text, capaian=tables.capaian_text,
        daftar=daftar, huruf=huruf, rentang_tahun=rentang_tahun, berjenis=berjenis,
    )
    env.bytecode_cache = _template_cache(env)
    return env


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds, so that a build compiles only a template that changed.

    In the user's cache folder (XDG_CACHE_HOME or ~/.cache, under lakip/templat); an entry is found by
    the template's file and a fingerprint of everything that shapes the compiled code (Jinja's version,
    the environment's options, filters and tests, this module), and used only while the template's text
    is unchanged. Whatever goes wrong with the folder or an entry, the template is compiled as if there
    were no cache.
    """

    def __init__(self, fingerprint: str, directory: str | None = None):
        super().__init__(directory or str(_cache_folder()), pattern="__lakip_%s.cache")
        self.fingerprint = fingerprint

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(f"{self.fingerprint}|{name}|{filename}".encode()).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "lakip" / "templat"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _template_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    shape = (jinja2.__version__, type(env).__qualname__, sorted(getattr(env, "intercepted_binops", ())),
             sorted(env.filters), sorted(env.tests), sorted(env.extensions), env.block_start_string,
             env.variable_start_string, env.comment_start_string, env.line_statement_prefix,
             env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
             env.keep_trailing_newline, env.autoescape, env.finalize is not None, env.undefined.__name__,
             env.optimized, Path(__file__).stat().st_mtime_ns)
    try:
        return _TemplateCache(hashlib.sha1(repr(shape).encode()).hexdigest())
    except (OSError, RuntimeError):  # no folder for it (no home folder, or one that cannot be written)
        return None
