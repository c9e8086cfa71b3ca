"""cli: Typer wiring; the only module that prints or exits.

Streams follow the linters (ruff, flake8, yamllint): findings go to stdout, so that
`lakip check 2024 > hasil.txt` keeps them; progress and the one-line verdict go to stderr.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
import typer.core
import typer.main

from lakip_cli.cli_words import help_text, usage_message
from lakip_cli.diagnostics import (
    SEVERITY_LABEL,
    Diagnostic,
    LakipError,
    format_diagnostics,
    format_step_summary,
    has_errors,
)

# Typer vendors Click (typer._click) from 0.22 on; the context class is found through a public command class.
if TYPE_CHECKING:
    from typer._click.core import Context as _ClickContext
    from typer._click.exceptions import UsageError
else:
    _ClickContext = typer.core.TyperCommand.context_class
    UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class _Context(_ClickContext):
    def get_help(self) -> str:
        return help_text(super().get_help())

    def get_usage(self) -> str:
        return help_text(super().get_usage())


def _no_type(ctx: Any) -> None:
    return None


def _adopt(command: Any) -> None:
    """Indonesian help and named arguments for a command (or group), whichever class Typer made it with."""
    command.context_class = _Context
    for sub in getattr(command, "commands", {}).values():
        _adopt(sub)
    for param in command.params:
        if isinstance(param, typer.core.TyperArgument):
            # Typer prints an argument as "TAHUN <int>"; the metavar and the help say enough.
            param.display_type_rich = _no_type  # type: ignore[method-assign]


class _Command(typer.core.TyperCommand):
    context_class = _Context

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as exc:
            if exc.ctx is None:  # the option parser raises without a context; the hint needs the command
                exc.ctx = ctx
            raise


class _Group(typer.core.TyperGroup):
    """The app: Indonesian help everywhere, and usage errors in Indonesian (exit 2) under any runner."""

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            _adopt(command)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name or "lakip", standalone_mode=False, **extra)
            _exit_after_signal()
            sys.exit(code if isinstance(code, int) else 0)
        except typer.Exit as exc:
            _exit_after_signal()
            sys.exit(exc.exit_code)
        except UsageError as exc:
            _usage_error(exc)
        except typer.Abort:
            _exit_after_signal()
            typer.echo("Dibatalkan.", err=True)
            sys.exit(130)
        except KeyboardInterrupt:
            _state.setdefault("signal", signal.SIGINT)
            _exit_after_signal()


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI cancel, `timeout`, `docker stop`): unwound like Ctrl-C, so every cleanup runs."""


_STOPPED: dict[object, tuple[str, int]] = {
    signal.SIGTERM: ("Dihentikan (SIGTERM).", 143),
    signal.SIGINT: ("Dibatalkan.", 130),
}


def _stop(signum: int, frame: object) -> None:
    # Typer turns an interrupt into a plain exit code, so the signal is remembered here for the exit.
    _state["signal"] = signum
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def _exit_after_signal() -> None:
    """After a signal, whatever the command returned: its message and exit code (130 Ctrl-C, 143 SIGTERM)."""
    if not _state.get("signal"):
        return
    message, code = _STOPPED[_state["signal"]]
    typer.echo(message, err=True)
    sys.exit(code)


def _usage_error(exc: UsageError) -> NoReturn:
    if type(exc).__name__ == "NoArgsIsHelpError":
        typer.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
        sys.exit(2)
    hint = f" Lihat '{exc.ctx.command_path} --help'." if exc.ctx else " Lihat 'lakip --help'."
    message = usage_message(exc.format_message()).rstrip(".")
    end = "" if message.endswith("?") else "."
    typer.echo(f"Perintah salah: {message}{end}{hint}", err=True)
    sys.exit(2)


