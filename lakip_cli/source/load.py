"""load: YAML files -> plain data plus a map from every node's path to its source position.

Loading is safe by construction: only YAML's standard scalar types are built,
duplicate keys are refused, alias expansion and file size are bounded, and
every failure becomes a located diagnostic instead of an exception trace.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lakip_cli.diagnostics import Diagnostic, LakipError, SourceLocation, fail

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000
MAX_ALIASES = 200

PathKey = tuple[str | int, ...]

try:  # libyaml's composer is several times faster; both give the same nodes and marks
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class YamlDoc:
    """One loaded file: its data and where every value (and every mapping key) stands."""

    path: str
    data: Any
    values: dict[PathKey, tuple[int, int]]
    keys: dict[PathKey, tuple[int, int]]
    # Where each value ends (the position just after it), so a location can be placed inside a node.
    ends: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    # For every string scalar: (start, end) character indices into text and its style (None, '|', '>', '"', "'").
    strings: dict[PathKey, tuple[int, int, str | None]] = field(default_factory=dict)
    text: str = ""

    def locate(self, where: PathKey, *, key: bool = False) -> SourceLocation:
        """The position of a path, or of its nearest existing parent."""
        table = self.keys if key and where in self.keys else self.values
        for n in range(len(where), -1, -1):
            pos = table.get(where[:n]) or self.values.get(where[:n])
            if pos:
                return SourceLocation(self.path, *pos)
        return SourceLocation(self.path, 1, 1)

    def locate_text(self, where: PathKey, offset: int) -> SourceLocation | None:
        """The line:col of character `offset` of the string value at `where` (any scalar style); None if unknown."""
        found = self.strings.get(where)
        if found is None:
            return None
        start, end, style = found
        value = self._value(where)
        if not isinstance(value, str) or not 0 <= offset < len(value):
            return None
        index = start + _align(value, self.text[start:end], style)[offset]
        line = bisect.bisect_right(self._line_starts, index)
        return SourceLocation(self.path, line, index - self._line_starts[line - 1] + 1)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [i + 1 for i, ch in enumerate(self.text) if ch == "\n"]

    def _value(self, where: PathKey) -> Any:
        node = self.data
        for part in where:
            node = node[part]
        return node

    def path_at(self, line: int, col: int) -> PathKey:
        """The deepest path whose node holds the position line:col (() for the whole file)."""
        best: PathKey = ()
        for where, end in self.ends.items():
            start = self.keys.get(where) or self.values.get(where)
            if start and start <= (line, col) <= end and len(where) > len(best):
                best = where
        return best

    def span(self, where: PathKey) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """(start, end) of a path's node, from its key when it has one; None when the path does not exist."""
        start = self.keys.get(where) or self.values.get(where)
        end = self.ends.get(where)
        return (start, end) if start and end else None


def _align(value: str, source: str, style: str | None) -> list[int]:
    """For each character of a scalar's value, its index in the scalar's source text.

    Folding, indentation, line continuations and escapes change the text between
    source and value, never the order of its visible characters: each non-blank
    value character is the next matching source character after blanks (or the
    escape sequence that produced it). Blanks map to wherever the walk stands.
    """
    j = source.find("\n") + 1 if style in ("|", ">") else (1 if style in ('"', "'") else 0)
    out: list[int] = []
    for ch in value:
        if ch.isspace():
            while style == '"' and source.startswith("\\\n", j):  # a line continuation: break and indent vanish
                j += 2
                while j < len(source) and source[j] in " \t":
                    j += 1
            out.append(j)
            if j < len(source) and source[j].isspace():
                j += 1
            elif style == '"' and source[j : j + 1] == "\\" and source[j + 1 : j + 2] not in ("\n", ""):
                j += {"x": 4, "u": 6, "U": 10}.get(source[j + 1 : j + 2], 2)  # an escaped blank, e.g. \t
            continue
        while j < len(source) and (source[j].isspace() or (style == '"' and source.startswith("\\\n", j))):
            j += 1
        out.append(j)
        if j >= len(source):
            continue
        if style == '"' and source[j] == "\\":
            j += {"x": 4, "u": 6, "U": 10}.get(source[j + 1 : j + 2], 2)
        elif source[j] == ch:
            j += 2 if style == "'" and ch == "'" and source.startswith("''", j) else 1
        else:
            j += 1
    return out


_SCALAR = yaml.constructor.SafeConstructor()


