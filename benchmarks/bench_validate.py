"""Median wall time of `lakip validate 2024` beside `yamllint` on the same files, and CLI import time.

Usage: python benchmarks/bench_validate.py [runs]
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_time_ms() -> float:
    """Cumulative import time of lakip_cli.cli as reported by python -X importtime (median of 5)."""
    values = []
    for _ in range(5):
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", "import lakip_cli.cli"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stderr
        row = [ln for ln in err.splitlines() if re.search(r"\|\s+lakip_cli\.cli$", ln)][-1]
        values.append(int(row.split("|")[1]) / 1000)
    return statistics.median(values)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    files = [str(p) for p in sorted((ROOT / "data" / "2024").rglob("*.yaml"))] + [str(ROOT / "lakip.yaml")]
    config = "{extends: relaxed, rules: {line-length: disable}}"
    lakip = median_seconds([str(BIN / "lakip"), "validate", "2024"], runs)
    yamllint = median_seconds([str(BIN / "yamllint"), "-d", config, *files], runs)
    baseline = median_seconds([sys.executable, "-c", "pass"], runs)
    print(f"files: {len(files)}; runs: {runs}; machine cores: {os.cpu_count()}")
    print(f"python -c pass        median {baseline * 1000:7.1f} ms")
    print(f"lakip validate 2024   median {lakip * 1000:7.1f} ms")
    print(f"yamllint (same files) median {yamllint * 1000:7.1f} ms")
    print(f"ratio lakip / yamllint       {lakip / yamllint:7.2f}")
    print(f"import lakip_cli.cli  median {import_time_ms():7.1f} ms (python -X importtime, cumulative)")


if __name__ == "__main__":
    main()