app = typer.Typer(
    cls=_Group,
    help="lakip: menyusun Laporan Kinerja Instansi Pemerintah (LKjIP) dari data YAML.\n\n"
         "\b\nContoh:\n  lakip validate 2024\n  lakip check 2024\n  lakip build 2024 --pdf\n\n"
         "Bantuan tiap perintah: lakip PERINTAH --help. Kode keluar: 0 berhasil, 1 ada galat data, "
         "2 perintah salah tulis, 3 kesalahan internal, 130 dibatalkan (Ctrl+C), 143 dihentikan (SIGTERM).",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

_state: dict[str, object] = {"debug": False}


def _command(short: str) -> Any:
    return app.command(cls=_Command, short_help=short)


def _version() -> str:
    # Read only when shown: importlib.metadata (email, zipfile, csv...) and the package's metadata cost
    # `lakip --help`, `rules` and `templat` more than their own work.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lakip")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        return "tidak diketahui"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"lakip {_version()}")
        raise typer.Exit(0)


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", metavar="BENTUK", show_default=False,
                 help="Bentuk keluaran temuan: text, json, github (otomatis di GitHub Actions) atau sarif "
                      "(untuk GitLab dan layanan kode lain)."),
]
ProjectOpt = Annotated[
    Path,
    typer.Option("--proyek", "-C", metavar="FOLDER", show_default=False,
                 help="Folder proyek (berisi lakip.yaml); bawaan: folder kerja atau induknya."),
]
YearArg = Annotated[
    int | None,
    typer.Argument(metavar="TAHUN", show_default=False,
                   help="Tahun laporan; bawaan: tahun terbaru di folder data."),
]


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Tampilkan rincian teknis bila terjadi kesalahan internal.")
    ] = False,
    show_version: Annotated[
        bool, typer.Option("--version", "-V", callback=_show_version, is_eager=True,
                           help="Tampilkan versi lakip lalu keluar.")
    ] = False,
) -> None:
    _state["debug"] = debug


def _fmt(fmt: Format | None) -> str:
    if fmt is not None:
        return fmt.value
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _catalogue_text() -> dict[str, str]:
    from lakip_cli.catalogue import all_codes

    return {c.code: c.meaning for c in all_codes()}


def _emit(diags: Sequence[Diagnostic], fmt: str, title: str = "lakip") -> None:
    """Findings on stdout in the chosen format; under GitHub Actions also all of them in the step summary."""
    if diags or fmt in ("json", "sarif"):
        sarif = fmt == "sarif"  # the only format that names the version
        text = format_diagnostics(diags, fmt, rules=_catalogue_text() if sarif else None,
                                  version=_version() if sarif else "")
        if text:
            typer.echo(text)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and os.environ.get("GITHUB_ACTIONS") == "true":
        try:
            with open(summary_file, "a", encoding="utf-8") as fh:
                fh.write(format_step_summary(diags, title))
        except OSError as exc:
            typer.echo(f"peringatan: ringkasan langkah GitHub tidak dapat ditulis: {exc.strerror}", err=True)


def _error_summary(diags: Sequence[Diagnostic]) -> str:
    diags = [x for d in diags for x in (d, *d.related)]  # consequences beneath a root cause count too
    n_err = sum(d.severity == "error" for d in diags)
    n_warn = len(diags) - n_err
    return f"{n_err} galat, {n_warn} peringatan"


def _die(exc: LakipError, fmt: str, title: str = "lakip") -> NoReturn:
    _emit(exc.diagnostics, fmt, title)
    typer.echo(f"Gagal: {_error_summary(exc.diagnostics)}.", err=True)
    raise typer.Exit(1)


def _locate(proyek: Path, year: int | None) -> tuple[Path, int]:
    """The project root and the report year a command works on (the latest year folder by default)."""
    from lakip_cli.source.project import find_root, latest_year
    from lakip_cli.source.validate import load_settings

    root = find_root(proyek)
    return root, year if year is not None else latest_year(root, load_settings(root).model)


