"""cli: Typer wiring; the only module that prints or exits."""

from __future__ import annotations

import os
import signal
import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
import typer.main

from lakip_cli.diagnostics import SEVERITY_LABEL, Diagnostic, LakipError, format_diagnostics, has_errors

app = typer.Typer(
    help="lakip: menyusun Laporan Kinerja Instansi Pemerintah (LKjIP) dari data YAML.",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
)

_state: dict[str, object] = {"debug": False}


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Bentuk keluaran pesan: text, json, atau github (otomatis di GitHub Actions)."),
]
ProjectOpt = Annotated[
    Path,
    typer.Option("--proyek", "-C", help="Folder proyek (berisi lakip.yaml); bawaan: folder kerja atau induknya."),
]
YearArg = Annotated[int | None, typer.Argument(help="Tahun laporan; bawaan: tahun terbaru di folder data.")]


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Tampilkan rincian teknis bila terjadi kesalahan internal.")
    ] = False,
) -> None:
    _state["debug"] = debug


def _fmt(fmt: Format | None) -> str:
    if fmt is not None:
        return fmt.value
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _emit(diags: list[Diagnostic] | tuple[Diagnostic, ...], fmt: str) -> None:
    if not diags and fmt != "json":
        return
    text = format_diagnostics(diags, fmt)
    if text:
        typer.echo(text, err=fmt == "text")


def _error_summary(diags: tuple[Diagnostic, ...] | list[Diagnostic]) -> str:
    n_err = sum(d.severity == "error" for d in diags)
    n_warn = len(diags) - n_err
    return f"{n_err} galat, {n_warn} peringatan"


def _die(exc: LakipError, fmt: str) -> NoReturn:
    _emit(exc.diagnostics, fmt)
    if fmt == "text":
        typer.echo(f"Gagal: {_error_summary(exc.diagnostics)}.", err=True)
    raise typer.Exit(1)


def _locate(proyek: Path, year: int | None) -> tuple[Path, int]:
    """The project root and the report year a command works on (the latest year folder by default)."""
    from lakip_cli.source.project import find_root, latest_year
    from lakip_cli.source.validate import load_settings

    root = find_root(proyek)
    return root, year if year is not None else latest_year(root, load_settings(root).model)


@app.command()
def validate(year: YearArg = None, fmt: FormatOpt = None, proyek: ProjectOpt = Path(".")) -> None:
    """Periksa semua berkas data satu tahun: sintaks, isian, dan rujukan antarberkas."""
    f = _fmt(fmt)
    try:
        root, y = _locate(proyek, year)
        from lakip_cli.pipeline import load_report

        # computing too: a figure that cannot exist (target 0 without a value) is a data error
        project = load_report(root, y).project
    except LakipError as exc:
        _die(exc, f)
    _emit([], f)
    if f == "text":
        typer.echo(f"Data {y} valid: {len(project.indikator)} indikator, tanpa galat.", err=True)


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command()
def summary(
    year: YearArg = None,
    fmt: Annotated[SummaryFormat, typer.Option("--format", "-f", help="text, json, atau csv.")] = SummaryFormat.text,
    proyek: ProjectOpt = Path("."),
) -> None:
    """Tampilkan tabel capaian hasil hitungan (target, realisasi, capaian, predikat, anggaran)."""
    try:
        root, y = _locate(proyek, year)
        from lakip_cli.pipeline import load_report
        from lakip_cli.present.summary import summary_csv, summary_json, summary_text

        report = load_report(root, y)
    except LakipError as exc:
        _die(exc, "text")
    render = {"text": summary_text, "json": summary_json, "csv": summary_csv}[fmt.value]
    typer.echo(render(report).rstrip("\n"))


IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Abaikan aturan dengan kode ini (boleh berulang), mis. --ignore LK012."),
]


@app.command()
def check(
    year: YearArg = None,
    fmt: FormatOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Gagal juga bila ada peringatan.")] = False,
    ignore: IgnoreOpt = None,
    proyek: ProjectOpt = Path("."),
) -> None:
    """Jalankan pemeriksaan konsistensi (aturan LK001 dst.) atas data satu tahun."""
    f = _fmt(fmt)
    try:
        root, y = _locate(proyek, year)
        from lakip_cli.pipeline import check_report

        _, diags = check_report(root, y, tuple(ignore or ()))
    except LakipError as exc:
        _die(exc, f)
    _emit(diags, f)
    failed = has_errors(diags) or (strict and bool(diags))
    if f == "text":
        verdict = "Gagal" if failed else "Selesai"
        typer.echo(f"{verdict}: {_error_summary(diags)}.", err=True)
    if failed:
        raise typer.Exit(1)


