"""Write stage: Markdown text (CommonMark + fenced directives) -> .docx file styled by a reference document."""

from __future__ import annotations

import copy
import datetime
import json
import math
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, Twips
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError
from markdown_it import MarkdownIt

from lakip_cli import docx_xml as ox
from lakip_cli.diagnostics import LakipError, fail

MARKDOWN_SOURCE = "<markdown>"  # the Markdown comes from the render stage, not from a project file
REQUIRED_STYLES: tuple[str, ...] = (
    "Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title", "Subtitle", "Caption",
    "TOC Heading", "TOC 1", "TOC 2", "TOC 3", "Table of Figures", "List Bullet", "List Number",
    "Isi Tabel", "Catatan", "Tanda Tangan", "Footer", "Tabel LAKIP",
)
PLACEHOLDER = re.compile(r"\[\[BELUM DIISI:.*?\]\]", re.S)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CAPTION = re.compile(r"^(\S+)\s+(\d+(?:[.\-]\d+)*|[A-Z]+(?:[.\-]\d+)*)(\.?)(.*)$", re.S)
HEADER_FILL = "D9D9D9"
TOC_PLACEHOLDER = "Klik kanan lalu pilih Perbarui Bidang (Update Field) untuk menyusun daftar ini."
ALIGN = {"kiri": WD_ALIGN_PARAGRAPH.LEFT, "tengah": WD_ALIGN_PARAGRAPH.CENTER,
         "kanan": WD_ALIGN_PARAGRAPH.RIGHT, "rata": WD_ALIGN_PARAGRAPH.JUSTIFY}
NUM_FORMAT = {"romawi": "lowerRoman", "arab": "decimal"}
_MISSING = object()


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


@dataclass(frozen=True)
class _Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    align: str | None = None
    bold: bool = False


def check_reference(reference: Path) -> list[str]:
    """Names of REQUIRED_STYLES that the reference document lacks (LakipError W001 if it cannot be read)."""
    names = set(_style_ids(_open_reference(reference)))
    return [name for name in REQUIRED_STYLES if name.lower() not in names]


def write_docx(markdown: str, reference: Path, target: Path, *, base_dir: Path, core: CoreInfo) -> None:
    """Build the document from `markdown` with the styles of `reference`; replace `target` atomically.

    Same inputs give byte-identical files. Raises LakipError (codes W001-W008) for bad input.
    """
    doc = _open_reference(reference)
    missing = [name for name in REQUIRED_STYLES if name.lower() not in _style_ids(doc)]
    if missing:
        raise fail(str(reference), "W002", "dokumen referensi tidak memiliki gaya: " + ", ".join(missing))
    builder = _Builder(doc, base_dir)
    builder.build(markdown)
    builder.finish()
    _set_core_properties(doc, core)
    _write_atomic(target, ox.package_bytes(doc, _zip_time(core.created)))


def _open_reference(reference: Path):
    if not reference.is_file():
        raise fail(str(reference), "W001", f"dokumen referensi tidak ditemukan: {reference}")
    try:
        return Document(str(reference))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, OSError):
        raise fail(str(reference), "W001", f"dokumen referensi bukan berkas Word (.docx) yang sah: {reference}")


def _style_ids(doc) -> dict[str, str]:
    """Lower-case style name -> styleId (ids differ between localized Word versions, names do not)."""
    out = {}
    for style in doc.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            out.setdefault(name.get(qn("w:val")).lower(), style.get(qn("w:styleId")))
    return out


