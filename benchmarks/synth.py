"""Generate a synthetic lakip project with N indicators (for benchmarks): python benchmarks/synth.py N DEST."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def make_project(n: int, dest: Path, *, charts: bool = False) -> Path:
    """Copy the 2024 seed project and replace its indicators and budget with n generated ones."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "lakip.yaml", dest / "lakip.yaml")
    year = dest / "data" / "2024"
    shutil.copytree(ROOT / "data" / "2024", year)
    settings = yaml.safe_load((dest / "lakip.yaml").read_text(encoding="utf-8"))
    settings.setdefault("keluaran", {})["grafik"] = charts
    (dest / "lakip.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")

    sasaran_count = max(1, n // 4)
    ren = yaml.safe_load((year / "perencanaan.yaml").read_text(encoding="utf-8"))
    ren["sasaran"] = [{"id": f"S{s}", "uraian": f"Sasaran strategis sintetis {s}", "tujuan": "T1"}
                      for s in range(1, sasaran_count + 1)]
    ren["strategi"] = []
    pk: dict[str, list[dict[str, object]]] = {}
    lines = []
    ind_dir = year / "indikator"
    shutil.rmtree(ind_dir)
    ind_dir.mkdir()
    for i in range(1, n + 1):
        sid = f"S{(i - 1) % sasaran_count + 1}"
        pk.setdefault(sid, []).append({"indikator": f"IK{i:04d}", "target": 100})
        pagu = 10_000_000 + i * 1_234_567
        lines.append({"id": f"sub-{i}", "nama": f"Sub kegiatan sintetis {i}", "pagu": pagu,
                      "realisasi": pagu - i * 12_345})
        data = {
            "id": f"IK{i:04d}", "nama": f"Persentase layanan sintetis nomor {i}", "sasaran": sid,
            "satuan": "%",
            "rumus": {"pembilang": "Jumlah layanan yang selesai", "penyebut": "Jumlah seluruh layanan"},
            "target": 100 if i % 3 else 90,
            "realisasi": {"pembilang": 90 + i % 10, "penyebut": 100},
            "renstra": {"target_tahunan": {2024: 100}, "target_akhir": 100},
            "riwayat": [{"tahun": 2023, "target": 95, "realisasi": 90 + i % 7},
                        {"tahun": 2022, "target": 90, "realisasi": 85 + i % 5}],
            "anggaran": [f"sub-{i}"],
            "sdm": {"rencana": 5, "realisasi": 4},
            "narasi": {"penyebab": f"Koordinasi lintas bidang berjalan baik untuk indikator {i}.",
                       "efisiensi": "Anggaran digunakan sesuai rencana kebutuhan.",
                       "program": "Program sintetis menunjang capaian indikator ini."},
        }
        text = "# yaml-language-server: $schema=../../../schemas/indikator.schema.json\n"
        text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (ind_dir / f"{i:04d}-sintetis.yaml").write_text(text, encoding="utf-8")
    ren["perjanjian_kinerja"] = [{"sasaran": s, "indikator": items} for s, items in pk.items()]
    (year / "perencanaan.yaml").write_text(yaml.safe_dump(ren, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    anggaran = {"program": [{"nama": "Program sintetis", "kegiatan": [{"nama": "Kegiatan sintetis",
                                                                       "sub_kegiatan": lines}]}]}
    (year / "anggaran.yaml").write_text(yaml.safe_dump(anggaran, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(make_project(int(sys.argv[1]), Path(sys.argv[2])))
