"""cli_words: Click's fixed English help and usage wording -> Indonesian (pure text functions for cli.py)."""

from __future__ import annotations

# Click's fixed English phrases in help and usage errors, in Indonesian. Longer phrases first.
# Typer and Click are pinned in pyproject.toml; tests/test_cli_help.py fails when a new release adds words.
_HELP_WORDS = (
    ("Show this message and exit.", "Tampilkan bantuan ini lalu keluar."),
    ("Usage: ", "Penggunaan: "),
    ("\nArguments:\n", "\nArgumen:\n"),
    ("\nOptions:\n", "\nOpsi:\n"),
    ("\nCommands:\n", "\nPerintah:\n"),
    ("[OPTIONS]", "[OPSI]"),
    ("COMMAND [ARGS]...", "PERINTAH [ARGUMEN]..."),
    ("[default: ", "[bawaan: "),
    ("[required]", "[wajib]"),
)
_USAGE_WORDS = (
    ("Got unexpected extra arguments", "argumen berlebih"),
    ("Got unexpected extra argument(s)", "argumen berlebih"),
    ("Got unexpected extra argument", "argumen berlebih"),
    ("No such option:", "opsi tidak dikenal:"),
    ("No such option", "opsi tidak dikenal"),
    ("No such command", "perintah tidak dikenal"),
    ("Missing command", "perintah belum disebut"),
    ("Missing argument", "argumen wajib tidak ada"),
    ("Missing option", "opsi wajib tidak ada"),
    ("Missing parameter", "parameter wajib tidak ada"),
    ("Invalid value for", "nilai tidak valid untuk"),
    ("Invalid value:", "nilai tidak valid:"),
    ("(Possible options:", "(opsi yang ada:"),
    ("Possible options:", "opsi yang ada:"),
    ("Did you mean", "Maksud Anda"),
    ("does not take a value", "tidak menerima nilai"),
    ("requires an argument", "memerlukan nilai"),
    ("requires", "memerlukan"),
    ("arguments", "argumen"),
    ("Input should be a valid integer, unable to parse string as an integer", "harus bilangan bulat"),
    ("is not a valid integer", "bukan bilangan bulat"),
    ("is not a valid", "bukan"),
    ("is not one of", "bukan salah satu dari"),
    ("Option", "opsi"),
    ("Value error, ", ""),
)


def help_text(text: str) -> str:
    """Click's help headings and markers, in Indonesian."""
    for english, indonesian in _HELP_WORDS:
        text = text.replace(english, indonesian)
    return text


def usage_message(text: str) -> str:
    """Click's usage messages, in Indonesian."""
    for english, indonesian in _USAGE_WORDS:
        text = text.replace(english, indonesian)
    return text
