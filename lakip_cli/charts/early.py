"""charts: the chart process of a build, started before the build loads anything (Linux).

matplotlib's import is about a third of what the charts of a cold build cost. `start` forks a child as
soon as the command line is read; the child imports matplotlib (and the chart code) while this process
imports the pipeline and loads, validates and computes the project, then waits for its work. A
`figures.ChartJob` of the same build takes it (`take`) and hands it the charts the cache lacks; a build
that draws nothing ends it (`discard`). The child draws exactly what a child forked by ChartJob would.

Only stdlib at import time: this module is imported before anything else of the build.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

CHART_CACHE = ".grafik"  # as pipeline.CHART_CACHE


@dataclass
class Painter:
    """The waiting child: its pid, where it is told its work (a line: the path of the pickled job), and
    where it names each chart it has written (one name a line, as a ChartJob child does)."""

    pid: int
    request: int
    news: int

    def give(self, job: Path) -> bool:
        """Hand the child its work (pickled at `job`); False when it is gone (the caller draws instead)."""
        try:
            os.write(self.request, f"{job}\n".encode())
        except OSError:
            return False
        finally:
            os.close(self.request)
            self.request = -1
        return True

    def end(self) -> None:
        """Stop a child that was given no work (or whose work is abandoned) and reap it."""
        for fd in (self.request, self.news):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.request = self.news = -1
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


_waiting: Painter | None = None


def start(root: Path, output: Path | None, charts: bool | None) -> None:
    """Fork the chart process now, when this build is likely to draw: charts not switched off (`charts`,
    the command line's --grafik/--tanpa-grafik) and no chart cached yet beside the output (`output`, else
    the usual output folder out/; a build that then draws nothing ends the child). Elsewhere than on
    Linux: nothing."""
    global _waiting
    if charts is False or _waiting is not None or not sys.platform.startswith("linux"):
        return
    cache = (output if output is not None else root / "out" / "LAKIP.docx").parent / CHART_CACHE
    with contextlib.suppress(OSError):
        if any(cache.iterdir()):
            return  # a rebuild: most charts come from the cache, a ChartJob forks for the rest
    from lakip_cli.charts.canvas import prepare_matplotlib_env

    prepare_matplotlib_env()  # here: a private folder is removed at this process's exit
    parent = os.getpid()
    ask, request = os.pipe()
    news, tell = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(request)
        os.close(news)
        _child(parent, ask, tell)
    os.close(ask)
    os.close(tell)
    _waiting = Painter(pid, request, news)
    atexit.register(discard)


def take() -> Painter | None:
    """The waiting chart process, now the caller's (None when there is none)."""
    global _waiting
    painter, _waiting = _waiting, None
    return painter


def discard() -> None:
    """End the waiting chart process of a build that did not use it."""
    painter = take()
    if painter is not None:
        painter.end()


def _child(parent: int, ask: int, tell: int) -> NoReturn:  # pragma: no cover - runs in the forked child
    code = 1
    try:
        import importlib
        import pickle

        from lakip_cli.charts.canvas import die_with_parent, import_matplotlib

        die_with_parent(parent)
        if os.getppid() == parent:
            import_matplotlib()
            importlib.import_module("lakip_cli.charts.figures")  # what the job unpickles, imported meanwhile
            line = b""
            while not line.endswith(b"\n"):
                chunk = os.read(ask, 4096)
                if not chunk:
                    break
                line += chunk
            if line.endswith(b"\n"):  # the job: (drawing, its arguments), pickled by this build's own process
                draw, args = pickle.loads(Path(line[:-1].decode()).read_bytes())  # noqa: S301
                draw(*args, lambda key: os.write(tell, f"{key}\n".encode()), split=True)
            code = 0
    finally:
        os._exit(code)
