"""Error model shared by every stage: source locations, diagnostics, and the one exception type."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

SEVERITY_LABEL = {"error": "galat", "warning": "peringatan"}


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A 1-based position in a project file; path is relative to the project root."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


@dataclass(frozen=True, order=True)
class Diagnostic:
    location: SourceLocation
    code: str
    severity: Severity = field(default="error", compare=False)
    message: str = field(default="", compare=True)

    def format_text(self) -> str:
        return f"{self.location}: {SEVERITY_LABEL[self.severity]}: {self.message} [{self.code}]"

    def format_github(self) -> str:
        kind = "error" if self.severity == "error" else "warning"
        loc = self.location
        parts = [f"file={loc.path}"]
        if loc.line:
            parts += [f"line={loc.line}", f"col={loc.col}"]
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} {','.join(parts)},title={self.code}::{msg}"

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["location"] = asdict(self.location)
        return d


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diags), key=lambda d: (d.location, d.code, d.message))


def format_diagnostics(diags: Iterable[Diagnostic], fmt: str, *, rules: dict[str, str] | None = None,
                       version: str = "") -> str:
    """text (path:line:col: ...), json, github (workflow commands) or sarif (SARIF 2.1.0 for code hosts)."""
    items = sort_diagnostics(diags)
    if fmt == "json":
        return json.dumps([d.as_dict() for d in items], ensure_ascii=False, indent=2)
    if fmt == "sarif":
        return json.dumps(sarif_log(items, rules or {}, version), ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.format_github() for d in items)
    return "\n".join(d.format_text() for d in items)


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_log(items: list[Diagnostic], rules: dict[str, str], version: str) -> dict[str, object]:
    """One SARIF run; every code used is described as a rule (its meaning from the catalogue)."""
    used = sorted({d.code for d in items})
    results = []
    for d in items:
        physical: dict[str, object] = {"artifactLocation": {"uri": d.location.path, "uriBaseId": "%SRCROOT%"}}
        if d.location.line:
            physical["region"] = {"startLine": d.location.line, "startColumn": max(d.location.col, 1)}
        results.append({
            "ruleId": d.code,
            "ruleIndex": used.index(d.code),
            "level": "error" if d.severity == "error" else "warning",
            "message": {"text": d.message},
            "locations": [{"physicalLocation": physical}],
        })
    driver: dict[str, object] = {
        "name": "lakip",
        "rules": [{"id": code, "shortDescription": {"text": rules.get(code, code)}} for code in used],
    }
    if version:
        driver["version"] = version
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def format_step_summary(diags: Iterable[Diagnostic], title: str) -> str:
    """A Markdown table of every finding, for $GITHUB_STEP_SUMMARY (annotations show only the first ten)."""
    items = sort_diagnostics(diags)
    n_err = sum(d.severity == "error" for d in items)
    out = [f"### {title}", "", f"{n_err} galat, {len(items) - n_err} peringatan", ""]
    if items:
        out += ["| lokasi | tingkat | kode | pesan |", "|---|---|---|---|"]
        out += [f"| `{_cell(str(d.location))}` | {SEVERITY_LABEL[d.severity]} | {d.code} | {_cell(d.message)} |"
                for d in items]
        out.append("")
    return "\n".join(out) + "\n"


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)


class LakipError(Exception):
    """Raised by any stage; carries every problem found, each with its location."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(sort_diagnostics(diagnostics))
        super().__init__("\n".join(d.format_text() for d in self.diagnostics))


def fail(path: str, code: str, message: str, line: int = 0, col: int = 0) -> LakipError:
    return LakipError([Diagnostic(SourceLocation(path, line, col), code, "error", message)])
