"""validate: Pydantic errors -> located diagnostics in Indonesian (a missing key points at its parent)."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from lakip_cli.diagnostics import Diagnostic
from lakip_cli.source.load import PathKey, YamlDoc, date_correction, number_correction

_TYPE_MESSAGES = {
    "int_type": "harus bilangan bulat, ditulis tanpa titik pemisah ribuan (mis. 75000000, bukan 75.000.000)",
    "int_parsing": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat (tanpa desimal)",
    "decimal_type": "harus angka",
    "decimal_parsing": "harus angka",
    "finite_number": "harus angka terhingga",
    "float_type": "harus angka",
    "string_type": "harus teks",
    "bool_type": "harus true atau false",
    "bool_parsing": "harus true atau false",
    "date_type": "harus tanggal (TTTT-BB-HH)",
    "date_parsing": "harus tanggal (TTTT-BB-HH)",
    "date_from_datetime_inexact": "harus tanggal tanpa jam",
    "dict_type": "harus berupa pemetaan (kunci: nilai)",
    "model_type": "harus berupa pemetaan (kunci: nilai)",
    "model_attributes_type": "harus berupa pemetaan (kunci: nilai)",
    "tuple_type": "harus berupa daftar (- ...)",
    "list_type": "harus berupa daftar (- ...)",
    "string_pattern_mismatch": "hanya boleh huruf, angka, '-', '_' dan '.' (tanpa spasi)",
    "decimal_max_places": "terlalu banyak angka desimal",
    "decimal_whole_digits": "terlalu banyak angka",
    "decimal_max_digits": "terlalu banyak angka",
    "int_parsing_size": "angka terlalu besar",
    "float_parsing": "harus angka",
    "is_instance_of": "jenis nilai tidak sesuai",
    "union_tag_invalid": "jenis nilai tidak sesuai",
    "set_type": "harus berupa daftar (- ...)",
    "none_required": "harus kosong",
}
_MAPPING_KINDS = {"dict_type", "model_type", "model_attributes_type"}
_NUMBER_KINDS = {"int_type", "int_parsing", "decimal_type", "decimal_parsing", "float_type", "float_parsing"}
_DATE_KINDS = {"date_type", "date_parsing", "date_from_datetime_parsing"}


def _message(err: ErrorDetails, field: str) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    typed = err.get("input")
    if isinstance(typed, str) and kind in _NUMBER_KINDS | _DATE_KINDS:
        hint = number_correction(typed) if kind in _NUMBER_KINDS else date_correction(typed)
        if hint:
            return hint
    if kind == "decimal_max_places":
        return f"paling banyak {ctx.get('decimal_places')} angka di belakang titik desimal"
    if kind == "string_too_long":
        size = len(typed) if isinstance(typed, str) else "?"
        return f"teks terlalu panjang ({size} karakter; batas {ctx.get('max_length')} karakter)"
    if kind == "too_long":
        return f"daftar terlalu panjang (batas {ctx.get('max_length')} butir)"
    if kind == "less_than":
        return f"nilai harus < {ctx.get('lt')}"
    if kind == "missing":
        return f"kunci wajib '{field}' tidak ada"
    if kind == "extra_forbidden":
        return f"kunci tidak dikenal '{field}'"
    if kind in ("greater_than_equal",):
        return f"nilai harus ≥ {ctx.get('ge')}"
    if kind in ("greater_than",):
        return f"nilai harus > {ctx.get('gt')}"
    if kind in ("less_than_equal",):
        return f"nilai harus ≤ {ctx.get('le')}"
    if kind == "literal_error":
        return f"nilai harus salah satu dari: {ctx.get('expected', '')}".replace(" or ", ", ")
    if kind in ("too_short",):
        return "tidak boleh kosong"
    if kind in ("string_too_short",):
        return "teks tidak boleh kosong"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind]
    return f"nilai tidak valid ({err['msg']})"


def _data_path(doc: YamlDoc, loc: tuple[Any, ...], kind: str = "") -> tuple[PathKey, bool]:
    """Turn a Pydantic loc into a path through the data, dropping union/validator tags.

    Returns the path and whether a union branch tag was skipped.
    """
    path: list[str | int] = []
    node: Any = doc.data
    skipped = False
    for part in loc:
        if isinstance(node, dict):
            key: Any = part
            if key not in node and isinstance(part, str) and part.isdigit() and int(part) in node:
                key = int(part)
            if key in node:
                path.append(key)
                node = node[key]
                continue
            # A missing or extra key: the last element names it; union tags are not data keys.
            if part is loc[-1] and kind in ("missing", "extra_forbidden"):
                path.append(part)
                node = None
                continue
            skipped = True
            continue
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
            continue
        skipped = True
    return tuple(path), skipped


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model that owns the last element of loc (for 'did you mean')."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            continue
        ann = fields[part].annotation
        current = _inner_model(ann) or current
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _inner_model(ann: Any) -> type[BaseModel] | None:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


# Keys planners write for a range's bounds, from other tools and documents: {min, maks} is {bawah, atas}.
_SYNONYMS = {"min": "bawah", "minimum": "bawah", "minimal": "bawah", "dari": "bawah", "rendah": "bawah",
             "maks": "atas", "max": "atas", "maksimum": "atas", "maksimal": "atas", "maximum": "atas",
             "sampai": "atas", "hingga": "atas", "tinggi": "atas"}


def _named_by_synonym(grouped: dict[PathKey, list[tuple[str, ErrorDetails]]]) -> set[PathKey]:
    """Missing keys whose value was written under a synonym beside them ({min: 60} for 'bawah'): the unknown
    key's message names the right key, so 'kunci wajib tidak ada' would only repeat it."""
    out: set[PathKey] = set()
    for path, items in grouped.items():
        if path and any(e["type"] == "extra_forbidden" for _, e in items):
            name = _SYNONYMS.get(str(path[-1]).lower())
            if name is not None:
                out.add((*path[:-1], name))
    return out