@app.command()
def rules() -> None:
    """Tampilkan katalog aturan pemeriksaan."""
    from lakip_cli.checks import rule_catalogue

    for code, name, severity, text in rule_catalogue():
        typer.echo(f"{code}  {name:<28} {SEVERITY_LABEL[severity]:<10} {text}")


@app.command()
def build(
    year: YearArg = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Berkas .docx keluaran; bawaan out/LAKIP-TAHUN.docx.")
    ] = None,
    final: Annotated[
        bool, typer.Option("--final", help="Tolak membangun bila ada data wajib yang kosong atau galat pemeriksaan.")
    ] = False,
    pdf: Annotated[bool | None, typer.Option("--pdf/--no-pdf", help="Buat juga PDF melalui LibreOffice.")] = None,
    grafik: Annotated[bool | None, typer.Option("--grafik/--tanpa-grafik", help="Sertakan grafik.")] = None,
    ignore: IgnoreOpt = None,
    fmt: FormatOpt = None,
    proyek: ProjectOpt = Path("."),
) -> None:
    """Susun laporan lengkap sebagai dokumen Word (dan PDF)."""
    f = _fmt(fmt)
    try:
        root, y = _locate(proyek, year)
        from lakip_cli.pipeline import BuildOptions, build_report

        result = build_report(root, BuildOptions(year=y, output=output, final=final, pdf=pdf, charts=grafik,
                                                 ignore=tuple(ignore or ())))
    except LakipError as exc:
        if final and f == "text":
            typer.echo("Laporan final tidak dibuat karena hal-hal berikut:", err=True)
        _die(exc, f)
    _emit(result.diagnostics, f)
    if f == "text":
        missing = len(result.report.belum_diisi)
        if missing:
            typer.echo(f"Draf: {missing} isian wajib belum diisi dan ditandai di dokumen.", err=True)
        if result.diagnostics:
            typer.echo(f"Pemeriksaan: {_error_summary(result.diagnostics)}.", err=True)
        for path in (result.docx, result.markdown, result.pdf):
            if path is not None:
                typer.echo(f"ditulis: {_shown(path)}", err=True)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@app.command()
def schema(proyek: ProjectOpt = Path(".")) -> None:
    """Tulis JSON Schema setiap jenis berkas data ke folder schemas/."""
    from lakip_cli.source.schema import write_schemas

    try:
        from lakip_cli.source.project import find_root

        root = find_root(proyek)
    except LakipError as exc:
        _die(exc, "text")
    for path in write_schemas(root):
        typer.echo(f"ditulis: {path.relative_to(root)}")


templat_app = typer.Typer(help="Lihat templat bab dan salin templat bawaan ke proyek untuk diubah.",
                          no_args_is_help=True)
app.add_typer(templat_app, name="templat")


def _templates(proyek: Path):  # -> TemplateSet
    from lakip_cli.present.templates import TemplateSet
    from lakip_cli.source.project import find_root
    from lakip_cli.source.validate import load_settings

    root = find_root(proyek)
    return TemplateSet(root, load_settings(root).model.folder_templat)


@templat_app.command("daftar")
def templat_daftar(proyek: ProjectOpt = Path(".")) -> None:
    """Daftar templat yang dipakai: dari folder templat proyek atau bawaan lakip."""
    try:
        templates = _templates(proyek)
        listing = templates.listing()
    except LakipError as exc:
        _die(exc, "text")
    for item in listing:
        where = f"proyek ({templates.shown(item.path)})" if item.overridden else "bawaan"
        typer.echo(f"{item.name:32} {where}")


@templat_app.command("salin")
def templat_salin(
    nama: Annotated[list[str] | None, typer.Argument(help="Nama templat, mis. 30-bab3-akuntabilitas.md.j2; "
                                                        "tanpa nama: semua.", show_default=False)] = None,
    proyek: ProjectOpt = Path("."),
) -> None:
    """Salin templat bawaan ke folder templat proyek untuk diubah; berkas yang sudah ada tidak ditimpa."""
    try:
        templates = _templates(proyek)
        done = templates.copy(tuple(nama or ()))
    except LakipError as exc:
        _die(exc, "text")
    for name, copied in done:
        dest = templates.shown(templates.project_dir / name)
        typer.echo(f"disalin: {dest}" if copied else f"dilewati (sudah ada, tidak ditimpa): {dest}")


