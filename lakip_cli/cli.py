"""cli: Typer wiring; the only module that prints or exits."""

from __future__ import annotations

import os
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .diagnostics import Diagnostic, LakipError, format_diagnostics, has_errors

app = typer.Typer(
    help="lakip: menyusun Laporan Kinerja Instansi Pemerintah (LKjIP) dari data YAML.",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
)

_state = {"debug": False}


class Format(str, Enum):
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
def _main(debug: Annotated[bool, typer.Option("--debug", help="Tampilkan rincian teknis bila terjadi kesalahan internal.")] = False) -> None:
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


def _root(proyek: Path) -> Path:
    from .validate import find_root

    return find_root(proyek)


def _year(root: Path, year: int | None) -> int:
    if year is not None:
        return year
    from .validate import load_settings

    settings = load_settings(root).model
    folder = root / settings.folder_data
    years = sorted(int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit()) if folder.is_dir() else []
    if not years:
        raise _no_year(settings.folder_data)
    return years[-1]


def _no_year(folder: str) -> LakipError:
    from .diagnostics import fail

    return fail(folder, "V030", f"tidak ada folder tahun (mis. {folder}/2024/)")


@app.command()
def validate(year: YearArg = None, fmt: FormatOpt = None, proyek: ProjectOpt = Path(".")) -> None:
    """Periksa semua berkas data satu tahun: sintaks, isian, dan rujukan antarberkas."""
    f = _fmt(fmt)
    try:
        root = _root(proyek)
        y = _year(root, year)
        from .validate import load_project

        project = load_project(root, y)
    except LakipError as exc:
        _die(exc, f)
    _emit([], f)
    if f == "text":
        typer.echo(f"Data {y} valid: {len(project.indikator)} indikator, tanpa galat.", err=True)


@app.command()
def schema(proyek: ProjectOpt = Path(".")) -> None:
    """Tulis JSON Schema setiap jenis berkas data ke folder schemas/."""
    from .schema import write_schemas

    try:
        root = _root(proyek)
    except LakipError as exc:
        _die(exc, "text")
    for path in write_schemas(root):
        typer.echo(f"ditulis: {path.relative_to(root)}")


def main() -> None:
    """Console entry point: project errors exit 1, anything else is a bug reported briefly."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("Dibatalkan.", err=True)
        sys.exit(130)
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
