"""summary: Report -> the computed indicator table as text, JSON or CSV (for checking figures before a build).

JSON and CSV are for machines: numbers are numbers (rounded to PLACES decimals), and what the document
prints ("Rp37.491.400", "111,11%") sits in separate display fields. source/summary_schema.py documents
the JSON.
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
               "capaian", "status", "predikat", "pagu", "realisasi_anggaran", "sisa_anggaran", "serapan",
               "sumber_anggaran")
# Whose budget an indicator's figures are, as the reader sees it.
SUMBER_LABEL = {"sendiri": "sub kegiatan sendiri", "program_sasaran": "anggaran program sasaran"}
SERVED_MARK = "*"  # the text table's mark on the figures of an indicator served by its sasaran's programs


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


def _sumber_text(ind: IndikatorReport) -> str:
    """'sub kegiatan sendiri', 'anggaran program sasaran S2 (...)' or '-'."""
    if ind.sumber_anggaran == "program_sasaran":
        return (f"{SUMBER_LABEL['program_sasaran']} {ind.sasaran_id} (indikator ini tidak memiliki sub kegiatan "
                "sendiri; anggaran ini juga menunjang indikator lain pada sasaran yang sama)")
    return SUMBER_LABEL.get(ind.sumber_anggaran or "", "-")


def _display(ind: IndikatorReport) -> dict[str, str]:
    b = ind.biaya_tampil
    return {
        "target": "-" if ind.target is None else target_text(ind.target, ind.satuan),
        "realisasi": "-" if ind.realisasi is None else value_text(ind.realisasi, ind.satuan),
        "capaian": persen(ind.capaian),
        "pagu": rupiah(b.pagu) if b else "-",
        "realisasi_anggaran": rupiah(b.realisasi) if b else "-",
        "serapan": persen(b.serapan) if b else "-",
        "sumber_anggaran": _sumber_text(ind),
    }


def _indikator(ind: IndikatorReport) -> dict[str, Any]:
    b = ind.biaya_tampil
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
            "pagu": b.pagu if b else None,
            "realisasi": b.realisasi if b else None,
            "sisa": b.sisa if b else None,
            "serapan": _number(b.serapan) if b else None,
            "sumber": ind.sumber_anggaran,
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
            "sumber_anggaran": item["anggaran"]["sumber"],
        }
        writer.writerow([_csv_value(flat[c], excel) for c in CSV_COLUMNS])
    return ("\ufeff" if excel else "") + buf.getvalue()


def summary_text(report: Report, width: int = 34) -> str:
    head = ("No", "Indikator", "Target", "Realisasi", "Capaian", "Predikat", "Pagu", "Serapan")
    body = []
    served = [ind for ind in report.indikator if ind.sumber_anggaran == "program_sasaran"]
    for ind in report.indikator:
        shown = _display(ind)
        name = textwrap.shorten(ind.nama, width=width, placeholder="…")
        # the marked figures stand apart from the own ones, the digits still aligned
        mark = SERVED_MARK if ind.id in {i.id for i in served} else " " if served else ""
        body.append((str(ind.nomor), name, shown["target"], shown["realisasi"], shown["capaian"],
                     ind.predikat or "-", shown["pagu"] + mark, shown["serapan"] + mark))
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    right = {0, 2, 3, 4, 6, 7}

    def line(cells: tuple[str, ...]) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in pairs).rstrip()

    t = report.total
    c = report.counts
    out = [line(head), "  ".join("-" * w for w in widths), *(line(r) for r in body), ""]
    for ind in served:
        out.append(f"{SERVED_MARK} {ind.id}: tidak memiliki sub kegiatan sendiri; pagu dan serapan adalah anggaran "
                   f"program sasaran {ind.sasaran_id}, yang juga menunjang indikator lain pada sasaran itu dan "
                   "dihitung satu kali pada jumlah anggaran")
    out.append(f"Anggaran (setiap sub kegiatan dihitung satu kali): pagu {rupiah(t.pagu)}, realisasi "
               f"{rupiah(t.realisasi)}, sisa {rupiah(t.sisa)}, serapan {persen(t.serapan)}")
    out.append(f"Indikator: {c.jumlah}; melampaui {c.melampaui}, tercapai {c.tercapai}, "
               f"belum tercapai {c.belum_tercapai}, belum terukur {c.belum_terukur}")
    return "\n".join(out)
