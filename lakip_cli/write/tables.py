"""write: the 'tabel' directive -> a Word table with merged cells, repeating header rows and a caption."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from lakip_cli.write import ooxml as ox

if TYPE_CHECKING:
    from lakip_cli.write.document import _Builder as Builder

HEADER_FILL = "D9D9D9"
ALIGN = {"kiri": WD_ALIGN_PARAGRAPH.LEFT, "tengah": WD_ALIGN_PARAGRAPH.CENTER, "kanan": WD_ALIGN_PARAGRAPH.RIGHT}


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    align: str | None = None
    bold: bool = False


def write_table(b: Builder, data: dict) -> None:
    """The 'tabel' directive: caption, merged header rows that repeat, body, footer rows."""
    groups = [(label, key == "header", table_rows(b, data, key))
              for key, label in (("header", "baris judul"), ("baris", "baris isi"), ("kaki", "baris kaki"))]
    first = next((rows[0] for _, _, rows in groups if rows), [])
    weights = b.get(data, "lebar", list, None) or [1] * sum(cell.colspan for cell in first)
    if not weights or not all(isinstance(w, (int, float)) and not isinstance(w, bool) and w > 0
                              for w in weights):
        raise b.error("W007", "tabel harus memiliki kolom; 'lebar' berisi angka positif per kolom")
    size = b.get(data, "ukuran_huruf", (int, float), None)
    outer, landscape = b.section, b.get(data, "lanskap", bool, False) and not b.section.landscape
    if landscape:
        b.start_section(replace(outer, landscape=True, start=None, cover=False))
    if title := b.get(data, "judul", str, ""):
        b.caption(title, "Tabel", keep_next=True)
    text_width, text_height = b.text_area()
    widths = ox.column_widths(weights, text_width)

    def fill_cell(group: int, row: int, index: int | None, p) -> None:
        p.style = b.styles["isi tabel"]
        if index is not None:
            cell, header = groups[group][2][row][index], groups[group][1]
            para = Paragraph(p, b.doc._body)
            # None (no w:jc) is a valid value; python-docx's annotation omits it.
            para.alignment = ALIGN.get(cell.align or ("tengah" if header else ""))  # type: ignore[assignment]
            b.add_runs(para, b.inline(cell.text), bold=header or group == 2 or cell.bold, size=size)

    def keep_row(group: int, row: int, slots) -> bool:
        """cantSplit only for rows that surely fit a page: a taller row would be cut off."""
        points, lines = size or 10, 1
        for slot in (s for s in slots if s.source is not None):
            chars = max(1, (sum(widths[slot.col:slot.col + slot.span]) - 170) // (points * 10))
            lines = max(lines, math.ceil(len(groups[group][2][row][slot.source].text) / chars))
        return lines * points * 24 < text_height / 3

    try:
        table = ox.build_table([(label, header, [[(c.colspan, c.rowspan) for c in r] for r in rows])
                                for label, header, rows in groups], widths, b.styles["tabel lakip"],
                               header_fill=HEADER_FILL, fill_cell=fill_cell, keep_row=keep_row)
    except ox.LayoutError as exc:
        raise b.error("W007", f"struktur tabel tidak valid: {exc}") from None
    previous = b.anchor.getprevious()
    if b.pending_break or (previous is not None and previous.tag == qn("w:tbl")):
        b.paragraph("Isi Tabel")  # keeps two tables apart and carries a pending page break
    b.append(table)
    b.paragraph("Isi Tabel")  # room after the table
    if landscape:
        b.start_section(replace(outer, start=None, cover=False))

def table_rows(b: Builder, data: dict, key: str) -> list[list[Cell]]:
    rows = []
    for number, row in enumerate(b.get(data, key, list, []), start=1):
        where = f"'{key}' baris ke-{number} pada arahan 'tabel'"
        if not isinstance(row, list):
            raise b.error("W003", f"{where} harus berupa daftar sel")
        cells = []
        for cell in row:
            if not isinstance(cell, dict):
                cell = {"teks": cell}
            if isinstance(cell.get("teks"), int) and not isinstance(cell["teks"], bool):
                cell = {**cell, "teks": str(cell["teks"])}
            colspan, rowspan = (b.get(cell, name, int, 1) for name in ("colspan", "rowspan"))
            if min(colspan, rowspan) < 1:
                raise b.error("W007", f"colspan/rowspan sel pada {where} harus minimal 1")
            align = b.choice(cell, "rata", ("kiri", "tengah", "kanan")) if cell.get("rata") else None
            cells.append(Cell(b.get(cell, "teks", str, ""), colspan, rowspan, align,
                               b.get(cell, "tebal", bool, False)))
        rows.append(cells)
    return rows
