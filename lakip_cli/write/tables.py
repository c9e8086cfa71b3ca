"""write: a Table block -> a Word table with merged cells, repeating header rows and a caption."""

from __future__ import annotations

import math
from dataclasses import replace

from docx.oxml.ns import qn

from lakip_cli.write import ooxml as ox
from lakip_cli.write.blocks import Table
from lakip_cli.write.builder import Builder

HEADER_FILL = "D9D9D9"
SMALL_TABLE_ROWS = 12
JC = {"kiri": "left", "tengah": "center", "kanan": "right"}  # the w:jc value of each alignment


BODY_POINTS = 10  # the 'Isi Tabel' style's size
CELL_PADDING = 170 + 60  # the table style's left and right cell margins (twips), and room for rounding


def write_table(b: Builder, data: Table) -> None:
    """Caption, merged header rows that repeat, body, footer rows."""
    groups = [("baris judul", True, data.header), ("baris isi", False, data.baris), ("baris kaki", False, data.kaki)]
    first = next((rows[0] for _, _, rows in groups if rows), ())
    weights = list(data.lebar) or [1] * sum(cell.colspan for cell in first)
    if not weights or not all(w > 0 for w in weights):
        raise b.error("W007", "tabel harus memiliki kolom; 'lebar' berisi angka positif per kolom")
    size = data.ukuran_huruf
    outer = b.section
    try:
        layouts = [ox.layout_rows([[(c.colspan, c.rowspan) for c in row] for row in rows], len(weights))
                   if rows else [] for _, _, rows in groups]
        needs = [_needs(b, rows, layout, header or number == 2, size or BODY_POINTS)
                 for number, ((_, header, rows), layout) in enumerate(zip(groups, layouts, strict=True))]
    except ox.LayoutError as exc:
        raise b.error("W007", f"struktur tabel tidak valid: {exc}") from None
    mins = _merge([n[0] for n in needs], len(weights), spans=True)
    prefs = _merge([n[1] for n in needs], len(weights), spans=False)  # a spanning cell may wrap instead
    # A table too wide for a portrait page goes on a landscape page as a whole.
    landscape = (data.lanskap or sum(mins) > b.text_area()[0]) and not outer.landscape
    if landscape:
        b.start_section(replace(outer, landscape=True, start=None, cover=False))
    if data.judul:
        b.caption(data.judul, "Tabel", keep_next=True)
    text_width, text_height = b.text_area()
    widths = fit_widths(mins, prefs, weights, text_width)

    style = f'<w:pPr><w:pStyle w:val="{ox.xml_attr(b.styles["isi tabel"])}"/>'
    texts: list[str] = []  # each cell paragraph's text, for the review comments

    def fill_cell(group: int, row: int, index: int | None, keep_next: bool) -> str:
        # The pPr that python-docx's style, keep-with-next and alignment setters write.
        head = style + "<w:keepNext/>" if keep_next else style
        if index is None:
            texts.append("")
            return head + "</w:pPr>"
        cell, header = groups[group][2][row][index], groups[group][1]
        jc = JC.get(cell.rata or ("tengah" if header else ""))
        head += f'<w:jc w:val="{jc}"/></w:pPr>' if jc is not None else "</w:pPr>"
        runs, text = b.cell_runs(cell.teks, bold=bool(header or group == 2 or cell.tebal), size=size)
        texts.append(text)
        return head + runs

    def keep_row(group: int, row: int, slots) -> bool:
        """cantSplit only for rows that surely fit a page: a taller row would be cut off."""
        points, lines = size or 10, 1
        for slot in (s for s in slots if s.source is not None):
            chars = max(1, (sum(widths[slot.col:slot.col + slot.span]) - 170) // (points * 10))
            lines = max(lines, math.ceil(len(groups[group][2][row][slot.source].teks) / chars))
        return lines * points * 24 < text_height / 3

    xml = ox.build_table([(header, layout) for (_, header, _), layout in zip(groups, layouts, strict=True)],
                         widths, b.styles["tabel lakip"], header_fill=HEADER_FILL, fill_cell=fill_cell,
                         keep_row=keep_row, keep_next=_held_rows(layouts, len(data.header), len(data.kaki)))
    previous = b.anchor.getprevious()
    if b.pending_break or (previous is not None and previous.tag == qn("w:tbl")):
        b.paragraph("Isi Tabel")  # keeps two tables apart and carries a pending page break
    b.append(b.deferred.add(xml, texts))
    b.paragraph("Isi Tabel")  # room after the table
    if landscape:
        b.start_section(replace(outer, start=None, cover=False))


def _held_rows(layouts, header: int, footer: int) -> bool | frozenset[int]:
    """The rows (numbered over header, body and footer) that stay on the page of the row after them.

    A small table is not split over two pages; a longer one only between groups of rows that a merged
    cell (a sasaran over its indicators) holds together, so that cell's text is on the page of its rows,
    and never right after its header (two body rows start it) or right before its footer rows.
    """
    rows = [slots for layout in layouts for slots in layout]
    if len(rows) <= SMALL_TABLE_ROWS:
        return True
    held = set(range(min(header + 1, len(rows))))
    if footer:
        held.update(range(max(0, len(rows) - footer - 1), len(rows) - 1))
    for number, following in enumerate(rows[1:]):
        if any(slot.kind == "continue" for slot in following):
            held.add(number)
    return frozenset(held)


def _needs(b: Builder, rows, placed, bold: bool, points: float) -> tuple[list[list[tuple[int, int, int]]], ...]:
    """Per cell (first column, span, twips): the unbreakable width and the one-line width, for one row group
    laid out as `placed`."""
    mins: list[list[tuple[int, int, int]]] = []
    prefs: list[list[tuple[int, int, int]]] = []
    for row, slots in zip(rows, placed, strict=True):
        for slot in slots:
            if slot.source is None:
                continue
            cell = row[slot.source]
            need, want = _cell_widths(b, cell.teks, bool(bold or cell.tebal), points)
            mins.append([(slot.col, slot.span, need)])
            prefs.append([(slot.col, slot.span, want)])
    return mins, prefs


def _cell_widths(b: Builder, teks: str, strong: bool, points: float) -> tuple[int, int]:
    """(unbreakable width, one-line width) of a cell's text with its padding; tables repeat their texts."""
    key = (teks, strong, points)
    found = b.widths.get(key)
    if found is None:
        lines = b.plain(teks).split("\n")
        found = b.widths[key] = (
            max(b.metrics.unbreakable(line, points, bold=strong) for line in lines) + CELL_PADDING,
            max(b.metrics.width(line, points, bold=strong) for line in lines) + CELL_PADDING)
    return found


def _merge(groups, ncols: int, *, spans: bool) -> list[int]:
    """Column widths that hold every cell: single cells first, then (with `spans`) spanning cells share any
    shortfall."""
    widths = [0] * ncols
    cells = [c for group in groups for entry in group for c in entry]
    for col, span, need in cells:
        if span == 1:
            widths[col] = max(widths[col], need)
    for col, span, need in cells:
        have = sum(widths[col:col + span])
        if spans and span > 1 and have < need:
            for i in range(col, col + span):
                widths[i] += (need - have + span - 1) // span
    return widths


def fit_widths(mins: list[int], prefs: list[int], weights: list[float], total: int) -> list[int]:
    """Twips per column summing to `total`: every column at least its unbreakable width, then as much of
    its one-line width as there is room for; what is left goes by the template's weights.

    When even the unbreakable widths do not fit, the columns are shared by weight (text will wrap).
    """
    if sum(mins) > total:
        return ox.column_widths(weights, total)
    room = total - sum(mins)
    want = [max(0, p - m) for p, m in zip(prefs, mins, strict=True)]
    if sum(want) > room:
        # Water-filling: columns that want little get all of it, the others share what is left by their want.
        give = [0] * len(mins)
        open_ = {i for i, w in enumerate(want) if w > 0}
        left = room
        while open_:
            share = left // len(open_)
            small = {i for i in open_ if want[i] <= share}
            if not small:
                total_want = sum(want[i] for i in open_)
                for i in open_:
                    give[i] = left * want[i] // total_want
                break
            for i in small:
                give[i] = want[i]
                left -= want[i]
            open_ -= small
        widths = [m + g for m, g in zip(mins, give, strict=True)]
    else:
        spare = room - sum(want)
        widths = [max(m, p) + int(spare * w / sum(weights)) for m, p, w in zip(mins, prefs, weights, strict=True)]
    widths[-1] += total - sum(widths)
    return widths
