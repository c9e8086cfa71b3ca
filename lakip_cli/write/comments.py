"""write: a built python-docx Document + annotations -> the same Document with one Word comment per annotation.

A draft shows every finding where it occurs: a comment by "lakip" anchored on
the offending words (highlighted) when the finding quotes them and the quote
is found in a paragraph or table cell, else on the heading of the section the
finding is about, else on the first paragraph of the document. No annotation
is ever dropped. The quote is looked up first inside the section, so two
indicators with the same narrative each get their own comment in their own
section.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import nsmap, qn
from docx.text.run import Run
from lxml import etree

from lakip_cli.write import ooxml as ox

AUTHOR = "lakip"
INITIALS = "LK"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MARK = re.compile(r"^\[\[.*\]\]$", re.DOTALL)
_HEADING = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


@dataclass(frozen=True)
class Annotation:
    """What one comment says and where it belongs.

    excerpt: the document's own words the finding is about (highlighted), when known.
    section_hint: the text of the heading whose section holds the problem, when known;
    chapter_hint: a wider heading to fall back on when that section is not in the document.
    label: where the finding's source is (file:line:col), shown in the comment.
    """

    code: str
    message: str
    hint: str
    excerpt: str | None = None
    section_hint: str | None = None
    chapter_hint: str | None = None
    label: str = ""


@dataclass(frozen=True)
class Placed:
    """Where an annotation was anchored: 'kutipan' (the quoted words), 'judul' (a heading) or 'awal'."""

    annotation: Annotation
    how: str
    paragraph_text: str


_BLANKS = re.compile(r"\s+")
_R, _T, _VAL, _P, _TBL = qn("w:r"), qn("w:t"), qn("w:val"), qn("w:p"), qn("w:tbl")
_PPR, _PSTYLE = qn("w:pPr"), qn("w:pStyle")


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _norm(text: str) -> str:
    return " ".join(text.split())


class _Para:
    """A paragraph's text runs: the runs holding a single w:t, and the text they make together."""

    __slots__ = ("_flat", "_p", "_runs", "_text", "level")  # one per paragraph of a large report

    def __init__(self, p: Any, level: int | None = None):
        self._p = p
        self.level = _heading_level(p) if level is None else level
        self._runs: list[Any] | None = None  # read when first needed: most paragraphs are never searched
        self._text: str | None = None
        self._flat: tuple[str, str] | None = None

    @property
    def p(self) -> Any:
        return self._p

    def has_runs(self) -> bool:
        return bool(self.runs)

    @property
    def runs(self) -> list[Any]:
        if self._runs is None:
            self._runs = [r for r in self.p.iter(_R) if r.find(_T) is not None]
        return self._runs

    @runs.setter
    def runs(self, runs: list[Any]) -> None:
        self._runs = runs

    @property
    def text(self) -> str:
        if self._text is None:  # splitting runs never changes the text
            if self._runs is None:  # the text only: most paragraphs never need their runs
                self._text = "".join(_run_text(r) for r in self.p.iter(_R) if r.find(_T) is not None)
            else:
                self._text = "".join(_run_text(r) for r in self._runs)
        return self._text

    def flat_text(self) -> str:
        """flat()[0], kept only when flat() was asked for: the whole document's text is joined once besides."""
        return self._flat[0] if self._flat is not None else _BLANKS.sub(" ", self.text)

    def flat(self) -> tuple[str, str]:
        """The text with blanks collapsed to one space, and its lower case."""
        if self._flat is None:  # splitting runs never changes the text, so this holds for the whole pass
            flat = _BLANKS.sub(" ", self.text)  # \s is what str.isspace() calls a blank
            self._flat = (flat, flat.lower())
        return self._flat

    def index(self) -> list[int]:
        """Each character's index in text of the collapsed text (only for a paragraph that is marked)."""
        text = self.text
        return [i for i, ch in enumerate(text) if not (ch.isspace() and i > 0 and text[i - 1].isspace())]


class _CellPara(_Para):
    """A paragraph of a table kept as text (ooxml.Deferred): its text is known; its elements are made when a
    comment is placed on it."""

    __slots__ = ("_where",)

    def __init__(self, deferred: Any, placeholder: Any, number: int, position: int, text: str):
        self._p = None
        self.level = 0
        self._runs = None
        self._text = text
        self._flat = None
        self._where = (deferred, placeholder, number, position)

    @property
    def p(self) -> Any:
        if self._p is None:
            deferred, placeholder, number, position = self._where
            table = deferred.found.get(number)
            if table is None:
                table = deferred.materialize(placeholder)
            self._p = next(itertools.islice(table.iter(qn("w:p")), position, None))
        return self._p

    def has_runs(self) -> bool:
        return bool(self._text)  # each w:t holds text, so a paragraph with text has a run holding a w:t


