"""pdf: .docx -> PDF through a private headless LibreOffice, with every index and field refreshed.

LibreOffice's `soffice --convert-to pdf` prints tables of contents and lists of tables/figures
exactly as stored in the .docx (placeholders, for a freshly generated document). So the
conversion is driven over UNO by `pdf_refresh.py`, run with a Python that can `import uno`
(Debian: /usr/bin/python3 with python3-uno; official LibreOffice builds: program/python).
That script starts its own soffice (private user profile, unique pipe), refreshes fields and
indexes, and exports. Everything runs in one process group with a timeout, so a hung
LibreOffice is killed whole and parallel builds never share a profile or a pipe.

Where the time goes: soffice's start-up is most of it, so one start serves every document of a
command (`run_office`), it begins while the documents are still written (`start_office`), the
profile of a first start is copied from a cache instead of being created again, and a
throwaway profile needs no orderly shutdown. The index refresh itself is a fraction of a second.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lakip_cli.diagnostics import LakipError, fail
from lakip_cli.write.office_work import kill_group, new_work, remove_work, track

HELPER = Path(__file__).with_name("pdf_refresh.py")
INSTALL_HINT = "sudo apt-get install libreoffice-writer-nogui libreoffice-math-nogui python3-uno"
SOFFICE_ENV = "LAKIP_SOFFICE"  # explicit path to soffice, for installs outside PATH
UNO_PYTHON_ENV = "LAKIP_UNO_PYTHON"  # explicit interpreter that can `import uno`
QUICK_EXIT_ENV = "LAKIP_UNO_QUICK_EXIT"  # as in pdf_refresh.py: "1" when the profile is thrown away
PROFILE_READY = "lakip-siap"  # marks a complete cached profile

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


def _uno_candidates(soffice: str) -> list[str]:
    """The interpreters that may have LibreOffice's `uno`, installed ones only, the likeliest first."""
    program = Path(soffice).resolve().parent
    # LibreOffice's own, then the system's (whose python3-uno goes with a distribution's LibreOffice);
    # lakip's own rarely has uno.
    candidates = [
        os.environ.get(UNO_PYTHON_ENV),
        str(program / "python.exe") if os.name == "nt" else str(program / "python"),
        "/usr/bin/python3",
        shutil.which("python3"),
        sys.executable,
    ]
    return [c for c in dict.fromkeys(candidates) if c and _is_executable(c)]


@functools.lru_cache(maxsize=8)
def find_uno_python(soffice: str) -> str | None:
    """An interpreter that can `import uno` for this LibreOffice, or None."""
    for cand in _uno_candidates(soffice):
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


