"""Write stage, raw OOXML helpers: plain values -> lxml elements (fields, equations, tables, sections) and bytes."""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass
from typing import Literal

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

A4 = (11906, 16838)  # twips
TWIPS_PER_CM = 567
SlotKind = Literal["cell", "restart", "continue", "pad"]


def el(tag: str, *children, **attrs: str | int):
    """An element `tag` ("w:p") with attributes given as keyword names (w_val="x" -> w:val) and children."""
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key.replace("_", ":", 1)), str(value))
    for child in children:
        if child is not None:
            element.append(child)
    return element


def text_el(tag: str, text: str):
    element = el(tag)
    element.text = text
    if text != text.strip():
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


# --- fields -----------------------------------------------------------------------------------


def field_runs(instruction: str, cached: str, rpr=None, *, locked: bool = False) -> list:
    """Runs of a complex field: begin, instruction, separate, cached result, end."""
    def run(*children):
        return el("w:r", copy.deepcopy(rpr) if rpr is not None else None, *children)

    begin = el("w:fldChar", w_fldCharType="begin")
    if locked:
        begin.set(qn("w:fldLock"), "true")
    return [
        run(begin),
        run(text_el("w:instrText", f" {instruction} ")),
        run(el("w:fldChar", w_fldCharType="separate")),
        run(text_el("w:t", cached)),
        run(el("w:fldChar", w_fldCharType="end")),
    ]


def enable_update_fields(settings) -> None:
    """Add w:updateFields so Word refreshes TOC and page fields when the document opens."""
    if settings.find(qn("w:updateFields")) is not None:
        return
    update = el("w:updateFields", w_val="true")
    # CT_Settings is a sequence: updateFields precedes these siblings.
    for tag in ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
                "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
                "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
                "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
                "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator"):
        sibling = settings.find(qn(tag))
        if sibling is not None:
            sibling.addprevious(update)
            return
    settings.append(update)


# --- equations --------------------------------------------------------------------------------


def _math_run(text: str, *, normal: bool, font: str | None):
    """m:r; `normal` marks ordinary upright text (m:nor) so words are not set as italic variables."""
    mrpr = el("m:rPr", el("m:nor")) if normal else None
    wrpr = el("w:rPr", el("w:rFonts", w_ascii=font, w_hAnsi=font, w_cs=font)) if font else None
    return el("m:r", mrpr, wrpr, text_el("m:t", text))


def fraction_equation(numerator: str, denominator: str, left: str | None = None,
                      multiplier: str | None = None, font: str | None = None):
    """m:oMathPara (centered): [left =] numerator / denominator [x multiplier]."""
    math = el("m:oMath")
    if left:
        math.append(_math_run(left, normal=True, font=font))
        math.append(_math_run("=", normal=False, font=None))
    math.append(el(
        "m:f",
        el("m:fPr", el("m:type", m_val="bar")),
        el("m:num", _math_run(numerator, normal=True, font=font)),
        el("m:den", _math_run(denominator, normal=True, font=font)),
    ))
    if multiplier:
        math.append(_math_run("\u00d7", normal=False, font=None))
        math.append(_math_run(multiplier, normal=True, font=font))
    return el("m:oMathPara", el("m:oMathParaPr", el("m:jc", m_val="center")), math)


# --- tables -----------------------------------------------------------------------------------


class LayoutError(ValueError):
    """A table row that does not fit the column grid (message in Indonesian)."""


@dataclass(frozen=True)
class Slot:
    """One w:tc of a laid-out row: grid column, width in grid columns, and what it holds."""

    col: int
    span: int
    kind: SlotKind  # cell: plain; restart: top of a rowspan; continue: covered by a rowspan; pad: filler
    source: int | None = None  # index of the cell in the given row (cell/restart)


