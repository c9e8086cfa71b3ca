"""load: YAML files -> plain data plus a map from every node's path to its source position.

Loading is safe by construction: only YAML's standard scalar types are built,
duplicate keys are refused, alias expansion and file size are bounded, and
every failure becomes a located diagnostic instead of an exception trace.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lakip_cli.diagnostics import Diagnostic, LakipError, SourceLocation, fail
from lakip_cli.source.positions import WordMap

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000
MAX_ALIASES = 200

PathKey = tuple[str | int, ...]

try:  # libyaml's composer is several times faster; both give the same nodes and marks
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

# Plain scalars that YAML 1.1 reads as something other than what a person sees (075 as 61, 1:30 as 90,
# yes/no as booleans, 1_000 as 1000). They are refused with a correction instead of being guessed.
_YAML11_TAG = "tag:lakip,2024:yaml11"
_TAG_PREFIX = "tag:yaml.org,2002:"


class _Loader(_Base):
    """A safe loader that resolves plain scalars by the YAML 1.2 core schema (plus dates)."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?(?:0|[1-9][0-9]*))$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("timestamp", r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
                  r"(?:(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"
                  r"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?)$", "0123456789"),
    ("merge", r"^(?:<<)$", "<"),
):
    _Loader.add_implicit_resolver(_TAG_PREFIX + _tag, re.compile(_pattern), list(_first))
# Checked after the core forms above, so these only catch what the core schema leaves as text.
_Loader.add_implicit_resolver(_YAML11_TAG, re.compile(
    r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N"
    r"|[-+]?0[0-9_]+(?:\.[0-9_]*)?"
    r"|[-+]?0[bB][01_]+|[-+]?0[xX][0-9a-fA-F_]+|[-+]?0[oO][0-7_]+"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?)$"
), list("yYnNoO-+0123456789"))


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
    # Scalars refused while loading (ambiguous numbers, control characters): kept as their text so the rest
    # of the file is still validated, and reported once, here.
    problems: tuple[Diagnostic, ...] = ()
    refused: frozenset[PathKey] = frozenset()

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
        # Checks locate many sentences of one string: its map is made once and kept.
        walk = self._alignments.get(where)
        if walk is None:
            walk = self._alignments[where] = WordMap.of(value, self.text[start:end], style)
        index = start + walk.index(offset)
        line = bisect.bisect_right(self._line_starts, index)
        return SourceLocation(self.path, line, index - self._line_starts[line - 1] + 1)

    @cached_property
    def _alignments(self) -> dict[PathKey, WordMap]:
        return {}

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in _NEWLINE.finditer(self.text)]

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


_SCALAR = yaml.constructor.SafeConstructor()
_NEWLINE = re.compile("\n")

# Characters an XML document (and so Word) cannot hold, plus C1 controls Word shows as boxes.
_FORBIDDEN_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A number as YAML reads it, but with three decimals ending in 0: almost always a thousands dot (1.500 orang).
_THOUSANDS_DOT = re.compile(r"[-+]?[1-9][0-9]{0,2}\.[0-9]{2}0")
# Numbers far beyond any report (10^100) are refused before any arithmetic can meet them.
MAX_EXPONENT = 100
_CORE_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_CORE_BOOL = ("true", "True", "TRUE", "false", "False", "FALSE")


def _plain(text: str) -> str:
    """Decimal text without exponent or trailing zeros: 1.500 -> 1.5, 1E+2 -> 100."""
    value = Decimal(text).normalize()
    return format(value, "f") if value == value.to_integral_value() or value.adjusted() > -20 else str(value)


