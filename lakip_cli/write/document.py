"""Write stage: Markdown text (CommonMark + fenced directives) -> .docx file styled by a reference document."""

from __future__ import annotations

import copy
import datetime
import json
import re
import textwrap
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, Twips
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError
from markdown_it import MarkdownIt

from lakip_cli.diagnostics import LakipError, fail
from lakip_cli.write import ooxml as ox
from lakip_cli.write.atomic import write_atomic
from lakip_cli.write.comments import Annotation, add_comments
from lakip_cli.write.tables import write_table

REQUIRED_STYLES: tuple[str, ...] = (
    "Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title", "Subtitle", "Caption",
    "TOC Heading", "TOC 1", "TOC 2", "TOC 3", "Table of Figures", "List Bullet", "List Number",
    "Isi Tabel", "Catatan", "Tanda Tangan", "Footer", "Tabel LAKIP",
)
PLACEHOLDER = re.compile(r"\[\[BELUM DIISI:.*?\]\]", re.S)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CAPTION = re.compile(r"^(\S+)\s+(\d+(?:[.\-]\d+)*|[A-Z](?:[.\-]\d+)*)(?!\w)(.*)$", re.S)
TOC_PLACEHOLDER = "Klik kanan lalu pilih Perbarui Bidang (Update Field) untuk menyusun daftar ini."
TOCS = {  # directive -> (field instruction, entry style, default title)
    "daftar-isi": ('TOC \\o "1-3" \\h \\z \\u', "TOC 1", "DAFTAR ISI"),
    "daftar-tabel": ('TOC \\h \\z \\c "Tabel"', "Table of Figures", "DAFTAR TABEL"),
    "daftar-gambar": ('TOC \\h \\z \\c "Gambar"', "Table of Figures", "DAFTAR GAMBAR"),
}
DIRECTIVES = ("sampul", "bagian", "pindah-halaman", *TOCS, "tabel", "rumus", "gambar", "ttd", "catatan")
_MISSING = object()
Spans = list[tuple[str, bool, bool]]  # (text, bold, italic)
_PIECES = re.compile(r"(\t|\r\n|\r|\n)")


def _run(text: str, *, bold: bool, italic: bool, size: float | None, highlight: bool):
    """A w:r built directly with lxml: python-docx's run API costs most of a large table's time.

    The XML is what Paragraph.add_run plus the bold/italic/size/highlight setters produce.
    """
    r = ox.el("w:r")
    props = [ox.el("w:b")] if bold else []
    props += [ox.el("w:i")] if italic else []
    if size:
        props.append(ox.el("w:sz", w_val=str(round(size * 2))))
    if highlight:
        props.append(ox.el("w:highlight", w_val="yellow"))
    if props:
        rpr = ox.el("w:rPr")
        rpr.extend(props)
        r.append(rpr)
    for part in _PIECES.split(text):
        if not part:
            continue
        if part == "\t":
            r.append(ox.el("w:tab"))
        elif part in ("\r\n", "\r", "\n"):
            r.extend(ox.el("w:br") for _ in range(len(part)))
        else:
            t = ox.el("w:t")
            t.text = part
            if part != part.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
    return r


@dataclass(frozen=True)
class CoreInfo:
    """Document properties; `created` is a fixed timestamp so that builds are reproducible."""

    title: str
    author: str
    subject: str
    created: datetime.datetime


@dataclass(frozen=True)
class _Section:
    landscape: bool = False
    num_fmt: str | None = None
    start: int | None = None
    cover: bool = False


def check_reference(reference: Path) -> list[str]:
    """Names of REQUIRED_STYLES that the reference document lacks (LakipError W001 if it cannot be read)."""
    names = ox.style_ids(_open_reference(reference).styles.element)
    return [name for name in REQUIRED_STYLES if name.lower() not in names]


