"""present: Report + findings -> the evaluator's workbook (.xlsx) or one CSV per sheet.

One sheet per subject: indikator, sasaran, anggaran (each line counted once, with the total), temuan
(the findings of `lakip check` with their locations). Figures are real numbers, never text; the
workbook shows them in the Indonesian way (Rp, two decimals) and is byte-identical for the same inputs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from lakip_cli.compute.report import IndikatorReport, Report, Status
from lakip_cli.diagnostics import SEVERITY_LABEL, Diagnostic, fail
from lakip_cli.display import angka, rupiah
from lakip_cli.source.models import Rentang

Kind = Literal["text", "int", "typed", "number", "percent", "rupiah"]
Value = str | int | Decimal | None

SHEETS = ("indikator", "sasaran", "anggaran", "temuan")
STATUS_LABEL: dict[Status, str] = {"melampaui": "melampaui target", "tercapai": "mencapai target",
                                   "belum_tercapai": "belum mencapai target", "belum_terukur": "belum terukur"}
# Number formats tagged Indonesian (LCID 0x421): LibreOffice then shows 13.774.269.418 and 94,44 whatever its own
# locale; Excel takes the separators from the reader's system settings.
NUMBER_FORMAT: dict[Kind, str] = {
    "int": "[$-421]#,##0",
    "typed": "[$-421]General",  # a value as the planner typed it: 90, 94,5
    "number": "[$-421]#,##0.00",
    "percent": "[$-421]#,##0.00",
    "rupiah": '[$-421]"Rp"#,##0',
}
MAX_WIDTH = 60
MIN_WIDTH = 6


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    total: tuple[Value, ...] | None = None

    @property
    def all_rows(self) -> tuple[tuple[Value, ...], ...]:
        return self.rows + ((self.total,) if self.total is not None else ())


# ---------------------------------------------------------------- sheets


def _target(ind: IndikatorReport) -> tuple[Decimal | None, Decimal | None]:
    if isinstance(ind.target, Rentang):
        return ind.target.bawah, ind.target.atas
    return ind.target, None


def _sumber(ind: IndikatorReport) -> str | None:
    """Whose budget the figures beside it are: an indicator without lines of its own shows its sasaran's
    programs, shared with the sasaran's other indicators (the anggaran sheet counts each line once)."""
    if ind.sumber_anggaran == "program_sasaran":
        return f"program sasaran {ind.sasaran_id} (dipakai bersama; tanpa sub kegiatan sendiri)"
    return "sub kegiatan sendiri" if ind.sumber_anggaran == "sendiri" else None


def _indikator_sheet(report: Report) -> Sheet:
    year = report.year
    columns = (
        Column("No", "int"), Column("Kode"), Column("Sasaran"), Column("Indikator"), Column("Satuan"),
        Column("Polaritas"), Column(f"Target {year}", "typed"), Column("Target atas (rentang)", "typed"),
        Column(f"Realisasi {year}", "number"), Column("Pembilang", "typed"), Column("Penyebut", "typed"),
        Column("Capaian (%)", "percent"), Column("Predikat"), Column("Status"),
        Column(f"Capaian {year - 1} (%)", "percent"), Column("Tren"),
        Column(f"Target Renstra {year}", "typed"), Column("Capaian terhadap Renstra (%)", "percent"),
        Column("Pagu (Rp)", "rupiah"), Column("Realisasi anggaran (Rp)", "rupiah"), Column("Serapan (%)", "percent"),
        Column("Sumber anggaran"), Column("Keterangan"), Column("Berkas"),
    )
    rows = []
    for ind in report.indikator:
        low, high = _target(ind)
        lalu = ind.tahun_lalu
        b = ind.biaya_tampil
        manual = ind.model.capaian_manual
        rows.append((
            ind.nomor, ind.id, ind.sasaran_id, ind.nama, ind.satuan, ind.model.polaritas, low, high,
            ind.realisasi, ind.komponen.pembilang if ind.komponen else None,
            ind.komponen.penyebut if ind.komponen else None,
            ind.capaian, ind.predikat, STATUS_LABEL[ind.status], lalu.capaian if lalu else None, ind.tren,
            (f"{angka(ind.target_renstra.bawah)}–{angka(ind.target_renstra.atas)}"
             if isinstance(ind.target_renstra, Rentang) else ind.target_renstra), ind.capaian_renstra,
            b.pagu if b else None, b.realisasi if b else None, b.serapan if b else None, _sumber(ind),
            f"capaian ditetapkan: {manual.alasan}" if manual else None, ind.source.doc.path,
        ))
    return Sheet("indikator", columns, tuple(rows))


def _sasaran_sheet(report: Report) -> Sheet:
    columns = (Column("Kode"), Column("Sasaran"), Column("Tujuan"), Column("Jumlah indikator", "int"),
               Column("Capaian rata-rata (%)", "percent"), Column("Predikat"))
    rows = tuple((s.id, s.uraian, s.tujuan, len(s.indikator), s.capaian, s.predikat) for s in report.sasaran)
    return Sheet("sasaran", columns, rows)