@_command("Periksa sintaks, isian dan rujukan berkas data.")
def validate(year: YearArg = None, fmt: FormatOpt = None, proyek: ProjectOpt = Path(".")) -> None:
    """Periksa semua berkas data satu tahun: sintaks, isian, dan rujukan antarberkas.

    \b
    Contoh:
      lakip validate 2024
      lakip validate 2024 --format json > temuan.json
    """
    f = _fmt(fmt)
    try:
        root, y = _locate(proyek, year)
        from lakip_cli.checks.acceptance import apply_acceptances
        from lakip_cli.compute.report import compute_report
        from lakip_cli.source.validate import load_project

        # computing too: a figure that cannot exist (target 0 without a value) is a data error
        # (load and compute only: the pipeline module would also import the renderer and the writer)
        report = compute_report(load_project(root, y))
        project = report.project
        apply_acceptances(report, ())  # so is a malformed acceptance in lakip.yaml (cek.terima)
    except LakipError as exc:
        _die(exc, f, "lakip validate")
    _emit([], f, "lakip validate")
    typer.echo(f"Data {y} valid: {len(project.indikator)} indikator, tanpa galat.", err=True)


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    csv_biasa = "csv-biasa"


@_command("Tabel capaian hasil hitungan (text, json, csv).")
def summary(
    year: YearArg = None,
    fmt: Annotated[
        SummaryFormat,
        typer.Option("--format", "-f", metavar="BENTUK",
                     help="text; json (angka sebagai angka); csv untuk Excel berbahasa Indonesia (pemisah ';', "
                          "koma desimal, UTF-8 BOM); csv-biasa (pemisah ',', titik desimal)."),
    ] = SummaryFormat.text,
    proyek: ProjectOpt = Path("."),
) -> None:
    """Tampilkan tabel capaian hasil hitungan (target, realisasi, capaian, predikat, anggaran).

    \b
    Contoh:
      lakip summary 2024
      lakip summary 2024 --format csv > capaian.csv
      lakip summary 2024 --format json > capaian.json
    """
    try:
        root, y = _locate(proyek, year)
        from lakip_cli.pipeline import load_report
        from lakip_cli.present.summary import summary_csv, summary_json, summary_text

        report = load_report(root, y)
    except LakipError as exc:
        _die(exc, "text")
    if fmt is SummaryFormat.csv:
        typer.echo(summary_csv(report, excel=True), nl=False)
    elif fmt is SummaryFormat.csv_biasa:
        typer.echo(summary_csv(report, excel=False), nl=False)
    else:
        render = summary_json if fmt is SummaryFormat.json else summary_text
        typer.echo(render(report).rstrip("\n"))


def _ignore_codes(values: list[str] | None) -> list[str]:
    """--ignore values: repeated or comma-separated, each a code that can be ignored."""
    if not values:
        return []
    from lakip_cli.catalogue import ignorable_codes, known_codes

    codes = [c.strip().upper() for v in values for c in v.split(",") if c.strip()]
    allowed = ignorable_codes()
    unknown = [c for c in codes if c not in known_codes()]
    if unknown:
        raise typer.BadParameter(f"kode tidak dikenal: {', '.join(unknown)} (daftar kode: lakip rules --semua)")
    fixed = [c for c in codes if c not in allowed]
    if fixed:
        raise typer.BadParameter(f"{', '.join(fixed)} adalah galat data yang tidak dapat diabaikan; "
                                 "yang dapat diabaikan: aturan LK dan peringatan")
    return codes


IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", metavar="KODE", callback=_ignore_codes, show_default=False,
                 help="Abaikan aturan dengan kode ini; boleh berulang atau dipisah koma, mis. "
                      "--ignore LK011,LK012."),
]


@_command("Pemeriksaan konsistensi (aturan LK001 dst.).")
def check(
    year: YearArg = None,
    fmt: FormatOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Gagal juga bila ada peringatan.")] = False,
    ignore: IgnoreOpt = None,
    proyek: ProjectOpt = Path("."),
) -> None:
    """Jalankan pemeriksaan konsistensi (aturan LK001 dst.) atas data satu tahun.

    Temuan ditulis ke stdout (dapat dialihkan ke berkas), ringkasan ke stderr.

    \b
    Contoh:
      lakip check 2024
      lakip check 2024 > hasil.txt
      lakip check 2024 --strict --ignore LK011,LK012
      lakip check 2024 --format sarif > lakip.sarif
    """
    f = _fmt(fmt)
    try:
        root, y = _locate(proyek, year)
        from lakip_cli.pipeline import check_report

        _, diags = check_report(root, y, tuple(ignore or ()))
    except LakipError as exc:
        _die(exc, f, "lakip check")
    _emit(diags, f, "lakip check")
    failed = has_errors(diags) or (strict and bool(diags))
    verdict = "Gagal" if failed else "Selesai"
    typer.echo(f"{verdict}: {_error_summary(diags)}.", err=True)
    if failed:
        raise typer.Exit(1)


