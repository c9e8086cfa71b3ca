"""The JSON Schemas an editor uses are as strict as `lakip validate` and speak Indonesian."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOT, copy_project
from jsonschema.exceptions import best_match
from test_bad_input import NAMES, _prepare

from lakip_cli.cli import app
from lakip_cli.diagnostics import LakipError
from lakip_cli.source.load import load_yaml
from lakip_cli.source.models import Indikator
from lakip_cli.source.schema import FIELDS, KINDS, schema_texts

SCHEMAS = {name.removesuffix(".schema.json"): json.loads(text) for name, text in schema_texts().items()}
TYPE_CODES = {"V010", "V011", "V012"}  # what a JSON Schema can say: missing key, unknown key, wrong value
LOAD_CODES = {"V001", "V002", "V003", "V004", "V005", "V006", "V007"}  # the file cannot be read at all


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2): a date stays text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _json_like(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_like(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_like(v) for v in value]
    return value


def _kind(rel: str) -> str:
    path = Path(rel)
    if path.name == "lakip.yaml":
        return "lakip"
    return "indikator" if path.parent.name == "indikator" else path.stem


def schema_errors(path: Path, kind: str) -> list[str]:
    data = _json_like(yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader))  # noqa: S506
    validator = jsonschema.Draft202012Validator(SCHEMAS[kind], format_checker=jsonschema.FormatChecker())
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data))


def _data_files(project: Path) -> list[str]:
    files = [p for p in project.rglob("*.y*ml") if p.is_file() and "templates" not in p.parts]
    return sorted(str(p.relative_to(project)) for p in files)


def _validator_codes(project: Path, args: list[str], runner) -> dict[str, set[str]]:
    result = runner.invoke(app, [*args, "--format", "json"])
    by_file: dict[str, set[str]] = {}
    for d in json.loads(result.stdout or "[]"):
        by_file.setdefault(d["location"]["path"], set()).add(d["code"])
    return by_file


def test_schemas_are_valid_json_schemas() -> None:
    for kind, schema in SCHEMAS.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"{kind}.schema.json"


def _walk(node: Any):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def test_numbers_are_numbers_in_every_schema() -> None:
    for kind in KINDS:
        for node in _walk(SCHEMAS[kind]):
            types = {b.get("type") for b in node.get("anyOf", [])}
            assert not {"number", "string"} <= types, (kind, node)


def _models(kind: str) -> list[tuple[str, dict[str, Any]]]:
    schema = SCHEMAS[kind]
    return [(KINDS[kind].__name__, schema), *schema.get("$defs", {}).items()]


def test_every_property_has_an_indonesian_title_and_description() -> None:
    english = re.compile(r"\b(the|and|of|agency|profile|settings|one|each|budget line)\b")
    for kind in KINDS:
        for model, schema in _models(kind):
            for field, prop in schema.get("properties", {}).items():
                assert f"{model}.{field}" in FIELDS, f"{model}.{field} has no entry in schema.FIELDS"
                assert prop.get("title") and prop.get("description"), f"{model}.{field}"
                assert not english.search(prop["description"]), f"{model}.{field}: {prop['description']}"
        assert not english.search(SCHEMAS[kind]["description"]), kind


def test_main_indicator_fields_are_documented() -> None:
    props = SCHEMAS["indikator"]["properties"]
    assert props["target"]["description"] == "Target tahun laporan: angka, atau rentang {bawah, atas}"
    assert props["realisasi"]["examples"] == [94.44, {"pembilang": 34, "penyebut": 36}]
    assert "negatif: makin rendah makin baik" in props["polaritas"]["description"]
    assert props["narasi"]["title"] == "Narasi analisis"
    cakupan = SCHEMAS["instansi"]["$defs"]["RincianSdm"]["properties"]["cakupan"]
    assert "asn: berjumlah pegawai ASN (jumlah − honorer)" in cakupan["description"]
    assert set(FIELDS) >= {f"Indikator.{name}" for name in Indikator.model_fields}


def test_seed_data_is_green_under_the_schemas() -> None:
    for rel in _data_files(ROOT / "data") + ["../lakip.yaml"]:
        path = (ROOT / "data" / rel).resolve()
        assert schema_errors(path, _kind(str(path))) == [], rel


@pytest.mark.parametrize(("typed", "where"), [
    ("realisasi: 94,44", "realisasi"),
    ("target: 100%", "target"),
    ("realisasi:\n  pembilang: tiga puluh\n  penyebut: 36", "realisasi"),
])
def test_the_commonest_mistakes_are_red_in_the_editor_and_in_validate(typed: str, where: str, tmp_path: Path,
                                                                       runner) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    path = project / "data/2024/indikator/04-ormas.yaml"
    text = path.read_text(encoding="utf-8")
    key = typed.split(":", 1)[0]
    text, n = re.subn(rf"^{key}:.*(\n  .*)*", typed, text, count=1, flags=re.M)
    assert n == 1
    path.write_text(text, encoding="utf-8")
    errors = schema_errors(path, "indikator")
    assert errors and all(e.startswith(where) for e in errors), errors
    codes = _validator_codes(project, ["validate", "2024", "-C", str(project)], runner)
    assert codes == {"data/2024/indikator/04-ormas.yaml": {"V012"}}


# JSON Schema counts 75.0 as an integer, and YAML reads "75.000" as 75.0: only lakip, which reads the
# text as typed, can refuse a thousands separator that happens to form a valid decimal number.
SCHEMA_CANNOT_SEE = {
    ("thousands-separator", "data/2024/anggaran.yaml:9:24"),
    # Nor the number of decimal places (0.000000001), nor a pattern whose nested repetition backtracks.
    ("number-range", "data/2024/indikator/01-layanan.yaml:9:9"),
    ("regex-backtracking", "lakip.yaml:7:13"),
    # Nor the order of a range's bounds ({bawah: 95, atas: 85}), nor a range without width ({bawah: 80, atas: 80}).
    ("range-target", "data/2024/indikator/01-layanan.yaml:9:9"),
    ("range-target", "data/2024/indikator/01-layanan.yaml:19:13"),
}

# Where the editor marks the mapping rather than each key: a range written {min: 90, maks: 100} misses 'bawah'
# and 'atas' (red at the mapping); lakip names each unknown key with the key it stands for.
SCHEMA_AT_MAPPING = {
    ("range-target", "data/2024/perencanaan.yaml:21:18"): "data/2024/perencanaan.yaml:21:17",
    ("range-target", "data/2024/perencanaan.yaml:21:27"): "data/2024/perencanaan.yaml:21:17",
}


def schema_locations(project: Path, rel: str) -> set[str] | None:
    """Where the schema's errors stand, placed as lakip places them (None: lakip cannot even load the file)."""
    path = project / rel
    try:
        doc = load_yaml(path, project)
    except LakipError:
        return None
    data = _json_like(yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader))  # noqa: S506
    validator = jsonschema.Draft202012Validator(SCHEMAS[_kind(rel)], format_checker=jsonschema.FormatChecker())
    out = set()
    for error in (best_match([e]) for e in validator.iter_errors(data)):
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            out |= {str(doc.locate((*where, key), key=True)) for key in extra}
        else:  # a missing key is placed at its parent mapping, as lakip does
            out.add(str(doc.locate(where)))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_schema_agrees_with_validate_on_bad_input(name: str, tmp_path: Path, runner) -> None:
    """Every type error lakip reports is red in the editor at the same line and column, and nothing else is."""
    project, args = _prepare(name, tmp_path)
    result = runner.invoke(app, [*args, "--format", "json"])
    diags = json.loads(result.stdout or "[]")
    compared = 0
    for rel in _data_files(project):
        mine = [d for d in diags if d["location"]["path"] == rel]
        if {d["code"] for d in mine} & LOAD_CODES:
            continue  # not YAML an editor could check either
        expected = {f"{rel}:{d['location']['line']}:{d['location']['col']}" for d in mine if d["code"] in TYPE_CODES}
        expected -= {where for case, where in SCHEMA_CANNOT_SEE if case == name}
        expected = {SCHEMA_AT_MAPPING.get((name, where), where) for where in expected}
        found = schema_locations(project, rel)
        if found is None:  # a value the loader refuses (an impossible date): the schema must be red too
            assert expected and schema_errors(project / rel, _kind(rel)), rel
        else:
            assert found == expected, rel
        compared += 1
    assert compared >= 5


