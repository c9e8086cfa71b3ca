"""write: atomic replacement of an output file (.docx, .md): temporary file beside it, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from lakip_cli.diagnostics import fail


def write_atomic(target: Path, data: bytes) -> None:
    """Write next to `target`, then rename over it; the previous file survives any failure."""
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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