@_command("Katalog aturan pemeriksaan dan kode pesan.")
def rules(
    kode: Annotated[str | None, typer.Argument(metavar="KODE", show_default=False,
                                               help="Kode aturan yang dijelaskan rinci, mis. LK010.")] = None,
    semua: Annotated[bool, typer.Option("--semua", help="Tampilkan semua kode pesan (V, T, W, P, I, X, LK).")] = False,
) -> None:
    """Tampilkan katalog aturan pemeriksaan, atau penjelasan rinci satu aturan.

    \b
    Contoh:
      lakip rules
      lakip rules LK010
      lakip rules --semua
    """
    from lakip_cli.catalogue import all_codes
    from lakip_cli.checks import RULES, explain_rule, rule_catalogue

    if kode is not None:
        wanted = kode.strip().upper()
        rule = next((r for r in RULES if wanted in (r.CODE, r.NAME.upper())), None)
        if rule is not None:
            typer.echo(explain_rule(rule))
            return
        info = next((c for c in all_codes() if c.code == wanted), None)
        if info is None:
            raise typer.BadParameter(f"kode tidak dikenal: {kode} (daftar kode: lakip rules --semua)",
                                     param_hint="'KODE'")
        typer.echo(f"{info.code}  ({info.stage}, {SEVERITY_LABEL.get(info.severity, info.severity)})\n\n{info.meaning}")
        return
    if semua:
        for c in all_codes():
            typer.echo(f"{c.code:<6} {SEVERITY_LABEL.get(c.severity, c.severity):<10} {c.meaning}")
        return
    for code, name, severity, text in rule_catalogue():
        typer.echo(f"{code}  {name:<28} {SEVERITY_LABEL[severity]:<10} {text}")


