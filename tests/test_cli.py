"""The CLI as a user runs it: exit codes, formats, summary figures, schema freshness."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from lakip_cli.cli import app
from lakip_cli.source.schema import SCHEMA_DIR, schema_texts


def test_validate_seed_is_clean(runner) -> None:
    result = runner.invoke(app, ["validate", "2024", "-C", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "Data 2024 valid: 11 indikator" in result.stderr


def test_validate_defaults_to_newest_year(runner) -> None:
    result = runner.invoke(app, ["validate", "-C", str(ROOT)])
    assert result.exit_code == 0
    assert "Data 2024 valid" in result.stderr


def test_validate_json_and_github_formats(runner, minimal: Path) -> None:
    ind = minimal / "data/2024/indikator/01-layanan.yaml"
    ind.write_text(ind.read_text(encoding="utf-8").replace("target: 90", "targett: 90"), encoding="utf-8")
    result = runner.invoke(app, ["validate", "2024", "-C", str(minimal), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data[0]["code"] == "V011"
    assert data[0]["location"] == {"path": "data/2024/indikator/01-layanan.yaml", "line": 9, "col": 1}
    assert "maksud Anda 'target'" in data[0]["message"]
    result = runner.invoke(app, ["validate", "2024", "-C", str(minimal)], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=data/2024/indikator/01-layanan.yaml,line=9,col=1,title=V011::")


def test_usage_error_exits_2(runner) -> None:
    result = runner.invoke(app, ["validate", "dua-ribu"])
    assert result.exit_code == 2


def test_summary_prints_computed_figures(runner) -> None:
    result = runner.invoke(app, ["summary", "2024", "-C", str(ROOT)])
    assert result.exit_code == 0
    assert "111,11%" in result.stdout and "94,44%" in result.stdout
    assert "pagu Rp15.731.413.218, realisasi Rp15.653.210.088" in result.stdout
    data = json.loads(runner.invoke(app, ["summary", "2024", "-C", str(ROOT), "-f", "json"]).stdout)
    assert data["anggaran"]["pagu"] == 15_731_413_218
    assert data["indikator"][0]["capaian"] == 111.1111
    assert data["indikator"][0]["tampilan"]["capaian"] == "111,11%"
    assert data["jumlah"]["belum_terukur"] == 1
    csv_text = runner.invoke(app, ["summary", "2024", "-C", str(ROOT), "-f", "csv-biasa"]).stdout
    assert csv_text.splitlines()[0].startswith("no,id,sasaran,indikator,satuan,target")
    assert len(csv_text.splitlines()) == 12


def test_schemas_are_fresh() -> None:
    for name, text in schema_texts().items():
        path = ROOT / SCHEMA_DIR / name
        assert path.exists(), f"{name} missing: run 'lakip schema'"
        assert path.read_text(encoding="utf-8") == text, f"{name} is stale: run 'lakip schema'"


def test_every_data_file_points_at_its_schema() -> None:
    for path in sorted((ROOT / "data/2024").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "indikator" if path.parent.name == "indikator" else path.stem
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == (ROOT / SCHEMA_DIR / f"{kind}.schema.json").resolve(), path


def test_check_reports_seed_problems_and_exits_1(runner) -> None:
    result = runner.invoke(app, ["check", "2024", "-C", str(ROOT)])
    assert result.exit_code == 1
    out = result.stdout
    assert "data/2024/instansi.yaml:68:12: galat:" in out and "[LK020]" in out
    assert "[LK010]" in out and "[LK018]" in out
    assert result.stderr.rstrip().splitlines() == [f"Gagal: 4 galat, {len(out.splitlines()) - 4} peringatan."]


def test_check_ignore_and_strict(runner) -> None:
    errors = ["--ignore", "LK006", "--ignore", "LK007", "--ignore", "LK010", "--ignore", "LK020"]
    result = runner.invoke(app, ["check", "2024", "-C", str(ROOT), *errors])
    assert result.exit_code == 0, result.stderr
    assert "Selesai: 0 galat" in result.stderr
    strict = runner.invoke(app, ["check", "2024", "-C", str(ROOT), "--strict", *errors])
    assert strict.exit_code == 1
    assert "Gagal: 0 galat" in strict.stderr


def test_check_json_is_machine_readable(runner) -> None:
    result = runner.invoke(app, ["check", "2024", "-C", str(ROOT), "--format", "json"])
    data = json.loads(result.stdout)
    codes = {d["code"] for d in data}
    assert {"LK001", "LK005", "LK009", "LK011", "LK016", "LK020"} <= codes
    assert all(d["location"]["line"] > 0 for d in data)


def test_rules_catalogue(runner) -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) >= 21
    assert lines[0].startswith("LK001  data-kosong")


def _main(monkeypatch, capsys, *argv: str) -> tuple[int, str]:
    from lakip_cli.cli import main

    monkeypatch.setattr("sys.argv", ["lakip", *argv])
    try:
        main()
    except SystemExit as exc:
        return int(exc.code or 0), capsys.readouterr().err
    return 0, capsys.readouterr().err


def test_usage_errors_are_indonesian(monkeypatch, capsys) -> None:
    code, err = _main(monkeypatch, capsys, "validate", "dua-ribu", "-C", str(ROOT))
    assert code == 2
    assert err.startswith("Perintah salah: nilai tidak valid untuk 'TAHUN': harus bilangan bulat.")
    code, err = _main(monkeypatch, capsys, "validat")
    assert code == 2 and "perintah tidak dikenal 'validat'. Maksud Anda 'validate'?" in err


def test_exit_codes_through_the_entry_point(monkeypatch, capsys) -> None:
    assert _main(monkeypatch, capsys, "validate", "2024", "-C", str(ROOT))[0] == 0
    assert _main(monkeypatch, capsys, "check", "2024", "-C", str(ROOT))[0] == 1


def test_internal_error_is_brief_unless_debug(monkeypatch, capsys) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("rusak")

    monkeypatch.setattr("lakip_cli.source.validate.load_project", broken)
    code, err = _main(monkeypatch, capsys, "validate", "2024", "-C", str(ROOT))
    assert code == 3
    assert "kesalahan internal: RuntimeError: rusak" in err and "--debug" in err
    assert "Traceback" not in err
    code, err = _main(monkeypatch, capsys, "--debug", "validate", "2024", "-C", str(ROOT))
    assert code == 3 and "Traceback" in err


def test_output_must_be_a_docx(runner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "2024", "-C", str(ROOT), "--tanpa-grafik", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "berkas keluaran harus berakhiran .docx" in result.stdout
    blocked = tmp_path / "bukan-folder"
    blocked.write_text("x")
    result = runner.invoke(app, ["build", "2024", "-C", str(ROOT), "--tanpa-grafik", "-o",
                                 str(blocked / "LAKIP.docx")])
    assert result.exit_code == 1
    assert "tidak dapat ditulis" in result.stdout and "Traceback" not in result.output


def _program(*code_and_args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", *code_and_args], capture_output=True, text=True, cwd=ROOT,
                          check=False, **kwargs)


def test_the_program_writes_everything_runs_its_exit_functions_and_keeps_its_code(tmp_path: Path, runner) -> None:
    mark = tmp_path / "keluar.txt"
    result = _program(
        "import atexit, sys; from lakip_cli.cli import run; "
        "atexit.register(lambda mark=sys.argv[1]: open(mark, 'w').write('selesai')); "
        "sys.argv = ['lakip', 'check', '2024']; run()", str(mark))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 146
    assert result.stdout == runner.invoke(app, ["check", "2024", "-C", str(ROOT)]).stdout  # all of it, flushed
    assert result.stderr.splitlines()[-1] == "Gagal: 4 galat, 142 peringatan."
    assert mark.read_text() == "selesai"


def test_the_program_ends_quietly_when_its_reader_goes_away() -> None:
    reader = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.readline()"], stdin=subprocess.PIPE)
    assert reader.stdin is not None
    program = subprocess.Popen(
        [sys.executable, "-c", "import sys; from lakip_cli.cli import run; sys.argv = ['lakip', 'check', '2024']; "
                               "run()"], cwd=ROOT, stdout=reader.stdin, stderr=subprocess.PIPE, text=True)
    reader.stdin.close()
    _, err = program.communicate(timeout=60)
    reader.wait(timeout=60)
    assert program.returncode == 1
    assert "Traceback" not in err
