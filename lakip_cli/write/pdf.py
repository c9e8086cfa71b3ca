"""pdf: .docx -> PDF through a private headless LibreOffice, with every index and field refreshed.

LibreOffice's `soffice --convert-to pdf` prints tables of contents and lists of tables/figures
exactly as stored in the .docx (placeholders, for a freshly generated document). So the
conversion is driven over UNO by `pdf_refresh.py`, run with a Python that can `import uno`
(Debian: /usr/bin/python3 with python3-uno; official LibreOffice builds: program/python).
That script starts its own soffice (fresh user profile, unique pipe), refreshes fields and
indexes, and exports. Everything runs in one process group with a timeout, so a hung
LibreOffice is killed whole and parallel builds never share a profile or a pipe.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from lakip_cli.diagnostics import fail
from lakip_cli.write.atomic import SCRATCH_PREFIX

HELPER = Path(__file__).with_name("pdf_refresh.py")
INSTALL_HINT = "sudo apt-get install libreoffice-writer-nogui libreoffice-math-nogui python3-uno"
SOFFICE_ENV = "LAKIP_SOFFICE"  # explicit path to soffice, for installs outside PATH
UNO_PYTHON_ENV = "LAKIP_UNO_PYTHON"  # explicit interpreter that can `import uno`

_SOFFICE_CANDIDATES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice() -> str | None:
    """Path of the LibreOffice executable, or None when it is not installed."""
    explicit = os.environ.get(SOFFICE_ENV)
    if explicit:
        return explicit if _is_executable(explicit) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [*_SOFFICE_CANDIDATES, *sorted(str(p) for p in Path("/opt").glob("libreoffice*/program/soffice"))]
    return next((c for c in candidates if _is_executable(c)), None)


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def _clean_env() -> dict[str, str]:
    """The environment for the UNO interpreter: no variables that point Python at lakip's venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    return env


@functools.lru_cache(maxsize=8)
def find_uno_python(soffice: str) -> str | None:
    """An interpreter that can `import uno` for this LibreOffice, or None."""
    program = Path(soffice).resolve().parent
    candidates = [
        os.environ.get(UNO_PYTHON_ENV),
        str(program / "python.exe") if os.name == "nt" else str(program / "python"),
        sys.executable,
        "/usr/bin/python3",
        shutil.which("python3"),
    ]
    seen: set[str] = set()
    for cand in candidates:
        if not cand or cand in seen or not _is_executable(cand):
            continue
        seen.add(cand)
        try:
            probe = subprocess.run(
                [cand, "-c", "import uno"], env=_clean_env(), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60, check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return cand
    return None


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the helper and everything it started (soffice, oosplash, soffice.bin)."""
    if os.name == "nt":  # pragma: no cover - no process groups; taskkill walks the tree
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False)
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def _last_line(data: bytes) -> str:
    lines = [ln.strip() for ln in data.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def convert_to_pdf(docx: Path, pdf: Path, *, timeout: float = 240) -> None:
    """Convert docx to pdf with refreshed indexes; replace pdf atomically; raise LakipError on failure."""
    where = str(docx)
    soffice = find_soffice()
    if soffice is None:
        raise fail(where, "P001", f"LibreOffice tidak ditemukan. Pasang dengan: {INSTALL_HINT} "
                                  f"(atau atur {SOFFICE_ENV} ke lokasi program soffice)")
    if not docx.is_file():
        raise fail(where, "P004", "berkas .docx yang akan dikonversi tidak ditemukan")
    python = find_uno_python(soffice)
    if python is None:
        raise fail(where, "P002", "modul Python-UNO LibreOffice tidak ditemukan (diperlukan untuk memperbarui "
                                  "daftar isi). Pasang dengan: sudo apt-get install python3-uno "
                                  f"(atau atur {UNO_PYTHON_ENV} ke Python yang dapat 'import uno')")

    if pdf.is_dir():
        raise fail(str(pdf), "P007", "tujuan PDF sudah ada sebagai folder; pindahkan atau hapus folder itu")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf.with_name(f".{pdf.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    work = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}pdf-{os.getpid()}-"))
    cmd = [python, str(HELPER), soffice, (work / "profil").as_uri(),
           docx.resolve().as_uri(), partial.resolve().as_uri()]
    extra: dict[str, object]
    if sys.platform == "win32":
        extra = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    else:
        extra = {"start_new_session": True}
    try:
        env = {**_clean_env(), "TMPDIR": str(work), "TMP": str(work), "TEMP": str(work)}
        proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=work, **extra)  # type: ignore[call-overload]
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            proc.communicate()
            raise fail(where, "P003", f"konversi PDF melebihi batas waktu {_seconds(timeout)} detik; "
                                      "LibreOffice dihentikan") from None
        finally:
            _kill_group(proc)  # soffice.bin outlives its oosplash parent if anything went wrong
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if proc.returncode != 0:
            reason = _last_line(err) or f"kode keluar {proc.returncode}"
            raise fail(where, "P004", f"konversi PDF gagal: {reason}")
        if not partial.is_file() or partial.stat().st_size == 0 or not _is_pdf(partial):
            raise fail(where, "P005", "LibreOffice selesai tanpa galat tetapi tidak menghasilkan PDF")
        try:
            os.replace(partial, pdf)
        except OSError as exc:
            raise fail(str(pdf), "P007", f"PDF tidak dapat ditulis ({exc.strerror}); berkas sedang dibuka program "
                                         "lain atau folder tidak dapat ditulis") from None
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def _seconds(value: float) -> str:
    from decimal import Decimal  # noqa: PLC0415

    from lakip_cli.display import angka  # noqa: PLC0415 - keep module import cheap

    return angka(Decimal(value))