def _last_line(data: bytes) -> str:
    lines = [ln.strip() for ln in data.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


@dataclass(frozen=True)
class OfficeJob:
    """One report for LibreOffice: `source` printed to `pdf`; `indexes` (a .docx laid out like the one
    delivered, without the parts LibreOffice cannot show headless) refreshed for its indexes."""

    source: Path
    pdf: Path | None = None
    indexes: Path | None = None


@dataclass
class OfficeResult:
    """What one job produced: the refreshed indexes (per index, its paragraphs [style, text]) or the failure."""

    indexes: list[list[list[str]]] | None = None
    error: LakipError | None = None


def convert_to_pdf(docx: Path, pdf: Path, *, timeout: float = 240) -> None:
    """Convert docx to pdf with refreshed indexes; replace pdf atomically; raise LakipError on failure."""
    result = run_office([OfficeJob(docx, pdf)], timeout=timeout)[0]
    if result.error is not None:
        raise result.error


def run_office(jobs: Sequence[OfficeJob], *, timeout: float = 240,
               progress: Callable[[int], None] | None = None, early: Office | None = None,
               indexes_ready: Callable[[int, list[list[list[str]]]], None] | None = None) -> list[OfficeResult]:
    """Run every job through one LibreOffice start (a new start only after a job that broke it).

    Each PDF replaces its target atomically. `progress(i)` is called when job i is finished;
    `indexes_ready(i, indexes)` as soon as the indexes of job i are read, while its PDF may still be
    exported; `timeout` holds for each job. `early` (start_office) is used for the first start, and always
    ended. Raises LakipError only when LibreOffice cannot run at all.
    """
    try:
        return _run_office(jobs, timeout, progress, early, indexes_ready)
    finally:
        if early is not None and early.proc.poll() is None and early.proc.stdin is not None \
                and not early.proc.stdin.closed:
            early.close()  # never given work (nothing to convert, or a check failed first)


def _run_office(jobs: Sequence[OfficeJob], timeout: float, progress: Callable[[int], None] | None,
                early: Office | None,
                indexes_ready: Callable[[int, list[list[list[str]]]], None] | None = None) -> list[OfficeResult]:
    where = str(jobs[0].source) if jobs else "LibreOffice"
    soffice = find_soffice()
    if soffice is None:
        raise fail(where, "P001", f"LibreOffice tidak ditemukan. Pasang dengan: {INSTALL_HINT} "
                                  f"(atau atur {SOFFICE_ENV} ke lokasi program soffice)")
    python = None
    results = [OfficeResult() for _ in jobs]
    pending = []
    for number, job in enumerate(jobs):
        paths = [p for p in (job.indexes, job.source if job.pdf else None) if p is not None]
        missing = next((p for p in paths if not p.is_file()), None)
        if missing is not None:
            results[number].error = fail(str(missing), "P004", "berkas .docx yang akan dikonversi tidak ditemukan")
        elif job.pdf is not None and job.pdf.is_dir():
            results[number].error = fail(str(job.pdf), "P007",
                                         "tujuan PDF sudah ada sebagai folder; pindahkan atau hapus folder itu")
        else:
            pending.append(number)
    if early is not None and early.proc.poll() is not None:
        early.close()  # it ended before it was given work: its interpreter has no uno, or soffice failed
        early = None
    if pending and early is not None:
        python = early.python
    elif pending:
        python = find_uno_python(soffice)
        if python is None:
            raise fail(where, "P002", "modul Python-UNO LibreOffice tidak ditemukan (diperlukan untuk memperbarui "
                                      "daftar isi). Pasang dengan: sudo apt-get install python3-uno "
                                      f"(atau atur {UNO_PYTHON_ENV} ke Python yang dapat 'import uno')")
    while pending:
        pending = _one_start(soffice, python or "", jobs, pending, results, timeout, progress, early,
                             indexes_ready)
        early = None
    return results


@dataclass
class Office:
    """A helper run with its soffice: started ahead of its work (`start_office`), or with its work on argv."""

    proc: subprocess.Popen[bytes]
    work: Path
    cached: Path | None
    soffice: str
    python: str

    def close(self) -> None:
        """End an office that was never given work."""
        kill_group(self.proc)
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        remove_work(self.work)


_started: Office | None = None  # started by the command line (start_office_early), for the build to take


def start_office_early() -> None:
    """Start LibreOffice as soon as the command line asks for it (--pdf, --final), before the build imports
    anything; the build takes it (`take_office`), and one left untaken is ended at exit (office_work)."""
    global _started
    if _started is None:
        _started = start_office()


def take_office() -> Office | None:
    """The LibreOffice started by start_office_early, now the caller's (None when there is none)."""
    global _started
    office, _started = _started, None
    return office


def start_office() -> Office | None:
    """Start LibreOffice now, so that it is up when the documents are written; None when it is not installed
    (run_office then reports why)."""
    soffice = find_soffice()
    # Not probed (that is an interpreter started and waited for): the helper itself is the probe, ending at
    # once without uno, and an early helper that has ended is not used (see _run_office).
    python = next(iter(_uno_candidates(soffice)), None) if soffice is not None else None
    if soffice is None or python is None:
        return None
    work = new_work()
    try:
        return _spawn(soffice, python, None, work)
    except OSError:
        shutil.rmtree(work, ignore_errors=True)
        return None
    except BaseException:  # Ctrl-C or SIGTERM while it starts: no folder left behind
        shutil.rmtree(work, ignore_errors=True)
        raise


def _spawn(soffice: str, python: str, pairs: list[str] | None, work: Path) -> Office:
    """The helper with a private profile (a copy of the cached one when there is one); pairs None: on stdin."""
    profile = work / "profil"
    cached = _cached_profile(soffice)
    if cached is not None:
        with contextlib.suppress(OSError):
            shutil.copytree(cached, profile, symlinks=True)
    quick = profile.is_dir()
    cmd = [python, str(HELPER), soffice, profile.as_uri(), *(pairs or [])]
    extra: dict[str, object]
    if sys.platform == "win32":
        extra = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    else:
        extra = {"start_new_session": True}
    env = {**_clean_env(), "TMPDIR": str(work), "TMP": str(work), "TEMP": str(work),
           QUICK_EXIT_ENV: "1" if quick else "0"}
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE if pairs is None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=work,
                            **extra)  # type: ignore[call-overload]
    track(work, proc)
    return Office(proc, work, cached if quick else None, soffice, python)