@app.command()
def init(
    year: Annotated[int | None, typer.Argument(help="Tahun laporan baru; bawaan: tahun sesudah --from.")] = None,
    dari: Annotated[
        int | None, typer.Option("--from", "--dari", help="Tahun sumber yang datanya dibawa ke tahun baru.")
    ] = None,
    proyek: ProjectOpt = Path("."),
) -> None:
    """Mulai tahun baru dari data tahun lalu (--from), atau buat kerangka proyek baru bila tanpa --from."""
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


@app.command()
def ekspor(
    year: YearArg = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="xlsx (buku kerja Excel/LibreOffice) atau csv (satu berkas per lembar)."),
    ] = ExportFormat.xlsx,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Berkas keluaran; bawaan out/LAKIP-TAHUN.xlsx.")
    ] = None,
    ignore: IgnoreOpt = None,
    proyek: ProjectOpt = Path("."),
) -> None:
    """Ekspor angka hasil hitungan dan temuan pemeriksaan untuk evaluator: indikator, sasaran, anggaran, temuan."""
    try:
        root, y = _locate(proyek, year)
        from lakip_cli.pipeline import export_report

        paths = export_report(root, y, fmt.value, output, tuple(ignore or ()))
    except LakipError as exc:
        _die(exc, "text")
    for path in paths:
        typer.echo(f"ditulis: {_shown(path)}", err=True)


# Typer's usage error class, found through a public one (Typer vendors Click in newer releases).
if TYPE_CHECKING:  # the installed typer vendors click as typer._click; older typer used click
    from typer._click.exceptions import UsageError
else:
    UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")

_USAGE_WORDS = (
    ("No such option", "opsi tidak dikenal"),
    ("No such command", "perintah tidak dikenal"),
    ("Missing argument", "argumen wajib tidak ada"),
    ("Missing option", "opsi wajib tidak ada"),
    ("Invalid value for", "nilai tidak valid untuk"),
    ("Got unexpected extra argument", "argumen berlebih"),
    ("Got unexpected extra arguments", "argumen berlebih"),
    ("Option", "Opsi"),
    ("requires an argument", "memerlukan nilai"),
    ("Input should be a valid integer, unable to parse string as an integer", "harus bilangan bulat"),
    ("is not one of", "bukan salah satu dari"),
    ("Did you mean", "Maksud Anda"),
    ("Value error, ", ""),
)


def usage_message(text: str) -> str:
    """Click's usage messages, in Indonesian."""
    for english, indonesian in _USAGE_WORDS:
        text = text.replace(english, indonesian)
    return text


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI cancel, `timeout`, `docker stop`): unwound like Ctrl-C, so every cleanup runs."""


_STOPPED: dict[object, tuple[str, int]] = {
    signal.SIGTERM: ("Dihentikan (SIGTERM).", 143),
    signal.SIGINT: ("Dibatalkan.", 130),
}


def _stop(signum: int, frame: object) -> None:
    # Typer turns an interrupt into a plain exit code, so the signal is remembered here for main().
    _state["signal"] = signum
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def _exit_after_signal() -> None:
    message, code = _STOPPED[_state["signal"]]
    typer.echo(message, err=True)
    sys.exit(code)


def main() -> None:
    """Console entry point: usage errors exit 2, project errors 1, anything else is a bug reported briefly."""
    command = typer.main.get_command(app)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        code = command.main(standalone_mode=False, prog_name="lakip")
        if _state.get("signal"):
            _exit_after_signal()
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        if _state.get("signal"):
            _exit_after_signal()
        sys.exit(exc.exit_code)
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            typer.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
            sys.exit(2)
        hint = f" Lihat 'lakip {exc.ctx.info_name} --help'." if exc.ctx and exc.ctx.parent else " Lihat 'lakip --help'."
        message = usage_message(exc.format_message()).rstrip(".")
        end = "" if message.endswith("?") else "."
        typer.echo(f"Perintah salah: {message}{end}{hint}", err=True)
        sys.exit(2)
    except typer.Abort:
        if _state.get("signal"):
            _exit_after_signal()
        typer.echo("Dibatalkan.", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _state.setdefault("signal", signal.SIGINT)
        _exit_after_signal()
    except Exception as exc:  # noqa: BLE001 - the last line of defence in front of the user
        if _state["debug"]:
            traceback.print_exc()
        else:
            typer.echo(
                f"kesalahan internal: {type(exc).__name__}: {exc}\n"
                "Jalankan ulang dengan 'lakip --debug ...' untuk rinciannya dan laporkan kepada pengembang.",
                err=True,
            )
        sys.exit(3)


if __name__ == "__main__":  # pragma: no cover
    main()