def _paragraphs(body: Any, deferred: Any) -> list[_Para]:
    """Every paragraph of the body in order, those of deferred tables included."""
    levels = _heading_levels(body)
    if deferred is None or not deferred.xml:
        return [_Para(p, levels.get(p, 0)) for p in body.iter(_P)]
    paras: list[_Para] = []
    for element in body.iter(_P, _TBL):
        if element.tag == _P:
            paras.append(_Para(element, levels.get(element, 0)))
            continue
        number = deferred.number(element)
        if number is not None:
            paras.extend(_CellPara(deferred, element, number, position, text)
                         for position, text in enumerate(deferred.texts[number]))
    return paras


def _run_text(r: Any) -> str:
    return "".join(t.text or "" for t in r.iter(_T))


# The paragraphs whose style might be a heading, found by libxml2 in one pass: looking at each paragraph's
# style from Python costs two element objects per paragraph of a large report.
_MAYBE_HEADINGS = etree.XPath(
    ".//w:p[w:pPr/w:pStyle[starts-with(translate(@w:val, 'HEADINGİı', 'headingii'), 'heading')]]",
    namespaces={"w": nsmap["w"]})


def _heading_levels(body: Any) -> dict[Any, int]:
    """The heading paragraphs of `body` and their levels (1 to 9), as _heading_level reads them."""
    levels = {}
    for p in _MAYBE_HEADINGS(body):
        level = _heading_level(p)
        if level:
            levels[p] = level
    return levels


def _heading_level(p: Any) -> int:
    ppr = p.find(_PPR)  # two finds by tag: a find by path goes through ElementPath, slower
    style = ppr.find(_PSTYLE) if ppr is not None else None
    if style is None:
        return 0
    m = _HEADING.match(style.get(_VAL, ""))
    return int(m.group(1)) if m else 0


def _find(para: _Para, excerpt: str) -> tuple[int, int] | None:
    """(start, end) of the excerpt in the paragraph's text, blanks compared as one space, case-insensitively
    as a fallback."""
    want = _norm(excerpt)
    if not want:
        return None
    flat, lower = para.flat()
    at = flat.find(want)
    if at < 0:
        at = lower.find(want.lower())
    if at < 0:
        return None
    index = para.index()
    start = index[at]
    last = index[at + len(want) - 1]
    return start, last + 1


def _split(r: Any, k: int) -> Any:
    """Split run r at character k of its text; returns the second half (inserted after r)."""
    texts = list(r.iter(qn("w:t")))
    if len(texts) != 1:
        return None
    t = texts[0]
    value = t.text or ""
    if not 0 < k < len(value):
        return None
    tail = copy.deepcopy(r)
    t.text = value[:k]
    tail_t = next(tail.iter(qn("w:t")))
    tail_t.text = value[k:]
    for node in (t, tail_t):
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.addnext(tail)
    return tail


def _runs_for(para: _Para, start: int, end: int) -> list[Any]:
    """The runs covering text[start:end] exactly, splitting runs at the edges where they hold plain text."""
    pos = 0
    chosen = []
    for r in list(para.runs):
        text = _run_text(r)
        a, b = pos, pos + len(text)
        pos = b
        if b <= start or a >= end or not text:
            continue
        if _MARK.match(text):  # a draft's [[BELUM DIISI: ...]] mark is marked whole, never cut
            chosen.append(r)
            continue
        if a < start:
            tail = _split(r, start - a)
            if tail is not None:
                r, a = tail, start
                text = _run_text(r)
        if a + len(text) > end:
            _split(r, end - a)
        chosen.append(r)
    return chosen