def _one_start(soffice: str, python: str, jobs: Sequence[OfficeJob], pending: list[int],
               results: list[OfficeResult], timeout: float,
               progress: Callable[[int], None] | None, early: Office | None = None,
               indexes_ready: Callable[[int, list[list[list[str]]]], None] | None = None) -> list[int]:
    """One helper run over the pending jobs; the jobs left for another start (after a failed one)."""
    work = early.work if early is not None else new_work()
    outputs: list[tuple[int, Path, Path | None]] = []  # (job, helper output, final target of a PDF)
    pairs: list[str] = []
    for number in pending:
        job = jobs[number]
        if job.indexes is not None:
            listing = work / f"daftar-{number}.json"
            pairs += [job.indexes.resolve().as_uri(), listing.resolve().as_uri()]
            outputs.append((number, listing, None))
        if job.pdf is not None:
            job.pdf.parent.mkdir(parents=True, exist_ok=True)
            partial = job.pdf.with_name(f".{job.pdf.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
            pairs += [job.source.resolve().as_uri(), partial.resolve().as_uri()]
            outputs.append((number, partial, job.pdf))
    if early is None:
        early = _spawn(soffice, python, pairs, work)
    else:
        assert early.proc.stdin is not None
        with contextlib.suppress(OSError):  # a helper that died early is reported below by its exit code
            early.proc.stdin.write(("\n".join(pairs) + "\n").encode("utf-8"))
        with contextlib.suppress(OSError):
            early.proc.stdin.close()
    proc, cached, profile = early.proc, early.cached, early.work / "profil"
    done = 0
    try:
        budget = timeout * len(pending)
        fired = threading.Event()

        def expire() -> None:
            fired.set()
            kill_group(proc)

        timer = threading.Timer(budget, expire)
        timer.start()
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith(b"selesai ") and done < len(outputs):
                    done += 1
                    job_number, written, target = outputs[done - 1]
                    if target is None and indexes_ready is not None:
                        _read_indexes(written, job_number, results)
                        entries = results[job_number].indexes
                        if entries is not None:
                            indexes_ready(job_number, entries)
                    if done == len(outputs) or outputs[done][0] != outputs[done - 1][0]:
                        _finish(outputs, outputs[done - 1][0], results, progress)
                    if done == len(outputs) and cached is not None:
                        # All written, and the profile is a copy thrown away: nothing to wait for.
                        kill_group(proc)
                        break
            err = proc.stderr.read() if proc.stderr is not None else b""
            proc.wait()
        finally:
            timer.cancel()
            kill_group(proc)  # soffice.bin outlives its oosplash parent if anything went wrong
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
        if done < len(outputs) and proc.returncode == 0 and not fired.is_set():
            # Finished without counting (an older helper): whatever it wrote is checked like any output.
            for number in dict.fromkeys(job for job, _, _ in outputs[done:]):
                _finish(outputs, number, results, progress)
            done = len(outputs)
        if done < len(outputs):
            number = outputs[done][0]
            where = str(jobs[number].source)
            if fired.is_set():
                failure = fail(where, "P003", f"konversi PDF melebihi batas waktu {_seconds(timeout)} detik; "
                                              "LibreOffice dihentikan")
            else:
                reason = _last_line(err) or f"kode keluar {proc.returncode}"
                failure = fail(where, "P004", f"konversi PDF gagal: {reason}")
            if done == 0:  # nothing went through this start: LibreOffice itself is the problem
                for other in pending:
                    results[other].error = failure
                return []
            results[number].error = failure
            return [n for n in dict.fromkeys(job for job, _, _ in outputs[done:]) if n != number]
        if cached is None:
            _keep_profile(soffice, profile)
        return []
    finally:
        for _, path, target in outputs:
            if target is not None:
                path.unlink(missing_ok=True)
        remove_work(work)


def _finish(outputs: list[tuple[int, Path, Path | None]], number: int, results: list[OfficeResult],
            progress: Callable[[int], None] | None) -> None:
    """Move a finished job's PDF into place and read its indexes."""
    for job, path, target in outputs:
        if job != number:
            continue
        if target is None:
            if results[number].indexes is None:  # else read as soon as it was written
                _read_indexes(path, number, results)
            continue
        if not path.is_file() or path.stat().st_size == 0 or not _is_pdf(path):
            results[number].error = fail(str(target), "P005",
                                         "LibreOffice selesai tanpa galat tetapi tidak menghasilkan PDF")
            continue
        try:
            os.replace(path, target)
        except OSError as exc:
            results[number].error = fail(str(target), "P007", f"PDF tidak dapat ditulis ({exc.strerror}); berkas "
                                         "sedang dibuka program lain atau folder tidak dapat ditulis")
    if progress is not None and results[number].error is None:
        progress(number)


def _read_indexes(path: Path, number: int, results: list[OfficeResult]) -> None:
    try:
        results[number].indexes = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        results[number].error = fail(str(path), "P005", "LibreOffice tidak menghasilkan daftar isi")


def _profile_cache(soffice: str) -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or (str(Path.home() / ".cache") if Path.home().is_dir() else "")
    if not base:
        return None
    program = Path(soffice).resolve()
    try:
        stamp = program.stat().st_mtime_ns  # an upgraded LibreOffice gets a profile of its own
    except OSError:
        return None
    key = hashlib.sha256(f"{program}:{stamp}".encode()).hexdigest()[:12]
    return Path(base) / "lakip" / f"profil-libreoffice-{key}"


def _cached_profile(soffice: str) -> Path | None:
    """A user profile made by an earlier run of this LibreOffice: copying it skips LibreOffice's first start."""
    cache = _profile_cache(soffice)
    return cache if cache is not None and (cache / PROFILE_READY).is_file() else None


def _keep_profile(soffice: str, profile: Path) -> None:
    """Keep the profile of a first start for later runs; a cache only, so any failure is silent."""
    cache = _profile_cache(soffice)
    if cache is None or not profile.is_dir():
        return
    staging = cache.with_name(f"{cache.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        shutil.copytree(profile, staging, symlinks=True)
        (staging / PROFILE_READY).write_text("lakip\n", encoding="utf-8")
        os.replace(staging, cache)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


def _seconds(value: float) -> str:
    from decimal import Decimal  # noqa: PLC0415

    from lakip_cli.display import angka  # noqa: PLC0415 - keep module import cheap

    return angka(Decimal(value))