@_command("Susun dokumen Word (dan PDF).")
def build(
    year: YearArg = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="BERKAS.docx", show_default=False,
                                  help="Berkas .docx keluaran; bawaan out/LAKIP-TAHUN.docx. Teks hasil "
                                       "penyusunan ditulis di sampingnya dengan nama sama berakhiran .md "
                                       "(dan PDF berakhiran .pdf).")
    ] = None,
    final: Annotated[
        bool, typer.Option("--final", help="Laporan final: tolak membangun bila ada data wajib yang kosong, "
                             "galat, atau peringatan yang belum diterima dengan alasan (cek.terima di lakip.yaml); "
                             "--ignore dan cek.abaikan tidak berlaku.")
    ] = False,
    pdf: Annotated[bool | None, typer.Option("--pdf/--no-pdf", show_default=False,
                                             help="Buat juga PDF melalui LibreOffice (bawaan: lakip.yaml).")] = None,
    grafik: Annotated[bool | None, typer.Option("--grafik/--tanpa-grafik", show_default=False,
                                                help="Sertakan grafik (bawaan: lakip.yaml).")] = None,
    ignore: IgnoreOpt = None,
    fmt: FormatOpt = None,
    proyek: Annotated[
        list[Path] | None,
        typer.Option("--proyek", "-C", metavar="FOLDER", show_default=False,
                     help="Folder proyek (berisi lakip.yaml); bawaan: folder kerja atau induknya. Beberapa "
                          "folder (-C opd/*) disusun bersamaan di semua inti prosesor."),
    ] = None,
    lainnya: Annotated[
        list[Path] | None,
        typer.Argument(metavar="FOLDER", hidden=True, show_default=False,
                       help="Folder proyek berikutnya sesudah -C (hasil pola seperti opd/*)."),
    ] = None,
) -> None:
    """Susun laporan lengkap sebagai dokumen Word (dan PDF).

    \b
    Contoh:
      lakip build 2024
      lakip build 2024 --pdf
      lakip build 2024 --final -o out/LAKIP-2024-final.docx
      lakip build 2024 --pdf -C opd/*
    """
    f = _fmt(fmt)
    folders = [*(proyek or [Path(".")]), *(lainnya or [])]
    if lainnya and not proyek:
        typer.echo(f"Galat: argumen tidak dikenal: {lainnya[0]} (folder proyek ditulis sesudah -C)", err=True)
        raise typer.Exit(2)
    if len(folders) > 1:
        if output is not None:
            typer.echo("Galat: -o tidak dapat dipakai untuk beberapa proyek sekaligus", err=True)
            raise typer.Exit(2)
        raise typer.Exit(_build_many(folders, year, final=final, pdf=pdf, charts=grafik,
                                     ignore=tuple(ignore or ()), fmt=f))
    try:
        if pdf or final:
            from lakip_cli.write.pdf import start_office_early

            # LibreOffice's start-up is the longest step of a PDF: it begins before anything else is read.
            start_office_early()
        root, y = _locate(folders[0], year)
        from lakip_cli.charts.early import start as start_charts

        start_charts(root, output, grafik)  # matplotlib imports in a child while the project loads
        from lakip_cli.pipeline import BuildOptions, build_report

        # A build makes millions of short-lived objects and keeps its report to the end: the cyclic
        # collector's default thresholds rescan the whole heap again and again (a fifth of a large
        # build's time), for the few cycles that a younger generation collects as well.
        gc.set_threshold(50_000, 20, 20)
        result = build_report(root, BuildOptions(year=y, output=output, final=final, pdf=pdf, charts=grafik,
                                                 ignore=tuple(ignore or ())))
    except LakipError as exc:
        if final:
            typer.echo("Laporan final tidak dibuat karena hal-hal berikut:", err=True)
        _die(exc, f, "lakip build")
    _emit(result.diagnostics, f, "lakip build")
    if result.accepted:
        typer.echo(f"Diterima dengan alasan ({len(result.accepted)} temuan):", err=True)
        for item in result.accepted:
            typer.echo(f"  {item.finding.format_text()}\n    alasan: {item.alasan} ({item.entry})", err=True)
    missing = len(result.report.belum_diisi)
    if missing:
        typer.echo(f"Draf: {missing} isian wajib belum diisi dan ditandai di dokumen.", err=True)
    if result.diagnostics:
        typer.echo(f"Pemeriksaan: {_error_summary(result.diagnostics)}.", err=True)
    typer.echo(f"ditulis: {_shown(result.docx)} (dokumen Word{_index_note(result.indexes)})", err=True)
    typer.echo(f"ditulis: {_shown(result.markdown)} (teks hasil penyusunan, untuk ditelaah)", err=True)
    if result.pdf is not None:
        typer.echo(f"ditulis: {_shown(result.pdf)} (PDF)", err=True)
    if result.indexes != "terisi":
        typer.echo(_INDEX_HINT[result.indexes], err=True)


_INDEX_HINT = {
    "word": "Catatan: daftar isi, daftar tabel dan daftar gambar disusun Word saat dokumen dibuka; agar terisi "
            "juga di pembaca lain (WPS Office, pandoc), susun dengan --pdf (LibreOffice mengisinya).",
    "tanpa-libreoffice": "Catatan: LibreOffice tidak terpasang, jadi daftar isi, daftar tabel dan daftar gambar "
                         "disusun Word saat dokumen dibuka; pembaca lain (WPS Office, pandoc) menampilkan "
                         "petunjuk 'Perbarui Bidang'.",
}


def _index_note(indexes: str) -> str:
    return ", daftar isi terisi" if indexes == "terisi" else ""


