"""Work shared with a forked child: the same findings and documents as in one process, whatever the child does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lakip_cli import forked
from lakip_cli.checks import run_checks
from lakip_cli.checks.causes import flatten
from lakip_cli.compute.report import compute_report
from lakip_cli.forked import Claims, Forked
from lakip_cli.pipeline import BuildOptions, build_report
from lakip_cli.source.validate import load_project

pytestmark = pytest.mark.skipif(not forked.spare_core(), reason="one core, or no fork: nothing is shared")


def test_a_child_returns_its_value_and_a_failing_child_returns_none() -> None:
    assert Forked(lambda: {"angka": [1, 2, 3]}).result() == {"angka": [1, 2, 3]}

    def broken() -> int:
        raise ValueError("in the child")

    assert Forked(broken).result() is None
    assert Forked(lambda: lambda: 1).result() is None  # a value that does not pickle


def test_claims_hand_out_each_number_once_across_processes() -> None:
    claims = Claims(200)

    def take_all() -> list[int]:
        taken = []
        while (n := claims.take()) is not None:
            taken.append(n)
        return taken

    child = Forked(take_all)
    here = take_all()
    there = child.result()
    claims.close()
    assert there is not None
    assert sorted(here + there) == list(range(200))


def test_shared_rules_find_what_one_process_finds(seed_root: Path) -> None:
    report = compute_report(load_project(seed_root, 2024))
    alone = run_checks(report, share=False)
    assert len(alone) == 146
    assert run_checks(report) == alone


def test_rules_a_child_could_not_finish_are_run_here(seed_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = compute_report(load_project(seed_root, 2024))
    alone = run_checks(report, share=False)
    parent = os.getpid()
    from lakip_cli.checks import lk040_nama_narasi as rule

    real = rule.check

    def only_here(report):  # the child dies in this rule; the parent must still report its findings
        if os.getpid() != parent:
            os._exit(3)
        return real(report)

    monkeypatch.setattr(rule, "check", only_here)
    shared = run_checks(report)
    assert shared == alone
    assert any(d.code == "LK040" for d in shared)


def test_a_draft_built_beside_its_rules_is_the_draft_built_in_turn(tmp_path: Path, seed_root: Path) -> None:
    together = build_report(seed_root, BuildOptions(year=2024, output=tmp_path / "a" / "L.docx", charts=False,
                                                    pdf=False))
    in_turn = build_report(seed_root, BuildOptions(year=2024, output=tmp_path / "b" / "L.docx", charts=False,
                                                   pdf=False, spare_core=False))
    assert together.diagnostics == in_turn.diagnostics
    assert len(flatten(together.diagnostics)) == 147  # the 146 findings and the emblem note
    assert (tmp_path / "a" / "L.docx").read_bytes() == (tmp_path / "b" / "L.docx").read_bytes()
