"""build: the whole pipeline for one report year, load -> validate -> compute -> check -> render -> write."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lakip_cli.checks import run_checks
from lakip_cli.compute.report import Report, compute_report
from lakip_cli.diagnostics import Diagnostic, LakipError, SourceLocation, fail
from lakip_cli.present.render import Chart, RenderContext, render_report
from lakip_cli.present.templates import TemplateSet
from lakip_cli.source.project import output_dir, shown
from lakip_cli.source.validate import load_project
from lakip_cli.write.atomic import remove_stale, scratch_dir, write_atomic

_MAX_EPOCH = 4_354_819_199
# The core properties of a .docx (title, author, subject) hold at most 255 characters.
_PROPERTY_MAX = 255


def _property(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _PROPERTY_MAX else text[: _PROPERTY_MAX - 1] + "…"


@dataclass(frozen=True)
class BuildOptions:
    year: int
    output: Path | None = None
    final: bool = False
    pdf: bool | None = None
    charts: bool | None = None
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildResult:
    docx: Path
    markdown: Path
    pdf: Path | None
    diagnostics: tuple[Diagnostic, ...]
    report: Report


def build_time(report: Report) -> dt.datetime:
    """The timestamp stored in the document: SOURCE_DATE_EPOCH, else the signing date, else 1 January next year."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        # A .docx is a zip file, and zip stores years up to 2107.
        if not epoch.isdigit() or len(epoch) > 12 or int(epoch) > _MAX_EPOCH:
            raise fail("SOURCE_DATE_EPOCH", "V032", f"SOURCE_DATE_EPOCH '{epoch[:40]}' tidak dapat dipakai: harus "
                       f"bilangan bulat detik sejak 1970-01-01, antara 0 dan {_MAX_EPOCH} (akhir tahun 2107)")
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    signed = report.project.laporan.model.tanggal
    day = signed or dt.date(report.year + 1, 1, 1)
    return dt.datetime(day.year, day.month, day.day)


def final_gaps(report: Report, diagnostics: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """What stops a final build: every missing item and every error-level check."""
    gaps = [Diagnostic(loc, "LK000", "error", f"data wajib belum diisi: {what}") for loc, what in report.belum_diisi]
    return gaps + [d for d in diagnostics if d.severity == "error"]


def _output_path(options: BuildOptions, out_dir: Path, root: Path, want_pdf: bool) -> Path:
    docx = options.output or out_dir / f"LAKIP-{options.year}.docx"
    if not docx.is_absolute():
        docx = Path.cwd() / docx
    if docx.suffix.lower() != ".docx":
        raise fail(shown(docx, root), "W006", "berkas keluaran harus berakhiran .docx, mis. -o out/LAKIP-2024.docx")
    for path in (docx, docx.with_suffix(".md"), *([docx.with_suffix(".pdf")] if want_pdf else [])):
        if path.is_dir():
            raise fail(shown(path, root), "W006",
                       f"berkas keluaran {path.name} sudah ada sebagai folder; hapus atau ganti nama folder itu")
    return docx


def load_report(root: Path, year: int) -> Report:
    """load -> validate -> compute: a project folder and a year to the computed report."""
    return compute_report(load_project(root, year))


def build_report(root: Path, options: BuildOptions) -> BuildResult:
    """Build the .docx (and the PDF when asked); raise LakipError on anything that stops it."""
    report = load_report(root, options.year)
    project = report.project
    created = build_time(report)
    diagnostics = tuple(run_checks(report, ignore=options.ignore))
    if options.final:
        gaps = final_gaps(report, diagnostics)
        if gaps:
            raise LakipError(gaps)

    settings = project.settings.model
    out_dir = output_dir(root, settings)
    want_charts = settings.keluaran.grafik if options.charts is None else options.charts
    want_pdf = settings.keluaran.pdf if options.pdf is None else options.pdf
    docx = _output_path(options, out_dir, root, want_pdf)
    markdown_path = docx.with_suffix(".md")

    from lakip_cli.write.document import CoreInfo, write_docx

    remove_stale(docx.parent)
    with scratch_dir() as scratch:
        charts: dict[str, Chart] = {}
        if want_charts:
            from lakip_cli.charts.figures import build_charts

            for key, chart in build_charts(report, Path(scratch)).items():
                charts[key] = Chart(chart.path, chart.judul)
        logo = root / settings.keluaran.logo if settings.keluaran.logo else None
        document = render_report(report, RenderContext(charts=charts, logo=logo))
        if options.final:
            # A second guard: whatever a template marks as missing also stops a final build.
            leftovers = sorted(set(document.placeholders()))
            if leftovers:
                raise LakipError([Diagnostic(SourceLocation(project.settings.model.folder_templat), "LK000", "error",
                                             f"dokumen masih memuat isian kosong: {what}") for what in leftovers])
        review, review_lines = document.review_markdown(root)
        write_atomic(markdown_path, review.encode("utf-8"))
        core = CoreInfo(
            title=_property(f"{settings.judul} {project.instansi.model.nama} Tahun {options.year}"),
            author=_property(project.instansi.model.nama),
            subject=_property(f"{settings.singkatan_judul} {options.year}"),
            created=created,
        )
        reference = TemplateSet(root, settings.folder_templat).reference()
        diagnostics += write_docx(document, reference, docx, base_dir=root, core=core, review_lines=review_lines)

    pdf_path = None
    if want_pdf:
        from lakip_cli.write.pdf import convert_to_pdf

        pdf_path = docx.with_suffix(".pdf")
        convert_to_pdf(docx, pdf_path)
    return BuildResult(docx, markdown_path, pdf_path, diagnostics, report)


def check_report(root: Path, year: int, ignore: tuple[str, ...] = ()) -> tuple[Report, tuple[Diagnostic, ...]]:
    """load -> validate -> compute -> check, without rendering."""
    report = load_report(root, year)
    return report, tuple(run_checks(report, ignore=ignore))




def export_report(root: Path, year: int, fmt: Literal["xlsx", "csv"], output: Path | None = None,
                  ignore: tuple[str, ...] = ()) -> tuple[Path, ...]:
    """load -> validate -> compute -> check -> the evaluator's workbook (or CSV files); the paths written."""
    from lakip_cli.checks import rule_catalogue
    from lakip_cli.present.export import WorkbookInfo, export_sheets, write_export

    report, findings = check_report(root, year, ignore)
    settings = report.project.settings.model
    target = output or output_dir(root, settings) / f"LAKIP-{year}.{fmt}"
    instansi = report.project.instansi.model.nama
    info = WorkbookInfo(f"{settings.judul} {instansi} Tahun {year}", instansi, build_time(report))
    names = {code: name for code, name, _, _ in rule_catalogue()}
    return write_export(export_sheets(report, findings, names), fmt, target if target.is_absolute()
                        else Path.cwd() / target, info)
