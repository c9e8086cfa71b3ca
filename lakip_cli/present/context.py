"""render: Report -> what a template sees. Plain, immutable values: no Path, no model, no method that reaches out.

Templates travel between offices, so a template is treated as untrusted: it gets `Record`s (read-only
bags of named values), tuples, strings, numbers and dates, built here from the computed report. Text
that a planner typed is already escaped for Markdown, so it prints literally wherever a template puts it;
a narrative field (Markdown typed by a planner) becomes a `Narrative` block that the writer reads with
its restricted grammar. Python helpers that need the original object find it through the record's
private token, which the sandbox keeps out of a template's reach.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from pathlib import PurePath
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

from lakip_cli.write.blocks import Narrative

MARKDOWN_DESCRIPTION = "Teks Markdown"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~!])")
_LIST_START = re.compile(r"(?m)^(\s*)(\d+)\.(\s)")
_LINE_START = re.compile(r"(?m)^(\s*)([-+=])")

# Strings a computation produced (codes, states), not text a planner typed: never escaped.
CODE_FIELDS = frozenset({"id", "status", "tren", "rumus_negatif", "sasaran_id", "tujuan", "sumber", "status_renstra",
                         "polaritas", "posisi", "posisi_rentang", "rumus", "cakupan", "polaritas_negatif",
                         "agregasi_sasaran", "lokal", "jenis_target"})
# Never handed to a template: where the data came from and the raw project (paths, YAML documents).
HIDDEN_FIELDS = frozenset({"project", "source", "location", "doc", "notes", "previous", "root"})


def esc(text: object) -> str:
    """Escape a data string so Markdown prints it literally (names with |, *, _, &, <, a leading '1.' or '-')."""
    if text is None:
        return ""
    out = _MD_SPECIAL.sub(r"\\\1", str(text))
    out = _LIST_START.sub(r"\1\2\\.\3", out)
    return _LINE_START.sub(r"\1\\\2", out)


class Record:
    """A read-only bag of named values, readable as `record.name` or `record["name"]` in a template."""

    __slots__ = ("_values", "_token")

    def __init__(self, values: Mapping[str, Any], token: int | None = None) -> None:
        object.__setattr__(self, "_values", MappingProxyType(dict(values)))
        object.__setattr__(self, "_token", token)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Record bersifat hanya-baca")

    def __repr__(self) -> str:
        return "Record(" + ", ".join(self._values) + ")"


def _is_markdown(info: Any) -> bool:
    """A field declared with the models' `Markdown` type, optional or not."""
    if info.description == MARKDOWN_DESCRIPTION:
        return True
    return MARKDOWN_DESCRIPTION in repr(info.annotation)


class Freezer:
    """Turns computed values into template values, once per object; remembers the originals by token."""

    def __init__(self) -> None:
        self.originals: dict[int, object] = {}
        self._memo: dict[int, object] = {}

    def original(self, value: object) -> object:
        """The object a Record was made from (for Python helpers), or the value itself."""
        token = object.__getattribute__(value, "_token") if isinstance(value, Record) else None
        return self.originals.get(token, value) if token is not None else value

    def freeze(self, value: object, *, code: bool = False, markdown: bool = False) -> object:
        if value is None or isinstance(value, bool | int | Decimal | dt.date | Narrative):
            return value
        if isinstance(value, Enum):
            return self.freeze(value.value, code=True)
        if isinstance(value, str):
            if markdown:
                return Narrative(value)
            return value if code else esc(value)
        if isinstance(value, float):
            return Decimal(str(value))
        if isinstance(value, PurePath):
            return None  # a template never sees a path
        if isinstance(value, tuple | list | frozenset | set):
            return tuple(self.freeze(v, code=code, markdown=markdown) for v in value)
        if isinstance(value, Mapping):
            return MappingProxyType({str(k): self.freeze(v) for k, v in value.items()})
        key = id(value)
        if key in self._memo:
            return self._memo[key]
        if isinstance(value, BaseModel):
            record = self._model(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            record = self._dataclass(value)
        elif hasattr(value, "model"):  # a Sourced[...] wrapper: its model is the data
            return self.freeze(value.model)
        else:
            raise TypeError(f"nilai bertipe {type(value).__name__} tidak dapat diberikan kepada templat")
        self._memo[key] = record
        return record

    def _token(self, value: object) -> int:
        token = len(self.originals) + 1
        self.originals[token] = value
        return token

    def _model(self, model: BaseModel) -> Record:
        values: dict[str, object] = {}
        for name, code, markdown in _model_fields(type(model)):
            values[name] = self.freeze(getattr(model, name), code=code, markdown=markdown)
        return Record(values, self._token(model))

    def _dataclass(self, obj: object) -> Record:
        values: dict[str, object] = {}
        for name, code in _dataclass_fields(type(obj)):
            values[name] = self.freeze(getattr(obj, name), code=code)
        return Record(values, self._token(obj))


# What a template sees of each class, found once per class (a report freezes thousands of objects).
_MODEL_FIELDS: dict[type, tuple[tuple[str, bool, bool], ...]] = {}
_DATACLASS_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _model_fields(kind: type[BaseModel]) -> tuple[tuple[str, bool, bool], ...]:
    """(name, is a code, is Markdown) of each field of a model class."""
    found = _MODEL_FIELDS.get(kind)
    if found is None:
        found = _MODEL_FIELDS[kind] = tuple((name, name in CODE_FIELDS, _is_markdown(info))
                                            for name, info in kind.model_fields.items())
    return found


def _dataclass_fields(kind: type) -> tuple[tuple[str, bool], ...]:
    """(name, is a code) of each field, then each property, of a dataclass that a template may read."""
    found = _DATACLASS_FIELDS.get(kind)
    if found is None:
        names = [f.name for f in dataclasses.fields(kind) if f.name not in HIDDEN_FIELDS and not f.name.startswith("_")]
        names += [name for name, attr in vars(kind).items()
                  if isinstance(attr, property) and name not in HIDDEN_FIELDS and not name.startswith("_")]
        found = _DATACLASS_FIELDS[kind] = tuple((name, name in CODE_FIELDS) for name in names)
    return found
