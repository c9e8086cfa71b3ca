"""write: the table of contents and the lists of tables and figures of a built .docx, filled in.

A generated document holds each index as a Word field with a placeholder ("Perbarui Bidang"):
Word fills it on opening, but pandoc, WPS Office and other clients that do not update fields
show the placeholder. After LibreOffice has laid the document out and refreshed its indexes
(write/pdf.py), `fill_indexes` writes those entries, page numbers included, as the field's
result. The field stays a field, so Word still offers to update it; every other part of the
package (comments, styles, pictures) is copied byte for byte.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
EMPTY_INDEX = "(tidak ada entri)"
NOTE_STYLE = "lakip Catatan PDF"  # the draft's notes in the copy for LibreOffice (pdf_refresh.NOTE_STYLE)
NOTE_STYLE_ID = "lakipCatatanPDF"
_LEVEL = re.compile(r"(\d+)\s*$")

Listing = list[list[list[str]]]  # per index in page order: its paragraphs as [style name, text]


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def without_comments(docx: Path, target: Path) -> Path:
    """A copy of `docx` without comment anchors: laid out the same, and LibreOffice can refresh it headless."""
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read(DOCUMENT))
        for tag in ("commentRangeStart", "commentRangeEnd"):
            for element in list(root.iter(_w(tag))):
                element.getparent().remove(element)
        for reference in list(root.iter(_w("commentReference"))):
            run = reference.getparent()
            run.getparent().remove(run)
        _rewrite(package, target, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
    return target


def pdf_copy(docx: Path, target: Path) -> Path:
    """The draft for LibreOffice in one load: comments as notes under what they mark, hidden by their style.

    Laid out with the notes hidden, the copy has the pages of the .docx (its index listing is the one the
    .docx gets); pdf_refresh.py then shows the notes (NOTE_STYLE) and refreshes again for the PDF.
    """
    from docx import Document

    from lakip_cli.write.comments import inline_comments

    document = Document(str(docx))
    body = document.element.body
    existing = list(body.iter(_w("p")))  # held, so that the element proxies stay the same objects
    known = set(existing)
    inline_comments(document)
    notes = [p for p in body.iter(_w("p")) if p not in known]
    if notes:
        styles = document.styles.element
        style = etree.SubElement(styles, _w("style"), {_w("type"): "paragraph", _w("styleId"): NOTE_STYLE_ID,
                                                       _w("customStyle"): "1"})
        etree.SubElement(style, _w("name"), {_w("val"): NOTE_STYLE})
        etree.SubElement(style, _w("basedOn"), {_w("val"): _normal_id(styles)})
        etree.SubElement(etree.SubElement(style, _w("rPr")), _w("vanish"))
        for note in notes:
            ppr = note.find(_w("pPr"))
            if ppr is None:
                ppr = etree.Element(_w("pPr"))
                note.insert(0, ppr)
            for old in ppr.findall(_w("pStyle")):
                ppr.remove(old)
            ppr.insert(0, etree.Element(_w("pStyle"), {_w("val"): NOTE_STYLE_ID}))
    document.save(str(target))
    return target


def _normal_id(styles: etree._Element) -> str:
    for style in styles.iter(_w("style")):
        if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
            return style.get(_w("styleId"), "Normal")
    return "Normal"


def _rewrite(package: zipfile.ZipFile, target: Path | BytesIO, document: bytes) -> None:
    with zipfile.ZipFile(target, "w") as out:
        for info in package.infolist():
            out.writestr(info, document if info.filename == DOCUMENT else package.read(info.filename))


def index_fields(root: etree._Element) -> list[etree._Element]:
    """The paragraphs that open a TOC field (table of contents, list of tables or figures), in document order."""
    found = []
    for para in root.iter(_w("p")):
        instruction = "".join(t.text or "" for t in para.iter(_w("instrText"))).strip()
        if instruction.startswith("TOC"):
            found.append(para)
    return found


def fill_indexes(docx: Path, listing: Listing) -> bytes | None:
    """The package of `docx` with every index field's result replaced by LibreOffice's entries.

    None when the document's index fields do not match the listing one for one (nothing is guessed).
    """
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read(DOCUMENT))
        fields = index_fields(root)
        if len(fields) != len(listing) or not fields:
            return None
        styles = _style_ids(package)
        for para, entries in zip(fields, listing, strict=True):
            _fill(para, [(style, text) for style, text in entries if text.strip()], styles)
        out = BytesIO()
        _rewrite(package, out, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
    return out.getvalue()


def _style_ids(package: zipfile.ZipFile) -> dict[str, str]:
    """Lower-case style name -> style id."""
    root = etree.fromstring(package.read("word/styles.xml"))
    ids = {}
    for style in root.iter(_w("style")):
        name = style.find(_w("name"))
        if name is not None and style.get(_w("styleId")):
            ids[name.get(_w("val"), "").lower()] = style.get(_w("styleId"), "")
    return ids


def _text_width(para: etree._Element) -> int:
    """Twips between the margins of the section that holds `para` (its sectPr comes after it)."""
    following = para.itersiblings()
    for element in (para, *following):
        sect = next(element.iter(_w("sectPr")), None)
        if sect is not None:
            size, margins = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
            if size is not None and margins is not None:
                width = int(size.get(_w("w"), "11906"))
                return width - int(margins.get(_w("left"), "0")) - int(margins.get(_w("right"), "0"))
    return 9071


def _fill(para: etree._Element, entries: list[tuple[str, str]], styles: dict[str, str]) -> None:
    """Replace the field's cached result (the placeholder) with one paragraph per entry."""
    runs = [r for r in para if r.tag == _w("r")]
    separate = next(i for i, r in enumerate(runs) if _char_type(r) == "separate")
    end = next(i for i, r in enumerate(runs) if _char_type(r) == "end")
    for r in runs[separate + 1:end]:
        para.remove(r)
    end_run = runs[end]
    para.remove(end_run)
    ppr = para.find(_w("pPr"))
    own_style = ppr.find(_w("pStyle")).get(_w("val")) if ppr is not None and ppr.find(_w("pStyle")) is not None \
        else None
    width = _text_width(para)
    if not entries:
        para.append(_run(EMPTY_INDEX))
        para.append(end_run)
        return
    paragraphs = [para]
    for _ in entries[1:]:
        paragraphs.append(etree.Element(_w("p")))
    for target, (style, text) in zip(paragraphs, entries, strict=True):
        _entry_properties(target, _entry_style(style, own_style, styles), width)
        title, _, page = text.rpartition("\t") if "\t" in text else (text, "", "")
        target.append(_run(title))
        if page:
            tab = etree.SubElement(etree.SubElement(target, _w("r")), _w("tab"))
            del tab
            target.append(_run(page))
    paragraphs[-1].append(end_run)
    anchor = para
    for extra in paragraphs[1:]:
        anchor.addnext(extra)
        anchor = extra