class _Document:
    """Every paragraph's collapsed text in one string (and in lower case), to find the paragraphs that hold an
    excerpt without searching each one: a document-wide search per comment would grow with the square of
    the report."""

    def __init__(self, paras: list[_Para]):
        self.paras = paras
        self.joined: tuple[str, list[int], str, list[int]] | None = None

    def _joined(self) -> tuple[str, list[int], str, list[int]]:
        if self.joined is None:
            flats = [p.flat_text() for p in self.paras]
            # lower case may change a text's length: the lower-case string has its own starts
            self.joined = (*self._join(flats), *self._join([f.lower() for f in flats]))
        return self.joined

    @staticmethod
    def _join(texts: list[str]) -> tuple[str, list[int]]:
        starts, pos = [], 0
        for text in texts:
            starts.append(pos)
            pos += len(text) + 1
        return "\x00".join(texts), starts

    def holding(self, excerpt: str) -> Iterable[int]:
        """Indices, in order, of the paragraphs whose text holds `excerpt` as _find looks for it (and maybe more)."""
        want = _norm(excerpt)
        if not want or "\x00" in want:
            return range(len(self.paras))
        return self._holding(want)

    def _holding(self, want: str) -> Iterator[int]:
        flat, starts, lower, lower_starts = self._joined()
        low = want.lower()
        i = 0
        while i < len(self.paras):
            hits = []
            at = flat.find(want, starts[i])
            if at >= 0:
                hits.append(bisect.bisect_right(starts, at) - 1)
            at = lower.find(low, lower_starts[i])
            if at >= 0:
                hits.append(bisect.bisect_right(lower_starts, at) - 1)
            if not hits:
                return
            i = min(hits)
            yield i
            i += 1


class _Sections:
    """The headings of a document's paragraphs, looked up by their text in constant time."""

    def __init__(self, paras: list[_Para]):
        self.count = len(paras)
        self.heads = [(i, p.level, _norm(p.text).lower()) for i, p in enumerate(paras) if p.level]
        self.last: dict[str, int] = {}  # heading text -> position in self.heads of its last occurrence
        for k, (_, _, text) in enumerate(self.heads):
            self.last[text] = k
        self.found: dict[str, tuple[int, int] | None] = {}

    def find(self, hint: str | None) -> tuple[int, int] | None:
        """(first, last) paragraph indices of the last section whose heading reads `hint`."""
        if not hint:
            return None
        if hint not in self.found:
            self.found[hint] = self._find(_norm(hint).lower())
        return self.found[hint]

    def _find(self, want: str) -> tuple[int, int] | None:
        k = self.last.get(want)
        if k is None:
            k = next((k for k in range(len(self.heads) - 1, -1, -1) if self.heads[k][2].endswith(want)), None)
        if k is None:
            return None
        h, level, _ = self.heads[k]
        end = next((self.heads[j][0] for j in range(k + 1, len(self.heads)) if self.heads[j][1] <= level),
                   self.count)
        return h, end


def _comment_text(a: Annotation) -> str:
    lines = [f"[{a.code}] {a.message}", f"Tindakan: {a.hint}"]
    if a.label:
        lines.append(f"Sumber: {a.label}")
    return _clean("\n".join(lines))


def add_comments(document: Any, annotations: Sequence[Annotation], *, date: dt.datetime | None = None,
                 deferred: Any = None) -> list[Placed]:
    """Add one comment per annotation to `document` (python-docx Document); return where each one went.

    `deferred` (ooxml.Deferred) holds the tables the document keeps as text; a table a comment marks
    is made into elements.
    """
    if not annotations:
        return []
    body = document.element.body
    paras = _paragraphs(body, deferred)
    sections = _Sections(paras)
    holder = document.part._comments_part.element  # noqa: SLF001 - the w:comments element
    if holder.find(qn("w:comment")) is not None:  # comments there already: python-docx numbers each new one
        return _add_all(document, body, paras, sections, annotations, date)
    return _add_all(document, body, paras, sections, annotations, date, holder=holder)


_COMMENT_PARAGRAPH = '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
_ANNOTATION_REF = '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'


def _comment_xml(number: int, text: str) -> str:
    """The w:comment python-docx's add_comment(text=..., author=AUTHOR, initials=INITIALS) makes, as XML text:
    one CommentText paragraph per line, the first one opening with the annotation mark."""
    lines = text.split("\n")
    parts = [f'<w:comment {ox.DECLARED} w:id="{number}" w:author="{AUTHOR}" w:initials="{INITIALS}">',
             _COMMENT_PARAGRAPH, _ANNOTATION_REF, ox.run_xml(lines[0]), "</w:p>"]
    for line in lines[1:]:
        parts += [_COMMENT_PARAGRAPH, ox.run_xml(line) if line else "", "</w:p>"]
    parts.append("</w:comment>")
    return "".join(parts)