def write_docx(markdown: str, reference: Path, target: Path, *, base_dir: Path, core: CoreInfo,
               annotations: Sequence[Annotation] = ()) -> None:
    """Build the document from `markdown` with the styles of `reference` and replace `target` atomically.

    Same inputs give a byte-identical file. Raises LakipError (W001-W007) for any bad input; locations
    point at `target` with suffix .md, where the build saves the Markdown.
    """
    doc = _open_reference(reference)
    missing = [name for name in REQUIRED_STYLES if name.lower() not in ox.style_ids(doc.styles.element)]
    if missing:
        raise fail(str(reference), "W002", "dokumen referensi tidak memiliki gaya: " + ", ".join(missing))
    builder = _Builder(doc, base_dir, str(target.with_suffix(".md")))
    builder.build(markdown)
    builder.finish()
    add_comments(doc, annotations, date=core.created)
    data = ox.package_bytes(doc, title=core.title, author=core.author, subject=core.subject, created=core.created)
    write_atomic(target, data)


def _open_reference(reference: Path):
    if not reference.is_file():
        raise fail(str(reference), "W001", f"dokumen referensi tidak ditemukan: {reference}")
    try:
        return Document(str(reference))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, OSError) as exc:
        message = f"dokumen referensi bukan berkas Word (.docx) yang sah: {reference}"
        raise fail(str(reference), "W001", message) from exc


