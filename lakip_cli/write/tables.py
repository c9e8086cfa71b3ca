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
LABEL_RATIO = 2  # a column whose one line is at most this times its widest word holds short labels or numbers
LANDSCAPE_GAIN = 1.6  # a long table goes landscape when portrait it would be this many times as tall
LINE_TWIPS_PER_POINT = 24  # height of a table line: 1.2 times the font size, in twips per point


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
    body = _merge([n[1] for n in needs[1:]], len(weights), spans=False)  # one line of the non-header rows
    cells = [row for n in needs for row in n[2]]
    # A table too wide for a portrait page goes on a landscape page as a whole, and so does one whose text
    # columns would be so narrow that the table is much taller than it would be on a landscape page.
    landscape = not outer.landscape and (data.lanskap or sum(mins) > b.text_area()[0] or goes_landscape(
        cells, mins, prefs, weights, b.text_area(), b.text_area(landscape=True)[0], size or BODY_POINTS, body))
    if landscape:
        b.start_section(replace(outer, landscape=True, start=None, cover=False))
    if data.judul:
        b.caption(data.judul, "Tabel", keep_next=True)
    text_width, text_height = b.text_area()
    widths = fit_widths(mins, prefs, weights, text_width, body)

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


def _needs(b: Builder, rows, placed, bold: bool, points: float):
    """For one row group laid out as `placed`: per cell (first column, span, twips) the unbreakable width
    and the one-line width, and per row its cells as (first column, span, one-line width, rowspan)."""
    mins: list[list[tuple[int, int, int]]] = []
    prefs: list[list[tuple[int, int, int]]] = []
    lines: list[list[tuple[int, int, int, int]]] = []
    for row, slots in zip(rows, placed, strict=True):
        line = []
        for slot in slots:
            if slot.source is None:
                continue
            cell = row[slot.source]
            need, want = _cell_widths(b, cell.teks, bool(bold or cell.tebal), points)
            mins.append([(slot.col, slot.span, need)])
            prefs.append([(slot.col, slot.span, want)])
            line.append((slot.col, slot.span, want, max(1, cell.rowspan)))
        lines.append(line)
    return mins, prefs, lines


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


def fit_widths(mins: list[int], prefs: list[int], weights: list[float], total: int,
               body: list[int] | None = None) -> list[int]:
    """Twips per column summing to `total`: every column at least its unbreakable width, then as much of
    its one-line width as there is room for.

    `body` is each column's one-line width over the rows below the header (by default `prefs`): a column
    whose body line is at most LABEL_RATIO times its unbreakable width holds numbers, codes or short labels,
    a wider one running text. A short label ("Sangat Tinggi") gets its whole body line first, cheapest
    first, while such labels take at most half of the room (a header that wraps does not count here: the
    header row is as tall as its tallest cell anyway); the room left is
    water-filled: columns that want little get all of it, the others share the rest in proportion to how
    much they want, so the column whose text wraps most is as wide as it can be. When everything fits on
    one line, what is left goes by the template's weights to the columns of running text, not to numbers
    and codes, which get no more than they need.

    When even the unbreakable widths do not fit, the columns are shared by weight (text will wrap).
    """
    if sum(mins) > total:
        return ox.column_widths(weights, total)
    count, room = len(mins), total - sum(mins)
    want = [max(0, p - m) for p, m in zip(prefs, mins, strict=True)]
    give = [0] * count
    lines = prefs if body is None else body
    text = [i for i in range(count) if lines[i] > LABEL_RATIO * mins[i]]
    label = [max(0, min(w, lines[i] - mins[i])) for i, w in enumerate(want)]
    if sum(want) <= room:
        give = list(want)
        takers = text or list(range(count))
        spare, weight = room - sum(want), sum(weights[i] for i in takers)
        for i in takers:
            give[i] += int(spare * weights[i] / weight)
    else:
        labels = sorted((i for i in range(count) if label[i] > 0 and i not in text), key=lambda i: (label[i], i))
        left = room
        for i in labels:
            if room - left + label[i] > room // 2:
                break
            give[i], left = label[i], left - label[i]
        rest = [w - g for w, g in zip(want, give, strict=True)]
        open_ = {i for i in range(count) if rest[i] > 0}
        while open_:
            share = left // len(open_)
            small = {i for i in open_ if rest[i] <= share}
            if not small:
                total_want = sum(rest[i] for i in open_)
                for i in open_:
                    give[i] += left * rest[i] // total_want
                break
            for i in small:
                give[i] += rest[i]
                left -= rest[i]
            open_ -= small
    widths = [m + g for m, g in zip(mins, give, strict=True)]
    # Rounding leftovers go to the widest column of running text (the last column when there is none).
    widest = max(text, key=lambda i: (widths[i], -i)) if text else count - 1
    widths[widest] += total - sum(widths)
    return widths


def table_lines(rows: list[list[tuple[int, int, int, int]]], widths: list[int]) -> int:
    """Estimated height of a table in lines: each row as tall as its tallest cell, a cell as many lines as
    its one-line width needs at its column width (ceil(text / room)); a merged cell over several rows
    shares its lines among them. `rows` holds per row (first column, span, one-line width, rowspan)."""
    height = 0
    for row in rows:
        tallest = 1
        for col, span, want, rowspan in row:
            room = max(1, sum(widths[col:col + span]) - CELL_PADDING)
            lines = max(1, -(-max(0, want - CELL_PADDING) // room))
            tallest = max(tallest, -(-lines // rowspan))
        height += tallest
    return height


def goes_landscape(rows: list[list[tuple[int, int, int, int]]], mins: list[int], prefs: list[int],
                   weights: list[float], portrait: tuple[int, int], landscape_width: int, points: float,
                   body: list[int] | None = None) -> bool:
    """Whether a table that fits a portrait page is better laid out on a landscape page as a whole.

    It is when its text columns would be so narrow on the portrait page that the table there is at least
    LANDSCAPE_GAIN times as many lines as on the landscape page (both estimated by table_lines with the
    widths fit_widths gives), and it is longer than a portrait page, so a few lines never turn a page.
    On A4 with the report's margins a landscape page holds 9071 / 14287 = 0.63 of a portrait page's lines:
    at 1.6 times fewer lines the landscape table takes no more pages, and every row is far less tall.
    """
    width, height = portrait
    if landscape_width <= width or sum(mins) > landscape_width:
        return False
    tall = table_lines(rows, fit_widths(mins, prefs, weights, width, body))
    if tall * points * LINE_TWIPS_PER_POINT <= height:
        return False
    return tall >= LANDSCAPE_GAIN * table_lines(rows, fit_widths(mins, prefs, weights, landscape_width, body))
