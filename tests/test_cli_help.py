"""Help and usage errors are entirely Indonesian for every command, through the real entry point."""

from __future__ import annotations

import re

import pytest
import typer.main

from lakip_cli.cli import app, main


def _commands(group, prefix: tuple[str, ...] = ()) -> list[str]:
    out = []
    for name, command in sorted(group.commands.items()):
        out.append(" ".join((*prefix, name)))
        if hasattr(command, "commands"):
            out += _commands(command, (*prefix, name))
    return out


COMMANDS = _commands(typer.main.get_command(app))  # every command and subcommand, e.g. "templat salin"
GROUPS = {name for name in COMMANDS if any(other.startswith(name + " ") for other in COMMANDS)}

# Click's and Typer's English wording; none of it may reach a user.
CLICK_PHRASES = (
    "Usage:", "Options:", "Arguments:", "Commands:", "Show this message and exit", "[default:", "[required]",
    "Missing argument", "Missing option", "Missing command", "Missing parameter", "No such option",
    "No such command", "Possible options", "Did you mean", "Invalid value", "Got unexpected", "extra argument",
    "requires an argument", "is not one of", "does not take a value", "is not a valid", "Error:", "Try '",
    "Aborted", "(s)", "<int>", "<str>", "<path>", "<list[str]>", "<text", "[OPTIONS]", "COMMAND [ARGS]",
    "env var:", "(dynamic)", "Option '", "Value error",
)


def _run(monkeypatch, capsys, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.argv", ["lakip", *argv])
    with pytest.raises(SystemExit) as info:
        main()
    captured = capsys.readouterr()
    return int(info.value.code or 0), captured.out, captured.err


def _english(text: str) -> list[str]:
    return [p for p in CLICK_PHRASES if p in text]


def test_the_command_list_is_complete() -> None:
    assert set(COMMANDS) >= {"build", "check", "rules", "schema", "summary", "validate", "templat daftar"}


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_top_level_help(flag: str, monkeypatch, capsys) -> None:
    code, out, _ = _run(monkeypatch, capsys, flag)
    assert code == 0
    assert out.startswith("Penggunaan: lakip [OPSI] PERINTAH [ARGUMEN]...")
    assert "\nOpsi:\n" in out and "\nPerintah:\n" in out and "Contoh:" in out
    assert "-V, --version" in out and "-h, --help" in out
    assert "130 dibatalkan" in out
    assert _english(out) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_is_indonesian_with_an_example(command: str, monkeypatch, capsys) -> None:
    code, out, _ = _run(monkeypatch, capsys, *command.split(), "--help")
    assert code == 0
    assert out.startswith(f"Penggunaan: lakip {command} [OPSI]")
    assert "\nOpsi:\n" in out and "Tampilkan bantuan ini lalu keluar." in out
    assert f"Contoh:\n    lakip {command}" in out
    assert _english(out) == []
    # the summaries in `lakip --help` are whole sentences, never cut off with "..."
    *parent, name = command.split()
    _, top, _ = _run(monkeypatch, capsys, *parent, "--help")
    line = next(ln for ln in top.splitlines() if ln.strip().startswith(name + " "))
    assert not line.rstrip().endswith("...") and line.rstrip().endswith(".")


@pytest.mark.parametrize("command", COMMANDS)
def test_wrong_option_is_indonesian(command: str, monkeypatch, capsys) -> None:
    code, out, err = _run(monkeypatch, capsys, *command.split(), "--tidak-ada")
    assert code == 2 and out == ""
    assert err.startswith("Perintah salah: opsi tidak dikenal: --tidak-ada")
    assert err.rstrip().endswith(f"Lihat 'lakip {command} --help'.")
    assert _english(err) == []


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "rules" and c not in GROUPS])
def test_missing_value_is_indonesian(command: str, monkeypatch, capsys) -> None:
    code, _, err = _run(monkeypatch, capsys, *command.split(), "-C")
    assert code == 2
    assert err == f"Perintah salah: opsi '-C' memerlukan nilai. Lihat 'lakip {command} --help'.\n"


@pytest.mark.parametrize("argv", [
    ("validate", "2024", "2025"), ("validat",), ("--debug",), ("summary", "-f", "xls"), ("check", "--strict=1"),
    ("build", "--pd"), ("check", "--ignore"), ("validate", "dua-ribu"), ("rules", "LK999"), ("--tidak-ada",),
])
def test_usage_errors_exit_2_in_indonesian(argv: tuple[str, ...], monkeypatch, capsys) -> None:
    code, _, err = _run(monkeypatch, capsys, *argv)
    assert code == 2
    assert err.startswith("Perintah salah: ")
    assert re.search(r"Lihat 'lakip( \w+)? --help'\.$", err.rstrip())
    assert _english(err) == [], err


def test_missing_command_and_extra_argument(monkeypatch, capsys) -> None:
    assert _run(monkeypatch, capsys, "--debug")[2] == "Perintah salah: perintah belum disebut. Lihat 'lakip --help'.\n"
    err = _run(monkeypatch, capsys, "validate", "2024", "2025")[2]
    assert err == "Perintah salah: argumen berlebih (2025). Lihat 'lakip validate --help'.\n"
    err = _run(monkeypatch, capsys, "build", "--pd")[2]
    assert "opsi tidak dikenal: --pd (opsi yang ada: --help, --no-pdf, --pdf)" in err


def test_no_arguments_shows_help(monkeypatch, capsys) -> None:
    code, _, err = _run(monkeypatch, capsys)
    assert code == 2 and err.startswith("Penggunaan: lakip")


def test_version(monkeypatch, capsys) -> None:
    from importlib.metadata import version

    for flag in ("--version", "-V"):
        code, out, _ = _run(monkeypatch, capsys, flag)
        assert code == 0 and out == f"lakip {version('lakip')}\n"


def test_arguments_are_shown_by_name(monkeypatch, capsys) -> None:
    _, out, _ = _run(monkeypatch, capsys, "build", "--help")
    assert out.startswith("Penggunaan: lakip build [OPSI] [TAHUN] [FOLDER]...\n")  # folders after -C opd/*
    assert re.search(r"^  TAHUN +Tahun laporan", out, re.M)
    assert "-o, --output BERKAS.docx" in out and ".md" in out
    assert "--ignore KODE" in out and "LK011,LK012" in out