def _build_many(folders: list[Path], year: int | None, *, final: bool, pdf: bool | None, charts: bool | None,
                ignore: tuple[str, ...], fmt: str) -> int:
    """Several projects: their documents built on all cores, their PDFs through one LibreOffice; the worst code."""
    import tempfile
    import time
    from concurrent.futures import ProcessPoolExecutor

    from lakip_cli.pipeline import BuildOptions, PendingBuild, finish_builds, prepare_many
    from lakip_cli.write.atomic import SCRATCH_PREFIX

    started = time.monotonic()
    total = len(folders)
    worst = 0
    shown_names = [_shown(folder) for folder in folders]
    done = 0

    def line(n: int, text: str) -> None:
        nonlocal done
        done += 1
        typer.echo(f"[{done}/{total}] {shown_names[n]}: {text}", err=True)

    def failed(n: int, diags: Sequence[Diagnostic]) -> None:
        nonlocal worst
        worst = max(worst, 1)
        _emit(diags, fmt, "lakip build")
        line(n, f"gagal: {_error_summary(diags)}")

    pending: list[tuple[int, PendingBuild]] = []
    early = None
    scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}pdf-{os.getpid()}-banyak-")
    try:
        work: list[tuple[int, Path, BuildOptions]] = []
        for n, folder in enumerate(folders):
            try:
                root, y = _locate(folder, year)
            except LakipError as exc:
                failed(n, exc.diagnostics)
                continue
            work.append((n, root, BuildOptions(year=y, final=final, pdf=pdf, charts=charts, ignore=ignore,
                                               office_scratch=Path(scratch), spare_core=False)))
        from lakip_cli.pipeline import wants_office
        from lakip_cli.write.pdf import start_office, take_office

        # One LibreOffice for every report, starting while the documents are written (or before: lakip_cli.program).
        early = take_office()
        if early is None and any(wants_office(root, options) for _, root, options in work):
            early = start_office()
        workers = max(1, min(os.cpu_count() or 1, len(work)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for at, outcome in prepare_many(pool, [(r, o) for _, r, o in work]):
                n = work[at][0]
                if isinstance(outcome, str):
                    worst = 3
                    line(n, f"kesalahan internal: {outcome}")
                elif isinstance(outcome, tuple):
                    failed(n, outcome)
                else:
                    pending.append((n, outcome))
                    if outcome.job is None:
                        _report_line(line, n, outcome.result)

        pending.sort(key=lambda item: item[0])  # the PDFs, and the findings after them, in the order given
        waiting = [(n, p) for n, p in pending if p.job is not None]
        results = finish_builds([p for _, p in waiting], early=early,
                                progress=lambda i: _report_line(line, waiting[i][0], waiting[i][1].result))
        early = None
        for (n, _), finished in zip(waiting, results, strict=True):
            if isinstance(finished, LakipError):
                failed(n, finished.diagnostics)
            else:
                _emit(finished.diagnostics, fmt, "lakip build")
    finally:
        import shutil

        if early is not None:
            early.close()
        shutil.rmtree(scratch, ignore_errors=True)
    for _, p in pending:
        if p.job is None:
            _emit(p.result.diagnostics, fmt, "lakip build")
    elapsed = f"{time.monotonic() - started:.1f}".replace(".", ",")
    typer.echo(f"{total} laporan dalam {elapsed} detik", err=True)
    return worst


def _report_line(line: Any, n: int, result: Any) -> None:
    parts = [_shown(result.docx)]
    if result.pdf is not None:
        parts.append(_shown(result.pdf))
    findings = f"{_error_summary(result.diagnostics)}; " if result.diagnostics else ""
    line(n, f"selesai, {findings}ditulis {', '.join(parts)}")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@_command("Tulis ulang JSON Schema ke folder schemas/.")
def schema(proyek: ProjectOpt = Path(".")) -> None:
    """Tulis JSON Schema setiap jenis berkas data ke folder schemas/.

    \b
    Contoh:
      lakip schema
      lakip schema -C ../lakip-2025
    """
    from lakip_cli.source.schema import write_schemas

    try:
        from lakip_cli.source.project import find_root

        root = find_root(proyek)
        written = write_schemas(root)
    except LakipError as exc:
        _die(exc, "text")
    for path in written:
        typer.echo(f"ditulis: {path.relative_to(root)}", err=True)


templat_app = typer.Typer(
    help="Lihat templat bab dan salin templat bawaan ke proyek untuk diubah.\n\n"
         "\b\nContoh:\n  lakip templat daftar\n  lakip templat salin 30-bab3-akuntabilitas.md.j2",
    no_args_is_help=True,
)
app.add_typer(templat_app, name="templat", short_help="Lihat dan salin templat bab.")


def _templates(proyek: Path):  # -> TemplateSet
    from lakip_cli.present.templates import TemplateSet
    from lakip_cli.source.project import find_root
    from lakip_cli.source.validate import load_settings

    root = find_root(proyek)
    return TemplateSet(root, load_settings(root).model.folder_templat)


@templat_app.command("daftar", cls=_Command, short_help="Daftar templat yang dipakai.")
def templat_daftar(proyek: ProjectOpt = Path(".")) -> None:
    """Daftar templat yang dipakai: dari folder templat proyek atau bawaan lakip.

    \b
    Contoh:
      lakip templat daftar
      lakip templat daftar -C ../lakip-2025
    """
    try:
        templates = _templates(proyek)
        listing = templates.listing()
    except LakipError as exc:
        _die(exc, "text")
    for item in listing:
        where = f"proyek ({templates.shown(item.path)})" if item.overridden else "bawaan"
        typer.echo(f"{item.name:32} {where}")


@templat_app.command("salin", cls=_Command, short_help="Salin templat bawaan ke proyek.")
def templat_salin(
    nama: Annotated[list[str] | None, typer.Argument(metavar="NAMA",
                                                     help="Nama templat, mis. 30-bab3-akuntabilitas.md.j2; "
                                                          "tanpa nama: semua.", show_default=False)] = None,
    proyek: ProjectOpt = Path("."),
) -> None:
    """Salin templat bawaan ke folder templat proyek untuk diubah; berkas yang sudah ada tidak ditimpa.

    \b
    Contoh:
      lakip templat salin
      lakip templat salin 30-bab3-akuntabilitas.md.j2
    """
    try:
        templates = _templates(proyek)
        done = templates.copy(tuple(nama or ()))
    except LakipError as exc:
        _die(exc, "text")
    for name, copied in done:
        dest = templates.shown(templates.project_dir / name)
        typer.echo(f"disalin: {dest}" if copied else f"dilewati (sudah ada, tidak ditimpa): {dest}")


@_command("Mulai tahun baru dari data tahun lalu, atau kerangka proyek baru.")
def init(
    year: Annotated[int | None, typer.Argument(metavar="TAHUN", show_default=False,
                                               help="Tahun laporan baru; bawaan: tahun sesudah --from.")] = None,
    dari: Annotated[
        int | None, typer.Option("--from", "--dari", metavar="TAHUN", show_default=False,
                                 help="Tahun sumber yang datanya dibawa ke tahun baru.")
    ] = None,
    proyek: ProjectOpt = Path("."),
) -> None:
    """Mulai tahun baru dari data tahun lalu (--from), atau buat kerangka proyek baru bila tanpa --from.

    \b
    Contoh:
      lakip init 2025 --from 2024
      lakip init 2024 -C ../lakip-dinas-baru
    """
    import datetime as dt

    if dari is None:
        from lakip_cli.scaffold.new_project import new_project

        y = year if year is not None else dt.date.today().year - 1
        try:
            created = new_project(proyek.resolve(), y)
        except LakipError as exc:
            _die(exc, "text")
        for path in created.files:
            typer.echo(f"ditulis: {_shown(path)}", err=True)
        typer.echo(f"Kerangka proyek laporan tahun {y} siap. Langkah berikutnya:\n"
                   f"  1. Isi setiap [[BELUM DIISI: ...]] di data/{y}/ (instansi, perencanaan, anggaran, laporan).\n"
                   f"  2. Salin data/{y}/indikator/01-contoh.yaml untuk setiap indikator Perjanjian Kinerja.\n"
                   f"  3. Jalankan 'lakip validate {y}', lalu 'lakip check {y}' dan 'lakip build {y}'.", err=True)
        return
    from lakip_cli.scaffold.init_year import init_year
    from lakip_cli.source.project import find_root

    y = year if year is not None else dari + 1
    try:
        result = init_year(find_root(proyek), dari, y)
    except LakipError as exc:
        if any(d.code == "I004" for d in exc.diagnostics):
            typer.echo(f"Tahun {y} tidak dibuat: data {dari} belum valid.", err=True)
        _die(exc, "text")
    typer.echo(f"ditulis: {_shown(result.folder)}/ ({len(result.files)} berkas)", err=True)
    for note in result.notes:
        typer.echo(f"perhatian: {note}", err=True)
    typer.echo(f"Data {y} dibuat dari {dari}: angka {dari} kini ada di riwayat setiap indikator; target, realisasi,\n"
               f"anggaran, tanggal dan narasi {y} dikosongkan dan ditandai. Teks {dari} ada di "
               f"{_shown(result.folder)}/narasi-{dari}.md sebagai bahan.\n"
               f"Langkah berikutnya: isi data {y}, lalu 'lakip validate {y}' dan 'lakip build {y}'.", err=True)


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"


@_command("Ekspor angka dan temuan untuk evaluator (xlsx, csv).")
def ekspor(
    year: YearArg = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", metavar="BENTUK",
                     help="xlsx (buku kerja Excel/LibreOffice) atau csv (satu berkas per lembar)."),
    ] = ExportFormat.xlsx,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="BERKAS", show_default=False,
                                  help="Berkas keluaran; bawaan out/LAKIP-TAHUN.xlsx.")
    ] = None,
    ignore: IgnoreOpt = None,
    proyek: ProjectOpt = Path("."),
) -> None:
    """Ekspor angka hasil hitungan dan temuan pemeriksaan untuk evaluator: indikator, sasaran, anggaran, temuan.

    \b
    Contoh:
      lakip ekspor 2024
      lakip ekspor 2024 --format csv -o out/evaluasi.csv
    """
    try:
        root, y = _locate(proyek, year)
        from lakip_cli.pipeline import export_report

        paths = export_report(root, y, fmt.value, output, tuple(ignore or ()))
    except LakipError as exc:
        _die(exc, "text")
    for path in paths:
        typer.echo(f"ditulis: {_shown(path)}", err=True)


