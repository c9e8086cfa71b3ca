"""Time `lakip build` (median of runs, peak memory) on the 2024 seed and on synthetic projects of growing size.

Usage: python benchmarks/bench_build.py [runs] [sizes...]   (defaults: 5 runs; 11 100 1000 indicators)
The floor is `import docx` plus saving an empty document: no build can be faster than that.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_project  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LAKIP = str(Path(sys.executable).parent / "lakip")
FLOOR = "import docx, sys; docx.Document().save(sys.argv[1])"


def run(cmd: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MiB) of the child itself (os.wait4) over the runs."""
    times, peaks = [], []
    for _ in range(runs):
        # stderr goes to a file: a pipe nobody reads fills up and blocks a build that reports many findings.
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                err.seek(0)
                raise SystemExit(f"{' '.join(cmd)} failed:\n{err.read().decode()}")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sizes = [int(s) for s in sys.argv[2:]] or [11, 100, 1000]
    with tempfile.TemporaryDirectory() as tmp:
        t, m = run([sys.executable, "-c", FLOOR, f"{tmp}/empty.docx"], runs, ROOT)
        print(f"{'floor (import docx + save empty)':<40} median {t:7.2f} s   peak {m:6.0f} MiB")
        seed_t, m = run([LAKIP, "build", "2024", "-o", f"{tmp}/seed.docx"], runs, ROOT)
        print(f"{'lakip build 2024 (seed, with charts)':<40} median {seed_t:7.2f} s   peak {m:6.0f} MiB")
        if shutil.which("soffice"):
            pdf_t, m = run([LAKIP, "build", "2024", "--pdf", "-o", f"{tmp}/seed.docx"], runs, ROOT)
            print(f"{'lakip build 2024 --pdf':<40} median {pdf_t:7.2f} s   peak {m:6.0f} MiB"
                  f"   PDF step adds {pdf_t - seed_t:5.2f} s")
        base = None
        for n in sizes:
            project = make_project(n, Path(tmp) / f"p{n}")
            t, m = run([LAKIP, "build", "2024", "--tanpa-grafik", "-C", str(project)], runs, project)
            base = base or (n, t)
            size = (project / "out" / "LAKIP-2024.docx").stat().st_size / 1024
            print(f"{f'synthetic {n} indicators (no charts)':<40} median {t:7.2f} s   peak {m:6.0f} MiB"
                  f"   docx {size:7.0f} KiB   time/indicator {t / n * 1000:6.1f} ms"
                  f"   x{t / base[1]:.1f} for x{n / base[0]:.0f} indicators")


if __name__ == "__main__":
    main()
