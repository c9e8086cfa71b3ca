"""summary: Report -> the computed indicator table as text, JSON or CSV (for checking figures before a build)."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from decimal import Decimal
from typing import Any

from lakip_cli.compute.report import Report
from lakip_cli.display import persen, rupiah
from lakip_cli.present.tables import target_text, value_text

COLUMNS = ("no", "id", "indikator", "target", "realisasi", "capaian", "predikat", "pagu", "realisasi_anggaran",
           "serapan")


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def summary_rows(report: Report) -> list[dict[str, Any]]:
    rows = []
    for ind in report.indikator:
        b = ind.biaya
        rows.append({
            "no": ind.nomor,
            "id": ind.id,
            "sasaran": ind.sasaran_id,
            "indikator": ind.nama,
            "satuan": ind.satuan,
            "target": "-" if ind.target is None else target_text(ind.target, ind.satuan),
            "realisasi": "-" if ind.realisasi is None else value_text(ind.realisasi, ind.satuan),
            "capaian": persen(ind.capaian),
            "predikat": ind.predikat or "-",
            "pagu": rupiah(b.pagu) if b.lines else "-",
            "realisasi_anggaran": rupiah(b.realisasi) if b.lines else "-",
            "serapan": persen(b.serapan) if b.lines else "-",
            "_capaian": _plain(ind.capaian),
            "_status": ind.status,
        })
    return rows


def summary_json(report: Report) -> str:
    t = report.total
    data = {
        "tahun": report.year,
        "indikator": [{k.lstrip("_"): v for k, v in row.items() if k not in ("capaian",)} |
                      {"capaian": row["_capaian"]} for row in summary_rows(report)],
        "anggaran": {"pagu": t.pagu, "realisasi": t.realisasi, "sisa": t.sisa,
                     "serapan": _plain(t.serapan), "efisiensi": _plain(t.efisiensi)},
        "jumlah": {"indikator": report.counts.jumlah, "melampaui": report.counts.melampaui,
                   "tercapai": report.counts.tercapai, "belum_tercapai": report.counts.belum_tercapai,
                   "belum_terukur": report.counts.belum_terukur},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def summary_csv(report: Report) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in summary_rows(report):
        writer.writerow([row[c] for c in COLUMNS])
    return buf.getvalue()


def summary_text(report: Report, width: int = 34) -> str:
    head = ("No", "Indikator", "Target", "Realisasi", "Capaian", "Predikat", "Pagu", "Serapan")
    body = []
    for row in summary_rows(report):
        name = textwrap.shorten(row["indikator"], width=width, placeholder="…")
        body.append((str(row["no"]), name, row["target"], row["realisasi"], row["capaian"], row["predikat"],
                     row["pagu"], row["serapan"]))
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