def _char_type(run: etree._Element) -> str | None:
    char = run.find(_w("fldChar"))
    return char.get(_w("fldCharType")) if char is not None else None


def _entry_style(libreoffice_style: str, own: str | None, styles: dict[str, str]) -> str | None:
    """'Contents 2' (LibreOffice's name for Word's TOC 2) -> the id of TOC 2; other entries keep the field's style."""
    level = _LEVEL.search(libreoffice_style)
    if libreoffice_style.lower().startswith("contents") and level:
        return styles.get(f"toc {level.group(1)}", own)
    return own


def _entry_properties(para: etree._Element, style: str | None, width: int) -> None:
    ppr = para.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        para.insert(0, ppr)
    pstyle = ppr.find(_w("pStyle"))
    if style is not None:
        if pstyle is None:
            pstyle = etree.Element(_w("pStyle"))
            ppr.insert(0, pstyle)
        pstyle.set(_w("val"), style)
    if ppr.find(_w("tabs")) is None:
        tabs = etree.Element(_w("tabs"))
        etree.SubElement(tabs, _w("tab"), {_w("val"): "right", _w("leader"): "dot", _w("pos"): str(width)})
        # CT_PPrBase order: pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl, numPr,
        # suppressLineNumbers, pBdr, shd, tabs, ...
        later = {_w(t) for t in ("suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
                                 "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing",
                                 "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
                                 "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
                                 "cnfStyle", "rPr", "sectPr", "pPrChange")}
        place = next((i for i, child in enumerate(ppr) if child.tag in later), len(ppr))
        ppr.insert(place, tabs)


def _run(text: str) -> etree._Element:
    run = etree.Element(_w("r"))
    t = etree.SubElement(run, _w("t"))
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run
