"""write: a Table block -> a Word table with merged cells, repeating header rows and a caption."""

from __future__ import annotations

import math
from dataclasses import replace

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from lakip_cli.write import ooxml as ox
from lakip_cli.write.blocks import Table
from lakip_cli.write.builder import Builder

HEADER_FILL = "D9D9D9"
ALIGN = {"kiri": WD_ALIGN_PARAGRAPH.LEFT, "tengah": WD_ALIGN_PARAGRAPH.CENTER, "kanan": WD_ALIGN_PARAGRAPH.RIGHT}


def write_table(b: Builder, data: Table) -> None:
    """Caption, merged header rows that repeat, body, footer rows."""
    groups = [("baris judul", True, data.header), ("baris isi", False, data.baris), ("baris kaki", False, data.kaki)]
    first = next((rows[0] for _, _, rows in groups if rows), ())
    weights = list(data.lebar) or [1] * sum(cell.colspan for cell in first)
    if not weights or not all(w > 0 for w in weights):
        raise b.error("W007", "tabel harus memiliki kolom; 'lebar' berisi angka positif per kolom")
    size = data.ukuran_huruf
    outer, landscape = b.section, data.lanskap and not b.section.landscape
    if landscape:
        b.start_section(replace(outer, landscape=True, start=None, cover=False))
    if data.judul:
        b.caption(data.judul, "Tabel", keep_next=True)
    text_width, text_height = b.text_area()
    widths = ox.column_widths(weights, text_width)

    def fill_cell(group: int, row: int, index: int | None, p) -> None:
        p.style = b.styles["isi tabel"]
        if index is not None:
            cell, header = groups[group][2][row][index], groups[group][1]
            para = Paragraph(p, b.doc._body)
            para.alignment = ALIGN.get(cell.rata or ("tengah" if header else ""))  # type: ignore[assignment]
            b.add_runs(para, b.inline(cell.teks), bold=header or group == 2 or cell.tebal, size=size)

    def keep_row(group: int, row: int, slots) -> bool:
        """cantSplit only for rows that surely fit a page: a taller row would be cut off."""
        points, lines = size or 10, 1
        for slot in (s for s in slots if s.source is not None):
            chars = max(1, (sum(widths[slot.col:slot.col + slot.span]) - 170) // (points * 10))
            lines = max(lines, math.ceil(len(groups[group][2][row][slot.source].teks) / chars))
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