class _Builder:
    """Appends body content for Markdown tokens and directives, tracking sections and lists."""

    def __init__(self, doc, base_dir: Path):
        self.doc, self.base_dir = doc, base_dir
        self.body = doc.element.body
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        self.anchor = self.body.sectPr
        self.base_sect = copy.deepcopy(self.anchor)
        self.styles = _style_ids(doc)
        self.md = MarkdownIt("commonmark", {"html": False})
        self.section, self.section_empty, self.footer_shown = _Section(), True, ""
        self.footers: dict[str, str] = {}
        self.pending_break = False
        self.lists: list[list] = []  # [kind, numId or None, abstractNumId, level, counter]
        self.item_fresh = False
        self.line, self.directive = 0, ""

    # --- errors and values -------------------------------------------------------------------

    def error(self, code: str, message: str) -> LakipError:
        return fail(MARKDOWN_SOURCE, code, f"baris {self.line}: {message}", line=self.line, col=1)

    def get(self, data: dict, key: str, kind: type | tuple, default=_MISSING):
        value = data.get(key, None)
        if value is None:
            if default is _MISSING:
                raise self.error("W003", f"arahan '{self.directive}' memerlukan kunci '{key}'")
            return default
        if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, (int, float))):
            label = {str: "teks", int: "bilangan bulat", bool: "true/false", list: "daftar"}.get(kind, "angka")
            raise self.error("W003", f"kunci '{key}' pada arahan '{self.directive}' harus berupa {label}")
        return value

    def choice(self, data: dict, key: str, options: tuple[str, ...]) -> str:
        value = self.get(data, key, str, options[0])
        if value not in options:
            raise self.error("W003", f"kunci '{key}' pada arahan '{self.directive}' harus salah satu dari: "
                             + ", ".join(options))
        return value

    # --- body primitives ---------------------------------------------------------------------

    def append(self, element):
        self.anchor.addprevious(element)
        self.section_empty = False
        return element

    def paragraph(self, style: str, align=None, *, keep_next: bool = False) -> Paragraph:
        p = self.append(ox.el("w:p"))
        p.style = self.styles[style.lower()]
        para = Paragraph(p, self.doc._body)
        if self.pending_break:
            para.paragraph_format.page_break_before = True
            self.pending_break = False
        if align is not None:
            para.alignment = align
        if keep_next:
            para.paragraph_format.keep_with_next = True
        return para

    def spans(self, children) -> list[tuple[str, bool, bool]]:
        """Inline tokens -> (text, bold, italic); a hard break is a newline (python-docx makes it w:br)."""
        out, bold, italic = [], 0, 0
        for tok in children:
            kind = tok.type
            if kind in ("text", "code_inline", "text_special", "image"):
                out.append((tok.content, bold > 0, italic > 0))
            elif kind in ("softbreak", "hardbreak"):
                out.append((" " if kind == "softbreak" else "\n", bold > 0, italic > 0))
            elif kind in ("strong_open", "strong_close"):
                bold += 1 if kind == "strong_open" else -1
            elif kind in ("em_open", "em_close"):
                italic += 1 if kind == "em_open" else -1
        return out

    def inline_spans(self, text: str) -> list[tuple[str, bool, bool]]:
        tokens = self.md.parseInline(text)
        return self.spans(tokens[0].children or []) if tokens else []

    def plain(self, text: str) -> str:
        return "".join(part for part, _, _ in self.inline_spans(text))

    def add_runs(self, para: Paragraph, spans, *, bold: bool = False, size: float | None = None) -> None:
        """Add runs for `spans`; any [[BELUM DIISI: ...]] marker becomes bold on yellow highlight."""
        joined = "".join(text for text, _, _ in spans)
        marks = [m.span() for m in PLACEHOLDER.finditer(joined)]
        cuts = sorted({0, len(joined), *(i for span in marks for i in span)})
        pos = 0
        for text, span_bold, italic in spans:
            end = pos + len(text)
            edges = [pos] + [c for c in cuts if pos < c < end] + [end]
            for start, stop in zip(edges, edges[1:]):
                piece = NOT_XML.sub("", joined[start:stop])
                if not piece:
                    continue
                run = para.add_run(piece)
                missing = any(a <= start < b for a, b in marks)
                run.bold = True if (bold or span_bold or missing) else None
                run.italic = True if italic else None
                if missing:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                if size:
                    run.font.size = Pt(size)
            pos = end

    def text_area(self, landscape: bool) -> tuple[int, int]:
        sect = ox.section_properties(self.base_sect, landscape=landscape, num_fmt=None, start=None,
                                     footer_rid=None)
        return ox.text_area(sect)

    # --- sections ----------------------------------------------------------------------------

    def footer(self, kind: str) -> str:
        if kind not in self.footers:
            part, rid = self.doc.part.add_footer_part()
            p = part.element.find(qn("w:p"))
            p.style = self.styles["footer"]
            if kind == "page":
                Paragraph(p, None).alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in ox.field_runs("PAGE", "1"):
                    p.append(run)
            self.footers[kind] = rid
        return self.footers[kind]

    def sect_pr(self, section: _Section):
        kind = "empty" if section.cover else "page"
        rid = None
        if kind != self.footer_shown:  # later sections link to the previous footer
            rid, self.footer_shown = self.footer(kind), kind
        return ox.section_properties(self.base_sect, landscape=section.landscape, num_fmt=section.num_fmt,
                                     start=section.start, footer_rid=rid)

    def start_section(self, new: _Section) -> None:
        """End the current section (next-page break) unless it is still empty, then continue in `new`."""
        self.pending_break = False
        if not self.section_empty:
            last = self.anchor.getprevious()
            if last is None or last.tag != qn("w:p") or last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                last = self.append(ox.el("w:p"))
            last.get_or_add_pPr().append(self.sect_pr(self.section))
        self.section, self.section_empty = new, True

    def finish(self) -> None:
        self.pending_break = False
        final = self.sect_pr(self.section)
        self.anchor.getparent().replace(self.anchor, final)
        ox.enable_update_fields(self.doc.settings.element)

    # --- Markdown blocks ---------------------------------------------------------------------

    def build(self, markdown: str) -> None:
        tokens = self.md.parse(markdown)
        for index, tok in enumerate(tokens):
            if tok.map:
                self.line = tok.map[0] + 1
            kind = tok.type
            if kind == "inline":
                opener = tokens[index - 1]
                if opener.type == "heading_open":
                    level = min(int(opener.tag[1:]), 4)
                    self.add_runs(self.paragraph(f"Heading {level}"), self.spans(tok.children or []))
                elif self.lists:
                    self.list_paragraph(self.spans(tok.children or []))
                else:
                    self.add_runs(self.paragraph("Normal"), self.spans(tok.children or []))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.open_list(kind == "ordered_list_open", int(tok.attrGet("start") or 1))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.item_fresh = True
            elif kind == "fence":
                self.run_directive(tok)
            elif kind == "code_block":
                para = self.paragraph("Normal")
                self.add_runs(para, [(tok.content.rstrip("\n"), False, False)])

