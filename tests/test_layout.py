"""The folder layout is the pipeline: imports run only downward, and no module imports itself round a cycle."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from module_graph import cycles, graph  # noqa: E402

PACKAGE = Path(__file__).resolve().parent.parent / "lakip_cli"
SHARED = {"lakip_cli", "lakip_cli.diagnostics", "lakip_cli.display", "lakip_cli.forked"}
# folder -> the folders its modules may import (besides itself and the shared vocabulary)
ALLOWED = {
    "write": set(),
    "source": set(),
    "compute": {"source"},
    "checks": {"compute", "source"},
    "charts": {"compute", "source"},
    "present": {"compute", "source", "write"},
}


def folder_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else module


def test_no_import_cycle() -> None:
    assert cycles(graph(PACKAGE)) == []


def test_each_stage_imports_only_the_stages_below_it() -> None:
    wrong = []
    for module, targets in graph(PACKAGE).items():
        folder = folder_of(module)
        if folder not in ALLOWED:
            continue
        for target in targets:
            if target in SHARED or folder_of(target) in ALLOWED[folder] | {folder}:
                continue
            wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_shared_modules_depend_on_no_stage() -> None:
    edges = graph(PACKAGE)
    assert edges["lakip_cli.diagnostics"] == set()
    assert edges["lakip_cli.display"] <= {"lakip_cli.diagnostics"}
    assert edges["lakip_cli.forked"] == set()