def _scalar(node: ScalarNode, rel: str) -> Any:
    tag = node.tag
    if tag == "tag:yaml.org,2002:float":
        text = node.value.replace("_", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise _at(rel, node, "V012", f"angka '{node.value}' tidak dapat digunakan")
        return value
    if tag in (
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp",
    ):
        try:
            value = _SCALAR.construct_object(node)
        except ValueError:
            raise _at(rel, node, "V012", f"tanggal '{node.value}' tidak ada di kalender (format TTTT-BB-HH)") from None
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() else value
        return value
    raise _at(rel, node, "V001", f"tag YAML '{tag}' tidak diizinkan")


def _at(rel: str, node: Node, code: str, message: str) -> LakipError:
    m = node.start_mark
    return fail(rel, code, message, m.line + 1, m.column + 1)


class _PositionRecorder:
    def __init__(self, rel: str):
        self.rel = rel
        self.values: dict[PathKey, tuple[int, int]] = {}
        self.keys: dict[PathKey, tuple[int, int]] = {}
        self.ends: dict[PathKey, tuple[int, int]] = {}
        self.strings: dict[PathKey, tuple[int, int, str | None]] = {}
        self.count = 0

    def build(self, node: Node, where: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _at(self.rel, node, "V003",
                      f"berkas terlalu rumit: lebih dari {MAX_NODES} simpul (alias berlebihan?)")
        m = node.start_mark
        self.values[where] = (m.line + 1, m.column + 1)
        self.ends[where] = (node.end_mark.line + 1, node.end_mark.column + 1)
        if isinstance(node, ScalarNode):
            value = _scalar(node, self.rel)
            if isinstance(value, str):
                self.strings[where] = (m.index, node.end_mark.index, node.style)
            return value
        if isinstance(node, SequenceNode):
            return [self.build(child, (*where, i)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            out: dict[Any, Any] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, ScalarNode):
                    raise _at(self.rel, knode, "V001", "kunci pemetaan harus berupa teks sederhana")
                if knode.tag == "tag:yaml.org,2002:merge":
                    raise _at(self.rel, knode, "V001", "kunci gabungan '<<' tidak diizinkan; tulis nilainya langsung")
                key = _scalar(knode, self.rel)
                if isinstance(key, (Decimal, dt.date, bool)) or key is None:
                    key = knode.value
                if key in out:
                    first = self.keys[(*where, key)]
                    raise _at(
                        self.rel, knode, "V002",
                        f"kunci '{key}' ditulis dua kali (pertama di baris {first[0]})",
                    )
                km = knode.start_mark
                self.keys[(*where, key)] = (km.line + 1, km.column + 1)
                out[key] = self.build(vnode, (*where, key))
            return out
        raise _at(self.rel, node, "V001", "simpul YAML tidak dikenal")  # pragma: no cover


def _count_aliases(text: str) -> int:
    # Events are cheap to scan and reveal aliases before any expansion happens.
    return sum(1 for ev in yaml.parse(text, Loader=_Loader) if isinstance(ev, yaml.AliasEvent))


def _decode(raw: bytes, rel: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise fail(rel, "V005", "berkas bukan teks UTF-8; simpan ulang dengan pengodean UTF-8", line, col) from None
    return text.removeprefix("\ufeff")


def _syntax_error(rel: str, exc: yaml.MarkedYAMLError) -> LakipError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = (exc.problem or "").strip()
    if "tab" in problem or "\\t" in problem or (mark and "\t" in (mark.buffer or "")[mark.index : mark.index + 1]):
        msg = "karakter tab tidak boleh dipakai untuk indentasi; gunakan spasi"
    elif "mapping values are not allowed" in problem:
        msg = "titik dua ':' di tempat yang tidak diharapkan; apit teks yang memuat ': ' dengan tanda kutip"
    elif "could not find expected ':'" in problem:
        msg = "tanda ':' yang diharapkan tidak ditemukan; periksa indentasi dan tanda kutip"
    elif "found undefined alias" in problem:
        msg = "alias (*) merujuk jangkar (&) yang tidak ada"
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        msg = "struktur YAML tidak valid: indentasi tidak konsisten"
    elif "found unexpected end of stream" in problem:
        msg = "berkas berakhir sebelum tanda kutip atau kurung ditutup"
    else:
        msg = f"sintaks YAML tidak valid ({problem or exc})"
    return fail(rel, "V001", msg, line, col)


def load_yaml(path: Path, root: Path) -> YamlDoc:
    """Read one YAML file safely; raise LakipError with a location on any problem."""
    rel = _relative(path, root)
    if not path.exists():
        raise fail(rel, "V007", "berkas tidak ditemukan")
    if not path.is_file():
        raise fail(rel, "V007", "diharapkan berkas, tetapi yang ada adalah folder")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        message = f"berkas terlalu besar ({size:,} bita; batas {MAX_FILE_BYTES:,} bita)".replace(",", ".")
        raise fail(rel, "V004", message)
    text = _decode(path.read_bytes(), rel)
    try:
        if "*" in text and _count_aliases(text) > MAX_ALIASES:
            raise fail(rel, "V003", f"terlalu banyak alias YAML (batas {MAX_ALIASES})", 1, 1)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(rel, exc) from None
    except yaml.YAMLError as exc:
        raise fail(rel, "V001", f"sintaks YAML tidak valid ({exc})", 1, 1) from None
    if node is None:
        raise fail(rel, "V006", "berkas kosong", 1, 1)
    builder = _PositionRecorder(rel)
    data = builder.build(node, ())
    return YamlDoc(rel, data, builder.values, builder.keys, builder.ends, builder.strings, text)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def collect(results: list[YamlDoc | LakipError]) -> tuple[list[YamlDoc], list[Diagnostic]]:
    docs = [r for r in results if isinstance(r, YamlDoc)]
    diags = [d for r in results if isinstance(r, LakipError) for d in r.diagnostics]
    return docs, diags
