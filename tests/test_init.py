"""lakip init: next year's data from this year's (round-trip YAML, atomic, never overwriting) and a new skeleton."""

from __future__ import annotations

import hashlib
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from lakip_cli.cli import app
from lakip_cli.compute.report import compute_report
from lakip_cli.scaffold import init_year as init_module
from lakip_cli.scaffold.roundtrip import load_roundtrip
from lakip_cli.source.load import load_yaml
from lakip_cli.source.models import Komponen
from lakip_cli.source.schema import schema_texts
from lakip_cli.source.validate import load_project


def _tree(root: Path) -> dict[str, str]:
    """Every file under root with a hash of its bytes, to show that nothing changed."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _init(runner, root: Path, *args: str):
    return runner.invoke(app, ["init", *args, "-C", str(root)])


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    return copy_project(ROOT, tmp_path / "seed")


# ---------------------------------------------------------------- the seed, as a planner would


def test_seed_next_year_validates_builds_and_carries_history(runner, seed: Path) -> None:
    result = _init(runner, seed, "2025", "--from", "2024")
    assert result.exit_code == 0, result.output
    assert "ditulis: " in result.output and "(16 berkas)" in result.output
    assert "tidak ada target Renstra tahun 2025" in result.output  # the seed's Renstra lists 2024 only

    validated = runner.invoke(app, ["validate", "2025", "-C", str(seed)])
    assert validated.exit_code == 0, validated.output
    assert "Data 2025 valid: 11 indikator" in validated.output

    built = runner.invoke(app, ["build", "2025", "--tanpa-grafik", "-C", str(seed)])
    assert built.exit_code == 0, built.output
    text = (seed / "out/LAKIP-2025.md").read_text(encoding="utf-8")
    # Every history table now has 2024 with the 2024 figures: IK01 target 90%, realisasi 3/3 = 100%, capaian 111,11%
    # (the realisasi column has 2 decimals: 2024's realisasi is still computed from pembilang/penyebut).
    assert ('{"teks": "2024", "rata": "tengah"}, {"teks": "90%", "rata": "tengah"}, '
            '{"teks": "100,00%", "rata": "tengah"}, {"teks": "111,11%", "rata": "tengah"}') in text
    assert "Tahun 2022\u2060–\u20602025" in text and '{"teks": "2021", "rata": "tengah"}' not in text
    assert ("Capaian tahun 2025 belum dapat dihitung, sehingga belum dapat dibandingkan dengan capaian tahun 2024 "
            "(111,11%).") in text
    # No 2024 narrative reaches the 2025 draft; placeholders say what to write.
    assert "Puji syukur Kehadirat Tuhan" not in text
    assert "melalui Program Pemberdayaan Dan Pengawasan" not in text
    assert "[[BELUM DIISI: kata pengantar (laporan.yaml: kata_pengantar)]]" in text
    assert "[[BELUM DIISI: analisis penyebab (narasi.penyebab)]]" in text
    assert "[[BELUM DIISI: analisis perbandingan target dan realisasi tahun 2025 (narasi.target)]]" in text
    # ... and the old text waits in a side file the build never reads.
    side = (seed / "data/2025/narasi-2024.md").read_text(encoding="utf-8")
    assert "## laporan.yaml: kata_pengantar" in side and "Puji syukur Kehadirat Tuhan" in side
    assert "## indikator/04-ormas.yaml: narasi.penyebab (IK04)" in side


def test_seed_indicator_file_diff_keeps_everything_else(seed: Path) -> None:
    init_module.init_year(seed, 2024, 2025)
    before = (seed / "data/2024/indikator/04-ormas.yaml").read_text(encoding="utf-8").splitlines()
    after = (seed / "data/2025/indikator/04-ormas.yaml").read_text(encoding="utf-8").splitlines()
    assert after[0] == before[0] == "# yaml-language-server: $schema=../../../schemas/indikator.schema.json"
    assert after[1:9] == before[1:9]  # id .. rumus unchanged, byte for byte
    assert after[9:11] == [
        "target:  # tidak ada target Renstra 2025: isi target Perjanjian Kinerja 2025 (lakip init 2025)",
        "realisasi: # realisasi 2025: angka, atau pembilang dan penyebut (lakip init 2025)"]
    data = load_yaml(seed / "data/2025/indikator/04-ormas.yaml", seed).data
    assert data["riwayat"] == [
        {"tahun": 2024, "target": 100, "realisasi": {"pembilang": 34, "penyebut": 36}},
        {"tahun": 2023, "target": 100, "realisasi": 94, "capaian_tertulis": 94},
        {"tahun": 2022, "target": 100, "realisasi": 90, "capaian_tertulis": 90},
    ]  # 2021 is dropped: a 2025 series shows 2022-2025
    assert data["renstra"] == {"target_tahunan": {2024: 100}}
    assert data["anggaran"] == ["ormas-hibah"]
    assert data["narasi"]["penyebab"] is None
    assert data["narasi"]["target"].startswith("[[BELUM DIISI: analisis perbandingan target")
    # Budget tree carried, amounts emptied with last year's in a comment; the signing date emptied.
    anggaran = (seed / "data/2025/anggaran.yaml").read_text(encoding="utf-8")
    assert "pagu:  # pagu 2025; 2024: 37491400 (lakip init 2025)" in anggaran
    assert "realisasi: # realisasi 2025; 2024: 13770007968 (lakip init 2025)" in anggaran
    laporan = load_yaml(seed / "data/2025/laporan.yaml", seed).data
    assert laporan["tahun"] == 2025 and laporan["tanggal"] is None and laporan["langkah_mendatang"] == []
    assert (seed / "data/2025/instansi.yaml").read_bytes() == (seed / "data/2024/instansi.yaml").read_bytes()


def test_every_data_file_round_trips_unchanged() -> None:
    files = [*sorted((ROOT / "data").rglob("*.yaml")), *sorted((ROOT / "tests/projects").rglob("*.yaml"))]
    assert len(files) > 15
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert load_roundtrip(text).dump() == text, path


# ---------------------------------------------------------------- the minimal project, edited per case


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_renstra_target_comments_quoting_and_order_survive(runner, minimal: Path) -> None:
    ind = minimal / "data/2024/indikator/01-layanan.yaml"
    _edit(ind, "rumus:\n", "# Sumber data: aplikasi antrean, rekap Desember\nrumus:\n")
    _edit(ind, "    2024: 90\n", "    2024: 90\n    2025: 92.5   # Renstra perubahan\n")
    _edit(ind, "  penyebut: Jumlah seluruh layanan", "  penyebut: 'Jumlah seluruh layanan'")
    result = _init(runner, minimal, "2025", "--from", "2024")
    assert result.exit_code == 0, result.output
    assert "02-keluhan.yaml: tidak ada target Renstra tahun 2025" in result.output
    assert "01-layanan.yaml: tidak ada target" not in result.output

    after = (minimal / "data/2025/indikator/01-layanan.yaml").read_text(encoding="utf-8")
    assert "# Sumber data: aplikasi antrean, rekap Desember\nrumus:\n" in after
    assert "  penyebut: 'Jumlah seluruh layanan'\n" in after
    assert "    2025: 92.5   # Renstra perubahan\n" in after
    assert "\ntarget: 92.5 # dari renstra.target_tahunan 2025 (lakip init 2025)\n" in after
    source_keys = list(load_roundtrip(ind.read_text(encoding="utf-8")).data)
    assert list(load_roundtrip(after).data) == source_keys

    project = load_project(minimal, 2025)
    pk = {item.indikator: item.target for row in project.perencanaan.model.perjanjian_kinerja for item in row.indikator}
    assert pk == {"IK01": Decimal("92.5"), "IK02": None}
    report = compute_report(project)
    ik01 = report.indikator[0]
    assert ik01.target == Decimal("92.5") and ik01.realisasi is None
    assert [f.tahun for f in ik01.seri] == [2025, 2024, 2023]
    last = ik01.seri[1]
    assert isinstance(project.indikator[0].model.riwayat[0].realisasi, Komponen)
    assert last.realisasi == Decimal(34) / Decimal(36) * 100 and round(last.capaian, 2) == Decimal("104.94")
    assert not [n for n in report.notes if n.code == "V042"]  # history agrees with data/2024 exactly


def test_capaian_set_by_hand_moves_into_history_with_its_reason(runner, minimal: Path) -> None:
    ind = minimal / "data/2024/indikator/02-keluhan.yaml"
    manual = "capaian_manual:\n  nilai: 120\n  alasan: Tidak ada keluhan sama sekali\n"
    _edit(ind, "realisasi: 80\n", "realisasi: 0\n" + manual)
    assert _init(runner, minimal, "2025", "--from", "2024").exit_code == 0
    data = load_yaml(minimal / "data/2025/indikator/02-keluhan.yaml", minimal).data
    assert "capaian_manual" not in data
    assert data["riwayat"][0] == {"tahun": 2024, "target": 100, "realisasi": 0,
                                  "capaian_manual": {"nilai": 120, "alasan": "Tidak ada keluhan sama sekali"}}
    report = compute_report(load_project(minimal, 2025))
    assert report.indikator[1].seri[1].capaian == Decimal(120)


def test_range_target_moves_into_history_and_is_computed(runner, minimal: Path) -> None:
    _edit(minimal / "data/2024/indikator/01-layanan.yaml", "target: 90\n", "target:\n  bawah: 85\n  atas: 95\n")
    _edit(minimal / "data/2024/perencanaan.yaml", "      - indikator: IK01\n        target: 90\n",
          "      - indikator: IK01\n")
    assert _init(runner, minimal, "2025", "--from", "2024").exit_code == 0
    row = load_yaml(minimal / "data/2025/indikator/01-layanan.yaml", minimal).data["riwayat"][0]
    assert row["target"] == {"bawah": 85, "atas": 95}
    result = runner.invoke(app, ["check", "2025", "-C", str(minimal)])
    assert "Traceback" not in result.output and result.exit_code == 1  # findings: empty figures and narratives
    report = compute_report(load_project(minimal, 2025))
    assert report.indikator[0].seri[1].capaian == Decimal(100)  # 94,44% lies inside 85-95


def test_ending_renstra_period_is_said_plainly(runner, minimal: Path) -> None:
    _edit(minimal / "data/2024/perencanaan.yaml", "periode_akhir: 2026", "periode_akhir: 2024")
    result = _init(runner, minimal, "--from", "2024")  # the year defaults to the one after --from
    assert result.exit_code == 0, result.output
    assert "Periode Renstra 2021–2024 berakhir pada 2024; tahun 2025 masuk periode baru" in result.output
    assert runner.invoke(app, ["validate", "2025", "-C", str(minimal)]).exit_code == 0
    perencanaan = (minimal / "data/2025/perencanaan.yaml").read_text(encoding="utf-8")
    assert ("periode_akhir: 2024  # periode berakhir; tahun 2025 masuk periode Renstra baru: perbarui periode dan "
            "target (lakip init 2025)\n") in perencanaan


def test_year_after_year_keeps_the_planners_comments_without_piling_up_notes(runner, minimal: Path) -> None:
    anggaran = minimal / "data/2024/anggaran.yaml"
    _edit(anggaran, "pagu: 100000000\n", "pagu: 100000000  # sesuai DPA\n")
    _edit(anggaran, "realisasi: 90000000\n", "realisasi: 90000000\n# baris pembinaan menyusul\n")
    assert _init(runner, minimal, "2025", "--from", "2024").exit_code == 0
    assert _init(runner, minimal, "2026", "--from", "2025").exit_code == 0
    assert runner.invoke(app, ["validate", "2026", "-C", str(minimal)]).exit_code == 0
    text = (minimal / "data/2026/anggaran.yaml").read_text(encoding="utf-8")
    assert "# sesuai DPA | pagu 2026 (lakip init 2026)\n" in text
    assert "realisasi: # realisasi 2026 (lakip init 2026)\n# baris pembinaan menyusul\n" in text
    assert "lakip init 2025" not in text
    # 2025 had no figures yet: its history row is not added empty; 2024's stays.
    riwayat = load_yaml(minimal / "data/2026/indikator/01-layanan.yaml", minimal).data["riwayat"]
    assert [row["tahun"] for row in riwayat] == [2024, 2023]


def test_minimal_next_year_validates_and_builds(runner, minimal: Path) -> None:
    assert _init(runner, minimal, "2025", "--from", "2024").exit_code == 0
    assert runner.invoke(app, ["validate", "2025", "-C", str(minimal)]).exit_code == 0
    built = runner.invoke(app, ["build", "2025", "-C", str(minimal)])
    assert built.exit_code == 0, built.output
    assert (minimal / "out/LAKIP-2025.docx").stat().st_size > 10_000


# ---------------------------------------------------------------- bad input: a located message, exit 1, nothing written


def test_existing_target_is_never_overwritten(runner, minimal: Path) -> None:
    (minimal / "data/2025").mkdir()
    (minimal / "data/2025/catatan.txt").write_text("milik perencana", encoding="utf-8")
    before = _tree(minimal)
    result = _init(runner, minimal, "2025", "--from", "2024")
    assert result.exit_code == 1
    assert ("data/2025: galat: folder data/2025/ sudah ada; lakip init tidak menimpa data yang ada [I003]"
            in result.output)
    assert _tree(minimal) == before


@pytest.mark.parametrize(("args", "message"), [
    (("2024", "--from", "2024"), "data/2024: galat: tahun baru (2024) harus sesudah tahun sumber (2024) [I001]"),
    (("2023", "--from", "2024"), "data/2024: galat: tahun baru (2023) harus sesudah tahun sumber (2024) [I001]"),
    (("2024", "--from", "2023"), "data/2023: galat: folder data tahun 2023 tidak ditemukan (data/2023/) [I002]"),
])
def test_wrong_years_are_refused(runner, minimal: Path, args: tuple[str, ...], message: str) -> None:
    before = _tree(minimal)
    result = _init(runner, minimal, *args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert _tree(minimal) == before


def test_source_that_does_not_validate_is_refused_with_its_errors(runner, minimal: Path) -> None:
    _edit(minimal / "data/2024/indikator/01-layanan.yaml", "target: 90", "targett: 90")
    before = _tree(minimal)
    result = _init(runner, minimal, "2025", "--from", "2024")
    assert result.exit_code == 1
    assert "Tahun 2025 tidak dibuat: data 2024 belum valid." in result.output
    assert "data/2024/indikator/01-layanan.yaml:9:1: galat: kunci tidak dikenal 'targett'" in result.output
    assert "data/2024: galat: data tahun 2024 belum valid; perbaiki galat di atas" in result.output
    assert _tree(minimal) == before


def test_read_only_data_folder_writes_nothing(runner, minimal: Path, monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(init_module.tempfile, "mkdtemp", refuse)  # what a read-only data/ does, even as root
    before = _tree(minimal)
    result = _init(runner, minimal, "2025", "--from", "2024")
    assert result.exit_code == 1
    assert ("data/2025: galat: folder data/2025/ tidak dapat ditulis (Permission denied); tidak ada yang ditulis "
            "[I005]") in result.output
    assert _tree(minimal) == before


def test_crash_half_way_leaves_no_half_written_folder(runner, minimal: Path, monkeypatch) -> None:
    written: list[Path] = []
    real = Path.write_bytes

    def fail_on_third(self: Path, data: bytes) -> int:
        written.append(self)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_on_third)
    before = _tree(minimal)
    result = _init(runner, minimal, "2025", "--from", "2024")
    assert result.exit_code == 1
    assert "tidak dapat ditulis (No space left on device)" in result.output
    assert len(written) == 3
    assert _tree(minimal) == before
    assert sorted(p.name for p in (minimal / "data").iterdir()) == ["2024"]  # no temporary folder left


# ---------------------------------------------------------------- a new agency


def test_new_project_skeleton_validates_and_builds(runner, tmp_path: Path) -> None:
    root = tmp_path / "dinas-baru"
    result = runner.invoke(app, ["init", "2025", "-C", str(root)])
    assert result.exit_code == 0, result.output
    assert "Kerangka proyek laporan tahun 2025 siap. Langkah berikutnya:" in result.output
    assert "lakip validate 2025" in result.output
    for rel, modeline in {
        "lakip.yaml": "# yaml-language-server: $schema=schemas/lakip.schema.json",
        "data/2025/laporan.yaml": "# yaml-language-server: $schema=../../schemas/laporan.schema.json",
        "data/2025/indikator/01-contoh.yaml": "# yaml-language-server: $schema=../../../schemas/indikator.schema.json",
    }.items():
        assert (root / rel).read_text(encoding="utf-8").splitlines()[0] == modeline
    for name, text in schema_texts().items():
        assert (root / "schemas" / name).read_text(encoding="utf-8") == text

    validated = runner.invoke(app, ["validate", "2025", "-C", str(root)])
    assert validated.exit_code == 0, validated.output
    assert "Data 2025 valid: 1 indikator" in validated.output
    assert runner.invoke(app, ["build", "2025", "--tanpa-grafik", "-C", str(root)]).exit_code == 0
    with zipfile.ZipFile(root / "out/LAKIP-2025.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    marked = '<w:highlight w:val="yellow"/></w:rPr><w:t>[[BELUM DIISI: {}]]</w:t>'
    assert marked.format("nama lengkap instansi, mis. Dinas Kesehatan Kota Contoh") in xml
    assert marked.format("kata pengantar (laporan.yaml: kata_pengantar)") in xml

    before = _tree(root)
    again = runner.invoke(app, ["init", "2025", "-C", str(root)])
    assert again.exit_code == 1
    assert "lakip.yaml: galat: lakip.yaml sudah ada" in again.output
    assert "gunakan 'lakip init 2025 --from 2024'" in again.output
    assert _tree(root) == before


def test_next_year_does_not_keep_last_years_pk_signing_date(runner, tmp_path: Path) -> None:
    from conftest import MINIMAL, copy_project

    project = copy_project(MINIMAL, tmp_path / "proyek")
    result = _init(runner, project, "2025", "--from", "2024")
    assert result.exit_code == 0, result.output
    text = (project / "data" / "2025" / "perencanaan.yaml").read_text(encoding="utf-8")
    assert "2024-01-15" not in text
    assert "tanggal penandatanganan Perjanjian Kinerja 2025" in text
    assert "pihak_kedua:" in text and "Bupati Contoh" in text  # the second party usually stays
    assert runner.invoke(app, ["validate", "2025", "-C", str(project)]).exit_code == 0


def test_init_never_follows_a_link_out_of_the_year_folder(runner, tmp_path: Path) -> None:
    from conftest import MINIMAL, copy_project

    project = copy_project(MINIMAL, tmp_path / "proyek")
    outside = tmp_path / "rahasia.txt"
    outside.write_text("ISI RAHASIA", encoding="utf-8")
    (project / "data" / "2024" / "bocor.txt").symlink_to(outside)
    (project / "data" / "2024" / ".tersembunyi").mkdir()
    (project / "data" / "2024" / ".tersembunyi" / "x.txt").write_text("x", encoding="utf-8")
    result = _init(runner, project, "2025", "--from", "2024")
    assert result.exit_code == 0, result.output
    assert not (project / "data" / "2025" / "bocor.txt").exists()
    assert not (project / "data" / "2025" / ".tersembunyi").exists()
