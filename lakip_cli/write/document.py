"""write: RenderedDocument (typed blocks) -> .docx file styled by a reference document."""

from __future__ import annotations

import datetime
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips
from docx.text.paragraph import Paragraph

from lakip_cli.diagnostics import Diagnostic, fail
from lakip_cli.write import ooxml as ox
from lakip_cli.write.atomic import write_atomic
from lakip_cli.write.blocks import (
    Block,
    Cover,
    Formula,
    Index,
    Narrative,
    Note,
    PageBreak,
    Picture,
    RenderedDocument,
    Section,
    Signature,
    SignaturePair,
    Table,
    Text,
)
from lakip_cli.write.builder import Builder, PageSection
from lakip_cli.write.comments import Annotation, add_comments
from lakip_cli.write.reference import open_reference
from lakip_cli.write.tables import write_table

REQUIRED_STYLES: tuple[str, ...] = (
    "Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title", "Subtitle", "Caption",
    "TOC Heading", "TOC 1", "TOC 2", "TOC 3", "Table of Figures", "List Bullet", "List Number",
    "Isi Tabel", "Catatan", "Tanda Tangan", "Footer", "Tabel LAKIP",
)
TOC_PLACEHOLDER = "Klik kanan lalu pilih Perbarui Bidang (Update Field) untuk menyusun daftar ini."
TOCS = {  # index kind -> (field instruction, entry style, default title)
    "daftar-isi": ('TOC \\o "1-3" \\h \\z \\u', "TOC 1", "DAFTAR ISI"),
    "daftar-tabel": ('TOC \\h \\z \\c "Tabel"', "Table of Figures", "DAFTAR TABEL"),
    "daftar-gambar": ('TOC \\h \\z \\c "Gambar"', "Table of Figures", "DAFTAR GAMBAR"),
}


@dataclass(frozen=True)
class CoreInfo:
    """Document properties; `created` is a fixed timestamp so that builds are reproducible."""

    title: str
    author: str
    subject: str
    created: datetime.datetime


def check_reference(reference: Path) -> list[str]:
    """Names of REQUIRED_STYLES that the reference document lacks (LakipError W001 if it cannot be read)."""
    names = ox.style_ids(open_reference(reference).document.styles.element)
    return [name for name in REQUIRED_STYLES if name.lower() not in names]


def write_docx(document: RenderedDocument, reference: Path, target: Path, *, base_dir: Path, core: CoreInfo,
               review_lines: Sequence[int] = (),
               annotations: Sequence[Annotation] | Callable[[], Sequence[Annotation]] = (),
               picture_ready: Callable[[Path], None] | None = None) -> tuple[Diagnostic, ...]:
    """Build the .docx from `document` with the styles of `reference` and replace `target` atomically.

    Same inputs give a byte-identical file. Raises LakipError (W001, W002, W005-W007) for any bad input;
    locations point at the Markdown review copy (`target` with suffix .md), line `review_lines[i]` for block i.
    Returns the warnings about what was dropped from the reference document (W010). `picture_ready(path)` is
    called before each picture is read: a picture still being drawn is waited for there, not before.
    `annotations` may be a function, called once the body is written: the findings can still be being found.
    """
    cleaned = open_reference(reference)
    doc = cleaned.document
    styles = ox.style_ids(doc.styles.element)
    missing = [name for name in REQUIRED_STYLES if name.lower() not in styles]
    if missing:
        raise fail(str(reference), "W002", "dokumen referensi tidak memiliki gaya: " + ", ".join(missing))
    builder = Builder(doc, base_dir, str(target.with_suffix(".md")))
    for number, block in enumerate(document.blocks):
        builder.line = review_lines[number] if number < len(review_lines) else 0
        if picture_ready is not None and isinstance(block, Picture):
            picture_ready(block.berkas)
        _write_block(builder, block)
    builder.finish()
    add_comments(doc, annotations() if callable(annotations) else annotations, date=core.created,
                 deferred=builder.deferred)
    data = ox.package_bytes(doc, title=core.title, author=core.author, subject=core.subject, created=core.created,
                            deferred=builder.deferred)
    write_atomic(target, data)
    return cleaned.warnings


