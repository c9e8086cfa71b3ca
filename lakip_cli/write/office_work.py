"""write: the folders and processes of LibreOffice's work, and their end: whatever stops a build (an error,
Ctrl-C, SIGTERM between any two steps) leaves no process running and no folder behind."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from lakip_cli.write.atomic import SCRATCH_PREFIX


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the helper and everything it started (soffice, oosplash, soffice.bin)."""
    if os.name == "nt":  # pragma: no cover - no process groups; taskkill walks the tree
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False)
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


# Every helper folder and helper process not yet cleaned up, so that a signal arriving between any two steps
# (a folder made, a helper spawned, the work handed over) still leaves nothing behind: see _clean_up_at_exit.
_live_work: dict[Path, subprocess.Popen[bytes] | None] = {}
_OWNER = os.getpid()


def new_work(parent: Path | None = None) -> Path:
    """A fresh folder for LibreOffice's work, named so that the next build removes it if this one is killed,
    and removed at exit unless remove_work removed it first."""
    work = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}pdf-{os.getpid()}-", dir=parent))
    _live_work[work] = None
    return work


@atexit.register
def _clean_up_at_exit() -> None:
    """At exit (also after Ctrl-C or SIGTERM): end every helper still running and remove its folder."""
    if os.getpid() != _OWNER:  # a forked child leaves its parent's helpers alone
        return
    for work, proc in list(_live_work.items()):
        if proc is not None:
            kill_group(proc)
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                proc.kill()
                proc.wait(timeout=5)
        remove_work(work)


def remove_work(work: Path) -> None:
    """Remove a helper's folder, after ending any LibreOffice process still using it: soffice.bin may have
    left the helper's process group, and would write its profile there again while it shuts down."""
    _live_work.pop(work, None)
    deadline = time.monotonic() + 10
    while True:
        users = _users_of(work)
        for pid in users:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)
        if (not users and not work.exists()) or time.monotonic() > deadline:
            return
        time.sleep(0.05)


def _users_of(work: Path) -> list[int]:
    """The processes (Linux: read from /proc) whose command line names the folder: its soffice and helper."""
    proc = Path("/proc")
    if not proc.is_dir():  # pragma: no cover - other systems: the process group is all there is
        return []
    needle, own = str(work).encode(), os.getpid()
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == own:
            continue
        try:
            if needle in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def track(work: Path, proc: subprocess.Popen[bytes]) -> None:
    """The helper now running in `work`: ended at exit unless remove_work ended it first."""
    _live_work[work] = proc
