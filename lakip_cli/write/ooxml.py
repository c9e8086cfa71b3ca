"""Write stage helpers: plain values -> raw OOXML elements (fields, equations, tables, sections), bytes."""

from __future__ import annotations

import copy
import datetime
import functools
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from docx.oxml.ns import NamespacePrefixedTag, nsmap, qn
from docx.oxml.parser import oxml_parser
from lxml import etree

A4 = (11906, 16838)  # twips
TWIPS_PER_CM = 567
SlotKind = Literal["cell", "restart", "continue", "pad"]


@functools.cache
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    """Clark name and namespace declaration of "w:p", as OxmlElement derives them (once per tag)."""
    nsptag = NamespacePrefixedTag(tag)
    return nsptag.clark_name, nsptag.nsmap


@functools.cache
def _attr(key: str) -> str:
    return qn(key.replace("_", ":", 1))


def el(tag: str, *children, **attrs: str | int):
    """An element `tag` ("w:p") with attributes given as keyword names (w_val="x" -> w:val) and children.

    The same element OxmlElement(tag) makes, without deriving the names again: a large report makes
    a million of them.
    """
    clark, nsmap = _tag(tag)
    element = oxml_parser.makeelement(clark, nsmap=nsmap)
    for key, value in attrs.items():
        element.set(_attr(key), str(value))
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


def field_runs(instruction: str, cached: str) -> list:
    """Runs of a complex field: begin, instruction, separate, cached result, end."""
    def run(*children):
        return el("w:r", *children)

    return [
        run(el("w:fldChar", w_fldCharType="begin")),
        run(text_el("w:instrText", f" {instruction} ")),
        run(el("w:fldChar", w_fldCharType="separate")),
        run(text_el("w:t", cached)),
        run(el("w:fldChar", w_fldCharType="end")),
    ]


def seq_field_runs(label: str, number: str) -> tuple[str, list]:
    """Caption number "3.1" -> ("3.", runs of SEQ `label` showing 1).

    The \\r switch pins the value, so Word's field update and LibreOffice both keep the given number.
    """
    prefix = number.rstrip("0123456789") if number[-1].isdigit() else number[:-1]
    last = number[len(prefix):]
    value, style = (int(last), "ARABIC") if last.isdigit() else (ord(last.upper()) - 64, "ALPHABETIC")
    return prefix, field_runs(f"SEQ {label} \\* {style} \\r {value}", last)


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


def _math_lines(lines: list[str], font: str | None):
    """One text run, or an m:eqArr of stacked runs: fractions never wrap by themselves."""
    if len(lines) == 1:
        return _math_run(lines[0], normal=True, font=font)
    return el("m:eqArr", *(el("m:e", _math_run(line, normal=True, font=font)) for line in lines))


