"""schema: Pydantic models -> JSON Schema files, one per data file kind (for editors and CI)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from lakip_cli.source.models import Anggaran, Indikator, Instansi, Laporan, Pengaturan, Perencanaan

SCHEMA_DIR = "schemas"
KINDS: dict[str, type[BaseModel]] = {
    "lakip": Pengaturan,
    "instansi": Instansi,
    "perencanaan": Perencanaan,
    "anggaran": Anggaran,
    "laporan": Laporan,
    "indikator": Indikator,
}


def schema_texts() -> dict[str, str]:
    """File name -> JSON text, stable so that a stale schemas/ folder shows up as a diff."""
    out = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{kind}.schema.json"
        out[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