def diagnostics_from_validation(doc: YamlDoc, model: type[BaseModel], exc: ValidationError) -> list[Diagnostic]:
    grouped: dict[PathKey, list[tuple[str, ErrorDetails]]] = {}
    errors = exc.errors(include_url=False)
    # Pydantic also reports a tuple as too short when one of its items failed; that echo is noise.
    deeper = [tuple(e["loc"]) for e in errors]
    errors = [e for e in errors if not (e["type"] == "too_short" and any(
        len(d) > len(e["loc"]) and d[: len(e["loc"])] == tuple(e["loc"]) for d in deeper))]
    union_paths: set[PathKey] = set()
    for err in errors:
        path, skipped = _data_path(doc, tuple(err["loc"]), err["type"])
        if any(path[: len(r)] == r for r in doc.refused):
            continue  # already reported by the loader, with a better message
        if skipped:
            union_paths.add(path)
        field = str(path[-1]) if path else "(akar)"
        grouped.setdefault(path, []).append((_message(err, field), err))
    # A union value written in its mapping form: the errors inside the mapping say more than "must be a number".
    for path in union_paths:
        if any(len(other) > len(path) and other[: len(path)] == path for other in grouped):
            grouped.pop(path, None)
    for path in _named_by_synonym(grouped):
        if all(e["type"] == "missing" for _, e in grouped.get(path, [])):
            grouped.pop(path, None)
    out: list[Diagnostic] = []
    for path, items in grouped.items():
        errs = [e for _, e in items]
        kinds = {e["type"] for e in errs}
        loc = doc.locate(path[:-1]) if kinds == {"missing"} else doc.locate(path, key="extra_forbidden" in kinds)
        if "extra_forbidden" in kinds:
            field = str(path[-1])
            msg = f"kunci tidak dikenal '{field}'"
            allowed = _allowed_fields(model, tuple(errs[0]["loc"]))
            hint = [_SYNONYMS[field.lower()]] if _SYNONYMS.get(field.lower()) in allowed else []
            hint = hint or difflib.get_close_matches(field, allowed, n=1)
            if hint:
                msg += f"; maksud Anda '{hint[0]}'?"
            out.append(Diagnostic(loc, "V011", "error", msg))
            continue
        # A scalar written where a number or a mapping may stand: "must be a mapping" only adds noise.
        scalar = [(m, e) for m, e in items if not (e["type"] in _MAPPING_KINDS and not isinstance(e["input"], dict))]
        # And a mapping written where a number or a mapping may stand: "must be a number" adds noise to what
        # the mapping's own check says (a range whose lower bound is above its upper bound).
        mapping = [(m, e) for m, e in (scalar or items)
                   if not (e["type"] in _NUMBER_KINDS and isinstance(e["input"], dict))]
        messages = list(dict.fromkeys(m for m, _ in (mapping or scalar or items)))
        where = next((str(p) for p in reversed(path) if isinstance(p, str)), "(akar)")
        code = "V010" if kinds == {"missing"} else "V012"
        if code == "V010":
            out.append(Diagnostic(loc, code, "error", messages[0]))
        else:
            out.append(Diagnostic(loc, code, "error", f"'{where}': " + " atau ".join(messages)))
    return out