def _mark_range(first: Any, last: Any, number: int) -> None:
    """commentRangeStart before `first`; commentRangeEnd and the reference run after `last` (as python-docx)."""
    first.addprevious(ox.el("w:commentRangeStart", w_id=number))
    last.addnext(ox.el("w:r", ox.el("w:rPr", ox.el("w:rStyle", w_val="CommentReference")),
                       ox.el("w:commentReference", w_id=number)))
    last.addnext(ox.el("w:commentRangeEnd", w_id=number))


def _add_all(document: Any, body: Any, paras: list[_Para], sections: _Sections, annotations: Sequence[Annotation],
             date: dt.datetime | None, *, holder: Any = None) -> list[Placed]:
    """Place and add each comment; with `holder` (an empty w:comments) they are numbered from 0 and written
    directly, else python-docx adds each one."""
    placed: list[Placed] = []
    document_text = _Document(paras)
    for a in annotations:
        section = sections.find(a.section_hint) or sections.find(a.chapter_hint)
        target: tuple[_Para, list[Any], str] | None = None
        if a.excerpt:
            scopes: list[Iterable[int]] = [range(*section)] if section else []
            for scope in [*scopes, document_text.holding(a.excerpt)]:
                for i in scope:
                    para = paras[i]
                    span = _find(para, a.excerpt)
                    if span is None:
                        continue
                    runs = _runs_for(para, *span)
                    if runs:
                        for r in runs:
                            Run(r, None).font.highlight_color = WD_COLOR_INDEX.YELLOW  # type: ignore[arg-type]
                        target = (para, runs, "kutipan")
                        para.runs = [r for r in para.p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
                        break
                if target:
                    break
        if target is None and section is not None and paras[section[0]].has_runs():
            target = (paras[section[0]], paras[section[0]].runs, "judul")
        if target is None:
            first = next((p for p in paras if p.has_runs()), None)
            if first is None:  # an empty document: give the comment a run of its own to hold on to
                p = body.find(qn("w:p"))
                if p is None:
                    p = body.makeelement(qn("w:p"), {})
                    body.insert(0, p)
                r = p.makeelement(qn("w:r"), {})
                p.append(r)
                first = _Para(p)
                first.runs = [r]
            target = (first, first.runs, "awal")
        para, runs, how = target
        if holder is not None:
            number = len(placed)
            _mark_range(runs[0], runs[-1], number)
            comment_elm = ox.parse_xml(_comment_xml(number, _comment_text(a)))
            holder.append(comment_elm)
        else:
            comment = document.add_comment([Run(r, None) for r in runs], text=_comment_text(a),  # type: ignore[arg-type]
                                           author=AUTHOR, initials=INITIALS)
            comment_elm = comment._comment_elm  # noqa: SLF001
            comment_elm.attrib.pop(qn("w:date"), None)  # python-docx stamps now(); a build must be reproducible
        if date is not None:
            comment_elm.date = date
        placed.append(Placed(a, how, para.text))
    return placed


NOTE_COLOR = "C00000"
NOTE_FILL = "FDECEA"


# A heading with at most this many notes keeps them and its first line of text on one page; a longer run of
# notes is content of its own and may start at the page foot rather than leave most of a page empty.
KEPT_NOTES = 5


def _note_paragraph(body: Any, text: str, keep_next: bool = False) -> Any:
    """A small shaded paragraph in red italics that states one comment where a reader will see it.

    `keep_next` when the marked paragraph keeps with the next one (a heading with a few notes): the note
    between them keeps with it too, so a heading does not end a page with only its notes under it.
    """
    p = body.makeelement(qn("w:p"), {})
    ppr = p.makeelement(qn("w:pPr"), {})
    if keep_next:
        ppr.append(ppr.makeelement(qn("w:keepNext"), {}))
    ppr.append(ppr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): NOTE_FILL}))
    ppr.append(ppr.makeelement(qn("w:spacing"), {qn("w:before"): "40", qn("w:after"): "80"}))
    ppr.append(ppr.makeelement(qn("w:jc"), {qn("w:val"): "left"}))
    p.append(ppr)
    r = p.makeelement(qn("w:r"), {})
    rpr = r.makeelement(qn("w:rPr"), {})
    rpr.append(rpr.makeelement(qn("w:i"), {}))
    rpr.append(rpr.makeelement(qn("w:color"), {qn("w:val"): NOTE_COLOR}))
    rpr.append(rpr.makeelement(qn("w:sz"), {qn("w:val"): "16"}))
    rpr.append(rpr.makeelement(qn("w:szCs"), {qn("w:val"): "16"}))
    r.append(rpr)
    t = r.makeelement(qn("w:t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    t.text = _clean(text)
    r.append(t)
    p.append(r)
    return p


def _keep_next_styles(document: Any) -> set[str]:
    """The ids of the paragraph styles that keep with the next paragraph, directly or by inheritance."""
    own: dict[str, bool | None] = {}
    parent: dict[str, str] = {}
    for st in document.styles.element.iter(qn("w:style")):
        sid = st.get(qn("w:styleId"))
        flag = st.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
        own[sid] = None if flag is None else flag.get(qn("w:val"), "1") not in ("0", "false", "off")
        based = st.find(qn("w:basedOn"))
        if based is not None:
            parent[sid] = based.get(qn("w:val"))

    def keeps(sid: str | None, depth: int = 0) -> bool:
        while sid is not None and depth < 20:
            if own.get(sid) is not None:
                return bool(own[sid])
            sid, depth = parent.get(sid), depth + 1
        return False

    return {sid for sid in own if keeps(sid)}


def _keep_last_row(table: Any) -> None:
    """The paragraphs of a table's last row keep with what follows the table (the keepNext python-docx writes)."""
    rows = table.findall(qn("w:tr"))
    for p in rows[-1].iter(qn("w:p")) if rows else ():
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = p.makeelement(qn("w:pPr"), {})
            p.insert(0, ppr)
        if ppr.find(qn("w:keepNext")) is None:
            style = ppr.find(qn("w:pStyle"))
            ppr.insert(1 if style is not None and ppr.index(style) == 0 else 0, ppr.makeelement(qn("w:keepNext"), {}))


def _keeps_with_next(para: Any, styles: set[str]) -> bool:
    ppr = para.find(qn("w:pPr"))
    if ppr is None:
        return False
    flag = ppr.find(qn("w:keepNext"))
    if flag is not None:
        return flag.get(qn("w:val"), "1") not in ("0", "false", "off")
    style = ppr.find(qn("w:pStyle"))
    return style is not None and style.get(qn("w:val")) in styles


def inline_comments(document: Any) -> int:
    """Turn every comment of a built document into a visible note right after the paragraph (or table) it marks.

    For the PDF of a draft: LibreOffice without its desktop UI files (the -nogui packages that servers
    and CI install) cannot lay out Word comments and stops on them, and margin comments shrink every
    page; a shaded note under the highlighted words reads the same on screen and on paper.
    Returns the number of comments turned into notes; the comments part is removed.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = document.part
    rels = [rid for rid, rel in part.rels.items() if rel.reltype == RT.COMMENTS]
    if not rels:
        return 0
    texts = {c.comment_id: " · ".join(p.text for p in c.paragraphs if p.text) for c in document.comments}
    body = document.element.body
    keeping = _keep_next_styles(document)
    refs = list(body.iter(qn("w:commentReference")))
    def holder(ref: Any) -> Any:
        """The paragraph a note goes after; a note inside a narrow cell would break the table: after the table."""
        para = next(ref.iterancestors(qn("w:p")))
        tables = list(para.iterancestors(qn("w:tbl")))
        return tables[-1] if tables else para

    marks: Counter[Any] = Counter(holder(ref) for ref in refs)  # notes per holder (the key keeps lxml's proxy alive)
    for ref in reversed(refs):
        run = ref.getparent()
        para = holder(ref)
        few = marks[para] <= KEPT_NOTES
        if para.tag == qn("w:tbl") and few:  # a table's few notes start on the page of its last row
            _keep_last_row(para)
        keep = para.tag == qn("w:p") and few and _keeps_with_next(para, keeping)
        note = _note_paragraph(body, "lakip " + texts.get(int(ref.get(qn("w:id"))), ""), keep)
        sect = para.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sect is not None:  # the marked paragraph ends a section: the note stays in it, the section ends after
            note.find(qn("w:pPr")).append(sect)
        para.addnext(note)
        run.getparent().remove(run)
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        for mark in list(body.iter(qn(tag))):
            mark.getparent().remove(mark)
    for rid in rels:
        part.drop_rel(rid)
    return len(refs)