def main() -> None:
    """The command line: usage errors exit 2, project errors 1, anything else is a bug reported briefly.

    Ends with SystemExit, as a function called by a test or a script expects; run() is the program.
    """
    command = typer.main.get_command(app)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        command.main(prog_name="lakip")
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence in front of the user
        if _state["debug"]:
            import traceback

            traceback.print_exc()
        else:
            typer.echo(
                f"kesalahan internal: {type(exc).__name__}: {exc}\n"
                "Jalankan ulang dengan 'lakip --debug ...' untuk rinciannya dan laporkan kepada pengembang.",
                err=True,
            )
        sys.exit(3)


def run() -> NoReturn:
    """The `lakip` program: main(), then the process ends without taking the interpreter apart (_leave)."""
    try:
        main()
        code: str | int | None = 0
    except SystemExit as exc:
        code = exc.code
    _leave(code)


def _leave(code: str | int | None) -> NoReturn:
    """End the process with `code` (as sys.exit reads it), without taking the interpreter apart.

    Everything is written by now; what remains of a normal exit is the exit functions (the folders of
    LibreOffice and the chart child, lakip_cli.write.office_work) and the freeing of every object one by
    one, a tenth of a second after a build. The exit functions run here; the memory is the system's to take
    back. With a thread still running (none is, after a command), the normal exit waits for it.
    """
    if threading.active_count() > 1:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that went away (lakip check | head)
            stream.flush()
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    run()
