"""Template tool: python-docx default template -> lakip_cli/templates/reference.docx (styles the writer uses).

Run `python tools/make_reference.py` to regenerate; the committed reference.docx is what
`lakip_cli.write.document` reads. Template editors may instead edit reference.docx in Word or
LibreOffice: keep every style named in `lakip_cli.write.document.REQUIRED_STYLES`.
"""

from __future__ import annotations

import copy
import datetime
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lakip_cli.write.ooxml import package_bytes  # noqa: E402

TEXT_WIDTH = 9071  # twips: A4 210 mm - 30 mm - 20 mm
LANG = "id-ID"
FONT = "Arial"

# name -> (type, basedOn, next, pPr inner XML, rPr inner XML); sizes in half-points, spacing in twips.
STYLES: dict[str, tuple[str, str | None, str | None, str, str]] = {
    "Normal": ("paragraph", None, None,
               '<w:spacing w:before="0" w:after="120" w:line="360" w:lineRule="auto"/><w:jc w:val="both"/>', ""),
    "heading 1": ("paragraph", "Normal", "Normal",
                  '<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="240"/>'
                  '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
                  '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>'),
    "heading 2": ("paragraph", "Normal", "Normal",
                  '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/>'
                  '<w:jc w:val="left"/><w:outlineLvl w:val="1"/>',
                  '<w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/>'),
    "heading 3": ("paragraph", "Normal", "Normal",
                  '<w:keepNext/><w:keepLines/><w:spacing w:before="180" w:after="120"/>'
                  '<w:jc w:val="left"/><w:outlineLvl w:val="2"/>',
                  '<w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/>'),
    "heading 4": ("paragraph", "Normal", "Normal",
                  '<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="60"/>'
                  '<w:jc w:val="left"/><w:outlineLvl w:val="3"/>',
                  '<w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="22"/><w:szCs w:val="22"/>'),
    "Title": ("paragraph", "Normal", "Normal",
              '<w:spacing w:before="0" w:after="240" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
              '<w:b/><w:bCs/><w:sz w:val="36"/><w:szCs w:val="36"/>'),
    "Subtitle": ("paragraph", "Normal", "Normal",
                 '<w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
                 '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>'),
    "caption": ("paragraph", "Normal", "Normal",
                '<w:spacing w:before="120" w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
                '<w:b/><w:bCs/><w:sz w:val="20"/><w:szCs w:val="20"/>'),
    "TOC Heading": ("paragraph", "heading 1", "Normal", '<w:outlineLvl w:val="9"/>', ""),
    "footer": ("paragraph", "Normal", None,
               f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/>'
               f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
               '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>', ""),
    "header": ("paragraph", "Normal", None,
               f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/>'
               f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
               '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>', ""),
    "Isi Tabel": ("paragraph", "Normal", None,
                  '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>',
                  '<w:sz w:val="20"/><w:szCs w:val="20"/>'),
    "Catatan": ("paragraph", "Normal", "Normal",
                '<w:pBdr><w:left w:val="single" w:sz="24" w:space="4" w:color="E0A800"/></w:pBdr>'
                '<w:shd w:val="clear" w:color="auto" w:fill="FFF2A8"/>'
                '<w:spacing w:before="60" w:after="120" w:line="276" w:lineRule="auto"/><w:jc w:val="left"/>', ""),
    "Tanda Tangan": ("paragraph", "Normal", None,
                     '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                     '<w:jc w:val="center"/>', ""),
}
for _level in (1, 2, 3):
    STYLES[f"toc {_level}"] = (
        "paragraph", "Normal", "Normal",
        f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        '<w:spacing w:before="0" w:after="60" w:line="240" w:lineRule="auto"/>'
        f'<w:ind w:left="{(_level - 1) * 340}" w:right="567"/><w:jc w:val="left"/>',
        "<w:b/><w:bCs/>" if _level == 1 else "")
STYLES["table of figures"] = STYLES["toc 2"][:3] + (
    f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
    '<w:spacing w:before="0" w:after="60" w:line="240" w:lineRule="auto"/>'
    '<w:ind w:left="0" w:right="567"/><w:jc w:val="left"/>', "")
# LibreOffice fills lists of tables/figures with its own "Figure Index 1" style, not "table of figures".
STYLES["Figure Index 1"] = STYLES["table of figures"]
for _kind, _num in (("Bullet", 1), ("Number", 2)):
    for _level, _suffix in enumerate(("", " 2", " 3")):
        STYLES[f"List {_kind}{_suffix}"] = (
            "paragraph", "Normal", None,
            f'<w:numPr><w:ilvl w:val="{_level}"/><w:numId w:val="{_num}"/></w:numPr>'
            '<w:spacing w:after="120"/><w:contextualSpacing/>', "")

TABLE_STYLE = (
    f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="TabelLAKIP">'
    '<w:name w:val="Tabel LAKIP"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
    '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
    '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
)

BULLETS = ("\u2022", "\u2013", "\u2022", "\u2013", "\u2022", "\u2013", "\u2022", "\u2013", "\u2022")


def numbering_xml() -> str:
    """Two multi-level lists: numId 1 bullets, numId 2 decimals (the writer restarts the latter per list)."""
    def levels(kind: str) -> str:
        out = []
        for lvl in range(9):
            fmt, text = ("bullet", BULLETS[lvl]) if kind == "bullet" else ("decimal", f"%{lvl + 1}.")
            out.append(
                f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{567 * (lvl + 1)}" w:hanging="397"/></w:pPr>'
                f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/></w:rPr></w:lvl>')
        return "".join(out)

    return (
        f'<w:numbering {nsdecls("w")}>'
        f'<w:abstractNum w:abstractNumId="0"><w:nsid w:val="4C4B0001"/>'
        f'<w:multiLevelType w:val="multilevel"/>{levels("bullet")}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="1"><w:nsid w:val="4C4B0002"/>'
        f'<w:multiLevelType w:val="multilevel"/>{levels("decimal")}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '</w:numbering>'
    )


def _style_element(styles_el, name: str, kind: str):
    for el in styles_el.findall(qn("w:style")):
        name_el = el.find(qn("w:name"))
        if name_el is not None and name_el.get(qn("w:val")).lower() == name.lower():
            return el
    style_id = "".join(ch for ch in name.title() if ch.isalnum())
    el = parse_xml(f'<w:style {nsdecls("w")} w:type="{kind}" w:customStyle="1" w:styleId="{style_id}">'
                   f'<w:name w:val="{name}"/><w:qFormat/></w:style>')
    styles_el.append(el)
    return el


def _style_id(styles_el, name: str) -> str:
    return _style_element(styles_el, name, "paragraph").get(qn("w:styleId"))


def define_styles(doc) -> None:
    styles_el = doc.styles.element
    for el in styles_el.iter(qn("w:rFonts")):  # theme fonts would override Arial
        for attr in list(el.attrib):
            if attr.endswith("Theme") or attr.endswith("theme"):
                del el.attrib[attr]
    for el in list(styles_el.iter(qn("w:color"))):
        el.getparent().remove(el)
    defaults = styles_el.find(qn("w:docDefaults"))
    defaults.getparent().replace(defaults, parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
        f'<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="{LANG}" w:eastAsia="{LANG}" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        '</w:pPr></w:pPrDefault></w:docDefaults>'))
    for name, (kind, based_on, next_name, ppr, rpr) in STYLES.items():
        el = _style_element(styles_el, name, kind)
        for tag in ("w:pPr", "w:rPr", "w:basedOn", "w:next", "w:link", "w:semiHidden", "w:unhideWhenUsed"):
            for child in el.findall(qn(tag)):
                el.remove(child)
        name_el = el.find(qn("w:name"))
        if next_name:
            name_el.addnext(parse_xml(f'<w:next {nsdecls("w")} w:val="{_style_id(styles_el, next_name)}"/>'))
        if based_on:
            name_el.addnext(parse_xml(f'<w:basedOn {nsdecls("w")} w:val="{_style_id(styles_el, based_on)}"/>'))
        el.append(parse_xml(f'<w:pPr {nsdecls("w")}>{ppr}</w:pPr>'))
        el.append(parse_xml(f'<w:rPr {nsdecls("w")}>{rpr}</w:rPr>'))
    styles_el.append(parse_xml(TABLE_STYLE))
    assert doc.styles["Tabel LAKIP"].type == WD_STYLE_TYPE.TABLE


def drop_extras(doc) -> None:
    """Remove parts a blank reference does not need (thumbnail, customXml, Word 2010 style copy)."""
    keep = {"styles", "settings", "webSettings", "fontTable", "theme", "numbering"}
    for rel in list(doc.part.rels.values()):
        if rel.reltype.rsplit("/", 1)[-1] not in keep:
            del doc.part.rels[rel.rId]
    for rel in list(doc.part.package.rels.values()):
        if rel.reltype.endswith("/thumbnail"):
            del doc.part.package.rels[rel.rId]


def set_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.25)
    section.gutter = 0


def set_settings(doc) -> None:
    settings = doc.settings.element
    for tag in ("w:rsids", "w:attachedTemplate", "w:proofState"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), LANG)
        lang.attrib.pop(qn("w:eastAsia"), None)


def build_reference(target: Path) -> None:
    doc = Document()
    drop_extras(doc)
    define_styles(doc)
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(numbering_xml()):
        numbering.append(copy.deepcopy(child))
    set_page(doc)
    set_settings(doc)
    target.write_bytes(package_bytes(doc, title="Dokumen referensi gaya LKjIP", author="lakip", subject="",
                                     created=datetime.datetime(2024, 1, 1)))


if __name__ == "__main__":
    build_reference(ROOT / "lakip_cli" / "templates" / "reference.docx")
    print("lakip_cli/templates/reference.docx ditulis")
