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
    # Findings this one explains (its consequences), reported beneath it rather than on their own.
    related: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def format_text(self) -> str:
        line = f"{self.location}: {SEVERITY_LABEL[self.severity]}: {self.message} [{self.code}]"
        return line + "".join(f"\n    akibatnya: {r.format_text()}" for r in self.related)

    def format_github(self) -> str:
        kind = "error" if self.severity == "error" else "warning"
        loc = self.location
        parts = [f"file={loc.path}"]
        if loc.line:
            parts += [f"line={loc.line}", f"col={loc.col}"]
        text = self.message + "".join(f"\nakibatnya: {r.format_text()}" for r in self.related)
        msg = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} {','.join(parts)},title={self.code}::{msg}"

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["location"] = asdict(self.location)
        d.pop("related")
        if self.related:
            d["related"] = [r.as_dict() for r in self.related]
        return d


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diags), key=lambda d: (d.location, d.code, d.message))


def format_diagnostics(diags: Iterable[Diagnostic], fmt: str) -> str:
    items = sort_diagnostics(diags)
    if fmt == "json":
        return json.dumps([d.as_dict() for d in items], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.format_github() for d in items)
    return "\n".join(d.format_text() for d in items)


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" or has_errors(d.related) for d in diags)


class LakipError(Exception):
    """Raised by any stage; carries every problem found, each with its location."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(sort_diagnostics(diagnostics))
        super().__init__("\n".join(d.format_text() for d in self.diagnostics))


def fail(path: str, code: str, message: str, line: int = 0, col: int = 0) -> LakipError:
    return LakipError([Diagnostic(SourceLocation(path, line, col), code, "error", message)])