@@LISTS@@
    # --- directives --------------------------------------------------------------------------

    def run_directive(self, tok) -> None:
        name = tok.info.strip().split(" ")[0] if tok.info.strip() else ""
        self.directive = name
        handler = DIRECTIVES.get(name)
        if handler is None:
            raise self.error("W004", f"arahan tidak dikenal: '{name}' (blok ``` harus bernama salah satu "
                             f"dari: {', '.join(sorted(DIRECTIVES))})")
        if name == "catatan":
            handler(self, tok.content)
            return
        try:
            data = json.loads(tok.content) if tok.content.strip() else {}
        except json.JSONDecodeError as exc:
            self.line = tok.map[0] + 1 + exc.lineno
            raise self.error("W003", f"JSON arahan '{name}' tidak valid: {exc.msg} (kolom {exc.colno})")
        if not isinstance(data, dict):
            raise self.error("W003", f"isi arahan '{name}' harus berupa objek JSON {{...}}")
        handler(self, data)

    def image_path(self, relative: str) -> Path:
        path = self.base_dir / relative
        if not path.is_file():
            raise self.error("W005", f"berkas gambar tidak ditemukan: {path}")
        return path

    def picture(self, para: Paragraph, path: Path, width_cm: float, max_height: int) -> None:
        try:
            image = Image.from_file(str(path))
            width = min(Cm(width_cm), Twips(self.text_area(self.section.landscape)[0]))
            height = width * image.px_height // max(image.px_width, 1)
            if height > max_height:
                width, height = width * max_height // height, max_height
            para.add_run().add_picture(str(path), width=Emu(width), height=Emu(height))
        except (UnrecognizedImageError, OSError, ZeroDivisionError) as exc:
            raise self.error("W005", f"berkas gambar tidak dapat dibaca ({exc.__class__.__name__}): {path}")

    def caption(self, title: str, label: str, *, keep_next: bool) -> None:
        """Caption paragraph "Tabel 3.1 ..." with the number in a SEQ field (listed by TOC \\c)."""
        para = self.paragraph("Caption", keep_next=keep_next)
        match = CAPTION.match(title.strip())
        if not match or match.group(1).lower() != label.lower():
            self.add_runs(para, self.inline_spans(title))
            return
        word, number, dot, rest = match.groups()
        prefix, last = re.match(r"^(.*?)(\d*)$", number).groups()
        para.add_run(f"{word} {prefix}")
        if last:  # \r pins the value: a field update in Word yields the same number
            runs = ox.field_runs(f"SEQ {label} \\* ARABIC \\r {int(last)}", last)
        else:
            runs = ox.field_runs(f"SEQ {label} \\* ALPHABETIC", prefix, locked=True)
        for run in runs:
            para._p.append(run)
        lead = re.match(r"^[\s:.\-\u2013]*", rest).group(0)
        para.add_run(dot + lead)
        self.add_runs(para, self.inline_spans(rest[len(lead):]))


@@DIRECTIVES@@


def _set_core_properties(doc, core: CoreInfo) -> None:
    props = doc.core_properties
    created = _as_utc(core.created)
    props.title, props.author, props.subject = core.title, core.author, core.subject
    props.last_modified_by = core.author
    props.created = props.modified = props.last_printed = created
    props.revision = 1
    props.comments = props.keywords = props.category = props.content_status = ""
    props.identifier = props.version = ""
    props.language = "id-ID"


def _as_utc(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _zip_time(moment: datetime.datetime) -> tuple[int, int, int, int, int, int]:
    utc = _as_utc(moment)
    return (1980, 1, 1, 0, 0, 0) if utc.year < 1980 else tuple(utc.timetuple()[:6])


def _write_atomic(target: Path, data: bytes) -> None:
    """Write next to `target`, then rename over it; the previous file survives any failure."""
    message = f"berkas sedang dibuka program lain atau tidak dapat ditulis: {target}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise fail(str(target), "W006", f"{message} ({exc.strerror})")
    done = False
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o644)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
        done = True
    except OSError as exc:
        raise fail(str(target), "W006", f"{message} ({exc.strerror})")
    finally:
        if not done:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