class _Builder:
    """Appends body content for Markdown tokens and directives, tracking sections and lists."""

    def __init__(self, doc, base_dir: Path, source: str):
        self.doc, self.base_dir, self.source = doc, base_dir, source
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self.anchor = body.get_or_add_sectPr()  # new content goes before the final section properties
        self.base_sect = copy.deepcopy(self.anchor)
        self.styles = ox.style_ids(doc.styles.element)
        self.font = ox.default_font(doc.styles.element)
        self.numbering = doc.part.numbering_part.element
        self.md = MarkdownIt("commonmark", {"html": False})
        self.section, self.section_empty, self.footer_shown = _Section(), True, ""
        self.footers: dict[str, str] = {}
        self.pending_break = False
        self.lists: list[list] = []  # [ordered, numId or None, abstractNumId, level, next number]
        self.item_fresh = False
        self.line, self.directive = 0, ""

    # --- errors and directive values ---------------------------------------------------------

    def error(self, code: str, message: str) -> LakipError:
        return fail(self.source, code, f"baris {self.line}: {message}", line=self.line, col=1)

    def get(self, data: dict, key: str, kind, default=_MISSING):
        value = data.get(key)
        if value is None:
            if default is _MISSING:
                raise self.error("W003", f"arahan '{self.directive}' memerlukan kunci '{key}'")
            return default
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            label = {str: "teks", int: "bilangan bulat", bool: "true/false", list: "daftar"}.get(kind, "angka")
            raise self.error("W003", f"kunci '{key}' pada arahan '{self.directive}' harus berupa {label}")
        return value

    def choice(self, data: dict, key: str, options: tuple[str, ...]) -> str:
        value = self.get(data, key, str, options[0])
        if value not in options:
            raise self.error("W003", f"kunci '{key}' pada arahan '{self.directive}' harus salah satu dari: "
                             + ", ".join(options))
        return value

    # --- paragraphs and runs -----------------------------------------------------------------

    def append(self, element):
        self.anchor.addprevious(element)
        self.section_empty = False
        return element

    def paragraph(self, style: str, align=None, *, keep_next: bool = False) -> Paragraph:
        para = Paragraph(self.append(ox.el("w:p")), self.doc._body)
        para._p.style = self.styles[style.lower()]
        if self.pending_break:  # a page break as a property avoids an empty line on the new page
            para.paragraph_format.page_break_before = True
            self.pending_break = False
        if align is not None:
            para.alignment = align
        if keep_next:
            para.paragraph_format.keep_with_next = True
        return para

    def spans(self, children) -> Spans:
        """Inline tokens -> spans; a hard break becomes a newline (python-docx writes it as w:br)."""
        out, bold, italic = [], 0, 0
        for tok in children:
            kind = tok.type
            if kind in ("text", "code_inline", "text_special", "image"):
                out.append((tok.content, bold > 0, italic > 0))
            elif kind in ("softbreak", "hardbreak"):
                out.append((" " if kind == "softbreak" else "\n", bold > 0, italic > 0))
            elif kind in ("strong_open", "strong_close", "em_open", "em_close"):
                step = 1 if kind.endswith("_open") else -1
                bold, italic = (bold + step, italic) if kind.startswith("strong") else (bold, italic + step)
        return out

    def inline(self, text: str) -> Spans:
        tokens = self.md.parseInline(text)
        return self.spans(tokens[0].children or []) if tokens else []

    def plain(self, text: str) -> str:
        return "".join(part for part, _, _ in self.inline(text))

    def add_runs(self, para: Paragraph, spans: Spans, *, bold: bool = False, size: float | None = None):
        """Add runs for `spans`; a [[BELUM DIISI: ...]] marker, even across spans, is bold on yellow."""
        joined = "".join(text for text, _, _ in spans)
        marks = [m.span() for m in PLACEHOLDER.finditer(joined)]
        cuts = sorted({i for span in marks for i in span})
        pos = 0
        for text, span_bold, italic in spans:
            end = pos + len(text)
            edges = [pos, *(c for c in cuts if pos < c < end), end]
            for start, stop in zip(edges, edges[1:], strict=False):
                if not (piece := NOT_XML.sub("", joined[start:stop])):
                    continue
                missing = any(a <= start < b for a, b in marks)
                para._p.append(_run(piece, bold=bold or span_bold or missing, italic=bool(italic),
                                    size=size, highlight=missing))
            pos = end
        return para

    # --- sections ----------------------------------------------------------------------------

    def text_area(self) -> tuple[int, int]:
        return ox.text_area(ox.section_properties(self.base_sect, landscape=self.section.landscape,
                                                  num_fmt=None, start=None, footer_rid=None))

    def sect_pr(self, section: _Section):
        kind, rid = ("empty" if section.cover else "page"), None
        if kind != self.footer_shown:  # otherwise the section links to the previous footer
            if kind not in self.footers:
                self.footers[kind] = ox.add_footer(self.doc.part, self.styles["footer"], kind == "page")
            rid, self.footer_shown = self.footers[kind], kind
        return ox.section_properties(self.base_sect, landscape=section.landscape, num_fmt=section.num_fmt,
                                     start=section.start, footer_rid=rid)

    def start_section(self, new: _Section) -> None:
        """End the current section (next-page break) unless it is still empty, then continue in `new`."""
        self.pending_break = False
        if not self.section_empty:
            last = self.anchor.getprevious()
            if last.tag != qn("w:p") or last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                last = self.append(ox.el("w:p"))
            last.get_or_add_pPr().append(self.sect_pr(self.section))
        self.section, self.section_empty = new, True

    def finish(self) -> None:
        self.anchor.getparent().replace(self.anchor, self.sect_pr(self.section))
        ox.enable_update_fields(self.doc.settings.element)

    # --- Markdown blocks and lists -----------------------------------------------------------

    def build(self, markdown: str) -> None:
        tokens = self.md.parse(markdown)
        for index, tok in enumerate(tokens):
            self.line = tok.map[0] + 1 if tok.map else self.line
            if tok.type == "inline":
                spans, opener = self.spans(tok.children or []), tokens[index - 1]
                if opener.type == "heading_open":
                    self.add_runs(self.paragraph(f"Heading {min(int(opener.tag[1:]), 4)}"), spans)
                elif self.lists:
                    self.list_paragraph(spans)
                else:
                    self.add_runs(self.paragraph("Normal"), spans)
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                self.open_list(tok.type == "ordered_list_open", int(tok.attrGet("start") or 1))
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif tok.type == "list_item_open":
                self.item_fresh = True
            elif tok.type == "fence":
                self.run_directive(tok)
            elif tok.type == "code_block":
                self.add_runs(self.paragraph("Normal"), [(tok.content.rstrip("\n"), False, False)])

    def open_list(self, ordered: bool, start: int) -> None:
        """Ordered lists get their own w:num restarting at the Markdown's first number."""
        level = len(self.lists)
        style_id = self.styles["list number" if ordered else "list bullet"]
        num_id, abstract_id = ox.style_numbering(self.doc.styles.element, self.numbering, style_id) or (None, None)
        if ordered and num_id is not None and abstract_id is not None:
            num_id = ox.add_restarted_num(self.numbering, abstract_id, level, start)
        self.lists.append([ordered, num_id, abstract_id, level, start])

    def list_paragraph(self, spans: Spans) -> None:
        ordered, num_id, abstract_id, level, number = self.lists[-1]
        para = self.paragraph("List Number" if ordered else "List Bullet")
        num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
        if self.item_fresh and num_id is not None:
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = num_id
        else:  # a later paragraph of an item, or a list style without numbering: number by hand
            num_pr.get_or_add_numId().val = 0
            para.paragraph_format.left_indent = Twips(ox.level_indent(self.numbering, abstract_id, level))
            if self.item_fresh:
                para.paragraph_format.first_line_indent = Twips(-397)
                spans = [((f"{number}." if ordered else "\u2022") + "\t", False, False), *spans]
                self.lists[-1][4] += 1
        self.item_fresh = False
        self.add_runs(para, spans)

    # --- directives --------------------------------------------------------------------------

    def run_directive(self, tok) -> None:
        name = self.directive = tok.info.strip().split(" ")[0] if tok.info.strip() else ""
        if name not in DIRECTIVES:
            raise self.error("W004", f"arahan tidak dikenal: '{name}' (nama blok ``` harus salah satu dari: "
                             + ", ".join(DIRECTIVES) + ")")
        if name == "catatan":  # plain text, not JSON
            return self.add_runs(self.paragraph("Catatan"), [(tok.content.strip("\n"), False, False)])
        try:
            data = json.loads(tok.content) if tok.content.strip() else {}
        except json.JSONDecodeError as exc:
            self.line = tok.map[0] + 1 + exc.lineno
            raise self.error("W003", f"JSON arahan '{name}' tidak valid: {exc.msg} (kolom {exc.colno})") from None
        if not isinstance(data, dict):
            raise self.error("W003", f"isi arahan '{name}' harus berupa objek JSON {{...}}")
        getattr(self, "do_toc" if name in TOCS else "do_" + name.replace("-", "_"))(data)

    def do_sampul(self, data: dict) -> None:
        for key, style in (("judul", "Title"), ("subjudul", "Subtitle")):
            if text := self.get(data, key, str, ""):
                para = self.add_runs(self.paragraph(style), self.inline(text))
                para.paragraph_format.space_before = Pt(48) if key == "judul" else None
        logo = self.get(data, "logo", str, "")
        gap: Pt | None = Pt(96 if logo else 240)  # spreads title, logo and agency over the page
        if logo:
            para = self.paragraph("Normal", WD_ALIGN_PARAGRAPH.CENTER)
            para.paragraph_format.space_before, para.paragraph_format.line_spacing = gap, 1.0
            self.picture(para, self.image_path(logo), 5.5, int(Cm(7)))
        for key in ("instansi", "pemerintah", "tahun"):
            if text := self.get(data, key, str, ""):
                self.add_runs(self.paragraph("Subtitle"), self.inline(text)).paragraph_format.space_before = gap
                gap = None
        self.section = replace(self.section, cover=True)
        self.pending_break = True

    def do_bagian(self, data: dict) -> None:
        num_fmt = {"romawi": "lowerRoman", "arab": "decimal"}[self.choice(data, "nomor", ("arab", "romawi"))]
        if (start := self.get(data, "mulai", int, None)) is not None and start < 1:
            raise self.error("W003", "kunci 'mulai' pada arahan 'bagian' harus 1 atau lebih (atau null)")
        landscape = self.choice(data, "orientasi", ("potret", "lanskap")) == "lanskap"
        self.start_section(_Section(landscape, num_fmt, start))

    def do_pindah_halaman(self, data: dict) -> None:
        self.pending_break = True

    def do_toc(self, data: dict) -> None:
        instruction, entry_style, title = TOCS[self.directive]
        self.add_runs(self.paragraph("TOC Heading"), self.inline(self.get(data, "judul", str, title)))
        self.paragraph(entry_style)._p.extend(ox.field_runs(instruction, TOC_PLACEHOLDER))

    def do_tabel(self, data: dict) -> None:
        write_table(self, data)

    def do_rumus(self, data: dict) -> None:
        top, bottom = (self.plain(self.get(data, key, str)) for key in ("pembilang", "penyebut"))
        left, times = (self.plain(self.get(data, key, str, "")) for key in ("kiri", "pengali"))
        # Fractions do not wrap: stack long text in lines that fit (about 6 pt per character at 12 pt).
        fits = max(24, self.text_area()[0] // 120 - len(left) - len(times) - 6)
        lead_in = self.anchor.getprevious()
        if lead_in is not None and lead_in.tag == qn("w:p"):  # "... dengan rumus:" stays with its formula
            # Only the paragraph format is touched, which needs no story part.
            Paragraph(lead_in, None).paragraph_format.keep_with_next = True  # type: ignore[arg-type]
        para = self.paragraph("Normal", WD_ALIGN_PARAGRAPH.CENTER)
        para.paragraph_format.space_before = para.paragraph_format.space_after = Pt(6)
        para._p.append(ox.fraction_equation(textwrap.wrap(top, fits) or [""], textwrap.wrap(bottom, fits) or [""],
                                            left or None, times or None, self.font))

    def do_gambar(self, data: dict) -> None:
        path = self.image_path(self.get(data, "berkas", str))
        para = self.paragraph("Normal", WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
        para.paragraph_format.line_spacing, para.paragraph_format.space_before = 1.0, Pt(6)
        width = max(1.0, self.get(data, "lebar_cm", (int, float), 15))
        self.picture(para, path, width, int(Twips(self.text_area()[1] * 4 // 5)))
        if title := self.get(data, "judul", str, ""):
            self.caption(title, "Gambar", keep_next=False)

    def do_ttd(self, data: dict) -> None:
        side = self.choice(data, "posisi", ("kanan", "kiri", "tengah"))
        lines = [(line, False) for key in ("tempat_tanggal", "jabatan")
                 for line in self.get(data, key, str, "").split("\n") if line.strip()]
        lines += [("", False)] * 3 + [(self.get(data, "nama", str, ""), True)]
        lines += [(self.get(data, key, str, ""), False) for key in ("pangkat", "nip") if data.get(key)]
        half = Twips(self.text_area()[0] // 2)
        for number, (text, is_name) in enumerate(lines):
            para = self.paragraph("Tanda Tangan", keep_next=number < len(lines) - 1)
            fmt = para.paragraph_format
            fmt.left_indent = half if side == "kanan" else None
            fmt.right_indent = half if side == "kiri" else None
            fmt.space_before = Pt(18) if number == 0 else None
            self.add_runs(para, self.inline(text), bold=is_name)
            for run in para.runs if is_name else ():
                run.underline = True

    # --- pictures and captions ---------------------------------------------------------------

    def image_path(self, relative: str) -> Path:
        path = self.base_dir / relative
        if not path.is_file():
            raise self.error("W005", f"berkas gambar tidak ditemukan: {path}")
        return path

    def picture(self, para: Paragraph, path: Path, width_cm: float, max_height: int) -> None:
        try:
            image = Image.from_file(str(path))
            width = min(int(Cm(width_cm)), int(Twips(self.text_area()[0])))
            height = width * image.px_height // max(image.px_width, 1)
            if height > max_height:
                width, height = width * max_height // height, max_height
            para.add_run().add_picture(str(path), width=Emu(width), height=Emu(height))
        except (UnrecognizedImageError, OSError) as exc:
            raise self.error("W005", f"berkas gambar tidak dapat dibaca ({type(exc).__name__}): {path}") from None

    def caption(self, title: str, label: str, *, keep_next: bool) -> None:
        """'Tabel 3.1 Judul' -> caption whose number is a SEQ field, so TOC \\c lists it."""
        para = self.paragraph("Caption", keep_next=keep_next)
        match = CAPTION.match(title.strip())
        if not match or match.group(1).lower() != label.lower():
            self.add_runs(para, self.inline(title))
            return
        word, number, rest = match.groups()
        prefix, runs = ox.seq_field_runs(label, number)
        para.add_run(f"{word} {prefix}")
        para._p.extend(runs)
        lead_match = re.match(r"^[\s:.\-\u2013]*", rest)  # always matches (possibly empty)
        lead = lead_match.group(0) if lead_match else ""
        para.add_run(lead)
        self.add_runs(para, self.inline(rest[len(lead):]))