def layout_rows(rows: list[list[tuple[int, int]]], ncols: int) -> list[list[Slot]]:
    """Place HTML-like rows of (colspan, rowspan) cells, whose covered positions are omitted, on a grid.

    Short rows are padded; a rowspan reaching past the last row is clipped. Raises LayoutError.
    """
    carry: dict[int, list[int]] = {}  # grid column -> [rows still covered, colspan]
    placed: list[list[Slot]] = []
    for number, row in enumerate(rows, start=1):
        slots: list[Slot] = []
        col = index = 0
        while col < ncols or index < len(row):
            if col >= ncols:
                raise LayoutError(f"baris ke-{number} berisi lebih banyak sel daripada {ncols} kolom tabel")
            if col in carry:
                remaining, span = carry[col]
                slots.append(Slot(col, span, "continue"))
                if remaining <= 1:
                    del carry[col]
                else:
                    carry[col][0] = remaining - 1
                col += span
            elif index < len(row):
                colspan, rowspan = row[index]
                blocked = [c for c in range(col + 1, col + colspan) if c in carry]
                if col + colspan > ncols or blocked:
                    raise LayoutError(f"sel ke-{index + 1} pada baris ke-{number} melewati batas kolom "
                                      "atau bertumpuk dengan sel rowspan")
                slots.append(Slot(col, colspan, "restart" if rowspan > 1 else "cell", index))
                if rowspan > 1:
                    carry[col] = [rowspan - 1, colspan]
                col += colspan
                index += 1
            else:
                slots.append(Slot(col, 1, "pad"))
                col += 1
        placed.append(slots)
    return placed


def table_element(widths: list[int], style_id: str | None):
    """w:tbl with fixed layout, full width and grid; rows are appended by the caller."""
    tbl_pr = el(
        "w:tblPr",
        el("w:tblStyle", w_val=style_id) if style_id else None,
        el("w:tblW", w_w=sum(widths), w_type="dxa"),
        el("w:tblLayout", w_type="fixed"),
        el("w:tblLook", w_val="04A0", w_firstRow="1", w_lastRow="0", w_firstColumn="0",
           w_lastColumn="0", w_noHBand="1", w_noVBand="1"),
    )
    grid = el("w:tblGrid", *(el("w:gridCol", w_w=w) for w in widths))
    return el("w:tbl", tbl_pr, grid)


def row_element(*, header: bool, cant_split: bool):
    """w:tr; header rows repeat on every page (w:tblHeader)."""
    props = [el("w:cantSplit") if cant_split else None, el("w:tblHeader") if header else None]
    tr_pr = el("w:trPr", *props) if any(p is not None for p in props) else None
    return el("w:tr", tr_pr)


def cell_element(width: int, span: int, merge: str | None, *, fill: str | None = None,
                 v_center: bool = False):
    """w:tc with one empty w:p; `merge` is None, "restart" or "continue" (vertical merge)."""
    tc_pr = el(
        "w:tcPr",
        el("w:tcW", w_w=width, w_type="dxa"),
        el("w:gridSpan", w_val=span) if span > 1 else None,
        (el("w:vMerge", w_val="restart") if merge == "restart" else el("w:vMerge")) if merge else None,
        el("w:shd", w_val="clear", w_color="auto", w_fill=fill) if fill else None,
        el("w:vAlign", w_val="center") if v_center else None,
    )
    return el("w:tc", tc_pr, el("w:p"))


# --- sections ---------------------------------------------------------------------------------


def page_geometry(sect_pr) -> tuple[int, int, int, int, int, int]:
    """(width, height, top, right, bottom, left) in twips from a w:sectPr, A4 defaults where absent."""
    sz, mar = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))

    def num(node, attr: str, default: int) -> int:
        value = node.get(qn(attr)) if node is not None else None
        return int(value) if value is not None else default

    return (num(sz, "w:w", A4[0]), num(sz, "w:h", A4[1]), num(mar, "w:top", 1134),
            num(mar, "w:right", 1134), num(mar, "w:bottom", 1417), num(mar, "w:left", 1701))


