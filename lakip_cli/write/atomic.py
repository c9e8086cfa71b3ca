"""write: atomic replacement of an output file (.docx, .md, .pdf): temporary file beside it, then rename.

Every temporary file and scratch folder carries the pid of the build that made it, so the next build
can tell what a killed build left behind (its owner is gone) from what a running build still uses.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from lakip_cli.diagnostics import fail

SCRATCH_PREFIX = "lakip-"
_TEMP_FILE = re.compile(r"^\..+\.(\d+)-[A-Za-z0-9_]+\.tmp$")
_SCRATCH_DIR = re.compile(r"^" + SCRATCH_PREFIX + r"(?:pdf-)?(\d+)-")


def write_atomic(target: Path, data: bytes) -> None:
    """Write next to `target`, then rename over it; the previous file survives any failure."""
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp",
                                            dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)  # mkstemp creates 0600
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        raise fail(str(target), "W006", "berkas sedang dibuka program lain atau tidak dapat ditulis: "
                   f"{target} ({exc.strerror})") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def scratch_dir() -> tempfile.TemporaryDirectory[str]:
    """A scratch folder for one build (charts), named after its owner."""
    return tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")


def _alive(pid: int) -> bool:
    if os.name == "nt":  # pragma: no cover - no cheap probe; never remove another build's files there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(output_folder: Path) -> list[Path]:
    """Remove what killed builds left: hidden partial outputs in `output_folder`, scratch folders in the temp folder."""
    removed: list[Path] = []
    candidates: list[tuple[Path, re.Pattern[str]]] = []
    for folder, pattern in ((output_folder, _TEMP_FILE), (Path(tempfile.gettempdir()), _SCRATCH_DIR)):
        with contextlib.suppress(OSError):
            candidates += [(entry, pattern) for entry in folder.iterdir()]
    for entry, pattern in candidates:
        match = pattern.match(entry.name)
        if not match or int(match.group(1)) == os.getpid() or _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
    return removed