def _write_block(b: Builder, block: Block) -> None:
    match block:
        case Text():
            if _TABLE_NOTE.match(block.markdown):  # "Tanda * menandai ...": the note stays with its table
                _keep_with_table(b)
            b.markdown(block.markdown, narrative=False, first_line=b.line)
        case Narrative():
            b.markdown(block.markdown, narrative=True, first_line=b.line)
        case Note():
            b.add_runs(b.paragraph("Catatan"), [(block.teks.strip("\n"), False, False)])
        case Cover():
            _cover(b, block)
        case Section():
            num_fmt = {"romawi": "lowerRoman", "arab": "decimal"}[block.nomor]
            b.start_section(PageSection(block.orientasi == "lanskap", num_fmt, block.mulai))
        case PageBreak():
            b.pending_break = True
        case Index():
            instruction, entry_style, title = TOCS[block.jenis]
            b.add_runs(b.paragraph("TOC Heading"), b.inline(block.judul or title))
            b.paragraph(entry_style)._p.extend(ox.field_runs(instruction, TOC_PLACEHOLDER))
        case Table():
            _keep_lead_in(b)
            write_table(b, block)
        case Formula():
            _formula(b, block)
        case Picture():
            _picture(b, block)
        case Signature():
            _signature(b, block)
        case SignaturePair():
            _signature_pair(b, block)


def _cover(b: Builder, cover: Cover) -> None:
    for text, style in ((cover.judul, "Title"), (cover.subjudul, "Subtitle")):
        if text:
            para = b.add_runs(b.paragraph(style), b.inline(text))
            para.paragraph_format.space_before = Pt(48) if style == "Title" else None
    gap: Pt | None = Pt(96 if cover.logo else 240)  # spreads title, logo and agency over the page
    if cover.logo:
        para = b.paragraph("Normal", WD_ALIGN_PARAGRAPH.CENTER)
        para.paragraph_format.space_before, para.paragraph_format.line_spacing = gap, 1.0
        b.picture(para, b.image_path(cover.logo), 5.5, int(Cm(7)))
    for text in (cover.instansi, cover.pemerintah, cover.tahun):
        if text:
            b.add_runs(b.paragraph("Subtitle"), b.inline(text)).paragraph_format.space_before = gap
            gap = None
    b.section = replace(b.section, cover=True)
    b.pending_break = True


_TABLE_NOTE = re.compile(r"\s*(?:Tanda\b|Keterangan\s*:|Catatan\s*:|Sumber\s*:)", re.IGNORECASE)


def _keep_with_table(b: Builder) -> None:
    """A note right under a table (what a mark means, the source of the figures) is kept on its last page."""
    previous = b.anchor.getprevious()
    if previous is not None and previous.tag == qn("w:p") and not "".join(previous.itertext()).strip():
        previous = previous.getprevious()  # the spacer after a table
    if previous is not None and previous.tag == qn("w:tbl"):
        b.keep_with_previous()


_LEAD_IN = re.compile(r"(?::|\bberikut\s*(?:ini)?\s*:?\.?)\s*$", re.IGNORECASE)


def _keep_lead_in(b: Builder) -> None:
    """A sentence that announces the table ("... sebagai berikut:") stays on the page of the table."""
    lead_in = b.anchor.getprevious()
    if lead_in is None or lead_in.tag != qn("w:p"):
        return
    text = "".join(t.text or "" for t in lead_in.iter(qn("w:t")))
    if _LEAD_IN.search(text):
        Paragraph(lead_in, None).paragraph_format.keep_with_next = True  # type: ignore[arg-type]


