"""write: the document being built. Paragraphs, runs, sections, lists, pictures and captions on a python-docx Document.

The block writers (document.py, tables.py) call these primitives; they hold no knowledge of the blocks.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Twips
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt

from lakip_cli.diagnostics import LakipError, fail
from lakip_cli.write import ooxml as ox
from lakip_cli.write.blocks import PLACEHOLDER, PLACEHOLDER_OPEN
from lakip_cli.write.measure import Metrics

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CAPTION = re.compile(r"^(\S+)\s+(\d+(?:[.\-]\d+)*|[A-Z](?:[.\-]\d+)*)(?!\w)(.*)$", re.S)
Spans = list[tuple[str, bool, bool]]  # (text, bold, italic)
_PIECES = re.compile(r"(\t|\r\n|\r|\n)")
_BREAKS = re.compile(r"[\t\r\n]")  # written as w:tab and w:br, not as text
# A planner's narrative is read with a smaller grammar than a template's text: paragraphs, emphasis and
# lists, nothing that could make a heading, a code block, HTML or an embedded file out of typed text.
BLOCK_CACHE = 512  # parsed Markdown texts kept: the ones a template writes for every indicator stay
_LIST_OPEN = frozenset({"bullet_list_open", "ordered_list_open"})
NARRATIVE_OFF = ("heading", "lheading", "fence", "code", "html_block", "html_inline", "hr", "reference")


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
class PageSection:
    landscape: bool = False
    num_fmt: str | None = None
    start: int | None = None
    cover: bool = False



class Builder:
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
        self.metrics = Metrics(self.font or "Arial")
        self.numbering = doc.part.numbering_part.element
        self.md = MarkdownIt("commonmark", {"html": False}).disable(["fence", "html_block", "html_inline"])
        self.narrative_md = MarkdownIt("commonmark", {"html": False}).disable(list(NARRATIVE_OFF))
        self.section, self.section_empty, self.footer_shown = PageSection(), True, ""
        self.footers: dict[str, str] = {}
        self.pending_break = False
        self.lists: list[list] = []  # [ordered, numId or None, abstractNumId, level, next number]
        self.item_fresh = False
        self.line = 0  # line of the current block in the Markdown review copy
        self._inline: dict[str, Spans] = {}
        self._blocks: dict[tuple[str, bool], list] = {}  # parsed Markdown, most recently used last
        self._areas: dict[bool, tuple[int, int]] = {}
        self.deferred = ox.Deferred()  # the tables, as XML text until the document is saved
        # Table cells repeat the same few texts: their runs and widths are worked out once.
        self._cells: dict[tuple[str, bool, float | None], tuple[str, str]] = {}
        self.widths: dict[tuple[str, bool, float], tuple[int, int]] = {}

    # --- errors --------------------------------------------------------------------------------

    def error(self, code: str, message: str) -> LakipError:
        return fail(self.source, code, f"baris {self.line}: {message}", line=self.line, col=1)

    # --- paragraphs and runs -----------------------------------------------------------------

    def append(self, element):
        self.anchor.addprevious(element)
        self.section_empty = False
        return element

    def keep_with_previous(self) -> None:
        """What comes next stays on the page of what precedes it: a paragraph, or a table's last row."""
        previous = self.anchor.getprevious()
        if previous is not None and previous.tag == qn("w:p") and not "".join(previous.itertext()).strip():
            _keep_next(previous)  # the spacer after a table
            previous = previous.getprevious()
        if previous is None:
            return
        if previous.tag == qn("w:p"):
            _keep_next(previous)
        elif previous.tag == qn("w:tbl"):
            rows = self.deferred.materialize(previous).findall(qn("w:tr"))
            for p in rows[-1].iter(qn("w:p")) if rows else ():
                _keep_next(p)

    def paragraph(self, style: str, align=None, *, keep_next: bool = False) -> Paragraph:
        # the w:pPr that python-docx's style, keep-with-next, page-break and alignment setters write, built
        # directly (in the schema's order)
        ppr = ox.el("w:pPr", ox.el("w:pStyle", w_val=self.styles[style.lower()]))
        if keep_next:
            ppr.append(ox.el("w:keepNext"))
        if self.pending_break:  # a page break as a property avoids an empty line on the new page
            ppr.append(ox.el("w:pageBreakBefore"))
            self.pending_break = False
        if align is not None:
            ppr.append(ox.el("w:jc", w_val=align.xml_value))
        return Paragraph(self.append(ox.el("w:p", ppr)), self.doc._body)

    def text_paragraph(self, style: str, spans: Spans, *, keep_next: bool = False) -> None:
        """add_runs(paragraph(style), spans), written as XML text and parsed once (most of a report's
        paragraphs are these)."""
        brk = ("<w:keepNext/>" if keep_next else "") + ("<w:pageBreakBefore/>" if self.pending_break else "")
        self.pending_break = False
        runs, _ = self.runs_xml(spans)
        style_id = ox.xml_attr(self.styles[style.lower()])
        self.append(ox.parse_xml(f'<w:p {ox.DECLARED}><w:pPr><w:pStyle w:val="{style_id}"/>{brk}</w:pPr>'
                                 f"{runs}</w:p>"))

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
        spans = self._inline.get(text)
        if spans is None:  # table cells repeat the same few texts: parse each once
            tokens = self.md.parseInline(text)
            spans = self._inline[text] = self.spans(tokens[0].children or []) if tokens else []
        return list(spans)

    def plain(self, text: str) -> str:
        return "".join(part for part, _, _ in self.inline(text))

    def add_runs(self, para: Paragraph, spans: Spans, *, bold: bool = False, size: float | None = None):
        """Add runs for `spans`; a [[BELUM DIISI: ...]] marker, even across spans, is bold on yellow."""
        for piece, strong, italic, missing in _pieces(spans, bold):
            para._p.append(_run(piece, bold=strong, italic=italic, size=size, highlight=missing))
        return para

    def cell_runs(self, teks: str, *, bold: bool, size: float | None) -> tuple[str, str]:
        """runs_xml of a table cell's inline Markdown `teks`."""
        key = (teks, bold, size)
        found = self._cells.get(key)
        if found is None:
            found = self._cells[key] = self.runs_xml(self.inline(teks), bold=bold, size=size)
        return found

    def runs_xml(self, spans: Spans, *, bold: bool = False, size: float | None = None) -> tuple[str, str]:
        """The runs add_runs would add, as XML text, and the text of their w:t elements."""
        pieces = list(_pieces(spans, bold))
        xml = "".join(ox.run_xml(piece, bold=strong, italic=italic, size=size, highlight=missing)
                      for piece, strong, italic, missing in pieces)
        return xml, "".join(_BREAKS.sub("", piece) for piece, _, _, _ in pieces)

    # --- sections ----------------------------------------------------------------------------

    def text_area(self, *, landscape: bool | None = None) -> tuple[int, int]:
        """(width, height) in twips of the current section's text, or of a portrait/landscape one."""
        landscape = self.section.landscape if landscape is None else landscape
        if landscape not in self._areas:
            self._areas[landscape] = ox.text_area(ox.section_properties(
                self.base_sect, landscape=landscape, num_fmt=None, start=None, footer_rid=None))
        return self._areas[landscape]

    def sect_pr(self, section: PageSection):
        kind, rid = ("empty" if section.cover else "page"), None
        if kind != self.footer_shown:  # otherwise the section links to the previous footer
            if kind not in self.footers:
                self.footers[kind] = ox.add_footer(self.doc.part, self.styles["footer"], kind == "page")
            rid, self.footer_shown = self.footers[kind], kind
        return ox.section_properties(self.base_sect, landscape=section.landscape, num_fmt=section.num_fmt,
                                     start=section.start, footer_rid=rid)

    def start_section(self, new: PageSection) -> None:
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

    def markdown(self, text: str, *, narrative: bool, first_line: int) -> None:
        """Paragraphs, headings and lists of one Markdown block (a narrative gets no headings or code)."""
        tokens = self._parsed(text, narrative)
        for index, tok in enumerate(tokens):
            self.line = first_line + tok.map[0] if tok.map else self.line
            if tok.type == "inline" and narrative and any(c.type == "image" for c in tok.children or ()):
                self.narrative_images(tok.children or [])
            elif tok.type == "inline":
                spans, opener = self.spans(tok.children or []), tokens[index - 1]
                if opener.type == "heading_open":
                    self.text_paragraph(f"Heading {min(int(opener.tag[1:]), 4)}", spans)
                elif self.lists:
                    self.list_paragraph(spans)
                else:  # a paragraph ending in ':' that opens a list stays on the page of the list
                    follows = tokens[index + 2].type if index + 2 < len(tokens) else ""
                    self.text_paragraph("Normal", spans, keep_next=follows in _LIST_OPEN and bool(spans)
                                        and spans[-1][0].rstrip().endswith(":"))
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                self.open_list(tok.type == "ordered_list_open", int(tok.attrGet("start") or 1))
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif tok.type == "list_item_open":
                self.item_fresh = True
            elif tok.type == "code_block":
                self.add_runs(self.paragraph("Normal"), [(tok.content.rstrip("\n"), False, False)])

    def _parsed(self, text: str, narrative: bool) -> list:
        """The block tokens of `text`; a report repeats many of its texts (one per indicator), parsed once.

        The tokens are only read, never changed, so one list serves every block with the same text.
        """
        key = (text, narrative)
        tokens = self._blocks.pop(key, None)
        if tokens is None:
            tokens = (self.narrative_md if narrative else self.md).parse(text)
            if len(self._blocks) >= BLOCK_CACHE:
                del self._blocks[next(iter(self._blocks))]  # the least recently used
        self._blocks[key] = tokens
        return tokens

    def narrative_images(self, children) -> None:
        """A narrative paragraph with images: its text, then each image centred with its title beneath."""
        text = [c for c in children if c.type != "image"]
        spans = self.spans(text)
        while spans and not spans[-1][0].strip():  # the line break before the image
            spans.pop()
        if spans:
            spans[-1] = (spans[-1][0].rstrip(), *spans[-1][1:])
        if "".join(t for t, _, _ in spans).strip():
            self.add_runs(self.paragraph("Normal"), spans)
        for image in (c for c in children if c.type == "image"):
            path = self.inside_project(image.attrGet("src") or "")
            para = self.paragraph("Normal", WD_ALIGN_PARAGRAPH.CENTER, keep_next=bool(image.content))
            self.picture(para, path, 15, int(Twips(self.text_area()[1] * 3 // 5)))
            if image.content:
                self.add_runs(self.paragraph("Caption"), [(image.content, False, False)])

    def inside_project(self, target: str) -> Path:
        """A path a planner wrote: it must name a file inside the project (validate checks it first)."""
        path = (self.base_dir / target).resolve()
        if not path.is_relative_to(self.base_dir.resolve()):
            raise self.error("W005", f"gambar di narasi berada di luar folder proyek: {target}")
        return self.image_path(path)

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
        ppr = para._p[0]  # pStyle and maybe pageBreakBefore: numPr and ind follow them
        if self.item_fresh and num_id is not None:
            ppr.append(ox.el("w:numPr", ox.el("w:ilvl", w_val=level), ox.el("w:numId", w_val=num_id)))
        else:  # a later paragraph of an item, or a list style without numbering: number by hand
            ppr.append(ox.el("w:numPr", ox.el("w:numId", w_val=0)))
            ind = ox.el("w:ind", w_left=ox.level_indent(self.numbering, abstract_id, level))
            ppr.append(ind)
            if self.item_fresh:
                ind.set(qn("w:hanging"), "397")  # a first-line indent of -397 twips
                spans = [((f"{number}." if ordered else "\u2022") + "\t", False, False), *spans]
                self.lists[-1][4] += 1
        self.item_fresh = False
        self.add_runs(para, spans)

    # --- pictures and captions ---------------------------------------------------------------

    def image_path(self, path: Path) -> Path:
        """An image the document may embed: a file inside the project folder or one the build made itself."""
        if not path.is_absolute():
            path = self.base_dir / path
        if not path.is_file():
            raise self.error("W005", f"berkas gambar tidak ditemukan: {self.shown(path)}")
        return path

    def shown(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.base_dir.resolve()).as_posix()
        except ValueError:
            return path.name

    def picture(self, para: Paragraph, path: Path, width_cm: float, max_height: int) -> None:
        try:
            image = Image.from_file(str(path))
            width = min(int(Cm(width_cm)), int(Twips(self.text_area()[0])))
            height = width * image.px_height // max(image.px_width, 1)
            if height > max_height:
                width, height = width * max_height // height, max_height
            para.add_run().add_picture(str(path), width=Emu(width), height=Emu(height))
        except (UnrecognizedImageError, OSError) as exc:
            reason = f"berkas gambar tidak dapat dibaca ({type(exc).__name__}): {self.shown(path)}"
            raise self.error("W005", reason) from None

    def caption(self, title: str, label: str, *, keep_next: bool) -> None:
        """'Tabel 3.1 Judul' -> caption whose number is a SEQ field, so TOC \\c lists it."""
        para = self.paragraph("Caption", keep_next=keep_next)
        match = CAPTION.match(title.strip())
        if not match or match.group(1).lower() != label.lower():
            self.add_runs(para, self.inline(title))
            return
        word, number, rest = match.groups()
        prefix, runs = ox.seq_field_runs(label, number)
        para._p.append(_run(f"{word} {prefix}", bold=False, italic=False, size=None, highlight=False))
        para._p.extend(runs)
        lead_match = re.match(r"^[\s:.\-\u2013]*", rest)  # always matches (possibly empty)
        lead = lead_match.group(0) if lead_match else ""
        para._p.append(_run(lead, bold=False, italic=False, size=None, highlight=False))
        self.add_runs(para, self.inline(rest[len(lead):]))


def _pieces(spans: Spans, bold: bool):
    """(text, bold, italic, missing) of each run for `spans`: a placeholder marker is cut out as its own runs."""
    joined = "".join(text for text, _, _ in spans)
    marks = [m.span() for m in PLACEHOLDER.finditer(joined)] if PLACEHOLDER_OPEN in joined else []
    cuts = sorted({i for span in marks for i in span})
    pos = 0
    for text, span_bold, italic in spans:
        end = pos + len(text)
        edges = [pos, *(c for c in cuts if pos < c < end), end]
        for start, stop in zip(edges, edges[1:], strict=False):
            if not (piece := NOT_XML.sub("", joined[start:stop])):
                continue
            missing = any(a <= start < b for a, b in marks)
            yield piece, bold or span_bold or missing, bool(italic), missing
        pos = end


def _keep_next(p) -> None:
    ppr = p.get_or_add_pPr()
    if ppr.find(qn("w:keepNext")) is None:
        Paragraph(p, None).paragraph_format.keep_with_next = True  # type: ignore[arg-type]
