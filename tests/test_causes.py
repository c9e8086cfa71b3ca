"""One finding per root cause: a duplicated indicator's other findings are reported beneath it, in every format."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT

from lakip_cli.checks.causes import flatten, group_root_causes
from lakip_cli.cli import app
from lakip_cli.diagnostics import Diagnostic, SourceLocation, format_diagnostics, has_errors

IK10 = "data/2024/indikator/10-kerukunan-umat-beragama.yaml"


def d(path: str, line: int, code: str, severity: str = "warning", message: str = "m") -> Diagnostic:
    return Diagnostic(SourceLocation(path, line, 1), code, severity, message)  # type: ignore[arg-type]


def test_findings_in_a_duplicates_file_go_beneath_it() -> None:
    root = d("b.yaml", 3, "LK009")
    found = [d("a.yaml", 5, "LK014"), d("b.yaml", 9, "LK005"), root, d("b.yaml", 7, "LK010", "error")]
    grouped = group_root_causes(found)
    assert [(g.location.path, g.code) for g in grouped] == [("a.yaml", "LK014"), ("b.yaml", "LK009")]
    assert [r.code for r in grouped[1].related] == ["LK010", "LK005"]
    assert has_errors(grouped) and not has_errors([grouped[0]])
    assert sorted(flatten(grouped)) == sorted(found)
    assert group_root_causes([found[0]]) == [found[0]]


def test_formats_show_consequences_beneath_the_root() -> None:
    root = Diagnostic(SourceLocation("b.yaml", 3, 7), "LK009", "warning", "IK10 sama dengan IK01",
                      related=(Diagnostic(SourceLocation("b.yaml", 39, 5), "LK014", "warning", "narasi 50%"),))
    assert format_diagnostics([root], "text") == (
        "b.yaml:3:7: peringatan: IK10 sama dengan IK01 [LK009]\n"
        "    akibatnya: b.yaml:39:5: peringatan: narasi 50% [LK014]")
    assert format_diagnostics([root], "github") == (
        "::warning file=b.yaml,line=3,col=7,title=LK009::IK10 sama dengan IK01"
        "%0Aakibatnya: b.yaml:39:5: peringatan: narasi 50%25 [LK014]")
    data = json.loads(format_diagnostics([root], "json"))
    assert data[0]["related"] == [{"location": {"path": "b.yaml", "line": 39, "col": 5}, "code": "LK014",
                                   "severity": "warning", "message": "narasi 50%"}]
    plain = json.loads(format_diagnostics([Diagnostic(SourceLocation("a.yaml"), "LK001")], "json"))
    assert "related" not in plain[0]


def test_seed_duplicate_indicator_is_reported_once(runner) -> None:
    result = runner.invoke(app, ["check", "2024", "--format", "json", "-C", str(Path(ROOT))])
    roots = json.loads(result.stdout)
    ik10 = [r for r in roots if r["location"]["path"] == IK10]
    assert [r["code"] for r in ik10] == ["LK009"]
    assert [c["code"] for c in ik10[0]["related"]] == ["LK029", "LK031", "LK041", "LK010", "LK030", "LK005",
                                                        "LK005", "LK004", "LK005", "LK011", "LK014", "LK034",
                                                        "LK040", "LK015", "LK034", "LK037"]
    assert result.exit_code == 1  # LK010 is an error even beneath a warning
    text = runner.invoke(app, ["check", "2024", "-C", str(Path(ROOT))]).output
    assert "Gagal: 4 galat, 142 peringatan." in text
    assert f"\n    akibatnya: {IK10}:39:5: peringatan: IK10: narasi menyatakan tidak ada perubahan" in text


def test_evaluators_workbook_lists_every_finding_consequences_included(runner, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "temuan.xlsx"
    assert runner.invoke(app, ["ekspor", "2024", "-C", str(Path(ROOT)), "-o", str(out)]).exit_code == 0
    rows = list(openpyxl.load_workbook(out)["temuan"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 146
    assert (("LK015", IK10, 52) in {(r[0], r[3], r[4]) for r in rows})
