"""Writer test cases are kept as review copies (Markdown with fenced blocks); this reads one into typed blocks.

Only the tests read review copies back: a build hands the writer its blocks directly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from lakip_cli.write.blocks import (
    Block,
    Cover,
    Formula,
    Index,
    Note,
    PageBreak,
    Picture,
    RenderedDocument,
    Section,
    Signature,
    Table,
    Text,
)

FENCE = re.compile(r"^```([a-z-]+)\n(.*?)^```\n?", re.S | re.M)
KINDS: dict[str, type] = {"sampul": Cover, "bagian": Section, "tabel": Table, "rumus": Formula, "gambar": Picture,
                          "ttd": Signature}


def _cell(value: Any) -> Any:
    return {"teks": value} if isinstance(value, str) else value


def _block(name: str, body: str, base: Path) -> Block:
    if name == "catatan":
        return Note(body.strip("\n"))
    if name == "pindah-halaman":
        return PageBreak()
    data = json.loads(body) if body.strip() else {}
    if name in ("daftar-isi", "daftar-tabel", "daftar-gambar"):
        return Index(name, data.get("judul"))  # type: ignore[arg-type]
    if name == "tabel":
        for key in ("header", "baris", "kaki"):
            data[key] = [[_cell(c) for c in row] for row in data.get(key, [])]
    for key in ("berkas", "logo"):
        if data.get(key):
            data[key] = base / data[key]
    return TypeAdapter(KINDS[name]).validate_python(data)


def read_case(path: Path) -> RenderedDocument:
    text = path.read_text(encoding="utf-8")
    blocks: list[Block] = []
    pos = 0
    for m in FENCE.finditer(text):
        if text[pos:m.start()].strip():
            blocks.append(Text(text[pos:m.start()]))
        blocks.append(_block(m.group(1), m.group(2), path.parent))
        pos = m.end()
    if text[pos:].strip():
        blocks.append(Text(text[pos:]))
    return RenderedDocument(tuple(blocks))
