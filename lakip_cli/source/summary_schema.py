"""schema: the JSON Schema of `lakip summary --format json` (written to schemas/ringkasan.schema.json)."""

from __future__ import annotations

from typing import Any


def _num_schema(title: str, description: str, *, integer: bool = False) -> dict[str, Any]:
    return {"type": ["integer" if integer else "number", "null"], "title": title, "description": description}


_DISPLAY = {"type": "object", "title": "Tampilan",
            "description": "Nilai seperti tercetak di dokumen (teks, bukan untuk dihitung)",
            "additionalProperties": {"type": "string"}}

SUMMARY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "ringkasan.schema.json",
    "title": "Ringkasan capaian (lakip summary --format json)",
    "description": "Hasil hitungan satu tahun laporan. Angka berupa angka JSON (desimal dibulatkan 4 angka "
                   "di belakang koma); teks tampilan ada di bagian 'tampilan'.",
    "type": "object",
    "required": ["tahun", "indikator", "anggaran", "jumlah"],
    "additionalProperties": False,
    "properties": {
        "tahun": {"type": "integer", "title": "Tahun laporan", "description": "Tahun laporan"},
        "indikator": {
            "type": "array", "title": "Indikator", "description": "Satu baris per indikator, urut nomor",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["no", "id", "sasaran", "indikator", "satuan", "target", "target_bawah", "target_atas",
                             "realisasi", "capaian", "status", "predikat", "anggaran", "tampilan"],
                "properties": {
                    "no": {"type": "integer", "title": "Nomor urut", "description": "Nomor urut indikator"},
                    "id": {"type": "string", "title": "Kode indikator", "description": "Kode indikator, mis. IK01"},
                    "sasaran": {"type": "string", "title": "Kode sasaran", "description": "Sasaran yang dilayani"},
                    "indikator": {"type": "string", "title": "Nama indikator", "description": "Nama indikator"},
                    "satuan": {"type": "string", "title": "Satuan", "description": "Satuan, mis. % atau orang"},
                    "target": _num_schema("Target", "Target tunggal; null bila kosong atau berupa rentang"),
                    "target_bawah": _num_schema("Batas bawah target", "Batas bawah target rentang"),
                    "target_atas": _num_schema("Batas atas target", "Batas atas target rentang"),
                    "realisasi": _num_schema("Realisasi", "Realisasi tahun laporan"),
                    "capaian": _num_schema("Capaian (%)", "Capaian dalam persen, mis. 111.1111"),
                    "status": {"enum": ["melampaui", "tercapai", "belum_tercapai", "belum_terukur"], "title": "Status",
                               "description": "melampaui (> 100%), tercapai (= 100%), belum_tercapai (< 100%), "
                                              "belum_terukur (tanpa capaian)"},
                    "predikat": {"type": ["string", "null"], "title": "Predikat",
                                 "description": "Predikat menurut skala di lakip.yaml"},
                    "anggaran": {
                        "type": "object", "title": "Anggaran indikator", "additionalProperties": False,
                        "description": "Sub kegiatan indikator ini, masing-masing dihitung satu kali (rupiah); "
                                       "indikator tanpa sub kegiatan sendiri: anggaran program sasarannya "
                                       "(sumber 'program_sasaran'), yang juga menunjang indikator lain pada "
                                       "sasaran itu",
                        "properties": {
                            "pagu": _num_schema("Pagu", "Pagu (rupiah)", integer=True),
                            "realisasi": _num_schema("Realisasi anggaran", "Realisasi (rupiah)", integer=True),
                            "sisa": _num_schema("Sisa anggaran", "Pagu dikurangi realisasi (rupiah)", integer=True),
                            "serapan": _num_schema("Serapan (%)", "Realisasi / pagu × 100"),
                            "sumber": {"enum": ["sendiri", "program_sasaran", None], "title": "Sumber anggaran",
                                       "description": "sendiri (sub kegiatan indikator ini), program_sasaran "
                                                      "(tanpa sub kegiatan sendiri: anggaran program sasarannya, "
                                                      "dipakai bersama dan dihitung satu kali pada total), "
                                                      "atau null (belum ada anggaran)"},
                        },
                    },
                    "tampilan": _DISPLAY,
                },
            },
        },
        "anggaran": {
            "type": "object", "title": "Total anggaran", "additionalProperties": False,
            "description": "Semua sub kegiatan, masing-masing dihitung satu kali (rupiah)",
            "properties": {
                "pagu": {"type": "integer", "title": "Pagu", "description": "Total pagu (rupiah)"},
                "realisasi": {"type": "integer", "title": "Realisasi", "description": "Total realisasi (rupiah)"},
                "sisa": {"type": "integer", "title": "Sisa", "description": "Pagu dikurangi realisasi (rupiah)"},
                "serapan": _num_schema("Serapan (%)", "Realisasi / pagu × 100"),
                "efisiensi": _num_schema("Efisiensi (%)", "(Pagu − realisasi) / pagu × 100"),
                "tampilan": _DISPLAY,
            },
        },
        "jumlah": {
            "type": "object", "title": "Jumlah indikator", "description": "Banyaknya indikator menurut status",
            "additionalProperties": {"type": "integer"},
        },
    },
}
