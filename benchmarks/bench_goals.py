"""Every speed goal of lakip with its measured value, its anchor measured in the same run, and PASS/FAIL.

Usage: python benchmarks/bench_goals.py [--runs N] [--sizes 100,1000,3000] [--no-pdf] [--no-seed] [--many N]
Each figure is the median of N runs (default 5; synthetic projects of 1,000 indicators or more: 3, and 1
from 3,000 on), peak memory the largest of the child's own peak RSS over the runs. Run it on an idle
machine: the goals are ratios, so a busy machine shifts values and anchors alike, but not exactly.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_project  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LAKIP = str(BIN / "lakip")
FLOOR = "import docx, sys; docx.Document().save(sys.argv[1])"
NARRATIVE_FILE = "data/2024/indikator/01-kerukunan-beragama.yaml"
LIBRARIES = """
import typer, yaml
from pydantic import BaseModel
class One(BaseModel):
    nama: str
app = typer.Typer(add_completion=False)
@app.command()
def validate(tahun: int = 0) -> None:
    One(nama=str(tahun))
app(["--tahun", "2024"], standalone_mode=False)
"""


@dataclass
class Timing:
    median: float
    peak_mib: float


@dataclass
class Goal:
    name: str
    value: str
    limit: str
    ok: bool | None  # None: not measured here (tool missing)


def measure(cmd: list[str], runs: int, cwd: Path = ROOT, before=None, ok_codes=(0,)) -> Timing:
    """Median wall time and largest peak RSS of the child (os.wait4); `before()` runs untimed before each run."""
    times, peaks = [], []
    for _ in range(runs):
        if before is not None:
            before()
        with tempfile.TemporaryFile() as err:  # a pipe nobody reads would block a chatty child
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            code = os.waitstatus_to_exitcode(status)
            if code not in ok_codes:
                err.seek(0)
                raise SystemExit(f"{' '.join(cmd)} exited {code}:\n{err.read().decode(errors='replace')}")
        peaks.append(usage.ru_maxrss / 1024)
    return Timing(statistics.median(times), max(peaks))


def row(label: str, t: Timing, extra: str = "") -> None:
    print(f"  {label:<58} {t.median:8.2f} s {t.peak_mib:7.0f} MiB  {extra}", flush=True)


def seed_goals(runs: int, tmp: Path, pdf: bool) -> list[Goal]:
    goals: list[Goal] = []
    project = tmp / "seed"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "out", "*.egg-info",
                                                                  "__pycache__", "tests", "benchmarks"))
    out = project / "out"
    docx = out / "LAKIP-2024.docx"
    floor = measure([sys.executable, "-c", FLOOR, str(tmp / "empty.docx")], runs)
    row("floor: import docx + save an empty document", floor)

    validate = measure([LAKIP, "validate", "2024"], runs, project)
    row("lakip validate 2024", validate)
    files = [str(p) for p in sorted((project / "data" / "2024").rglob("*.yaml"))] + [str(project / "lakip.yaml")]
    yamllint_bin = BIN / "yamllint"
    if yamllint_bin.exists():
        yamllint = measure([str(yamllint_bin), "-d", "{extends: relaxed, rules: {line-length: disable}}", *files],
                           runs, project, ok_codes=(0, 1))
        row("anchor: yamllint relaxed, same files", yamllint)
        # What any command pays before lakip's own code runs: the interpreter, the two libraries of the command
        # line and the data model, and YAML. Not a goal: it says how much of the ratio is lakip's to cut.
        base = measure([sys.executable, "-c", LIBRARIES], runs, project)
        row("  (libraries alone: python, typer, pydantic + 1 model, yaml)", base,
            f"{base.median / yamllint.median:.2f} x yamllint")
        goals.append(Goal("validate <= 0.8 x yamllint", f"{validate.median / yamllint.median:.2f} x", "0.80 x",
                          validate.median <= 0.8 * yamllint.median))
    check = measure([LAKIP, "check", "2024"], runs, project, ok_codes=(0, 1))
    row("lakip check 2024", check)
    goals.append(Goal("check <= 1.2 x validate", f"{check.median / validate.median:.2f} x", "1.20 x",
                      check.median <= 1.2 * validate.median))

    plain = measure([LAKIP, "build", "2024", "--tanpa-grafik"], runs, project)
    row("lakip build 2024 --tanpa-grafik", plain, f"floor + {plain.median - floor.median:.2f} s")
    goals.append(Goal("build without charts <= floor + 0.6 s", f"+{plain.median - floor.median:.2f} s", "+0.60 s",
                      plain.median - floor.median <= 0.6))
    if shutil.which("pandoc"):
        md = docx.with_suffix(".md")
        pandoc = measure(["pandoc", str(md), "-f", "markdown", "-t", "docx", "-o", str(tmp / "pandoc.docx")],
                         runs, project)
        row("anchor: pandoc md -> docx of the build's own Markdown", pandoc)
        goals.append(Goal("build without charts <= pandoc", f"{plain.median / pandoc.median:.2f} x", "1.00 x",
                          plain.median <= pandoc.median))
    else:
        goals.append(Goal("build without charts <= pandoc", "pandoc not installed", "1.00 x", None))

    cache = out / ".grafik"
    cold = measure([LAKIP, "build", "2024", "--grafik"], runs, project,
                   before=lambda: shutil.rmtree(cache, ignore_errors=True))
    row("lakip build 2024, charts drawn (no chart cache)", cold, f"floor + {cold.median - floor.median:.2f} s")
    goals.append(Goal("build with charts, cold <= floor + 1.5 s", f"+{cold.median - floor.median:.2f} s",
                      "+1.50 s", cold.median - floor.median <= 1.5))

    source = project / NARRATIVE_FILE
    original = source.read_text(encoding="utf-8")
    edits = iter(range(1, 1000))

    def edit_narrative() -> None:  # what a planner does between two builds: a word of narrative
        source.write_text(original.replace("  penyebab: |\n", f"  penyebab: |\n    Catatan ke-{next(edits)}.\n", 1),
                          encoding="utf-8")

    measure([LAKIP, "build", "2024", "--grafik"], 1, project)  # fills the cache
    warm = measure([LAKIP, "build", "2024", "--grafik"], runs, project, before=edit_narrative)
    source.write_text(original, encoding="utf-8")
    row("lakip build 2024 after a narrative edit (chart cache)", warm, f"floor + {warm.median - floor.median:.2f} s")
    goals.append(Goal("build with charts, narrative edit <= floor + 0.8 s", f"+{warm.median - floor.median:.2f} s",
                      "+0.80 s", warm.median - floor.median <= 0.8))

    if pdf and shutil.which("soffice"):
        measure([LAKIP, "build", "2024", "--tanpa-grafik", "--pdf"], 1, project)  # fills caches
        with_pdf = measure([LAKIP, "build", "2024", "--tanpa-grafik", "--pdf"], runs, project)
        without = measure([LAKIP, "build", "2024", "--tanpa-grafik"], runs, project)
        step = with_pdf.median - without.median
        row("lakip build 2024 --tanpa-grafik --pdf", with_pdf, f"PDF step {step:.2f} s")
        profile = tmp / "lo-profile"
        convert = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(tmp / "plain-pdf"), str(docx)]
        measure(convert, 1, project)  # the profile is created once, as on a desktop
        soffice = measure(convert, runs, project)
        row("anchor: plain soffice --convert-to pdf, same .docx", soffice)
        goals.append(Goal("PDF step <= 1.1 x plain LibreOffice", f"{step / soffice.median:.2f} x", "1.10 x",
                          step <= 1.1 * soffice.median))
    else:
        goals.append(Goal("PDF step <= 1.1 x plain LibreOffice", "not measured", "1.10 x", None))
    return goals


def many_goals(count: int, runs: int, tmp: Path, pdf: bool) -> list[Goal]:
    """Several reports (the perangkat daerah of one region): one command for all against one command each."""
    projects = []
    for n in range(count):
        projects.append(shutil.copytree(ROOT / "tests" / "projects" / "minimal", tmp / "opd" / f"opd-{n + 1:02d}"))
    flags = ["--tanpa-grafik", *(["--pdf"] if pdf else [])]
    sequential = measure([sys.executable, "-c", "import sys, subprocess\n"
                          "for p in sys.argv[2:]: subprocess.run([sys.argv[1], 'build', '2024', *" + repr(flags)
                          + ", '-C', p], check=True, capture_output=True)", LAKIP, *map(str, projects)], runs, tmp)
    row(f"{count} reports, one lakip build each{' (--pdf)' if pdf else ''}", sequential)
    together = measure([LAKIP, "build", "2024", *flags, "-C", *map(str, projects)], runs, tmp)
    row(f"{count} reports, one lakip build -C ...{' (--pdf)' if pdf else ''}", together,
        f"{count / together.median:.2f} reports/s")
    ratio = together.median / sequential.median
    return [Goal(f"{count} reports in one command <= 0.6 x one command each", f"{ratio:.2f} x", "0.60 x",
                 ratio <= 0.6)]


def scale_goals(sizes: list[int], runs: int, tmp: Path) -> list[Goal]:
    goals: list[Goal] = []
    times: dict[int, Timing] = {}
    for n in sizes:
        project = make_project(n, tmp / f"p{n}")
        count = 1 if n >= 3000 else min(runs, 3) if n >= 1000 else runs
        t = measure([LAKIP, "build", "2024", "--tanpa-grafik", "-C", str(project)], count, project)
        times[n] = t
        row(f"synthetic {n} indicators, no charts (median of {count})", t, f"{t.median / n * 1000:6.1f} ms/indicator")
    if 1000 in times:
        t = times[1000]
        goals.append(Goal("1,000 indicators <= 10 s", f"{t.median:.1f} s", "10 s", t.median <= 10))
        goals.append(Goal("1,000 indicators <= 400 MiB", f"{t.peak_mib:.0f} MiB", "400 MiB", t.peak_mib <= 400))
    if 3000 in times:
        goals.append(Goal("3,000 indicators <= 30 s", f"{times[3000].median:.1f} s", "30 s",
                          times[3000].median <= 30))
    ordered = sorted(times)
    pairs = zip(ordered, ordered[1:], strict=False)
    slopes = [(b, (times[b].median - times[a].median) / (b - a)) for a, b in pairs]
    if len(slopes) >= 2:
        # Time per added indicator between consecutive sizes: flat when the growth is linear.
        first = slopes[0][1]
        spread = max(abs(s / first - 1) for _, s in slopes[1:]) if first > 0 else float("inf")
        shown = ", ".join(f"{s * 1000:.1f} ms to {b}" for b, s in slopes)
        goals.append(Goal(f"time per indicator flat (+-20%) {ordered[0]}..{ordered[-1]}",
                          f"{shown} ({spread:+.0%})", "+-20%", spread <= 0.2))
    return goals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="100,1000,3000")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--many", type=int, default=4, help="copies of tests/projects/minimal for the "
                                                            "several-reports measurement (0: skip)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"machine: {os.cpu_count()} cores; medians of {args.runs} runs", flush=True)
    with tempfile.TemporaryDirectory(prefix="lakip-bench-") as tmp:
        goals = [] if args.no_seed else seed_goals(args.runs, Path(tmp), not args.no_pdf)
        if args.many:
            with_pdf = not args.no_pdf and shutil.which("soffice") is not None
            goals += many_goals(args.many, args.runs, Path(tmp), with_pdf)
        goals += scale_goals(sizes, args.runs, Path(tmp))
    print("\ngoals:")
    for goal in goals:
        verdict = "SKIP" if goal.ok is None else "PASS" if goal.ok else "FAIL"
        print(f"  {verdict}  {goal.name:<52} measured {goal.value:<34} limit {goal.limit}")
    sys.exit(0 if all(g.ok is not False for g in goals) else 1)


if __name__ == "__main__":
    main()
