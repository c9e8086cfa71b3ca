"""What the CLI prints, for people and for tools: streams, the code catalogue, SARIF, step summary, CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import typer
from conftest import ROOT, copy_project

from lakip_cli.catalogue import RETIRED, STAGE_CODES, all_codes, known_codes
from lakip_cli.checks import RULES
from lakip_cli.cli import _ignore_codes, app

PACKAGE = ROOT / "lakip_cli"
CODE_LITERAL = re.compile(r"""["']([A-Z]{1,2}\d{3})["']""")  # "V012", "LK010", any stage's prefix


# The catalogue's own table (and its lists of warnings and retired codes) is not a place that prints.
TABLE = re.compile(r"^STAGE_CODES: dict\[str, str\] = \{.*?^\}$|^(STAGE_WARNINGS|RETIRED) = .*?$", re.M | re.S)


def _codes_in_source() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name == "diagnostics.py":
            text = TABLE.sub("", text)
        for match in CODE_LITERAL.finditer(text):
            found.setdefault(match.group(1), str(path.relative_to(ROOT)))
    return found


def test_every_code_printed_is_catalogued() -> None:
    found = _codes_in_source()
    assert len(found) >= 50
    missing = {code: where for code, where in found.items() if code not in known_codes()}
    assert missing == {}, "add these codes to STAGE_CODES in lakip_cli/diagnostics.py"
    assert "LK000" not in found


def test_every_catalogued_code_is_used() -> None:
    assert set(STAGE_CODES) <= set(_codes_in_source())
    assert not set(RETIRED) & (set(STAGE_CODES) | set(_codes_in_source()))


def test_one_meaning_per_code() -> None:
    codes = [c.code for c in all_codes()]
    assert len(codes) == len(set(codes))
    assert all(c.meaning and c.stage for c in all_codes())


def test_every_rule_is_explained_in_indonesian() -> None:
    for rule in RULES:
        assert set(rule.PENJELASAN) == {"apa", "mengapa", "salah", "benar"}, rule.CODE
        assert all(len(text) > 10 for text in rule.PENJELASAN.values()), rule.CODE


def test_rules_explains_one_rule(runner) -> None:
    result = runner.invoke(app, ["rules", "LK010"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("LK010 target-pk-berbeda (galat)\n")
    for heading in ("Yang diperiksa:", "Mengapa penting:", "Contoh salah:", "Contoh benar:"):
        assert f"\n{heading}\n" in out
    assert "perencanaan.yaml `{indikator: IK10, target: 100}` dan IK10 `target: 90`." in out
    assert runner.invoke(app, ["rules", "lk010"]).stdout == out
    assert runner.invoke(app, ["rules", "target-pk-berbeda"]).stdout == out
    stage = runner.invoke(app, ["rules", "V011"])
    assert stage.exit_code == 0 and "kunci tidak dikenal" in stage.stdout


def test_rules_all_codes(runner) -> None:
    lines = runner.invoke(app, ["rules", "--semua"]).stdout.splitlines()
    assert len(lines) == len(all_codes())
    assert lines[0].startswith("V001   galat      YAML tidak dapat dibaca")
    assert any(ln.startswith("P006   peringatan") for ln in lines)
    assert lines[-1].startswith("LK041  peringatan")
    assert any(ln.startswith("I003   galat      lakip init") for ln in lines)


def test_check_findings_go_to_stdout(tmp_path: Path, runner) -> None:
    result = runner.invoke(app, ["check", "2024", "-C", str(ROOT)])
    findings = [ln.removeprefix("    akibatnya: ") for ln in result.stdout.splitlines()]
    assert len(findings) >= 40
    assert all(re.match(r"^\S+:\d+:\d+: (galat|peringatan): .+ \[(LK|V)\d{3}\]$", ln) for ln in findings)
    n_err = sum(": galat: " in ln for ln in findings)
    assert result.stderr == f"Gagal: {n_err} galat, {len(findings) - n_err} peringatan.\n"


def test_ignore_takes_comma_lists_and_refuses_unknown_codes(runner) -> None:
    both = runner.invoke(app, ["check", "2024", "-C", str(ROOT), "--ignore", "LK001,lk005"])
    repeated = runner.invoke(app, ["check", "2024", "-C", str(ROOT), "--ignore", "LK001", "--ignore", "LK005"])
    assert both.stdout == repeated.stdout
    assert "[LK001]" not in both.stdout and "[LK005]" not in both.stdout and "[LK020]" in both.stdout
    with pytest.raises(typer.BadParameter, match="kode tidak dikenal: LK999"):
        _ignore_codes(["LK001,LK999"])
    with pytest.raises(typer.BadParameter, match="V012 adalah galat data yang tidak dapat diabaikan"):
        _ignore_codes(["V012"])
    assert _ignore_codes([" lk011 , LK012", "V042"]) == ["LK011", "LK012", "V042"]


def test_sarif_output(runner) -> None:
    result = runner.invoke(app, ["check", "2024", "-C", str(ROOT), "--format", "sarif"])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "lakip"
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    lk020 = next(r for r in run["results"] if r["ruleId"] == "LK020")
    assert lk020["level"] == "error"
    assert lk020["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "data/2024/instansi.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 68, "startColumn": 12},
    }
    assert next(r for r in rules if r["id"] == "LK020")["shortDescription"]["text"].startswith("Peraturan")
    clean = runner.invoke(app, ["validate", "2024", "-C", str(ROOT), "--format", "sarif"])
    assert clean.exit_code == 0 and json.loads(clean.stdout)["runs"][0]["results"] == []


def test_github_step_summary_lists_every_finding(tmp_path: Path, runner) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("sebelumnya\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = runner.invoke(app, ["check", "2024", "-C", str(ROOT)], env=env)
    annotations = [ln for ln in result.stdout.splitlines() if ln.startswith("::")]
    assert len(annotations) > 10
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("sebelumnya\n### lakip check\n")
    rows = [ln for ln in text.splitlines() if ln.startswith("| `")]
    assert len(rows) == len(annotations)
    assert "| `data/2024/instansi.yaml:68:12` | galat | LK020 |" in text


def test_summary_csv_for_indonesian_excel(runner) -> None:
    raw = runner.invoke(app, ["summary", "2024", "-C", str(ROOT), "-f", "csv"]).stdout
    assert raw.startswith("\ufeffno;id;sasaran;indikator;")
    rows = list(csv.DictReader(io.StringIO(raw.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 11
    first = rows[0]
    assert (first["target"], first["realisasi"], first["capaian"]) == ("90", "100", "111,1111")
    assert first["pagu"] == "37491400" and first["status"] == "melampaui"
    ormas = next(r for r in rows if r["id"] == "IK04")
    assert ormas["realisasi"] == "94,4444"
    plain = runner.invoke(app, ["summary", "2024", "-C", str(ROOT), "-f", "csv-biasa"]).stdout
    plain_rows = list(csv.DictReader(io.StringIO(plain)))
    assert plain_rows[0]["capaian"] == "111.1111" and not plain.startswith("\ufeff")


def test_final_build_counts_what_is_open(tmp_path: Path, runner) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    result = runner.invoke(app, ["build", "2024", "--final", "-C", str(project), "--tanpa-grafik"])
    assert result.exit_code == 1
    findings = result.stdout.splitlines()
    assert "[LK000]" not in result.stdout
    gaps = [ln for ln in findings if ln.endswith("[LK001]")]
    assert gaps and all(": galat: belum diisi: " in ln for ln in gaps)
    n_err = sum(": galat: " in ln for ln in findings)
    n_warn = sum(": peringatan: " in ln for ln in findings)
    assert n_warn >= 20
    assert result.stderr.splitlines() == ["Laporan final tidak dibuat karena hal-hal berikut:",
                                          f"Gagal: {n_err} galat, {n_warn} peringatan."]


def test_failed_pdf_step_removes_the_stale_pdf(minimal: Path, runner, monkeypatch) -> None:
    monkeypatch.setattr("lakip_cli.write.pdf.find_soffice", lambda: None)
    out = minimal / "out"
    out.mkdir()
    (out / "LAKIP-2024.pdf").write_bytes(b"%PDF-1.7 versi lama")
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal), "--tanpa-grafik", "--pdf"])
    assert result.exit_code == 1
    assert not (out / "LAKIP-2024.pdf").exists()
    assert (out / "LAKIP-2024.docx").exists()
    assert "out/LAKIP-2024.pdf: peringatan: PDF lama dihapus karena tidak sesuai dengan .docx yang baru ditulis" \
        in result.stdout
    assert "[P001]" in result.stdout and "[P006]" in result.stdout


def test_output_option_names_both_files(tmp_path: Path, minimal: Path, runner) -> None:
    target = tmp_path / "hasil.docx"
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal), "--tanpa-grafik", "-o", str(target)])
    assert result.exit_code == 0, result.output
    written = [ln for ln in result.stderr.splitlines() if ln.startswith("ditulis: ")]
    assert [ln.split()[1] for ln in written] == [str(target), str(tmp_path / "hasil.md")]
    assert "(teks hasil penyusunan, untuk ditelaah)" in written[1]


def test_unknown_code_in_lakip_yaml_is_refused(minimal: Path, runner) -> None:
    settings = minimal / "lakip.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "cek:\n  abaikan: [LK011, LK999]\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "2024", "-C", str(minimal)])
    assert result.exit_code == 1
    line = result.stdout.splitlines()[0]
    assert re.match(r"^lakip\.yaml:\d+:\d+: galat: kode 'LK999' di cek\.abaikan tidak dikenal", line), line
