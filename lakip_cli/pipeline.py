"""pipeline: the whole pipeline for one report year, load -> validate -> compute -> check -> render -> write."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lakip_cli.checks.acceptance import AcceptedFinding
from lakip_cli.checks.causes import flatten
from lakip_cli.checks.triage import Findings, triage_findings
from lakip_cli.compute.report import Report, compute_report
from lakip_cli.diagnostics import Diagnostic, LakipError, SourceLocation, fail
from lakip_cli.source.project import output_dir, shown
from lakip_cli.source.validate import Project, load_project

# The writer's modules (files, LibreOffice) are imported by the steps that write: load_report and
# check_report, all that `lakip check` runs, do not pay for them.
if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Executor

    from lakip_cli.charts.canvas import ChartFont
    from lakip_cli.charts.figures import ChartJob
    from lakip_cli.present.annotations import Annotation
    from lakip_cli.write.pdf import Office, OfficeJob

    EarlyCharts = tuple[ChartJob, list[Diagnostic]]

CHART_CACHE = ".grafik"  # in the output folder: charts of earlier builds, by a digest of what they show
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
    # Where the copies for LibreOffice wait until it runs (several reports: a folder of the caller's).
    office_scratch: Path | None = None
    # False when the other cores are taken (several reports built at once): the rules then run in turn.
    spare_core: bool = True


@dataclass(frozen=True)
class BuildResult:
    docx: Path
    markdown: Path
    pdf: Path | None
    diagnostics: tuple[Diagnostic, ...]
    report: Report
    accepted: tuple[AcceptedFinding, ...] = ()
    # "terisi": LibreOffice filled the indexes of the .docx; "word": left to Word (no LibreOffice run asked);
    # "tanpa-libreoffice": a final build on a machine without LibreOffice
    indexes: Literal["terisi", "word", "tanpa-libreoffice"] = "word"


@dataclass(frozen=True)
class PendingBuild:
    """A built .docx and .md waiting for LibreOffice: its PDF, and the indexes written into the .docx."""

    result: BuildResult
    job: OfficeJob | None
    root: Path
    pdf_required: bool
    scratch: Path | None = None  # the copies made for LibreOffice, removed when it is done


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
    """What stops a final build: every missing item as an LK001 error, and every open finding, error or warning.

    The LK001 warnings of a draft become errors (a final build refuses gaps even when LK001 is ignored).
    """
    gaps = [Diagnostic(loc, "LK001", "error", f"belum diisi: {what}") for loc, what in report.belum_diisi]
    return gaps + [d for d in diagnostics if d.code != "LK001"]


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


def prepare_build(root: Path, options: BuildOptions) -> PendingBuild:
    """Build the .docx and the .md; what LibreOffice still has to do (PDF, indexes) is returned, not run."""
    report = load_report(root, options.year)
    with _charts_started(report, options, root) as early:
        return _build(root, options, report, early)


@contextlib.contextmanager
def _charts_started(report: Report, options: BuildOptions, root: Path) -> Iterator[EarlyCharts | None]:
    """The charts, drawing from the start while the findings are triaged and the document is rendered
    (see charts.figures.ChartJob); None when the build draws none, or when its output path or templates are
    wrong: the build then stops with that error where it checks them, after the findings, as it always did."""
    from lakip_cli.charts import early as early_charts

    settings = report.project.settings.model
    if not (settings.keluaran.grafik if options.charts is None else options.charts):
        early_charts.discard()  # started by the command line, before lakip.yaml was read
        yield None
        return
    from lakip_cli.present.templates import TemplateSet  # here: check and validate need no templates

    try:
        want_pdf = settings.keluaran.pdf if options.pdf is None else options.pdf
        docx = _output_path(options, output_dir(root, settings), root, want_pdf)
        font, warnings = chart_font(report, TemplateSet(root, settings.folder_templat).reference())
    except LakipError:
        early_charts.discard()
        yield None
        return
    from lakip_cli.charts.figures import ChartJob
    from lakip_cli.write.atomic import scratch_dir

    with scratch_dir() as scratch, ChartJob(report, Path(scratch), docx.parent / CHART_CACHE, font,
                                            background=True) as job:
        yield job, warnings


def _build(root: Path, options: BuildOptions, report: Report, early: EarlyCharts | None) -> PendingBuild:
    created = build_time(report)
    if options.final:
        # A final build is a promise about every rule: nothing is switched off, by option or by setting; and
        # it is decided before anything is rendered.
        decided = triage_findings(report, (), use_settings=False)
        found = final_gaps(report, decided.open)
        if found:
            raise LakipError(found)
        checking = Findings(report, options.ignore, share=options.spare_core, decided=decided)
    else:
        # A draft's findings become its comments, which come last: the rules run beside the rendering.
        checking = Findings(report, options.ignore, share=options.spare_core)
    try:
        return _write(root, options, report, early, checking, created)
    finally:
        checking.abandon()


def _write(root: Path, options: BuildOptions, report: Report, early: EarlyCharts | None, checking: Findings,
           created: dt.datetime) -> PendingBuild:
    project = report.project
    settings = project.settings.model
    out_dir = output_dir(root, settings)
    want_charts = settings.keluaran.grafik if options.charts is None else options.charts
    want_pdf = settings.keluaran.pdf if options.pdf is None else options.pdf
    docx = _output_path(options, out_dir, root, want_pdf)
    markdown_path = docx.with_suffix(".md")

    # Imported here: check, validate and export need neither the templates nor the writer.
    from lakip_cli.present.annotations import annotations_for
    from lakip_cli.present.render import Chart, RenderContext, render_report
    from lakip_cli.present.templates import TemplateSet
    from lakip_cli.write.atomic import remove_stale, scratch_dir, write_atomic
    from lakip_cli.write.document import CoreInfo, write_docx

    remove_stale(docx.parent)
    with scratch_dir() as scratch:
        charts: dict[str, Chart] = {}
        font_warnings: list[Diagnostic] = []
        if want_charts and early is None:  # not started: the paths or templates stop the build below
            from lakip_cli.charts.figures import build_charts

            font, font_warnings = chart_font(report, TemplateSet(root, settings.folder_templat).reference())
            drawn = build_charts(report, Path(scratch), cache=docx.parent / CHART_CACHE, font=font)
            for key, chart in drawn.items():
                charts[key] = Chart(chart.path, chart.judul)
        elif want_charts and early is not None:
            chart_job, font_warnings = early
            charts = {key: Chart(chart.path, chart.judul) for key, chart in chart_job.charts.items()}
        logo = root / settings.keluaran.logo if settings.keluaran.logo else None
        document = render_report(report, RenderContext(charts=charts, logo=logo))
        if options.final:
            # A second guard: whatever a template marks as missing also stops a final build.
            leftovers = sorted(set(document.placeholders()))
            if leftovers:
                raise LakipError([Diagnostic(SourceLocation(project.settings.model.folder_templat), "T005", "error",
                                             f"dokumen masih memuat isian kosong: {what}") for what in leftovers])
        review, review_lines = document.review_markdown(root)
        core = CoreInfo(
            title=_property(f"{settings.judul} {project.instansi.model.nama} Tahun {options.year}"),
            author=_property(project.instansi.model.nama),
            subject=_property(f"{settings.singkatan_judul} {options.year}"),
            created=created,
        )
        reference = TemplateSet(root, settings.folder_templat).reference()
        notes: list[Annotation] = []

        def comments() -> list[Annotation]:
            """A draft carries every open finding as a comment at its place; a final carries none."""
            notes.extend(() if options.final else annotations_for(report, checking.triage().open))
            return notes

        # Each chart is waited for where the document embeds it, while the child draws the next one.
        written = write_docx(document, reference, docx, base_dir=root, core=core, review_lines=review_lines,
                             annotations=comments, picture_ready=early[0].ready if early is not None else None)
        if early is not None:
            early[0].wait()  # every chart drawn, the child reaped, the cache pruned
        triage = checking.triage()
        # The emblem note is printed, not a comment in the draft and no bar to a final report: it is custom,
        # not a rule.
        diagnostics = (*triage.open, *_cover_notes(project), *font_warnings, *written)
        # after the document: a build that fails leaves the previous .docx and .md as a pair
        write_atomic(markdown_path, review.encode("utf-8"))

    result = BuildResult(docx, markdown_path, docx.with_suffix(".pdf") if want_pdf else None, diagnostics, report,
                         triage.accepted)
    # A final build is the file delivered: its indexes are filled whenever LibreOffice is here.
    want_office = want_pdf or options.final
    if not want_office:
        return PendingBuild(result, None, root, False)
    from lakip_cli.write.office_work import new_work
    from lakip_cli.write.pdf import OfficeJob, find_soffice

    if not want_pdf and find_soffice() is None:
        return PendingBuild(replace(result, indexes="tanpa-libreoffice"), None, root, False)
    office_dir = new_work(options.office_scratch)
    if notes:
        from lakip_cli.write.indexes import pdf_copy

        # LibreOffice cannot show Word comments headless: it gets a copy whose comments are notes under the
        # words they mark, hidden at first (the pages of the .docx, for its indexes), then shown for the PDF.
        copy = pdf_copy(docx, office_dir / docx.name)
        job = OfficeJob(copy, result.pdf, copy)
    else:
        job = OfficeJob(docx, result.pdf, docx)
    return PendingBuild(result, job, root, want_pdf, office_dir)


def build_report(root: Path, options: BuildOptions) -> BuildResult:
    """Build the .docx (and the PDF when asked); raise LakipError on anything that stops it."""
    from lakip_cli.write.pdf import start_office, take_office

    # LibreOffice starts while the document is written: its start-up is most of the PDF step (the command
    # line may have started it already, before this module was imported).
    early = take_office()
    if early is None and wants_office(root, options):
        early = start_office()
    try:
        pending = prepare_build(root, options)
    except BaseException:
        if early is not None:
            early.close()
        raise
    finally:
        from lakip_cli.charts import early as early_charts

        early_charts.discard()  # a chart process the build did not use (it stopped before its charts)
    outcome = finish_builds([pending], early=early)[0]
    if isinstance(outcome, LakipError):
        raise outcome
    return outcome


def wants_office(root: Path, options: BuildOptions) -> bool:
    """Whether this build will run LibreOffice (a PDF, or a final's indexes), judged from lakip.yaml alone."""
    if options.pdf or options.final:
        return True
    if options.pdf is False:
        return False
    from lakip_cli.source.validate import load_settings

    try:
        return bool(load_settings(root).model.keluaran.pdf)
    except LakipError:
        return False  # reported by the build itself


def finish_builds(pending: list[PendingBuild], progress: Callable[[int], None] | None = None,
                  timeout: float = 240, early: Office | None = None) -> list[BuildResult | LakipError]:
    """Run LibreOffice once for all the reports: PDFs, and the indexes written into each .docx."""
    from lakip_cli.write.office_work import remove_work
    from lakip_cli.write.pdf import run_office

    jobs = [(n, p.job) for n, p in enumerate(pending) if p.job is not None]
    outcomes: list[BuildResult | LakipError] = [p.result for p in pending]
    if not jobs and early is not None:
        early.close()
    filled: dict[int, BuildResult] = {}

    def indexes_ready(i: int, listing: list[list[list[str]]]) -> None:
        # Written into the .docx while LibreOffice still exports the PDF.
        n, job = jobs[i]
        filled[n] = _filled(pending[n].result, job, listing)

    try:
        if jobs:
            try:
                results = run_office([job for _, job in jobs], timeout=timeout, early=early,
                                     progress=None if progress is None else lambda i: progress(jobs[i][0]),
                                     indexes_ready=indexes_ready)
            except LakipError as exc:
                for n, _ in jobs:
                    outcomes[n] = _office_failed(pending[n], exc)
                return outcomes
            for (n, job), office in zip(jobs, results, strict=True):
                if office.error is not None:
                    outcomes[n] = _office_failed(pending[n], office.error)
                    continue
                outcomes[n] = filled[n] if n in filled else _filled(pending[n].result, job, office.indexes)
        if progress is not None:
            for n, p in enumerate(pending):
                if p.job is None:
                    progress(n)
    finally:
        for p in pending:
            if p.scratch is not None:
                remove_work(p.scratch)
    return outcomes


def _filled(result: BuildResult, job: OfficeJob, listing: list[list[list[str]]] | None) -> BuildResult:
    """The .docx with LibreOffice's indexes as the fields' results, replaced atomically."""
    from lakip_cli.write.atomic import write_atomic
    from lakip_cli.write.indexes import fill_indexes

    data = fill_indexes(result.docx, listing) if listing is not None else None
    if data is None:
        return result
    write_atomic(result.docx, data)
    return replace(result, indexes="terisi")


def _office_failed(pending: PendingBuild, error: LakipError) -> BuildResult | LakipError:
    """A PDF that was asked for fails the build (the old PDF is removed); a final's index refresh only warns."""
    if pending.pdf_required:
        return LakipError([*error.diagnostics, *_drop_stale_pdf(pending.result.docx.with_suffix(".pdf"),
                                                                pending.root)])
    warning = [Diagnostic(d.location, d.code, "warning", d.message + "; daftar isi disusun Word saat dokumen dibuka")
               for d in error.diagnostics]
    return replace(pending.result, diagnostics=(*pending.result.diagnostics, *warning))


def _cover_notes(project: Project) -> tuple[Diagnostic, ...]:
    """A cover without the regional emblem is printed, with a warning saying where to set it (W012)."""
    settings = project.settings
    if settings.model.keluaran.logo is not None:
        return ()
    return (Diagnostic(settings.at("keluaran", key=True), "W012", "warning",
                       "lambang daerah belum diatur, sampul dicetak tanpa lambang; tulis jalur gambarnya "
                       "(PNG, JPEG atau GIF di dalam folder proyek) di lakip.yaml, mis. "
                       "'keluaran: {logo: gambar/lambang-daerah.png}'"),)


def chart_font(report: Report, reference: Path) -> tuple[ChartFont, list[Diagnostic]]:
    """The font files of the charts: keluaran.huruf_grafik, else the files of the document's body font (as
    the column widths measure it); when neither can be used, matplotlib's DejaVu Sans and a warning (W011)."""
    from lakip_cli.charts.canvas import ChartFont, bold_beside, fallback_font, font_problem
    from lakip_cli.write.measure import font_names, font_path
    from lakip_cli.write.reference import body_font

    settings = report.project.settings
    chosen = settings.model.keluaran.huruf_grafik
    fallback = "grafik memakai huruf cadangan DejaVu Sans (bawaan matplotlib)"
    if chosen is not None:
        path = report.project.root / chosen
        problem = font_problem(path)
        if problem is None:
            return ChartFont(path, bold_beside(path)), []
        return fallback_font(), [Diagnostic(settings.at("keluaran", "huruf_grafik"), "W011", "warning",
                                            f"berkas huruf grafik '{chosen}' {problem}; {fallback}")]
    family = body_font(reference)
    regular, bold = font_path(family, False), font_path(family, True)
    if regular is not None and font_problem(regular) is None:
        return ChartFont(regular, bold if bold is not None and font_problem(bold) is None else regular), []
    where = settings.at("keluaran", "grafik")  # or its nearest parent: keluaran, or lakip.yaml itself
    names = ", ".join(font_names(family, False))
    return fallback_font(), [Diagnostic(where, "W011", "warning",
                                        f"berkas huruf isi dokumen ({family}: {names}) tidak ditemukan; {fallback}. "
                                        "Pasang huruf itu (Debian/Ubuntu: fonts-liberation) atau atur "
                                        "keluaran.huruf_grafik di lakip.yaml")]


def pdf_source(docx: Path, scratch: Path) -> Path:
    """A copy of the draft whose comments are notes under the words they mark, for LibreOffice to print."""
    from docx import Document

    from lakip_cli.write.comments import inline_comments

    document = Document(str(docx))
    inline_comments(document)
    copy = scratch / docx.name
    document.save(str(copy))
    return copy


def _drop_stale_pdf(pdf: Path, root: Path) -> list[Diagnostic]:
    """A PDF of an earlier build beside the new .docx would be submitted by mistake: remove it and say so."""
    if not pdf.exists():
        return []
    where = shown(pdf, root)
    try:
        pdf.unlink()
    except OSError as exc:
        return [Diagnostic(SourceLocation(where), "P006", "error",
                           f"PDF lama tidak sesuai dengan .docx yang baru ditulis dan tidak dapat dihapus "
                           f"({exc.strerror}); jangan kirimkan PDF ini")]
    return [Diagnostic(SourceLocation(where), "P006", "warning",
                       "PDF lama dihapus karena tidak sesuai dengan .docx yang baru ditulis; "
                       "perbaiki masalah PDF lalu susun ulang")]


def check_report(root: Path, year: int, ignore: tuple[str, ...] = ()) -> tuple[Report, tuple[Diagnostic, ...]]:
    """load -> validate -> compute -> check, without rendering; the open findings (accepted ones left out)."""
    report = load_report(root, year)
    return report, triage_findings(report, ignore).open


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
    rows = tuple(flatten(findings))  # one row per finding: a root cause's consequences have their own places
    return write_export(export_sheets(report, rows, names), fmt, target if target.is_absolute()
                        else Path.cwd() / target, info)


def _prepare_one(root: Path, options: BuildOptions) -> PendingBuild | tuple[Diagnostic, ...] | str:
    """prepare_build for a worker process: findings that stop the build come back as values, not exceptions."""
    try:
        return prepare_build(root, options)
    except LakipError as exc:
        return tuple(exc.diagnostics)
    except Exception as exc:  # noqa: BLE001 - reported by the caller as an internal error of that report
        return f"{type(exc).__name__}: {exc}"


def prepare_many(pool: Executor, work: list[tuple[Path, BuildOptions]]
                 ) -> Iterator[tuple[int, PendingBuild | tuple[Diagnostic, ...] | str]]:
    """prepare_build for each (root, options) on the pool's processes: (position in `work`, outcome) as each ends."""
    from concurrent.futures import as_completed

    futures = {pool.submit(_prepare_one, root, options): n for n, (root, options) in enumerate(work)}
    for future in as_completed(futures):
        yield futures[future], future.result()