def fraction_equation(numerator: list[str], denominator: list[str], left: str | None = None,
                      multiplier: str | None = None, font: str | None = None):
    """m:oMathPara (centered): [left =] numerator / denominator [x multiplier]; each part given as lines."""
    math = el("m:oMath")
    if left:
        math.append(_math_run(left, normal=True, font=font))
        math.append(_math_run("=", normal=False, font=None))
    math.append(el(
        "m:f",
        el("m:fPr", el("m:type", m_val="bar")),
        el("m:num", _math_lines(numerator, font)),
        el("m:den", _math_lines(denominator, font)),
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


def build_table(groups, widths: list[int], style_id: str | None, *, header_fill: str, fill_cell, keep_row,
                keep_next: bool | frozenset[int] = False) -> str:
    """A full-width w:tbl with real merged cells (gridSpan, vMerge) built row by row, as XML text.

    `groups` is [(is_header, rows laid out by layout_rows)]. `fill_cell(group, row, cell_index, keep_next)`
    returns the XML inside a cell's w:p (its w:pPr and runs, see run_xml); `keep_row(group, row, slots)` says
    whether the row may not break across pages; with `keep_next` True every row but the last stays with the
    next, given as a set of row numbers (counted over all groups) only those rows.

    The table is written as XML text (see Deferred): a large report has thousands of table cells, and
    lxml element by element costs most of its time and memory.
    """
    layouts = groups
    total, index = sum(len(layout) for _, layout in layouts), 0
    parts = [table_xml(widths, style_id)]
    for group, (header, layout) in enumerate(layouts):
        for number, slots in enumerate(layout):
            # No cantSplit on repeating header rows: LibreOffice then drops the rows after them
            # when those do not fit on the page (seen with LibreOffice 7.4).
            parts.append(row_xml(header=header, cant_split=not header and keep_row(group, number, slots)))
            keep = (index < total - 1) if keep_next is True else (keep_next is not False and index in keep_next)
            index += 1
            for slot in slots:
                merge = slot.kind if slot.kind in ("restart", "continue") else None
                parts.append(_cell_open(sum(widths[slot.col:slot.col + slot.span]), slot.span, merge,
                                        header_fill if header else None, header or merge is not None))
                parts.append(fill_cell(group, number, slot.source, keep))
                parts.append("</w:p></w:tc>")
            parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def column_widths(weights: list[float], total: int) -> list[int]:
    """Twips per column from relative weights, summing exactly to `total`."""
    widths = [int(total * w / sum(weights)) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


# --- XML text ---------------------------------------------------------------------------------
# What el() would make, written as text: the same elements, attributes in the same order, and written
# as lxml serializes them (empty elements closed with "/>", text escaping only &, < and >), so that
# text kept as text until the document is saved gives the same bytes as the parsed elements would.

_NAMESPACES = {"w": nsmap["w"]}
DECLARED = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def xml_text(text: str) -> str:
    return text.translate(_TEXT_ESCAPES)


def xml_attr(text: str) -> str:
    return text.translate(_ATTR_ESCAPES)


def parse_xml(xml: str | bytes):
    """The element of `xml`, whose root declares the namespaces it uses (DECLARED)."""
    return etree.fromstring(xml, oxml_parser)


_PIECES = re.compile(r"(\t|\r\n|\r|\n)")


def run_xml(text: str, *, bold: bool = False, italic: bool = False, size: float | None = None,
            highlight: bool = False) -> str:
    """A w:r as XML text: what python-docx's add_run(text) and its bold/italic/size/highlight setters make.

    A tab becomes w:tab and each line break character w:br; text with blanks at either end keeps them.
    """
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    if size:
        props += f'<w:sz w:val="{round(size * 2)}"/>'
    if highlight:
        props += '<w:highlight w:val="yellow"/>'
    out = [f"<w:r><w:rPr>{props}</w:rPr>" if props else "<w:r>"]
    for part in _PIECES.split(text):
        if not part:
            continue
        if part == "\t":
            out.append("<w:tab/>")
        elif part in ("\r\n", "\r", "\n"):
            out.append("<w:br/>" * len(part))
        elif part != part.strip():
            out.append(f'<w:t xml:space="preserve">{xml_text(part)}</w:t>')
        else:
            out.append(f"<w:t>{xml_text(part)}</w:t>")
    out.append("</w:r>")
    return "".join(out)


_DEFERRED = qn("w:lakipDeferred")
_DEFERRED_MARK = re.compile(rb'<w:tbl w:lakipDeferred="(\d+)"/>')


class Deferred:
    """Body-level elements kept as XML text until the document is saved, each with a placeholder in the body.

    A large report's tables hold most of its elements; as text they cost a fraction of the memory
    of lxml elements. `materialize` turns one back into elements when something must change it; `splice`
    puts the text of the others in place of their placeholders in the saved document part.
    """

    def __init__(self) -> None:
        self.xml: list[bytes | None] = []  # UTF-8, without the namespace declaration of its root
        self.texts: list[list[str]] = []  # the text of each w:p, in order (see comments._Para.text)
        self.found: dict[int, object] = {}  # materialized elements by number

    def add(self, xml: str, texts: list[str]):
        """The placeholder element of `xml` (whose root declares DECLARED), to put in the body."""
        self.xml.append(xml.replace(f" {DECLARED}", "", 1).encode("utf-8"))
        self.texts.append(texts)
        return el("w:tbl", w_lakipDeferred=len(self.xml) - 1)

    def number(self, element) -> int | None:
        """The number of a placeholder, None for any other element."""
        value = element.get(_DEFERRED) if element.tag == _tag("w:tbl")[0] else None
        return int(value) if value is not None else None

    def materialize(self, placeholder):
        """The elements of a placeholder's text, in its place in the body."""
        number = self.number(placeholder)
        if number is None:
            return placeholder
        if number in self.found:
            return self.found[number]
        xml = self.xml[number]
        assert xml is not None
        head, _, rest = xml.partition(b">")  # the root's start tag gets its namespace declaration back
        element = parse_xml(b"%s %s>%s" % (head, DECLARED.encode(), rest))
        placeholder.getparent().replace(placeholder, element)
        self.xml[number] = None
        self.found[number] = element
        return element

    def pieces(self, data: bytes) -> Iterator[bytes | memoryview]:
        """The serialized document part `data` in pieces, each placeholder replaced by its text."""
        view, pos = memoryview(data), 0
        for match in _DEFERRED_MARK.finditer(data):
            yield view[pos:match.start()]
            xml = self.xml[int(match.group(1))]
            assert xml is not None
            yield xml
            pos = match.end()
        yield view[pos:]


def table_xml(widths: list[int], style_id: str | None) -> str:
    """The opening of a w:tbl with fixed layout, full width and grid (table_element as text)."""
    style = f'<w:tblStyle w:val="{xml_attr(style_id)}"/>' if style_id else ""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl {DECLARED}><w:tblPr>{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')


def row_xml(*, header: bool, cant_split: bool) -> str:
    """The opening of a w:tr; header rows repeat on every page (w:tblHeader)."""
    props = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>" if props else "<w:tr>"


@functools.lru_cache(maxsize=4096)
def _cell_open(width: int, span: int, merge: str | None, fill: str | None, v_center: bool) -> str:
    """A w:tc, its w:tcPr and the opening of its one w:p; `merge` is None, "restart" or "continue"."""
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if merge:
        props.append('<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>")
    if fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{xml_attr(fill)}"/>')
    if v_center:
        props.append('<w:vAlign w:val="center"/>')
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr><w:p>"


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
        before = [c for c in sect if c.tag in {qn(t) for t in ("w:pgMar", "w:paperSrc", "w:pgBorders",
                                                                "w:lnNumType")}]
        before[-1].addnext(pg)
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
    cleanup = numbering.find(qn("w:numIdMacAtCleanup"))  # must stay the last child
    (cleanup.addprevious if cleanup is not None else numbering.append)(el(
        "w:num",
        el("w:abstractNumId", w_val=abstract_id),
        el("w:lvlOverride", el("w:startOverride", w_val=start), w_ilvl=ilvl),
        w_numId=num_id,
    ))
    return num_id


def add_footer(document_part, style_id: str, page_number: bool) -> str:
    """A new footer part (empty, or a centered PAGE field); returns its relationship id."""
    part, rid = document_part.add_footer_part()
    p = part.element.find(qn("w:p"))
    p.style = style_id
    if page_number:
        p.get_or_add_pPr().append(el("w:jc", w_val="center"))
        p.extend(field_runs("PAGE", "1"))
    return rid


def style_ids(styles) -> dict[str, str]:
    """Lower-case style name -> styleId (ids differ between localized Word versions, names do not)."""
    out: dict[str, str] = {}
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            out.setdefault(name.get(qn("w:val")).lower(), style.get(qn("w:styleId")))
    return out


def default_font(styles) -> str | None:
    fonts = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii")
    return str(fonts[0]) if fonts else None


def style_numbering(styles, numbering, style_id: str) -> tuple[int, str] | None:
    """(numId, abstractNumId) of the list a paragraph style is linked to, or None."""
    num_ids = styles.xpath(f"w:style[@w:styleId='{style_id}']/w:pPr/w:numPr/w:numId/@w:val")
    if not num_ids:
        return None
    abstract = numbering.xpath(f"w:num[@w:numId='{num_ids[0]}']/w:abstractNumId/@w:val")
    return (int(num_ids[0]), str(abstract[0])) if abstract else None


def level_indent(numbering, abstract_id: str | None, ilvl: int) -> int:
    """Left indent (twips) of a list level, so unnumbered paragraphs of an item line up with its text."""
    found = numbering.xpath(f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='{ilvl}']"
                            "/w:pPr/w:ind/@w:left") if abstract_id is not None else []
    return int(found[0]) if found else TWIPS_PER_CM * (ilvl + 1)


# --- package ----------------------------------------------------------------------------------


def package_bytes(document, *, title: str, author: str, subject: str, created: datetime.datetime,
                  deferred: Deferred | None = None) -> bytes:
    """The saved package with fixed core properties and zip entries of fixed date, order and attributes;
    the `deferred` elements' text in place of their placeholders."""
    if created.tzinfo is not None:
        created = created.astimezone(datetime.UTC).replace(tzinfo=None)
    created = created.replace(microsecond=0)
    props = document.core_properties
    props.title, props.author, props.subject, props.last_modified_by = title, author, subject, author
    props.created = props.modified = props.last_printed = created
    props.revision = 1
    props.comments = props.keywords = props.category = props.content_status = ""
    props.identifier = props.version = ""
    props.language = "id-ID"
    stamp = max((1980, 1, 1, 0, 0, 0), created.timetuple()[:6])  # zip cannot store dates before 1980
    main = str(document.part.partname).lstrip("/")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in _members(document.part.package):  # in python-docx's order, which is stable
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            if name == "docProps/app.xml":
                data = app_properties(title, author)
            if name == main and deferred is not None and deferred.xml:
                # Streamed: the whole part, tables spliced in, is never one block of bytes in memory.
                entry.file_size = sum(len(piece) for piece in deferred.pieces(data))  # as writestr sets it
                entry._compresslevel = 6  # type: ignore[attr-defined]  # what writestr(compresslevel=6) sets
                with target.open(entry, "w") as stream:
                    for piece in deferred.pieces(data):
                        stream.write(piece)
            else:
                target.writestr(entry, data, compresslevel=6)
    return out.getvalue()


class _Members:
    """Where python-docx's package writer puts each member: here a list, not a zip file compressed once
    only to be read back."""

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.items.append((pack_uri.membername, blob))


def _members(package) -> list[tuple[str, bytes]]:
    """(name, bytes) of every member of `package`, as OpcPackage.save would write them, in its order."""
    from docx.opc.pkgwriter import PackageWriter

    parts = package.parts
    for part in parts:
        part.before_marshal()
    members = _Members()
    PackageWriter._write_content_types_stream(members, parts)  # noqa: SLF001 - save() without the zip file
    PackageWriter._write_pkg_rels(members, package.rels)  # noqa: SLF001
    PackageWriter._write_parts(members, parts)  # type: ignore[arg-type]  # noqa: SLF001
    return members.items


def app_properties(title: str, company: str) -> bytes:
    """docProps/app.xml for this document (python-docx would copy its own template's: 'Normal.dotm', 'Word')."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns, "vt": vt})
    for name, value in (("Application", "lakip"), ("DocSecurity", "0"), ("ScaleCrop", "false"),
                        ("Company", company), ("LinksUpToDate", "false"), ("SharedDoc", "false"),
                        ("HyperlinksChanged", "false")):
        etree.SubElement(root, f"{{{ns}}}{name}").text = value
    parts = etree.SubElement(root, f"{{{ns}}}TitlesOfParts")
    vector = etree.SubElement(parts, f"{{{vt}}}vector", size="1", baseType="lpstr")
    etree.SubElement(vector, f"{{{vt}}}lpstr").text = title
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
