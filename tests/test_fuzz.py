"""Fuzzing: structurally mutated YAML of every file kind and extreme valid values through the whole pipeline.

The property: a build either succeeds or stops with the project's own error (LakipError); nothing else ever
leaves a stage. `make test` runs a short profile; `make fuzz` (LAKIP_FUZZ_SECONDS=600) runs for minutes,
collects every crash instead of stopping at the first, and prints how many examples ran.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lakip_cli.diagnostics import LakipError
from lakip_cli.pipeline import BuildOptions, build_report

FUZZ_SECONDS = float(os.environ.get("LAKIP_FUZZ_SECONDS", "0") or 0)
BASE = {p.relative_to(MINIMAL).as_posix(): p.read_text(encoding="utf-8") for p in sorted(MINIMAL.rglob("*.yaml"))}
IND = "data/2024/indikator/01-layanan.yaml"

# In a long run, crashes are collected (type, last frame, message, example) so one run finds them all.
CRASHES: list[tuple[str, str, str, str]] = []
EXAMPLES = {"count": 0, "built": 0, "refused": 0}


def _run(files: dict[str, str], label: str, charts: bool = False) -> None:
    """Write the project, build it; anything but success or LakipError is a crash."""
    EXAMPLES["count"] += 1
    with tempfile.TemporaryDirectory(prefix="lakip-fuzz-") as tmp:
        root = Path(tmp)
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            build_report(root, BuildOptions(year=2024, charts=charts))
            EXAMPLES["built"] += 1
        except LakipError as exc:
            EXAMPLES["refused"] += 1
            assert exc.diagnostics, "LakipError without diagnostics"
            for d in exc.diagnostics:
                assert d.message and d.code, d
        except Exception as exc:  # the property under test: nothing else may escape
            if not FUZZ_SECONDS:
                raise
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            CRASHES.append((type(exc).__name__, f"{frame.filename}:{frame.lineno}", str(exc)[:200], label[:2000]))


def _budget(test: Callable[[], None], share: float) -> None:
    """Run a hypothesis test once (short profile) or again and again until its share of the fuzz time is used."""
    if not FUZZ_SECONDS:
        test()
        return
    before = len(CRASHES)
    end = time.monotonic() + FUZZ_SECONDS * share
    while time.monotonic() < end:
        test()
    found = CRASHES[before:]
    assert not found, f"{len(found)} crash(es), first: {found[0][:3]}\n{found[0][3]}"


def _settings(short: int) -> Any:
    return settings(
        max_examples=short if not FUZZ_SECONDS else 50, deadline=None, database=None,
        suppress_health_check=list(HealthCheck),
    )


# ---------------------------------------------------------------- hostile values

HOSTILE_TEXT = st.sampled_from([
    "075", "1:30", "yes", "off", "1.500", "1.500.000", "Rp 1.500", "1,5", "90%", "1e400", "-1e308", "1e-9",
    "0x1F", "1_000", ".inf", ".nan", "~", "null", "15-01-2025", "15 Januari 2025", "2025-02-30", "''", '""',
    "&a x", "*a", "!!python/object:os.system", "!!binary aGFsbw==", "<<: {a: 1}", "[", "{", "- -", ": :",
    '"\\x01"', '"\\ud800"', '"\\x85"', "'|'", "|\n  a", ">-\n  b", "!!int 075", "!!float 1e999",
])
LONG_TEXT = st.builds(lambda unit, n: unit * n, st.sampled_from(["x", "a ", "1,1% ", "ab. ", "\n- ", "capaian "]),
                      st.integers(min_value=1, max_value=40_000))
SCALARS = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(),
    LONG_TEXT,
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=6)


def _paths(node: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [where]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*where, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*where, i))
    return out


def _mutate_tree(data: Any, where: tuple[Any, ...], op: str, value: Any) -> Any:
    if not where:
        return value if op == "replace" else data
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    last = where[-1]
    if op == "replace":
        parent[last] = value
    elif op == "delete":
        del parent[last]
    elif op == "wrap-list":
        parent[last] = [parent[last]]
    elif op == "wrap-map":
        parent[last] = {"nilai": parent[last]}
    elif op == "unknown-key" and isinstance(parent, dict):
        parent[f"{last}_x"] = value
    return data


@st.composite
def tree_mutations(draw: st.DrawFn) -> tuple[dict[str, str], str]:
    files = dict(BASE)
    rel = draw(st.sampled_from(sorted(files)))
    data = yaml.safe_load(files[rel])
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(data)
        where = paths[draw(st.integers(min_value=0, max_value=len(paths) - 1))]
        op = draw(st.sampled_from(["replace", "replace", "delete", "wrap-list", "wrap-map", "unknown-key"]))
        data = _mutate_tree(data, where, op, draw(VALUES))
    files[rel] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return files, f"{rel}:\n{files[rel]}"


@st.composite
def text_mutations(draw: st.DrawFn) -> tuple[dict[str, str], str]:
    files = dict(BASE)
    rel = draw(st.sampled_from(sorted(files)))
    text = files[rel]
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        kind = draw(st.sampled_from(["insert", "insert", "delete", "duplicate-line", "replace-value"]))
        if kind == "insert":
            text = text[:at] + draw(st.one_of(HOSTILE_TEXT, st.text(max_size=5))) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=20)):]
        elif kind == "duplicate-line":
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            line = text[start: end if end != -1 else len(text)]
            text = text[:start] + line + "\n" + text[start:]
        else:
            colon = text.find(": ", at)
            if colon != -1:
                eol = text.find("\n", colon)
                text = text[: colon + 2] + draw(HOSTILE_TEXT) + (text[eol:] if eol != -1 else "")
    files[rel] = text
    return files, f"{rel}:\n{text}"


# ---------------------------------------------------------------- extreme valid values

EXTREME = st.sampled_from(["0.000001", "1e15", "0", "1", "123.456789", "999999999999999", "0.5", "100"])
HISTORY = st.sampled_from(["1", "100", "0.5", "123.456789", "999", "0.000001"])


@st.composite
def extreme_projects(draw: st.DrawFn) -> tuple[dict[str, str], str]:
    files = dict(BASE)
    ind = yaml.safe_load(files[IND])
    ind["target"] = draw(EXTREME)
    ind["realisasi"] = draw(st.one_of(EXTREME, st.fixed_dictionaries({"pembilang": EXTREME, "penyebut": EXTREME})))
    ind["polaritas"] = draw(st.sampled_from(["positif", "negatif"]))
    years = draw(st.integers(min_value=0, max_value=50))
    ind["riwayat"] = [{"tahun": 2023 - i, "target": draw(HISTORY), "realisasi": draw(HISTORY)} for i in range(years)]
    ind["nama"] = "Nama" * draw(st.sampled_from([1, 55, 55, 250, 250, 2500]))  # 10,000 characters is over the limit
    text = yaml.safe_dump(ind, allow_unicode=True, sort_keys=False)
    text = re.sub(r"'([-+0-9.e]+)'", r"\1", text)  # written as numbers, the way a planner types them
    files[IND] = text
    if draw(st.booleans()):  # a sasaran without indicators
        plan = yaml.safe_load(files["data/2024/perencanaan.yaml"])
        plan["sasaran"].append({"id": "S2", "uraian": "Sasaran tanpa indikator", "tujuan": "T1"})
        files["data/2024/perencanaan.yaml"] = yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)
    if draw(st.sampled_from([False] * 7 + [True])):  # no indicators at all, now and then
        files = {k: v for k, v in files.items() if "/indikator/" not in k}
    return files, text[:2000]


# ---------------------------------------------------------------- the tests


def test_structurally_mutated_yaml_only_raises_lakip_error() -> None:
    @_settings(short=25)
    @given(tree_mutations())
    def run(case: tuple[dict[str, str], str]) -> None:
        _run(*case)

    _budget(run, 0.4)


def test_textually_mutated_yaml_only_raises_lakip_error() -> None:
    @_settings(short=25)
    @given(text_mutations())
    def run(case: tuple[dict[str, str], str]) -> None:
        _run(*case)

    _budget(run, 0.4)


def test_extreme_valid_values_only_raise_lakip_error() -> None:
    @_settings(short=15)
    @given(extreme_projects())
    def run(case: tuple[dict[str, str], str]) -> None:
        _run(*case, charts=bool(FUZZ_SECONDS))  # the long run also draws charts (slower)

    _budget(run, 0.2)


@pytest.fixture(scope="module", autouse=True)
def _report() -> Any:
    yield
    if FUZZ_SECONDS:
        print(f"\nfuzz: {EXAMPLES['count']} contoh ({EXAMPLES['built']} dibangun, {EXAMPLES['refused']} ditolak "
              f"dengan LakipError), {len(CRASHES)} crash")
        for kind, where, message, _ in CRASHES[:50]:
            print(f"  {kind} at {where}: {message}")
