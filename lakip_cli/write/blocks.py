"""write: the contract between render and write. A rendered report is a tuple of typed blocks.

Render produces these values; write consumes them. Nothing is parsed back from text: a
table is a `Table`, never a fenced block of JSON, so no text a planner types can become
an instruction to the writer. `Text` is Markdown written by a template (headings, lists,
emphasis); `Narrative` is Markdown typed by a planner, which the writer reads with a
smaller grammar (paragraphs, emphasis, lists: no headings, code, HTML or images).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Literal

Align = Literal["kiri", "tengah", "kanan"]

# ---------------------------------------------------------------- the placeholder for missing data

PLACEHOLDER_OPEN = "[[BELUM DIISI"
PLACEHOLDER = re.compile(r"\[\[BELUM DIISI(?::\s*([^\]]*))?\]\]")


def placeholder(what: str | None = None) -> str:
    """The visible mark for missing data: highlighted in a draft, refused by a final build."""
    return f"{PLACEHOLDER_OPEN}: {what}]]" if what else f"{PLACEHOLDER_OPEN}]]"


def placeholders_in(text: str) -> list[str]:
    """What each placeholder in `text` says is missing (the text of a bare marker is 'data')."""
    return [m.group(1) or "data" for m in PLACEHOLDER.finditer(text.replace("\\", ""))]


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Text:
    """Markdown written by a template: headings, paragraphs, lists, emphasis."""

    markdown: str


@dataclass(frozen=True)
class Narrative:
    """Markdown typed by a planner: paragraphs, emphasis and lists only."""

    markdown: str

    def __bool__(self) -> bool:
        return bool(self.markdown.strip())


@dataclass(frozen=True)
class Cover:
    judul: str
    subjudul: str = ""
    logo: Path | None = None
    instansi: str = ""
    pemerintah: str = ""
    tahun: str = ""


@dataclass(frozen=True)
class Section:
    """A new page section: page-number format, restart, orientation."""

    nomor: Literal["arab", "romawi"] = "arab"
    mulai: int | None = None
    orientasi: Literal["potret", "lanskap"] = "potret"

    def __post_init__(self) -> None:
        if self.mulai is not None and self.mulai < 1:
            raise ValueError("nomor halaman awal harus 1 atau lebih")


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Index:
    """Table of contents, list of tables or list of figures, as a field that clients fill in."""

    jenis: Literal["daftar-isi", "daftar-tabel", "daftar-gambar"]
    judul: str | None = None


@dataclass(frozen=True)
class Cell:
    """A table cell; `teks` is inline Markdown whose data parts are already escaped."""

    teks: str
    colspan: int = 1
    rowspan: int = 1
    rata: Align | None = None
    tebal: bool = False

    def __post_init__(self) -> None:
        if self.colspan < 1 or self.rowspan < 1:
            raise ValueError("colspan/rowspan sel harus minimal 1")


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[Row, ...]
    baris: tuple[Row, ...]
    judul: str = ""
    kaki: tuple[Row, ...] = ()
    lebar: tuple[float, ...] = ()
    lanskap: bool = False
    ukuran_huruf: float | None = None


@dataclass(frozen=True)
class Formula:
    """A fraction as a native equation: [kiri =] pembilang / penyebut [× pengali]."""

    pembilang: str
    penyebut: str
    kiri: str = ""
    pengali: str = ""


@dataclass(frozen=True)
class Picture:
    berkas: Path
    judul: str = ""
    lebar_cm: float = 15


@dataclass(frozen=True)
class Signature:
    tempat_tanggal: str
    jabatan: str
    nama: str
    pangkat: str = ""
    nip: str = ""
    posisi: Literal["kanan", "kiri", "tengah"] = "kanan"


@dataclass(frozen=True)
class SignaturePair:
    """Two parties signing side by side (a Perjanjian Kinerja): the second party left, the first right."""

    kiri: Signature
    kanan: Signature


@dataclass(frozen=True)
class Note:
    """A short plain-text note on its own line (placeholders for missing narrative)."""

    teks: str


Block = (Text | Narrative | Cover | Section | PageBreak | Index | Table | Formula | Picture | Signature
         | SignaturePair | Note)
NAMES: dict[type, str] = {
    Cover: "sampul", Section: "bagian", PageBreak: "pindah-halaman", Index: "daftar", Table: "tabel",
    Formula: "rumus", Picture: "gambar", Signature: "ttd", SignaturePair: "ttd-dua", Note: "catatan",
}


@dataclass(frozen=True)
class RenderedDocument:
    """What render hands to write: the blocks in reading order."""

    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def placeholders(self) -> list[str]:
        """Every placeholder left anywhere in the document, in order."""
        found: list[str] = []
        for block in self.blocks:
            found.extend(placeholders_in(_text_of(block)))
        return found

    def review_markdown(self, project_root: Path | None = None) -> tuple[str, tuple[int, ...]]:
        """The Markdown review copy saved beside the .docx, and the line on which each block starts in it.

        Text is as written, each other block a fenced block of its values. It is for reading and diffing
        only; nothing reads it back.
        """
        parts: list[str] = []
        lines: list[int] = []
        line = 1
        for block in self.blocks:
            if isinstance(block, Text | Narrative):
                part = block.markdown.strip("\n")
            else:
                payload = {k: _plain(v, project_root) for k, v in _fields(block).items()
                           if v not in (None, "", (), False)}
                body = json.dumps(payload, ensure_ascii=False) + "\n" if payload else ""
                part = f"```{NAMES[type(block)]}\n{body}```"
            lines.append(line)
            if part:
                parts.append(part)
                line += part.count("\n") + 2
        return "\n\n".join(parts) + "\n", tuple(lines)


_NAMES: dict[type, tuple[str, ...]] = {}


def _names(kind: type) -> tuple[str, ...]:
    names = _NAMES.get(kind)
    if names is None:
        names = _NAMES[kind] = tuple(f.name for f in fields(kind))
    return names


def _fields(value: Any) -> dict[str, Any]:
    """A block's fields by name, not copied (dataclasses.asdict copies every value: slow on large tables)."""
    return {name: getattr(value, name) for name in _names(type(value))}


_LEFT_OUT = (None, "", (), False, 1)  # what a nested value does not show (1: a span of one; True == 1 too)


def _plain(value: object, root: Path | None) -> object:
    if type(value) is Cell:  # the bulk of a large report; its fields are text, numbers and flags
        return {k: v for k in _names(Cell) if (v := getattr(value, k)) not in _LEFT_OUT}
    if is_dataclass(value) and not isinstance(value, type):
        value = _fields(value)
    if isinstance(value, Path):
        if root is not None and value.is_relative_to(root):
            return value.relative_to(root).as_posix()
        return value.name
    if isinstance(value, tuple | list):
        return [_plain(v, root) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, root) for k, v in value.items() if v not in _LEFT_OUT}
    return value


def _text_of(block: Block) -> str:
    if isinstance(block, Text | Narrative):
        return block.markdown
    if isinstance(block, Table):
        return " ".join(c.teks for rows in (block.header, block.baris, block.kaki) for row in rows for c in row)
    if isinstance(block, Signature):
        return " ".join((block.tempat_tanggal, block.jabatan, block.nama, block.pangkat, block.nip))
    if isinstance(block, SignaturePair):
        return " ".join((_text_of(block.kiri), _text_of(block.kanan)))
    if isinstance(block, Note):
        return block.teks
    if isinstance(block, Formula):
        return " ".join((block.pembilang, block.penyebut))
    if isinstance(block, Cover):
        return " ".join((block.judul, block.subjudul, block.instansi, block.pemerintah, block.tahun))
    return ""
