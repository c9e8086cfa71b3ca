"""catalogue: every diagnostic code the tool can print, with one Indonesian meaning per code.

Check rules (LK...) describe themselves in their modules (checks/); the codes of the other stages
are listed in diagnostics.STAGE_CODES. A test greps the package for code literals and requires each
one to be listed, so a new code cannot be printed before it is explained. Codes are never reused.
"""

from __future__ import annotations

from dataclasses import dataclass

from lakip_cli.checks import RULES, ignorable_codes
from lakip_cli.diagnostics import RETIRED, STAGE_CODES, STAGE_WARNINGS, STAGES

__all__ = ["RETIRED", "STAGE_CODES", "CodeInfo", "all_codes", "ignorable_codes", "known_codes"]


@dataclass(frozen=True)
class CodeInfo:
    code: str
    stage: str
    severity: str  # "error", "warning" or "" when it depends on the situation
    meaning: str


def _prefix(code: str) -> str:
    return code.rstrip("0123456789")


def all_codes() -> list[CodeInfo]:
    """Every code, stage codes first (in pipeline order), then the check rules."""
    out = [CodeInfo(code, STAGES[_prefix(code)], "warning" if code in STAGE_WARNINGS else "error", meaning)
           for code, meaning in STAGE_CODES.items()]
    out += [CodeInfo(rule.CODE, STAGES["LK"], rule.SEVERITY, rule.SUMMARY) for rule in RULES]
    order = list(STAGES)
    return sorted(out, key=lambda c: (order.index(_prefix(c.code)), c.code))


def known_codes() -> set[str]:
    return {c.code for c in all_codes()}
