"""summary: Report -> the computed indicator table as text, JSON or CSV (for checking figures before a build).

JSON and CSV are for machines: numbers are numbers (rounded to PLACES decimals), and what the document
prints ("Rp37.491.400", "111,11%") sits in separate display fields. SUMMARY_SCHEMA documents the JSON.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from lakip_cli.compute.report import IndikatorReport, Report
from lakip_cli.display import persen, rupiah
from lakip_cli.present.tables import target_text, value_text
from lakip_cli.source.models import Rentang

PLACES = 4  # more than the document prints (2), few enough that 100/90 is not 28 digits long

CSV_COLUMNS = ("no", "id", "sasaran", "indikator", "satuan", "target", "target_bawah", "target_atas", "realisasi",
               "capaian", "status", "predikat", "pagu", "realisasi_anggaran", "sisa_anggaran", "serapan")


def _number(value: Decimal | int | None) -> int | float | None:
    """A JSON number: integers stay integers, other values are rounded to PLACES decimals."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    rounded = value.quantize(Decimal(1).scaleb(-PLACES), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return int(rounded)
    return float(rounded)


def _target(ind: IndikatorReport) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(single target, lower bound, upper bound)."""
    t = ind.target
    if isinstance(t, Rentang):
        return None, t.bawah, t.atas
    return t, None, None


def _display(ind: IndikatorReport) -> dict[str, str]:
    b = ind.biaya
    return {
        "target": "-" if ind.target is None else target_text(ind.target, ind.satuan),
        "realisasi": "-" if ind.realisasi is None else value_text(ind.realisasi, ind.satuan),
        "capaian": persen(ind.capaian),
        "pagu": rupiah(b.pagu) if b.lines else "-",
        "realisasi_anggaran": rupiah(b.realisasi) if b.lines else "-",
        "serapan": persen(b.serapan) if b.lines else "-",
    }


def _indikator(ind: IndikatorReport) -> dict[str, Any]:
    b = ind.biaya
    target, bawah, atas = _target(ind)
    return {
        "no": ind.nomor,
        "id": ind.id,
        "sasaran": ind.sasaran_id,
        "indikator": ind.nama,
        "satuan": ind.satuan,
        "target": _number(target),
        "target_bawah": _number(bawah),
        "target_atas": _number(atas),
        "realisasi": _number(ind.realisasi),
        "capaian": _number(ind.capaian),
        "status": ind.status,
        "predikat": ind.predikat,
        "anggaran": {
            "pagu": b.pagu if b.lines else None,
            "realisasi": b.realisasi if b.lines else None,
            "sisa": b.sisa if b.lines else None,
            "serapan": _number(b.serapan) if b.lines else None,
        },
        "tampilan": _display(ind),
    }


def summary_data(report: Report) -> dict[str, Any]:
    t = report.total
    c = report.counts
    return {
        "tahun": report.year,
        "indikator": [_indikator(ind) for ind in report.indikator],
        "anggaran": {
            "pagu": t.pagu, "realisasi": t.realisasi, "sisa": t.sisa,
            "serapan": _number(t.serapan), "efisiensi": _number(t.efisiensi),
            "tampilan": {"pagu": rupiah(t.pagu), "realisasi": rupiah(t.realisasi), "sisa": rupiah(t.sisa),
                         "serapan": persen(t.serapan), "efisiensi": persen(t.efisiensi)},
        },
        "jumlah": {"indikator": c.jumlah, "melampaui": c.melampaui, "tercapai": c.tercapai,
                   "belum_tercapai": c.belum_tercapai, "belum_terukur": c.belum_terukur},
    }


def summary_json(report: Report) -> str:
    return json.dumps(summary_data(report), ensure_ascii=False, indent=2)


def _csv_value(value: Any, excel: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = format(Decimal(str(value)).normalize(), "f")
        return text.replace(".", ",") if excel else text
    return str(value)


def summary_csv(report: Report, *, excel: bool = True) -> str:
    """One row per indicator, numbers as numbers.

    excel=True suits Excel and LibreOffice with Indonesian regional settings: ';' between fields,
    decimal comma and a UTF-8 byte order mark (without it Excel reads the file as ANSI). excel=False
    is plain CSV: ',' and a decimal point, no BOM.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    writer.writerow(CSV_COLUMNS)
    for item in summary_data(report)["indikator"]:
        flat = item | {
            "pagu": item["anggaran"]["pagu"], "realisasi_anggaran": item["anggaran"]["realisasi"],
            "sisa_anggaran": item["anggaran"]["sisa"], "serapan": item["anggaran"]["serapan"],
        }
        writer.writerow([_csv_value(flat[c], excel) for c in CSV_COLUMNS])
    return ("\ufeff" if excel else "") + buf.getvalue()


def summary_text(report: Report, width: int = 34) -> str:
    head = ("No", "Indikator", "Target", "Realisasi", "Capaian", "Predikat", "Pagu", "Serapan")
    body = []
    for ind in report.indikator:
        shown = _display(ind)
        name = textwrap.shorten(ind.nama, width=width, placeholder="…")
        body.append((str(ind.nomor), name, shown["target"], shown["realisasi"], shown["capaian"],
                     ind.predikat or "-", shown["pagu"], shown["serapan"]))
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    right = {0, 2, 3, 4, 6, 7}

    def line(cells: tuple[str, ...]) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in pairs)

    t = report.total
    c = report.counts
    out = [line(head), "  ".join("-" * w for w in widths), *(line(r) for r in body), ""]
    out.append(f"Anggaran (setiap sub kegiatan dihitung satu kali): pagu {rupiah(t.pagu)}, realisasi "
               f"{rupiah(t.realisasi)}, sisa {rupiah(t.sisa)}, serapan {persen(t.serapan)}")
    out.append(f"Indikator: {c.jumlah}; melampaui {c.melampaui}, tercapai {c.tercapai}, "
               f"belum tercapai {c.belum_tercapai}, belum terukur {c.belum_terukur}")
    return "\n".join(out)


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
                        "description": "Sub kegiatan indikator ini, masing-masing dihitung satu kali (rupiah)",
                        "properties": {
                            "pagu": _num_schema("Pagu", "Pagu (rupiah)", integer=True),
                            "realisasi": _num_schema("Realisasi anggaran", "Realisasi (rupiah)", integer=True),
                            "sisa": _num_schema("Sisa anggaran", "Pagu dikurangi realisasi (rupiah)", integer=True),
                            "serapan": _num_schema("Serapan (%)", "Realisasi / pagu × 100"),
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
