"""write: reference.docx -> a python-docx Document that contributes styles and page setup only.

A reference document travels between offices like a template. Anything in it that reaches outside the
file (an external relationship such as a linked header image or an attached template), runs code
(macros), embeds another program's object, or fetches when fields update (INCLUDEPICTURE, INCLUDETEXT)
is dropped here, with a warning naming it, before any of it can be copied into a report.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from lakip_cli.diagnostics import Diagnostic, SourceLocation, fail

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
# Relationship kinds that never belong in a style source, whatever their target.
REFUSED_KINDS = {
    "vbaProject": "makro (vbaProject)",
    "oleObject": "objek tersemat (OLE)",
    "package": "objek tersemat (paket)",
    "attachedTemplate": "templat terlampir (attachedTemplate)",
    "subDocument": "subdokumen",
    "aFChunk": "potongan dokumen sisipan (altChunk)",
    "frame": "bingkai ke dokumen lain",
}
CONTAINERS = {f"{{{W_NS}}}drawing", f"{{{W_NS}}}pict", f"{{{W_NS}}}object"}
FETCHING_FIELD = re.compile(r"\b(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b", re.I)


@dataclass(frozen=True)
class Reference:
    document: Any  # docx.document.Document
    warnings: tuple[Diagnostic, ...]


def open_reference(path: Path) -> Reference:
    """Open and clean the reference document; LakipError W001 when it is not a Word document."""
    if not path.is_file():
        raise fail(str(path), "W001", f"dokumen referensi tidak ditemukan: {path}")
    try:
        document = Document(str(path))
    except ValueError as exc:
        if "macroEnabled" in str(exc):
            raise fail(str(path), "W001", "dokumen referensi memuat makro (.docm); simpan sebagai .docx tanpa makro") \
                from None
        raise fail(str(path), "W001", f"dokumen referensi bukan berkas Word (.docx) yang sah: {path}") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError, OSError):
        raise fail(str(path), "W001", f"dokumen referensi bukan berkas Word (.docx) yang sah: {path}") from None
    found = _clean(document)
    where = SourceLocation(str(path))
    warnings = tuple(Diagnostic(where, "W010", "warning",
                                f"dokumen referensi memuat {what}; dibuang, karena dokumen referensi hanya "
                                "menyumbang gaya dan tata halaman") for what in found)
    return Reference(document, warnings)


def body_font(path: Path) -> str:
    """The body font the reference document names (docDefaults), read without opening it as a document;
    Arial, the built-in reference's font, when it names none or cannot be read (write_docx reports why)."""
    try:
        with zipfile.ZipFile(path) as package:
            styles = package.read("word/styles.xml")
        from lxml import etree  # noqa: PLC0415

        root = etree.fromstring(styles, parser=etree.XMLParser(resolve_entities=False, no_network=True))
        fonts = root.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii", namespaces={"w": W_NS})
    except (OSError, KeyError, zipfile.BadZipFile, XMLSyntaxError, ValueError):
        return "Arial"
    return str(fonts[0]) if fonts else "Arial"


def _clean(document) -> list[str]:
    found: list[str] = []
    for part in list(document.part.package.iter_parts()):
        removed: set[str] = set()
        for rid, rel in list(part.rels.items()):
            kind = rel.reltype.rsplit("/", 1)[-1]
            if rel.is_external:
                found.append(f"tautan ke luar berkas ({kind}: {rel.target_ref})")
            elif kind in REFUSED_KINDS:
                found.append(REFUSED_KINDS[kind])
            else:
                continue
            del part.rels[rid]
            removed.add(rid)
        element = getattr(part, "_element", None)
        if element is None:
            continue
        if removed:
            _drop_references(element, removed)
        found.extend(_drop_fetching_fields(element))
    return sorted(set(found), key=found.index)


def _drop_references(root, removed: set[str]) -> None:
    """Remove every element that points at a dropped relationship (a linked blip keeps its embedded picture)."""
    doomed = []
    for el in root.iter():
        for attr, value in list(el.attrib.items()):
            if not attr.startswith(f"{{{R_NS}}}") or value not in removed:
                continue
            if el.tag == f"{{{A_NS}}}blip" and attr == f"{{{R_NS}}}link":
                del el.attrib[attr]
                continue
            holder = next((a for a in el.iterancestors() if a.tag in CONTAINERS), el)
            doomed.append(holder)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)


def _drop_fetching_fields(root) -> list[str]:
    found = []
    for simple in list(root.iter(f"{{{W_NS}}}fldSimple")):
        instr = simple.get(f"{{{W_NS}}}instr") or ""
        if FETCHING_FIELD.search(instr):
            found.append(f"bidang yang mengambil isi dari luar ({instr.strip().split()[0].upper()})")
            simple.getparent().remove(simple)
    for text in root.iter(f"{{{W_NS}}}instrText"):
        if text.text and FETCHING_FIELD.search(text.text):
            found.append(f"bidang yang mengambil isi dari luar ({text.text.strip().split()[0].upper()})")
            text.text = " "
    return found