def _formula(b: Builder, formula: Formula) -> None:
    top, bottom, left, times = (b.plain(t) for t in (formula.pembilang, formula.penyebut, formula.kiri,
                                                       formula.pengali))
    # Fractions do not wrap: stack long text in lines that fit (about 6 pt per character at 12 pt).
    fits = max(24, b.text_area()[0] // 120 - len(left) - len(times) - 6)
    lead_in = b.anchor.getprevious()
    if lead_in is not None and lead_in.tag == qn("w:p"):  # "... dengan rumus:" stays with its formula
        Paragraph(lead_in, None).paragraph_format.keep_with_next = True  # type: ignore[arg-type]
    para = b.paragraph("Normal", WD_ALIGN_PARAGRAPH.CENTER)
    para.paragraph_format.space_before = para.paragraph_format.space_after = Pt(6)
    para._p.append(ox.fraction_equation(textwrap.wrap(top, fits) or [""], textwrap.wrap(bottom, fits) or [""],
                                        left or None, times or None, b.font))


def _picture(b: Builder, picture: Picture) -> None:
    path = b.image_path(picture.berkas)
    para = b.paragraph("Normal", WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    para.paragraph_format.line_spacing, para.paragraph_format.space_before = 1.0, Pt(6)
    b.picture(para, path, max(1.0, picture.lebar_cm), int(Twips(b.text_area()[1] * 4 // 5)))
    if picture.judul:
        b.caption(picture.judul, "Gambar", keep_next=False)


def _signature(b: Builder, sig: Signature) -> None:
    head, tail = _signature_parts(sig, blank_head=False)
    lines = head + tail
    half = Twips(b.text_area()[0] // 2)
    b.keep_with_previous()  # a signature never stands alone on a page
    for number, (text, is_name) in enumerate(lines):
        para = b.paragraph("Tanda Tangan", keep_next=number < len(lines) - 1)
        fmt = para.paragraph_format
        fmt.left_indent = half if sig.posisi == "kanan" else None
        fmt.right_indent = half if sig.posisi == "kiri" else None
        fmt.space_before = Pt(18) if number == 0 else None
        _signature_line(b, para, text, is_name)


def _signature_line(b: Builder, para: Paragraph, text: str, is_name: bool) -> None:
    """One line of a signature block; the name is bold and underlined."""
    b.add_runs(para, b.inline(text), bold=is_name)
    for run in para.runs if is_name else ():
        run.underline = True


def _signature_parts(sig: Signature, *, blank_head: bool = True
                     ) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """(place, date and position lines; room to sign, name, rank and NIP) of one signature block.

    Side by side, blank head lines are kept so that both names stand on the same line.
    """
    head = [(line, False) for text in (sig.tempat_tanggal, sig.jabatan) for line in text.split("\n")
            if blank_head or line.strip()]
    tail = [("", False)] * 3 + [(sig.nama, True)] + [(text, False) for text in (sig.pangkat, sig.nip) if text]
    return head, tail


def _signature_pair(b: Builder, pair: SignaturePair) -> None:
    """Two signature blocks side by side in a borderless table whose one row never splits; names level."""
    b.keep_with_previous()
    half = b.text_area()[0] // 2
    table = ox.el("w:tbl")
    tbl_pr = ox.el("w:tblPr")
    tbl_pr.append(ox.el("w:tblW", w_w=str(half * 2), w_type="dxa"))
    tbl_pr.append(ox.el("w:tblLayout", w_type="fixed"))
    table.append(tbl_pr)
    grid = ox.el("w:tblGrid")
    for _ in range(2):
        grid.append(ox.el("w:gridCol", w_w=str(half)))
    table.append(grid)
    row = ox.el("w:tr")
    row_pr = ox.el("w:trPr")
    row_pr.append(ox.el("w:cantSplit"))
    row.append(row_pr)
    parts = [_signature_parts(pair.kiri), _signature_parts(pair.kanan)]
    heads = max(len(head) for head, _ in parts)
    for head, tail in parts:
        cell = ox.el("w:tc")
        cell_pr = ox.el("w:tcPr")
        cell_pr.append(ox.el("w:tcW", w_w=str(half), w_type="dxa"))
        cell.append(cell_pr)
        for text, is_name in [*head, *[("", False)] * (heads - len(head)), *tail]:
            p = ox.el("w:p")
            cell.append(p)
            para = Paragraph(p, b.doc._body)
            para._p.style = b.styles["tanda tangan"]
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _signature_line(b, para, text, is_name)
        row.append(cell)
    table.append(row)
    b.append(table)
    b.paragraph("Isi Tabel")