def number_correction(text: str) -> str | None:
    """The correction for a number written the way people write it on paper, or None if it is not one."""
    t = text.strip()
    low = t.lower()
    if low in ("yes", "no", "on", "off", "y", "n"):
        return (f"'{t}' dibaca berbeda oleh berbagai pembaca YAML; tulis true atau false, "
                "atau apit dengan tanda kutip bila maksudnya teks")
    if re.fullmatch(r"[-+]?0[xXoObB][0-9a-fA-F_]+", t):
        try:
            return f"tulis angka desimal biasa {int(t.replace('_', ''), 0)}, bukan {t}"
        except ValueError:
            return f"tulis angka desimal biasa, bukan {t}"
    if re.fullmatch(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?", t):
        return (f"'{t}' bukan angka (pembaca YAML lama membacanya sebagai bilangan basis 60); tulis satu angka, "
                "mis. 1.5 untuk satu setengah, atau apit dengan tanda kutip bila maksudnya teks")
    if re.fullmatch(r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?", t) and "_" in t:
        return f"tulis {t.replace('_', '')}, bukan {t} (tanpa garis bawah)"
    if re.fullmatch(r"[-+]?0[0-9]+(?:\.[0-9]*)?", t):
        return (f"tulis {_plain(t)}, bukan {t} (angka berawalan 0 dibaca sebagai oktal oleh pembaca YAML lama); "
                f"apit dengan tanda kutip bila maksudnya kode, mis. '{t}'")
    if _THOUSANDS_DOT.fullmatch(t):
        return (f"'{t}' ambigu: tulis {t.replace('.', '')} bila maksudnya ribuan (tanpa titik pemisah ribuan), "
                f"atau {_plain(t)} bila maksudnya pecahan desimal")
    m = re.fullmatch(r"(?i)(rp\.?\s*)?([-+]?[0-9]{1,3}(?:\.[0-9]{3})+|[-+]?[0-9]+)(?:,([0-9]+|-{1,2}))?\s*(%)?", t)
    if m and (m.group(1) or m.group(3) or m.group(4) or "." in m.group(2)):
        whole = m.group(2).replace(".", "")
        frac = m.group(3) if m.group(3) and m.group(3).isdigit() and m.group(3).strip("0") else ""
        fixed = f"{whole}.{frac}" if frac else whole
        notes = []
        if m.group(1):
            notes.append("tanpa 'Rp'")
        if "." in m.group(2):
            notes.append("tanpa titik pemisah ribuan")
        if frac:
            notes.append("titik sebagai tanda desimal")
        if m.group(4):
            notes.append("tanpa '%'; satuan ditulis di 'satuan'")
        return f"tulis {fixed}, bukan {t}" + (f" ({', '.join(notes)})" if notes else "")
    return None


def date_correction(text: str) -> str | None:
    """The ISO form of a date written the Indonesian way (15-01-2025, 15/1/2025, 15 Januari 2025)."""
    months = ("januari", "februari", "maret", "april", "mei", "juni", "juli",
              "agustus", "september", "oktober", "november", "desember")
    t = " ".join(text.split())
    m = re.fullmatch(r"([0-9]{1,2})[-/. ]([0-9]{1,2})[-/. ]([0-9]{4})", t)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"([0-9]{1,2})\s+([A-Za-z]+)\s+([0-9]{4})", t)
        if not m:
            return None
        name = m.group(2).lower()
        found = [i for i, full in enumerate(months, 1) if full.startswith(name[:3]) and name[:3] == full[:3]]
        if not found:
            return None
        day, month, year = int(m.group(1)), found[0], int(m.group(3))
    try:
        iso = dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return f"tulis {iso}, bukan {t} (format TTTT-BB-HH)"


def _text(node: ScalarNode, rel: str, value: str) -> str:
    bad = _FORBIDDEN_CHAR.search(value)
    if bad:
        char = bad.group()
        raise _at(rel, node, "V014",
                  f"teks memuat karakter kendali U+{ord(char):04X} pada karakter ke-{bad.start() + 1}; "
                  "karakter ini tidak dapat disimpan di dokumen Word, hapus atau ganti dengan spasi")
    return value


def _scalar(node: ScalarNode, rel: str) -> Any:
    tag = node.tag
    if tag == _YAML11_TAG:
        hint = number_correction(node.value) or f"'{node.value}' ditulis dengan bentuk YAML lama yang ambigu"
        raise _at(rel, node, "V013", hint)
    if tag == "tag:yaml.org,2002:float":
        text = node.value.replace("_", "")
        if not node.style and _THOUSANDS_DOT.fullmatch(text):
            raise _at(rel, node, "V013", number_correction(text) or text)
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise _at(rel, node, "V012", f"angka '{node.value}' tidak dapat digunakan")
        if value and abs(value.adjusted()) > MAX_EXPONENT:
            raise _at(rel, node, "V012", f"angka '{node.value}' di luar jangkauan laporan")
        return value
    if tag == "tag:yaml.org,2002:str":
        return _text(node, rel, node.value)
    if tag in (
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp",
    ):
        if tag == "tag:yaml.org,2002:int" and not _CORE_INT.fullmatch(node.value):
            hint = number_correction(node.value) or f"'{node.value}' bukan bilangan bulat desimal"
            raise _at(rel, node, "V013", hint)
        if tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_EXPONENT:
            raise _at(rel, node, "V012", f"angka '{node.value[:20]}...' di luar jangkauan laporan")
        if tag == "tag:yaml.org,2002:bool" and node.value not in _CORE_BOOL:
            raise _at(rel, node, "V013", number_correction(node.value) or "tulis true atau false")
        try:
            value = _SCALAR.construct_object(node)
        except ValueError:
            raise _at(rel, node, "V012", f"'{node.value}' tidak ada di kalender (format TTTT-BB-HH)") from None
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() else value
        return value
    shown = "!!" + tag.removeprefix(_TAG_PREFIX) if tag.startswith(_TAG_PREFIX) else tag
    raise _at(rel, node, "V001", f"tag YAML '{shown}' tidak diizinkan; tulis nilainya tanpa tag")


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
        self.problems: list[Diagnostic] = []
        self.refused: set[PathKey] = set()

    def scalar(self, node: ScalarNode, where: PathKey) -> Any:
        try:
            return _scalar(node, self.rel)
        except LakipError as exc:
            if any(d.code == "V001" for d in exc.diagnostics):
                raise
            name = next((str(p) for p in reversed(where) if isinstance(p, str)), "")
            self.problems.extend(
                Diagnostic(d.location, d.code, d.severity, f"'{name}': {d.message}" if name else d.message)
                for d in exc.diagnostics
            )
            self.refused.add(where)
            return node.value

    def build(self, node: Node, where: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _at(self.rel, node, "V003",
                      f"berkas terlalu rumit: lebih dari {MAX_NODES} simpul (alias berlebihan?)")
        m = node.start_mark
        self.values[where] = (m.line + 1, m.column + 1)
        self.ends[where] = (node.end_mark.line + 1, node.end_mark.column + 1)
        if isinstance(node, ScalarNode):
            value = self.scalar(node, where)
            if isinstance(value, str) and where not in self.refused:
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
                key = self.scalar(knode, (*where, knode.value))
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
    elif "invalid Unicode character escape" in problem or "unknown escape character" in problem:
        msg = "kode escape tidak valid di dalam tanda kutip ganda; tulis karakternya langsung atau pakai kutip tunggal"
    elif "found unexpected end of stream" in problem:
        msg = "berkas berakhir sebelum tanda kutip atau kurung ditutup"
    else:
        known = (m for key, m in _PROBLEMS if key in problem)
        msg = next(known, None) or f"sintaks YAML tidak valid ({problem or exc})"
    return fail(rel, "V001", msg, line, col)


# PyYAML's and libyaml's descriptions of a syntax error, in the words a planner needs.
_PROBLEMS = (
    ("did not find expected comment or line break",
     "setelah '|' atau '>' hanya boleh ada '-', '+' atau angka indentasi; tulis teksnya di baris berikutnya"),
    ("found character that cannot start any token",
     "karakter ini tidak boleh mengawali nilai (mis. '@', '`', '%' atau tab); apit nilainya dengan tanda kutip"),
    ("did not find expected node content", "nilai yang diharapkan tidak ditemukan; periksa tanda '-' dan ':'"),
    ("did not find expected '-' indicator", "butir daftar harus diawali '- ' dengan indentasi yang sama"),
    ("did not find expected <document start>", "isi berkas tidak dapat dibaca sebagai YAML; periksa baris ini"),
    ("did not find expected alphabetic or numeric character",
     "'&' atau '*' harus diikuti nama jangkar; apit teks yang memuat '&' atau '*' di awal dengan tanda kutip"),
    ("did not find expected ',' or ']'", "daftar [ ... ] tidak ditutup dengan ']' atau butirnya tidak dipisah ','"),
    ("did not find expected ',' or '}'", "pemetaan { ... } tidak ditutup dengan '}' atau isinya tidak dipisah ','"),
    ("block sequence entries are not allowed", "butir daftar '- ' di tempat yang tidak diharapkan; periksa indentasi"),
    ("mapping keys are not allowed", "kunci di tempat yang tidak diharapkan; periksa indentasi"),
    ("tag", "tag YAML ('!' atau '!!') tidak valid; apit teks yang diawali '!' dengan tanda kutip"),
    ("but found another document", "berkas hanya boleh berisi satu dokumen YAML; hapus '---' atau '...'"),
    ("directive", "direktif YAML ('%') tidak diizinkan; apit teks yang diawali '%' dengan tanda kutip"),
    ("document indicator", "'---' atau '...' di dalam teks bertanda kutip; pindahkan atau ubah baris itu"),
    ("found unexpected ':'", "titik dua ':' di tempat yang tidak diharapkan; apit teksnya dengan tanda kutip"),
)


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
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise fail(rel, "V014", f"berkas memuat karakter kendali U+{code:04X} yang tidak boleh ada di teks; "
                   "hapus karakter itu", line, col) from None
    except yaml.YAMLError as exc:
        raise fail(rel, "V001", f"sintaks YAML tidak valid ({exc})", 1, 1) from None
    if node is None:
        raise fail(rel, "V006", "berkas kosong", 1, 1)
    builder = _PositionRecorder(rel)
    data = builder.build(node, ())
    return YamlDoc(rel, data, builder.values, builder.keys, builder.ends, builder.strings, text,
                   problems=tuple(builder.problems), refused=frozenset(builder.refused))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def collect(results: list[YamlDoc | LakipError]) -> tuple[list[YamlDoc], list[Diagnostic]]:
    docs = [r for r in results if isinstance(r, YamlDoc)]
    diags = [d for r in results if isinstance(r, LakipError) for d in r.diagnostics]
    return docs, diags
