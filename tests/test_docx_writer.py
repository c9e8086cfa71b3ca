"""Tests for the write stage: Markdown fixtures in tests/writer_cases -> .docx, read back with python-docx/lxml."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from case_documents import read_case
from conftest import ROOT, require_libreoffice
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from lxml import etree

from lakip_cli.diagnostics import LakipError
from lakip_cli.write import ooxml as docx_xml
from lakip_cli.write.blocks import Narrative, Picture, RenderedDocument, Section, Text
from lakip_cli.write.document import REQUIRED_STYLES, CoreInfo, check_reference, write_docx

CASES = Path(__file__).parent / "writer_cases"
REFERENCE = ROOT / "lakip_cli" / "templates" / "reference.docx"
CORE = CoreInfo("LKjIP Kesbangpol 2024", "Badan Kesbangpol", "LKjIP 2024", datetime.datetime(2025, 2, 28, 8, 30))
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "m": "http://schemas.openxmlformats.org/officeDocument/2006/math"}


def write_case(name: str, target: Path, reference: Path = REFERENCE) -> Path:
    write_docx(read_case(CASES / name), reference, target, base_dir=CASES, core=CORE)
    return target


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_case("lengkap.md", tmp_path_factory.mktemp("lengkap") / "lengkap.docx")


@pytest.fixture(scope="module")
def body(full: Path):
    return Document(str(full)).element.body


def part_xml(docx: Path, name: str):
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


def xp(element, path: str) -> list:
    """XPath with the w: and m: prefixes (python-docx elements do not take a namespaces argument)."""
    return etree.XPath(path, namespaces=NS)(element)


def texts(element) -> str:
    return "".join(xp(element, ".//w:t/text()"))


def paragraph_by_text(docx: Path, start: str):
    return next(p for p in Document(str(docx)).paragraphs if p.text.startswith(start))


# --- document content --------------------------------------------------------------------------


def test_headings_have_heading_styles(full: Path) -> None:
    styles = {p.text: p.style.name for p in Document(str(full)).paragraphs if p.style.name.startswith("Heading")}
    assert styles["BAB I PENDAHULUAN"] == "Heading 1"
    assert styles["A. Latar Belakang"] == "Heading 2"
    assert styles["1. Indikator Ormas [[BELUM DIISI: nama indikator]]"] == "Heading 3"
    assert styles["a. Perbandingan target dan realisasi"] == "Heading 4"


def test_table_header_spans_and_merges(body) -> None:
    table = body.findall(qn("w:tbl"))[0]
    rows = table.findall(qn("w:tr"))
    first = rows[0].findall(qn("w:tc"))
    assert [texts(tc) for tc in first] == ["No", "Indikator", "Tahun 2024", "Ket."]
    assert xp(first[2], "w:tcPr/w:gridSpan/@w:val") == ["3"]
    assert xp(first[0], "w:tcPr/w:vMerge/@w:val") == ["restart"]
    second = rows[1].findall(qn("w:tc"))
    assert [texts(tc) for tc in second] == ["", "", "Target", "Realisasi", "Capaian", ""]
    for tc in (second[0], second[1], second[5]):
        merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        assert merge is not None and merge.get(qn("w:val")) is None  # continue
    assert len(table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")) == 6
    assert xp(table, "w:tblPr/w:tblW/@w:w") == ["9071"]  # the full text width


def test_body_rowspan_continues_in_next_row(body) -> None:
    rows = body.findall(qn("w:tbl"))[0].findall(qn("w:tr"))
    last_cells = [row.findall(qn("w:tc"))[-1] for row in rows[2:4]]
    assert texts(last_cells[0]) == "Tercapai"
    assert xp(last_cells[0], "w:tcPr/w:vMerge/@w:val") == ["restart"]
    assert last_cells[1].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}") is not None
    assert texts(rows[3]).startswith("2Indeks kerukunan | umat")


def test_header_rows_repeat_and_footer_rows_are_bold(body) -> None:
    rows = body.findall(qn("w:tbl"))[0].findall(qn("w:tr"))
    repeat = [row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in rows]
    assert repeat == [True, True, False, False, False]
    assert xp(rows[-1], ".//w:r/w:rPr/w:b")
    assert xp(rows[0], "w:tc/w:tcPr/w:shd/@w:fill")[0] == "D9D9D9"


def test_right_aligned_number_cells(body) -> None:
    row = body.findall(qn("w:tbl"))[0].findall(qn("w:tr"))[2]
    assert xp(row.findall(qn("w:tc"))[2], "w:p/w:pPr/w:jc/@w:val") == ["right"]


def test_long_table_keeps_short_rows_whole(body) -> None:
    rows = body.findall(qn("w:tbl"))[1].findall(qn("w:tr"))
    assert len(rows) == 42
    cant_split = [row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows]
    assert cant_split == [False] + [True] * 41  # not the header row: LibreOffice would drop what follows


def _keeps(row) -> bool:
    return all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in row.iter(qn("w:p")))


def test_long_table_starts_with_two_body_rows_and_ends_with_its_footer(body) -> None:
    rows = body.findall(qn("w:tbl"))[1].findall(qn("w:tr"))  # 1 header row, 40 body rows, 1 footer row
    keeps = [_keeps(row) for row in rows]
    # the header and the first body row stay with the second body row; the last body row with the footer;
    # the other rows may end a page (no merged cell holds them together)
    assert keeps == [True, True] + [False] * 38 + [True, False]


def test_merged_cell_keeps_its_rows_on_one_page(tmp_path: Path) -> None:
    from lakip_cli.write.blocks import Cell, Table

    group = [(Cell("1.", rowspan=3), Cell("Sasaran", rowspan=3), Cell("IK 1")), (Cell("IK 2"),), (Cell("IK 3"),)]
    rows = [row for _ in range(6) for row in group]  # 18 body rows: a long table, split only between sasaran
    table = Table(header=((Cell("No"), Cell("Sasaran"), Cell("Indikator")),), baris=tuple(rows), judul="Tabel 1 X")
    doc = RenderedDocument((Narrative("Rinciannya sebagai berikut:"), table))
    write_docx(doc, REFERENCE, tmp_path / "out.docx", base_dir=tmp_path, core=CORE)
    body = Document(str(tmp_path / "out.docx")).element.body
    keeps = [_keeps(row) for row in body.find(qn("w:tbl")).findall(qn("w:tr"))]
    assert keeps == [True] + [True, True, False] * 6  # the header, then each sasaran as one block
    lead_in = next(p for p in body.iter(qn("w:p")) if texts(p) == "Rinciannya sebagai berikut:")
    assert lead_in.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None  # it announces the table


def test_a_colon_keeps_a_paragraph_with_the_list_it_opens(tmp_path: Path) -> None:
    text = "Langkahnya antara lain:\n\n1. Satu\n2. Dua\n\nMenurut data:\n\nParagraf lain."
    doc = RenderedDocument((Narrative(text),))
    write_docx(doc, REFERENCE, tmp_path / "out.docx", base_dir=tmp_path, core=CORE)
    paras = {p.text: p for p in Document(str(tmp_path / "out.docx")).paragraphs}
    assert paras["Langkahnya antara lain:"].paragraph_format.keep_with_next
    assert not paras["Menurut data:"].paragraph_format.keep_with_next  # a paragraph follows, not a list


def test_note_under_a_table_stays_with_its_last_row(tmp_path: Path) -> None:
    from lakip_cli.write.blocks import Cell, Table

    rows = tuple((Cell(f"{n}."), Cell(f"Rp{n}*")) for n in range(1, 16))
    table = Table(header=((Cell("No"), Cell("Anggaran")),), baris=rows, judul="Tabel L.1 X",
                  kaki=((Cell("Jumlah"), Cell("Rp120")),))
    doc = RenderedDocument((table, Text("Tanda \\* menandai anggaran yang dipakai bersama."),
                            Text("Paragraf biasa.")))
    write_docx(doc, REFERENCE, tmp_path / "out.docx", base_dir=tmp_path, core=CORE)
    body = Document(str(tmp_path / "out.docx")).element.body
    keeps = [_keeps(row) for row in body.find(qn("w:tbl")).findall(qn("w:tr"))]
    # header and first body row, the last body row with the footer, and the footer with the note under it
    assert keeps == [True, True] + [False] * 13 + [True, True]
    # an ordinary paragraph under a table does not hold the table's last row
    write_docx(RenderedDocument((table, Text("Paragraf biasa."))), REFERENCE, tmp_path / "biasa.docx",
               base_dir=tmp_path, core=CORE)
    body = Document(str(tmp_path / "biasa.docx")).element.body
    assert not _keeps(body.find(qn("w:tbl")).findall(qn("w:tr"))[-1])


def test_rumus_is_a_word_equation(body) -> None:
    fraction = xp(body, ".//m:oMathPara/m:oMath/m:f")
    assert len(fraction) == 2
    assert "".join(xp(fraction[0], "m:num//m:t/text()")) == "Jumlah ormas yang aktif dan terdaftar"
    assert "".join(xp(fraction[0], "m:den//m:t/text()")) == "Jumlah ormas yang terdaftar"
    assert xp(fraction[0], "m:num/m:r/m:rPr/m:nor")
    math_text = "".join(xp(fraction[0].getparent(), ".//m:t/text()"))
    assert math_text.startswith("Capaian=") and math_text.endswith("\u00d7100%")


def test_long_fraction_text_is_stacked_in_lines(body) -> None:
    numerator = xp(body, ".//m:f")[1].find(qn("m:num"))
    lines = ["".join(xp(e, ".//m:t/text()")) for e in xp(numerator, "m:eqArr/m:e")]
    assert lines == ["Jumlah Ormas yang melaksanakan fungsi di bidang kesatuan bangsa",
                     "dan politik dalam negeri"]


def test_toc_fields_and_update_on_open(full: Path, body) -> None:
    instructions = [t.strip() for t in xp(body, ".//w:instrText/text()")]
    assert 'TOC \\o "1-3" \\h \\z \\u' in instructions
    assert 'TOC \\h \\z \\c "Tabel"' in instructions
    assert 'TOC \\h \\z \\c "Gambar"' in instructions
    settings = part_xml(full, "word/settings.xml")
    assert xp(settings, "w:updateFields/@w:val") == ["true"]
    toc_title = paragraph_by_text(full, "DAFTAR ISI")
    assert toc_title.style.name == "TOC Heading"


def test_captions_carry_seq_fields(full: Path) -> None:
    table_caption = paragraph_by_text(full, "Tabel 3.1")
    assert table_caption.style.name == "Caption"
    assert table_caption.text == "Tabel 3.1 Perjanjian Kinerja Tahun 2024"
    assert [t.strip() for t in table_caption._p.xpath(".//w:instrText/text()")] == ["SEQ Tabel \\* ARABIC \\r 1"]
    assert table_caption.paragraph_format.keep_with_next is True  # caption stays above its table
    figure_caption = paragraph_by_text(full, "Gambar 3.1")
    assert [t.strip() for t in figure_caption._p.xpath(".//w:instrText/text()")] == ["SEQ Gambar \\* ARABIC \\r 1"]
    picture = figure_caption._p.getprevious()
    assert xp(picture, ".//w:drawing")  # the caption follows the picture


def test_placeholders_are_highlighted_everywhere(full: Path) -> None:
    doc = Document(str(full))
    runs = [r for p in doc.paragraphs for r in p.runs if "BELUM DIISI" in r.text]
    for table in doc.tables:
        runs += [r for row in table.rows for cell in row.cells for p in cell.paragraphs for r in p.runs
                 if "BELUM DIISI" in r.text]
    assert {r.text for r in runs} >= {"[[BELUM DIISI: realisasi 2024]]", "[[BELUM DIISI: nama indikator]]",
                                      "[[BELUM DIISI: realisasi]]"}
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW and r.bold for r in runs)
    surrounding = [r for r in paragraph_by_text(full, "butir keempat").runs if "BELUM" not in r.text]
    assert all(r.font.highlight_color is None for r in surrounding)
    note = paragraph_by_text(full, "[[BELUM DIISI: narasi")
    assert note.style.name == "Catatan"


def test_escapes_and_inline_formatting(full: Path) -> None:
    para = paragraph_by_text(full, "Simbol tercetak")
    assert para.text == "Simbol tercetak apa adanya: A | B * C_d, <tag> & #1 [x]."
    intro = paragraph_by_text(full, "Puji syukur")
    assert [r.text for r in intro.runs if r.italic] == ["satu tahun"]
    assert [r.text for r in intro.runs if r.bold] == ["evaluasi"]
    assert paragraph_by_text(full, "Akuntabilitas kinerja")._p.xpath(".//w:br")  # hard line break


def test_lists_restart_at_markdown_numbers(full: Path) -> None:
    doc = Document(str(full))
    numbering = doc.part.numbering_part.element
    third = paragraph_by_text(full, "butir ketiga")
    assert third.style.name == "List Number"
    num_id = third._p.pPr.numPr.numId.val
    start = numbering.xpath(f"w:num[@w:numId='{num_id}']/w:lvlOverride/w:startOverride/@w:val")
    assert start == ["3"]
    first = paragraph_by_text(full, "memberikan informasi")
    assert first._p.pPr.numPr.numId.val != num_id  # each list has its own numbering instance
    nested = paragraph_by_text(full, "perencanaan tahun berikutnya")
    assert (nested.style.name, nested._p.pPr.numPr.ilvl.val) == ("List Bullet", 1)


def test_page_breaks_are_paragraph_properties(full: Path) -> None:
    assert paragraph_by_text(full, "DAFTAR ISI").paragraph_format.page_break_before is True
    # the break after the cover is absorbed by the section break: no blank page
    assert paragraph_by_text(full, "KATA PENGANTAR").paragraph_format.page_break_before is None
    assert not Document(str(full)).element.body.xpath(".//w:br[@w:type='page']")


def test_signature_block(full: Path) -> None:
    name = paragraph_by_text(full, "ELMANANI")
    assert name.style.name == "Tanda Tangan"
    assert all(r.bold and r.underline for r in name.runs)
    place = paragraph_by_text(full, "Metro, 28 Februari 2025")
    assert place.paragraph_format.keep_with_next is True
    assert place.paragraph_format.left_indent.twips == 9071 // 2


# --- sections ----------------------------------------------------------------------------------


def test_sections_number_roman_then_arabic(body) -> None:
    sections = xp(body, "w:p/w:pPr/w:sectPr | w:sectPr")
    formats = [(xp(s, "w:pgNumType/@w:fmt"), xp(s, "w:pgNumType/@w:start"))
               for s in sections]
    assert formats[0] == ([], [])  # cover: no numbering
    assert formats[1] == (["lowerRoman"], ["1"])
    assert formats[2] == (["decimal"], ["1"])
    assert formats[3] == (["decimal"], [])  # landscape table: numbering continues


def test_landscape_sections_swap_page_size(body) -> None:
    sections = xp(body, "w:p/w:pPr/w:sectPr | w:sectPr")
    orient = [xp(s, "w:pgSz/@w:orient") for s in sections]
    # Tabel 3.2 on its own: portrait its 40 names wrap to 3 lines (132 lines, 2.2 pages), landscape 47 lines;
    # Tabel 3.3 right after it asks for landscape; the lampiran section is landscape.
    assert orient == [[], [], [], ["landscape"], ["landscape"], [], ["landscape"]]
    size = sections[-1].find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("16838", "11906")
    assert xp(sections[-1], "w:pgMar/@w:top") == ["1701"]  # binding edge stays 3 cm


def test_footers_cover_blank_then_page_field(full: Path, body) -> None:
    sections = xp(body, "w:p/w:pPr/w:sectPr | w:sectPr")
    refs = [[ref.get(qn("r:id")) for ref in s.findall(qn("w:footerReference"))] for s in sections]
    assert len(refs[0]) == 1 and len(refs[1]) == 1 and refs[0] != refs[1]
    assert all(not r for r in refs[2:])  # linked to the previous footer
    doc = Document(str(full))
    footer = doc.part.related_parts[refs[1][0]].element
    assert [t.strip() for t in footer.xpath(".//w:instrText/text()")] == ["PAGE"]
    assert not doc.part.related_parts[refs[0][0]].element.xpath(".//w:instrText")


# --- output qualities --------------------------------------------------------------------------


def test_two_writes_are_byte_identical(full: Path, tmp_path: Path) -> None:
    again = write_case("lengkap.md", tmp_path / "lagi" / "lengkap.docx")
    assert again.read_bytes() == full.read_bytes()
    with zipfile.ZipFile(again) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 2, 28, 8, 30, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"
    props = Document(str(again)).core_properties
    stamp = CORE.created.replace(tzinfo=datetime.UTC)
    assert (props.created, props.modified, props.last_printed, props.revision) == (stamp, stamp, stamp, 1)
    assert props.last_modified_by == CORE.author


def test_failed_build_keeps_previous_file(tmp_path: Path) -> None:
    target = write_case("lengkap.md", tmp_path / "out.docx")
    before = target.read_bytes()
    with pytest.raises(LakipError):
        write_case("gambar-hilang.md", target)
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["out.docx"]


def test_failed_rename_removes_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = write_case("lengkap.md", tmp_path / "out.docx")
    before = target.read_bytes()

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(LakipError) as caught:
        write_case("lengkap.md", target)
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "W006"
    assert "berkas sedang dibuka program lain atau tidak dapat ditulis" in diagnostic.message
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["out.docx"]


def test_target_that_is_a_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "out.docx").mkdir()
    with pytest.raises(LakipError) as caught:
        write_case("lengkap.md", tmp_path / "out.docx")
    assert caught.value.diagnostics[0].code == "W006"


# --- bad input -----------------------------------------------------------------------------------


def test_planner_text_never_becomes_a_block(tmp_path: Path) -> None:
    """A fence, a heading, HTML and indented code typed in a narrative print as text; nothing is embedded."""
    typed = ("# Judul palsu\n\n```gambar\n{\"berkas\": \"/etc/hostname\"}\n```\n\n"
             "<b>tebal</b>\n\n    kode menjorok")
    doc = RenderedDocument((Text("# Bab\n"), Narrative(typed)))
    target = write_docx(doc, REFERENCE, tmp_path / "out.docx", base_dir=CASES, core=CORE) or tmp_path / "out.docx"
    paragraphs = Document(str(target)).paragraphs
    assert [p.style.name for p in paragraphs if p.text] == ["Heading 1"] + ["Normal"] * (len(
        [p for p in paragraphs if p.text]) - 1)
    text = "\n".join(p.text for p in paragraphs)
    assert "# Judul palsu" in text and '{"berkas": "/etc/hostname"}' in text and "<b>tebal</b>" in text
    assert "kode menjorok" in text
    with zipfile.ZipFile(target) as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/media/")]


def test_blocks_refuse_impossible_values() -> None:
    with pytest.raises(ValueError):
        Section("arab", 0, "potret")


def test_picture_outside_the_base_is_named_without_its_folder(tmp_path: Path) -> None:
    doc = RenderedDocument((Picture(tmp_path / "rahasia" / "tidak-ada.png", "Gambar 1.1 X"),))
    with pytest.raises(LakipError) as caught:
        write_docx(doc, REFERENCE, tmp_path / "out.docx", base_dir=CASES, core=CORE)
    assert caught.value.diagnostics[0].code == "W005"
    assert str(tmp_path) not in caught.value.diagnostics[0].message


def test_missing_image_is_reported(tmp_path: Path) -> None:
    with pytest.raises(LakipError) as caught:
        write_case("gambar-hilang.md", tmp_path / "out.docx")
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "W005" and "tidak-ada.png" in diagnostic.message


def test_row_wider_than_table_is_reported(tmp_path: Path) -> None:
    with pytest.raises(LakipError) as caught:
        write_case("tabel-lebar.md", tmp_path / "out.docx")
    assert caught.value.diagnostics[0].code == "W007"
    assert "baris ke-1" in caught.value.diagnostics[0].message


def test_reference_missing_a_style(tmp_path: Path) -> None:
    broken = tmp_path / "referensi.docx"
    with zipfile.ZipFile(REFERENCE) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/styles.xml":
                data = data.replace(b'w:val="Isi Tabel"', b'w:val="Isi Tabel Lama"')
            target.writestr(info, data)
    assert check_reference(REFERENCE) == []
    assert check_reference(broken) == ["Isi Tabel"]
    with pytest.raises(LakipError) as caught:
        write_case("lengkap.md", tmp_path / "out.docx", reference=broken)
    assert caught.value.diagnostics[0].code == "W002"
    assert "Isi Tabel" in caught.value.diagnostics[0].message


def test_reference_file_missing(tmp_path: Path) -> None:
    with pytest.raises(LakipError) as caught:
        write_case("lengkap.md", tmp_path / "out.docx", reference=tmp_path / "tidak-ada.docx")
    assert caught.value.diagnostics[0].code == "W001"


def test_required_styles_cover_the_reference_script() -> None:
    assert {"Heading 1", "Caption", "TOC Heading", "Isi Tabel", "Tabel LAKIP"} <= set(REQUIRED_STYLES)


# --- raw OOXML helpers -------------------------------------------------------------------------


def test_layout_rows_places_spans_like_html() -> None:
    rows = [[(1, 2), (3, 1), (1, 2)], [(1, 1), (1, 1), (1, 1)]]
    placed = docx_xml.layout_rows(rows, 5)
    assert [(s.col, s.span, s.kind) for s in placed[0]] == [(0, 1, "restart"), (1, 3, "cell"), (4, 1, "restart")]
    assert [(s.col, s.kind, s.source) for s in placed[1]] == [
        (0, "continue", None), (1, "cell", 0), (2, "cell", 1), (3, "cell", 2), (4, "continue", None)]


def test_layout_rows_pads_short_rows_and_rejects_long_ones() -> None:
    assert [s.kind for s in docx_xml.layout_rows([[(1, 1)]], 3)[0]] == ["cell", "pad", "pad"]
    with pytest.raises(docx_xml.LayoutError, match="baris ke-2"):
        docx_xml.layout_rows([[(2, 1)], [(1, 1), (1, 1), (1, 1)]], 2)


def test_section_properties_landscape_rotates_margins() -> None:
    base = Document(str(REFERENCE)).element.body.sectPr
    sect = docx_xml.section_properties(base, landscape=True, num_fmt="lowerRoman", start=1, footer_rid="rId9")
    assert xp(sect, "w:pgSz/@w:orient") == ["landscape"]
    assert docx_xml.page_geometry(sect) == (16838, 11906, 1701, 1134, 1134, 1417)
    assert docx_xml.text_area(sect) == (16838 - 1417 - 1134, 11906 - 1701 - 1134)
    order = [etree.QName(child).localname for child in sect]
    assert order.index("footerReference") < order.index("type") < order.index("pgSz") < order.index("pgNumType")


# --- LibreOffice ---------------------------------------------------------------------------------


def convert_with_libreoffice(docx: Path, fmt: str, outdir: Path) -> Path:
    """soffice --convert-to in a fresh user profile, so parallel runs never share one."""
    soffice = require_libreoffice()
    profile = outdir / f"profil-lo-{fmt}"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
                    "--outdir", str(outdir), str(docx)], check=True, timeout=180, capture_output=True)
    converted = outdir / f"{docx.stem}.{fmt}"
    assert converted.exists(), f"LibreOffice menghasilkan {fmt} kosong"
    return converted


def pdf_text(pdf: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext tidak terpasang")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=60).stdout


@pytest.mark.libreoffice
def test_libreoffice_renders_equation_table_and_heading(full: Path, tmp_path: Path) -> None:
    flat = " ".join(pdf_text(convert_with_libreoffice(full, "pdf", tmp_path)).split())
    assert "Jumlah ormas yang aktif dan terdaftar" in flat  # the equation survived as a Math object
    assert "Persentase ormas yang aktif dan" in flat and "Rp13.774.269.418" in flat
    assert "BAB I PENDAHULUAN" in flat
    assert "Tabel 3.1 Perjanjian Kinerja Tahun 2024" in flat


@pytest.mark.libreoffice
def test_libreoffice_imports_real_indexes(full: Path, tmp_path: Path) -> None:
    odt = convert_with_libreoffice(full, "odt", tmp_path)
    with zipfile.ZipFile(odt) as archive:
        content = etree.fromstring(archive.read("content.xml"))
    text_ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    assert len(content.xpath("//text:table-of-content", namespaces=text_ns)) == 1
    sequences = content.xpath("//text:illustration-index-source/@text:caption-sequence-name", namespaces=text_ns)
    assert sorted(sequences) == ["Gambar", "Tabel"]


@pytest.mark.libreoffice
def test_libreoffice_keeps_the_given_caption_numbers(tmp_path: Path) -> None:
    docx = write_case("nomor-keterangan.md", tmp_path / "nomor.docx")
    text = pdf_text(convert_with_libreoffice(docx, "pdf", tmp_path))
    captions = [line.strip() for line in text.splitlines() if line.strip().startswith("Tabel ")]
    assert captions == ["Tabel 4.7 Pertama", "Tabel 2.5. Kedua", "Tabel A Ketiga", "Tabel 9 Keempat"]


def test_columns_get_their_unbreakable_width_then_small_wants_first() -> None:
    from lakip_cli.write.tables import fit_widths

    widths = fit_widths([1000, 500, 800], [9000, 600, 800], [1, 1, 1], 4000)
    assert widths == [2600, 600, 800]  # the short column gets its whole line, the long one what is left
    assert sum(fit_widths([1000, 500], [1200, 600], [3, 1], 4000)) == 4000
    assert fit_widths([1000, 500], [1200, 600], [3, 1], 4000)[0] == 1200 + 2200 * 3 // 4
    assert fit_widths([5000, 5000], [5000, 5000], [1, 3], 4000) == [1000, 3000]  # cannot fit: by weight


def test_measured_widths_follow_the_font(tmp_path: Path) -> None:
    from lakip_cli.write.measure import Metrics

    m = Metrics("Arial")
    assert m.width("15.731.413.218", 9) > m.width("1.218", 9) > 0
    assert m.unbreakable("15.731.413.218", 9) == m.width("15.731.413.218", 9)  # an amount never wraps
    assert m.unbreakable("Program Pembinaan", 9) == m.width("Pembinaan", 9)  # text wraps between words
    assert m.width("Serapan", 10, bold=True) >= m.width("Serapan", 10)


def test_narrative_image_inside_the_project_is_a_picture_with_its_title(tmp_path: Path) -> None:
    doc = RenderedDocument((Narrative("Kegiatan sosialisasi:\n![Sosialisasi di SMA 1](logo.png)"),))
    write_docx(doc, REFERENCE, tmp_path / "out.docx", base_dir=CASES, core=CORE)
    paragraphs = Document(str(tmp_path / "out.docx")).paragraphs
    assert [p.text for p in paragraphs if p.text] == ["Kegiatan sosialisasi:", "Sosialisasi di SMA 1"]
    with zipfile.ZipFile(tmp_path / "out.docx") as archive:
        assert len([n for n in archive.namelist() if n.startswith("word/media/")]) == 1


def test_narrative_image_outside_the_project_is_refused_by_the_writer_too(tmp_path: Path) -> None:
    doc = RenderedDocument((Narrative("![rahasia](../../../../etc/hostname)"),))
    with pytest.raises(LakipError) as caught:
        write_docx(doc, REFERENCE, tmp_path / "out.docx", base_dir=CASES, core=CORE)
    assert caught.value.diagnostics[0].code == "W005"
    assert not (tmp_path / "out.docx").exists()