def test_summary_json_follows_its_schema(runner) -> None:
    result = runner.invoke(app, ["summary", "2024", "-C", str(ROOT), "-f", "json"])
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMAS["ringkasan"], cls=jsonschema.Draft202012Validator)
    assert data["anggaran"]["serapan"] == 99.5029 and data["anggaran"]["tampilan"]["pagu"] == "Rp15.731.413.218"




@pytest.mark.parametrize(("rel", "old", "new"), [
    ("data/2024/indikator/04-ormas.yaml", "satuan: \"%\"", "satuan: \"%\"\npolaritas: naik"),
    ("data/2024/indikator/04-ormas.yaml", "satuan: \"%\"", "satuan: \"  \""),
    ("data/2024/indikator/04-ormas.yaml", "id: IK04", "id: IK 04"),
    ("data/2024/indikator/04-ormas.yaml", "sasaran: S1", "sasaran: S1\nrealisai: 3"),
    ("data/2024/indikator/04-ormas.yaml", "target: 100", "target: {bawah: 90, atas: seratus}"),
    ("data/2024/anggaran.yaml", "pagu: 37491400", "pagu: -37491400"),
    ("data/2024/anggaran.yaml", "pagu: 37491400", "pagu: 37.491.400"),
    ("data/2024/laporan.yaml", "tahun: 2024", "tahun: 2024\ntanggal: 31-01-2025"),
    ("data/2024/laporan.yaml", "tahun: 2024", "tahun: dua ribu dua puluh empat"),
])
def test_schema_agrees_with_validate_on_typical_edits(rel: str, old: str, new: str, tmp_path: Path, runner) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", "2024", "-C", str(project), "--format", "json"])
    diags = json.loads(result.stdout)
    expected = {f"{rel}:{d['location']['line']}:{d['location']['col']}" for d in diags if d["code"] in TYPE_CODES}
    assert len(expected) == 1 and {d["location"]["path"] for d in diags} == {rel}, diags
    assert schema_locations(project, rel) == expected
