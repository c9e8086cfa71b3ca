"""check: findings -> findings grouped by root cause (one finding, its consequences beneath it).

Some facts explain other findings: an indicator that duplicates another
(LK009) repeats that indicator's problems, so every other finding in the
duplicate's file is a consequence of it, and disappears with it. Such a
finding is reported once, carrying the others as its `related` findings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from lakip_cli.diagnostics import Diagnostic, sort_diagnostics

# Codes whose finding explains every other finding located in the same file.
EXPLAINS_ITS_FILE = frozenset({"LK009"})


def group_root_causes(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The findings with each root cause's consequences moved beneath it (sorted, nothing dropped)."""
    items = sort_diagnostics(findings)
    roots = {d.location.path: d for d in items if d.code in EXPLAINS_ITS_FILE}
    if not roots:
        return items
    beneath: dict[str, list[Diagnostic]] = {path: [] for path in roots}
    out: list[Diagnostic] = []
    for d in items:
        root = roots.get(d.location.path)
        if root is not None and d is not root:
            beneath[d.location.path].append(d)
        elif root is None:
            out.append(d)
    for path, root in roots.items():
        out.append(dataclasses.replace(root, related=(*root.related, *beneath[path])))
    return sort_diagnostics(out)


def flatten(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Every finding, consequences included, each once (their `related` emptied)."""
    out: list[Diagnostic] = []
    for d in findings:
        out.append(dataclasses.replace(d, related=()))
        out.extend(flatten(d.related))
    return out
