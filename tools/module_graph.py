"""Print lakip_cli's module import graph: each module's level (longest chain of imports below it) and any cycle.

    python tools/module_graph.py [PACKAGE_DIR]

Imports inside functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path


def module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, root: Path, known: set[str]) -> set[str]:
    """The package modules `path` imports (a package import counts as its __init__)."""
    here = module_name(path, root)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in known and m != here}


def graph(root: Path) -> dict[str, set[str]]:
    files = [p for p in root.rglob("*.py") if "__pycache__" not in p.parts]
    known = {module_name(p, root) for p in files}
    return {module_name(p, root): imports(p, root, known) for p in files}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def levels(edges: dict[str, set[str]]) -> dict[str, int]:
    memo: dict[str, int] = {}

    def level(node: str, seen: frozenset[str]) -> int:
        if node in memo:
            return memo[node]
        below = [level(n, seen | {node}) for n in edges[node] if n not in seen]
        memo[node] = 1 + max(below, default=-1)
        return memo[node]

    for node in edges:
        level(node, frozenset())
    return memo


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else Path(__file__).resolve().parent.parent / "lakip_cli")
    edges = graph(root)
    found = cycles(edges)
    by_level: dict[int, list[str]] = {}
    for name, lvl in levels(edges).items():
        by_level.setdefault(lvl, []).append(name)
    for lvl in sorted(by_level):
        print(f"level {lvl}: " + ", ".join(sorted(by_level[lvl])))
    print(f"modules: {len(edges)}, import edges: {sum(len(v) for v in edges.values())}, cycles: {len(found)}")
    for cycle in found:
        print("  cycle: " + " -> ".join(cycle))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
