"""program: the `lakip` executable.

LibreOffice's start-up is the longest step of a PDF. So before the command line is parsed (parsing imports
Typer and the whole command line), a build whose arguments ask for a PDF or a final report starts it. The
look at the arguments is a hint, never a decision: cli.py parses them as always, takes the LibreOffice
started here (write.pdf.take_office), and one that nothing takes is ended at exit (write.office_work).
"""

from __future__ import annotations

import sys
from typing import NoReturn

GLOBAL_FLAGS = ("--debug",)  # the options that may stand before the command


def wants_office(argv: list[str]) -> bool:
    """Whether the arguments are a build that asks for LibreOffice (--pdf, --final)."""
    words = [word for word in argv if word not in GLOBAL_FLAGS]
    return words[:1] == ["build"] and any(word in ("--pdf", "--final") for word in words[1:])


def run() -> NoReturn:
    if wants_office(sys.argv[1:]):
        from lakip_cli.write.pdf import start_office_early

        start_office_early()
    from lakip_cli.cli import run as command_line

    command_line()