def section_properties(base, *, landscape: bool, num_fmt: str | None, start: int | None,
                       footer_rid: str | None):
    """A w:sectPr derived from the reference's `base` (portrait): orientation, page numbers, footer.

    Landscape pages keep the binding margin on the bound edge: the portrait left margin becomes the
    top one, so the page is turned clockwise to read.
    """
    sect = copy.deepcopy(base)
    for tag in ("w:footerReference", "w:pgNumType", "w:titlePg", "w:type"):
        for child in sect.findall(qn(tag)):
            sect.remove(child)
    width, height, top, right, bottom, left = page_geometry(base)
    width, height = min(width, height), max(width, height)
    sz = sect.find(qn("w:pgSz"))
    if sz is None:
        sz = el("w:pgSz")
        sect.insert(len(sect.findall(qn("w:headerReference"))), sz)
    sz.attrib.pop(qn("w:orient"), None)
    mar = sect.find(qn("w:pgMar"))
    if mar is None:
        mar = el("w:pgMar", w_header=709, w_footer=709, w_gutter=0)
        sz.addnext(mar)
    if landscape:
        width, height = height, width
        top, right, bottom, left = left, top, right, bottom
        sz.set(qn("w:orient"), "landscape")
    for key, value in (("w:w", width), ("w:h", height)):
        sz.set(qn(key), str(value))
    for key, value in (("w:top", top), ("w:right", right), ("w:bottom", bottom), ("w:left", left)):
        mar.set(qn(key), str(value))
    if footer_rid:
        ref = el("w:footerReference", w_type="default", r_id=footer_rid)
        headers = sect.findall(qn("w:headerReference"))
        (headers[-1].addnext(ref) if headers else sect.insert(0, ref))
    sect.insert(list(sect).index(sz), el("w:type", w_val="nextPage"))
    if num_fmt or start:
        pg = el("w:pgNumType", **({"w_fmt": num_fmt} if num_fmt else {}))
        if start:
            pg.set(qn("w:start"), str(start))
        mar.addnext(pg)
    return sect


def text_area(sect_pr) -> tuple[int, int]:
    """(text width, text height) in twips of the section described by `sect_pr`."""
    width, height, top, right, bottom, left = page_geometry(sect_pr)
    return width - left - right, height - top - bottom


# --- numbering and breaks ---------------------------------------------------------------------


def add_restarted_num(numbering, abstract_id: str, ilvl: int, start: int) -> int:
    """A new w:num over `abstract_id` whose level `ilvl` restarts at `start`; returns its numId."""
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(ids, default=0) + 1
    numbering.append(el(
        "w:num",
        el("w:abstractNumId", w_val=abstract_id),
        el("w:lvlOverride", el("w:startOverride", w_val=start), w_ilvl=ilvl),
        w_numId=num_id,
    ))
    return num_id


def page_break_run():
    return el("w:r", el("w:br", w_type="page"))


def highlight_rpr(rpr) -> None:
    """Mark a run as missing data: bold, yellow highlight (kept in schema order)."""
    rpr.append(el("w:b"))
    rpr.append(el("w:bCs"))
    order = ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
             "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
             "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
             "w:szCs", "w:highlight", "w:u", "w:effect"]
    rpr.append(el("w:highlight", w_val="yellow"))
    children = list(rpr)
    seen: set[str] = set()
    for child in children:
        rpr.remove(child)
    for child in sorted(children, key=lambda c: _order_key(order, c.tag)):
        if child.tag not in seen:
            seen.add(child.tag)
            rpr.append(child)


def _order_key(order: list[str], tag: str) -> int:
    for index, name in enumerate(order):
        if qn(name) == tag:
            return index
    return len(order)


# --- package ----------------------------------------------------------------------------------


def package_bytes(document, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """Save a python-docx Document as a zip whose entries have a fixed date, order and attributes."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return out.getvalue()


def empty_footer_xml() -> bytes:
    return f'<w:ftr {nsdecls("w", "r")}><w:p/></w:ftr>'.encode()


def parse(xml: str):
    """Parse an XML fragment that declares its namespaces (used by tests and the reference script)."""
    return parse_xml(xml)
