"""Every way to stop a build stops it cleanly: SIGTERM like Ctrl-C, SIGKILL without orphans, debris cleaned later."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, require_libreoffice

pytestmark = pytest.mark.libreoffice
OUTPUTS = {"LAKIP-2024.docx", "LAKIP-2024.md", "LAKIP-2024.pdf"}


def processes_with(marker: str) -> list[str]:
    """'pid command' of every live process whose command line mentions marker (the test's own folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = next(line for line in (entry / "status").read_text().splitlines() if line.startswith("State:"))
        except (OSError, StopIteration):
            continue
        if marker in cmdline and "zombie" not in state:
            found.append(f"{entry.name} {cmdline[:100]}")
    return found


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    require_libreoffice()
    root = copy_project(ROOT, tmp_path / "proyek")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    good = run(root, env, "--pdf", "--tanpa-grafik")
    assert good.wait(timeout=300) == 0
    assert {p.name for p in (root / "out").iterdir()} == OUTPUTS
    return root, env


def run(root: Path, env: dict[str, str], *options: str) -> subprocess.Popen[bytes]:
    code = "import sys; from lakip_cli.cli import main; sys.argv = sys.argv[1:]; main()"
    return subprocess.Popen([sys.executable, "-c", code, "lakip", "build", "2024", "-C", str(root), *options],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def assert_clean_outputs(root: Path) -> None:
    out = root / "out"
    assert {p.name for p in out.iterdir()} == OUTPUTS
    zipfile.ZipFile(out / "LAKIP-2024.docx").testzip()
    assert (out / "LAKIP-2024.pdf").read_bytes()[:5] == b"%PDF-"


def wait_for_libreoffice(env: dict[str, str]) -> None:
    assert wait_for(lambda: any("soffice.bin" in p for p in processes_with(env["TMPDIR"])), 120)


def assert_terminated_cleanly(proc: subprocess.Popen[bytes], root: Path, env: dict[str, str]) -> None:
    """SIGTERM: exit 143 with its message, no process of the build left, no scratch, only good outputs."""
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and "Dihentikan (SIGTERM)." in err.decode()
    assert wait_for(lambda: not processes_with(env["TMPDIR"]), 10), processes_with(env["TMPDIR"])
    assert scratch_left(env) == []
    assert_clean_outputs(root)


def scratch_left(env: dict[str, str]) -> list[str]:
    return sorted(p.name for p in Path(env["TMPDIR"]).iterdir())  # LibreOffice's own temporary files included


def test_sigterm_while_charts_are_drawn(project) -> None:
    root, env = project
    proc = run(root, env, "--pdf")
    assert wait_for(lambda: bool(scratch_left(env)), 120), "the build never reached its scratch folder"
    proc.send_signal(signal.SIGTERM)
    assert_terminated_cleanly(proc, root, env)


def test_sigterm_while_libreoffice_converts(project) -> None:
    root, env = project
    proc = run(root, env, "--pdf", "--tanpa-grafik")
    wait_for_libreoffice(env)
    proc.send_signal(signal.SIGTERM)
    assert_terminated_cleanly(proc, root, env)


def test_sigkill_leaves_no_process_and_the_next_build_cleans_up(project) -> None:
    root, env = project
    proc = run(root, env, "--pdf", "--tanpa-grafik")
    wait_for_libreoffice(env)
    proc.kill()
    proc.wait(timeout=30)
    assert wait_for(lambda: not processes_with(env["TMPDIR"]), 15), processes_with(env["TMPDIR"])
    left = scratch_left(env)
    assert left and all(name.startswith(f"lakip-pdf-{proc.pid}-") for name in left)
    after = run(root, env, "--tanpa-grafik")
    assert after.wait(timeout=300) == 0
    assert scratch_left(env) == []
    assert_clean_outputs(root)