def _anggaran_sheet(report: Report) -> Sheet:
    columns = (Column("Kode"), Column("Program"), Column("Kegiatan"), Column("Sub kegiatan"),
               Column("Pagu (Rp)", "rupiah"), Column("Realisasi (Rp)", "rupiah"), Column("Sisa (Rp)", "rupiah"),
               Column("Serapan (%)", "percent"), Column("Efisiensi (%)", "percent"), Column("Indikator"))
    rows = tuple((line.id, line.program, line.kegiatan, line.nama, line.pagu, line.realisasi, line.sisa,
                  line.serapan, line.efisiensi, ", ".join(line.indikator) or None) for line in report.anggaran)
    t = report.total
    label = "Jumlah (setiap sub kegiatan dihitung satu kali)"
    if t.incomplete:
        label += f"; {t.incomplete} sub kegiatan belum lengkap tidak dijumlahkan"
    total = (None, label, None, None, t.pagu, t.realisasi, t.sisa, t.serapan, t.efisiensi, None)
    return Sheet("anggaran", columns, rows, total)


def _temuan_sheet(findings: Sequence[Diagnostic], names: dict[str, str]) -> Sheet:
    columns = (Column("Kode"), Column("Aturan"), Column("Tingkat"), Column("Berkas"), Column("Baris", "int"),
               Column("Kolom", "int"), Column("Pesan"))
    rows = tuple((d.code, names.get(d.code), SEVERITY_LABEL[d.severity], d.location.path, d.location.line or None,
                  d.location.col or None, d.message) for d in findings)
    return Sheet("temuan", columns, rows)


def export_sheets(report: Report, findings: Sequence[Diagnostic], rule_names: dict[str, str]) -> tuple[Sheet, ...]:
    """The four sheets of the evaluator's workbook, in order."""
    return (_indikator_sheet(report), _sasaran_sheet(report), _anggaran_sheet(report),
            _temuan_sheet(findings, rule_names))


# ---------------------------------------------------------------- writers


def shown(value: Value, kind: Kind) -> str:
    """The text a reader sees in a cell (used to fit the column widths)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if kind == "rupiah":
        return rupiah(value)
    if kind == "int":
        return angka(value, places=0)
    if kind == "typed":
        return angka(Decimal(value), places=10)
    return f"{float(value):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")  # as #,##0.00 shows it


def column_widths(sheet: Sheet) -> list[int]:
    """Characters per column: the widest header or value, within MIN_WIDTH..MAX_WIDTH."""
    out = []
    for i, col in enumerate(sheet.columns):
        widest = max([len(col.header), *(len(shown(row[i], col.kind)) for row in sheet.all_rows)])
        out.append(max(MIN_WIDTH, min(MAX_WIDTH, widest + 2)))
    return out


@dataclass(frozen=True)
class WorkbookInfo:
    title: str
    author: str
    created: dt.datetime


def export_xlsx(sheets: Sequence[Sheet], info: WorkbookInfo) -> bytes:
    """The workbook's bytes: frozen bold header rows, filters, fitted widths, Indonesian number formats."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                     "strings_to_urls": False})
    book.set_properties({"title": info.title, "author": info.author, "company": info.author,
                         "created": info.created})
    head = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"})
    formats = {kind: book.add_format({"num_format": code}) for kind, code in NUMBER_FORMAT.items()}
    bold = {kind: book.add_format({"num_format": code, "bold": True, "top": 1}) for kind, code in NUMBER_FORMAT.items()}
    bold_text = book.add_format({"bold": True, "top": 1})
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name)
        for c, col in enumerate(sheet.columns):
            ws.write_string(0, c, col.header, head)
        for r, row in enumerate(sheet.all_rows, start=1):
            is_total = sheet.total is not None and r == len(sheet.all_rows)
            for c, (value, col) in enumerate(zip(row, sheet.columns, strict=True)):
                if value is None:
                    if is_total:
                        ws.write_blank(r, c, None, bold_text)
                    continue
                if isinstance(value, str):
                    ws.write_string(r, c, value, bold_text if is_total else None)
                else:
                    fmt = (bold if is_total else formats)[col.kind if col.kind != "text" else "number"]
                    ws.write_number(r, c, float(value), fmt)
        for c, width in enumerate(column_widths(sheet)):
            ws.set_column(c, c, width)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(sheet.rows), 1), len(sheet.columns) - 1)
    book.close()
    return buf.getvalue()


def export_csv(sheet: Sheet) -> str:
    """One sheet as CSV for tools: comma separated, numbers in their plain form (94.44444444444444)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([col.header for col in sheet.columns])
    for row in sheet.all_rows:
        writer.writerow([_plain(v) for v in row])
    return out.getvalue()


def _plain(value: Value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else repr(float(value))
    return value


# ---------------------------------------------------------------- the files


def write_export(sheets: Sequence[Sheet], fmt: Literal["xlsx", "csv"], target: Path, info: WorkbookInfo
                 ) -> tuple[Path, ...]:
    """Write the workbook to target, or one CSV per sheet beside it (target-indikator.csv ...); the paths."""
    from lakip_cli.write.atomic import write_atomic

    if target.suffix.lower() != f".{fmt}" or target.is_dir():
        raise fail(str(target), "X001", f"berkas keluaran harus berakhiran .{fmt}, mis. -o out/LAKIP-2024.{fmt}")
    if fmt == "xlsx":
        write_atomic(target, export_xlsx(sheets, info))
        return (target,)
    written = []
    for sheet in sheets:
        path = target.with_name(f"{target.stem}-{sheet.name}.csv")
        write_atomic(path, export_csv(sheet).encode("utf-8"))
        written.append(path)
    return tuple(written)
