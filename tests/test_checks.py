"""Tests of the check stage: each rule's fail/pass cases, the registry's contract, the seed's known defects.

Case files (tests/check_cases/):
    _base/                 a small valid project that passes every rule
    LK013/fail/            one case: the base with changes, and what to expect
        edits.yaml         text replacements in base files:
                             data/2024/laporan.yaml:
                               - replace: "tanggal: 2025-02-28\\n"
                                 with: ""
                           (each 'replace' must occur exactly once in the file)
        data/..., lakip.yaml   whole files replacing (or adding to) the base
        expected.txt       one `path:line:col: CODE` per expected diagnostic, `#` comments;
                           empty or absent = no diagnostics at all
A case folder is named fail* or pass*. Positions are those of the project built
from the base with the case applied. LAKIP_UPDATE_GOLDEN=1 rewrites
expected.txt from the actual diagnostics (review the diff before committing).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from lakip_cli.checks import RULES, rule_catalogue, run_checks
from lakip_cli.checks.lk019_nip import nip_problems
from lakip_cli.checks.narrative import agrees, parse_angka, percent_mentions, sentences, year_at
from lakip_cli.compute.report import compute_report
from lakip_cli.diagnostics import Diagnostic, SourceLocation
from lakip_cli.source.validate import load_project

CASES = Path(__file__).parent / "check_cases"
BASE = CASES / "_base"
PROJECT = Path(__file__).resolve().parents[1]
YEAR = 2024
UPDATE = os.environ.get("LAKIP_UPDATE_GOLDEN") == "1"
CASE_FILES = {"edits.yaml", "expected.txt", "README.md"}
SEVERITY = {rule.CODE: rule.SEVERITY for rule in RULES}

Expected = tuple[str, int, int, str]


# ---------------------------------------------------------------- building and reading cases


def case_dirs() -> list[Path]:
    return sorted(case for code in CASES.glob("LK*") if code.is_dir()
                  for case in code.iterdir() if case.is_dir())


def build_case(case: Path, dest: Path) -> Path:
    """The base project with the case's whole files copied over it and its edits applied."""
    root = dest / "proyek"
    shutil.copytree(BASE, root)
    for src in sorted(case.rglob("*")):
        rel = src.relative_to(case)
        if src.is_file() and rel.as_posix() not in CASE_FILES:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, root / rel)
    edits_file = case / "edits.yaml"
    if edits_file.exists():
        edits = yaml.safe_load(edits_file.read_text(encoding="utf-8")) or {}
        for rel, items in edits.items():
            target = root / rel
            text = target.read_text(encoding="utf-8")
            for item in items:
                old, new = item["replace"], item["with"]
                count = text.count(old)
                assert count == 1, f"{edits_file}: {old!r} occurs {count} times in {rel}, expected exactly once"
                text = text.replace(old, new)
            target.write_text(text, encoding="utf-8")
    return root


_LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+):\s*(?P<code>[A-Z]+\d+)\s*$")


def read_expected(case: Path) -> list[Expected]:
    path = case / "expected.txt"
    if not path.exists():
        return []
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = _LINE.match(line)
        assert m, f"{path}:{n}: expected 'path:line:col: CODE', got {raw!r}"
        out.append((m["path"], int(m["line"]), int(m["col"]), m["code"]))
    return sorted(out)


def check_project(root: Path) -> list[Diagnostic]:
    return run_checks(compute_report(load_project(root, YEAR)))


def as_expected(diags: list[Diagnostic]) -> list[Expected]:
    return sorted((d.location.path, d.location.line, d.location.col, d.code) for d in diags)


# ---------------------------------------------------------------- the cases


def test_base_project_passes_every_rule() -> None:
    assert check_project(BASE) == []


@pytest.mark.parametrize("case", case_dirs(), ids=lambda c: f"{c.parent.name}/{c.name}")
def test_case(case: Path, tmp_path: Path) -> None:
    diags = check_project(build_case(case, tmp_path))
    actual = as_expected(diags)
    if UPDATE:
        lines = [f"{p}:{line}:{col}: {code}" for p, line, col, code in actual]
        (case / "expected.txt").write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")
    report = "\n".join(d.format_text() for d in diags)
    assert actual == read_expected(case), f"diagnostics of {case.relative_to(CASES)}:\n{report}"
    for d in diags:
        if d.code in SEVERITY:
            assert d.severity == SEVERITY[d.code], d.format_text()


def test_case_edits_must_match_exactly_once(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "edits.yaml").write_text('data/2024/laporan.yaml:\n  - replace: "tidak ada di berkas"\n    with: ""\n')
    with pytest.raises(AssertionError, match="occurs 0 times"):
        build_case(case, tmp_path)


# ---------------------------------------------------------------- the registry


DOC_SECTIONS = ("What it checks:", "Why it matters:", "Bad:", "Good:")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.CODE)
def test_rule_contract(rule) -> None:
    assert re.fullmatch(r"LK\d{3}", rule.CODE)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.NAME)
    assert rule.SEVERITY in ("error", "warning")
    assert rule.SUMMARY.strip() and "\n" not in rule.SUMMARY
    doc = rule.__doc__ or ""
    assert doc.startswith(f"{rule.CODE} {rule.NAME}:"), doc.splitlines()[:1]
    for section in DOC_SECTIONS:
        assert section in doc, f"{rule.__name__}: docstring lacks '{section}'"
    assert callable(rule.check)
    cases = CASES / rule.CODE
    fails = [c for c in cases.glob("fail*") if c.is_dir()]
    passes = [c for c in cases.glob("pass*") if c.is_dir()]
    assert fails and passes, f"{cases} needs a fail* and a pass* case"
    for case in fails:
        assert rule.CODE in {code for *_, code in read_expected(case)}, f"{case} does not expect {rule.CODE}"
    for case in passes:
        assert rule.CODE not in {code for *_, code in read_expected(case)}, f"{case} expects {rule.CODE}"


def test_codes_and_names_are_unique() -> None:
    codes = [r.CODE for r in RULES]
    names = [r.NAME for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert codes == sorted(codes)


def test_every_case_folder_belongs_to_a_rule() -> None:
    codes = {r.CODE for r in RULES}
    folders = {p.name for p in CASES.iterdir() if p.is_dir() and p.name != "_base"}
    assert folders <= codes, folders - codes
    for case in case_dirs():
        assert case.name.startswith(("fail", "pass")), case


def test_rule_catalogue_lists_every_rule_in_order() -> None:
    catalogue = rule_catalogue()
    assert [row[0] for row in catalogue] == [r.CODE for r in RULES]
    assert catalogue[0] == ("LK001", "data-kosong", "warning", RULES[0].SUMMARY)


# ---------------------------------------------------------------- run_checks


def _base_with(tmp_path: Path, edits: dict[str, list[dict[str, str]]]) -> Path:
    case = tmp_path / "case"
    case.mkdir()
    (case / "edits.yaml").write_text(yaml.safe_dump(edits, allow_unicode=True), encoding="utf-8")
    return build_case(case, tmp_path)


_BAD_NIP = {"data/2024/instansi.yaml": [{"replace": "nip: 19700115", "with": "nip: 19701315"}]}


def test_run_checks_ignores_codes_from_argument(tmp_path: Path) -> None:
    report = compute_report(load_project(_base_with(tmp_path, _BAD_NIP), YEAR))
    assert [d.code for d in run_checks(report)] == ["LK019"]
    assert run_checks(report, ignore=["LK019"]) == []
    assert run_checks(report, ignore=["lk019"]) == []


def test_run_checks_ignores_codes_from_settings(tmp_path: Path) -> None:
    edits = dict(_BAD_NIP)
    edits["lakip.yaml"] = [{"replace": "cek:\n", "with": "cek:\n  abaikan: [LK019]\n"}]
    report = compute_report(load_project(_base_with(tmp_path, edits), YEAR))
    assert run_checks(report) == []


def test_run_checks_includes_compute_notes_and_sorts(tmp_path: Path) -> None:
    report = compute_report(load_project(_base_with(tmp_path, _BAD_NIP), YEAR))
    note = Diagnostic(SourceLocation("data/2024/anggaran.yaml", 1, 1), "V041", "warning", "catatan")
    report = dataclasses.replace(report, notes=(note,))
    diags = run_checks(report)
    assert [d.code for d in diags] == ["V041", "LK019"]
    assert run_checks(report, ignore=["V041"])[0].code == "LK019"


# ---------------------------------------------------------------- helpers of the narrative rules


def test_sentences_do_not_split_at_rupiah_abbreviation() -> None:
    text = "Dari anggaran Rp. 37.491.400,- terealisasi Rp. 36.124.950,-, sehingga efisiensi 3,6%. Kalimat kedua."
    assert [s.text for s in sentences(text)] == [
        "Dari anggaran Rp. 37.491.400,- terealisasi Rp. 36.124.950,-, sehingga efisiensi 3,6%.",
        "Kalimat kedua.",
    ]


def test_percent_mentions_read_keyword_value_and_year() -> None:
    text = ("pada tahun 2024 dan 2023 tercapai 94% dari target 100% realisasi 94% dan pada tahun 2022 "
            "tercapai 90% sedangkan dengan capaian realisasi tahun sebelumnya yang hanya 80%.")
    found = [(m.kind, str(m.value), m.year) for m in percent_mentions(text, 2024)]
    assert found == [("capaian", "94", 2023), ("realisasi", "94", 2023), ("capaian", "90", 2022),
                     ("realisasi", "80", 2023)]


def test_percent_after_rupiah_amount_is_not_read_as_realisasi() -> None:
    text = "realisasi Rp. 13.770.007.968,- dengan persentase sebesar 100% sehingga tidak terdapat efesiensi."
    assert list(percent_mentions(text, 2024)) == []


def test_year_at_ignores_citations_and_periods() -> None:
    text = "Sesuai Perpres Nomor 33 Tahun 2020 dan RPJMD 2021 – 2026 capaian tercapai 100%."
    assert year_at(text, text.index("100%"), 2024) == 2024


@pytest.mark.parametrize(("text", "value", "places"), [("3,6", "3.6", 1), ("100", "100", 0),
                                                       ("13.774", "13774", 0), ("94,44", "94.44", 2)])
def test_parse_angka(text: str, value: str, places: int) -> None:
    from decimal import Decimal

    assert parse_angka(text) == (Decimal(value), places)


_PROSE = st.lists(st.sampled_from(["a", "b", " ", "Rp.", ".", ",", ":", "%", "-", "–", "/", "\n", "0", "5", "94",
                                    "2023", "tahun ", "capaian ", "realisasi ", "Nomor ", "persen"]),
                  max_size=60).map("".join)


@given(_PROSE)
def test_text_scanners_keep_offsets_on_any_text(text: str) -> None:
    for s in sentences(text):
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text
    for m in percent_mentions(text, 2024):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end].rstrip().endswith(("%", "persen"))


def test_agrees_uses_the_precision_written() -> None:
    from decimal import Decimal

    assert agrees(Decimal("3.6447"), Decimal("3.6"), 1)
    assert agrees(Decimal("94.4444"), Decimal("94"), 0)
    assert not agrees(Decimal("20.1721"), Decimal("21.2"), 1)
    assert not agrees(Decimal("111.1111"), Decimal("100"), 0)


# ---------------------------------------------------------------- NIP (property tests)


def _nip(born: dt.date, tmt_year: int, tmt_month: int, sex: int, serial: int) -> str:
    return f"{born:%Y%m%d} {tmt_year:04d}{tmt_month:02d} {sex} {serial:03d}"


_births = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2000, 12, 31))


@given(born=_births, years_later=st.integers(18, 24), month=st.integers(1, 12), sex=st.sampled_from([1, 2]),
       serial=st.integers(1, 999))
def test_nip_well_formed_passes(born: dt.date, years_later: int, month: int, sex: int, serial: int) -> None:
    assert nip_problems(_nip(born, born.year + years_later, month, sex, serial), 2024) == []


@given(born=_births, sex=st.sampled_from([0, 3, 4, 5, 6, 7, 8, 9]))
def test_nip_sex_digit_other_than_1_or_2_fails(born: dt.date, sex: int) -> None:
    problems = nip_problems(_nip(born, born.year + 20, 3, sex, 1), 2024)
    assert problems and "jenis kelamin" in problems[-1]


@given(born=_births, month=st.sampled_from([0, 13, 20, 99]))
def test_nip_tmt_month_out_of_range_fails(born: dt.date, month: int) -> None:
    assert any("bulan TMT" in p for p in nip_problems(_nip(born, born.year + 20, month, 1, 1), 2024))


@pytest.mark.parametrize(("nip", "fragment"), [
    ("19701315 199003 2 003", "tanggal lahir"),
    ("19700230 199003 2 003", "tanggal lahir"),
    ("19700115 198503 2 003", "kurang dari 17 tahun"),
    ("19700115 202503 2 003", "sesudah tahun laporan"),
    ("19700115 199003 2 03", "18 angka"),
    ("1970O115 199003 2 003", "huruf"),
])
def test_nip_bad_forms(nip: str, fragment: str) -> None:
    assert any(fragment in p for p in nip_problems(nip, 2024))


# ---------------------------------------------------------------- the seed's defects, found on data/2024


def _seed_report():
    if not (PROJECT / "data" / str(YEAR) / "indikator").is_dir():
        pytest.skip("data/2024 belum ada")
    return compute_report(load_project(PROJECT, YEAR))


@pytest.fixture(scope="module")
def seed() -> tuple[object, list[Diagnostic]]:
    report = _seed_report()
    return report, run_checks(report)


def _find(diags: list[Diagnostic], code: str, path: str, *facts: str) -> list[Diagnostic]:
    return [d for d in diags if d.code == code and d.location.path == path and all(f in d.message for f in facts)]


IND = "data/2024/indikator/"

SEED_FINDINGS = [
    # (code, file, facts in the message)
    ("LK001", IND + "06-pelayanan-administrasi.yaml", ("IK06", "realisasi")),
    ("LK001", "data/2024/laporan.yaml", ("tanggal",)),
    ("LK004", IND + "01-kerukunan-beragama.yaml", ("realisasi 2021", "127%")),
    ("LK004", IND + "10-kerukunan-umat-beragama.yaml", ("realisasi 2021", "127%")),
    ("LK004", IND + "08-pendidikan-politik.yaml", ("realisasi 2023", "105%")),
    ("LK004", IND + "08-pendidikan-politik.yaml", ("realisasi 2021", "110%")),
    ("LK005", IND + "01-kerukunan-beragama.yaml", ("capaian 2021 tertulis 127%", "181,43%")),
    ("LK005", IND + "01-kerukunan-beragama.yaml", ("capaian 2023 tertulis 100%", "125%")),
    ("LK006", "data/2024/instansi.yaml", ("SDM berdasarkan Jabatan", "34", "31")),
    ("LK007", "data/2024/instansi.yaml", ("fungsional 10", "11 orang")),
    ("LK009", IND + "10-kerukunan-umat-beragama.yaml", ("IK01", "90 dan 100")),
    ("LK009", IND + "11-kewaspadaan-konflik-sosial.yaml", ("IK05",)),
    ("LK010", IND + "10-kerukunan-umat-beragama.yaml", ("target 90", "Perjanjian Kinerja 100")),
    ("LK011", IND + "08-pendidikan-politik.yaml", ("'parpol'", "IK03")),
    ("LK011", IND + "10-kerukunan-umat-beragama.yaml", ("'kerukunan'", "IK01")),
    ("LK011", IND + "11-kewaspadaan-konflik-sosial.yaml", ("'konflik'", "IK05")),
    ("LK013", IND + "08-pendidikan-politik.yaml", ("tidak tercapai", "100%")),
    ("LK014", IND + "05-penanganan-konflik-sosial.yaml", ("Penurunan kinerja",)),
    ("LK014", IND + "02-peserta-sosialisasi-narkoba.yaml", ("mengalami peningkatan",)),
    ("LK015", IND + "01-kerukunan-beragama.yaml", ("dicapai 100 %", "111,11%")),
    ("LK015", IND + "08-pendidikan-politik.yaml", ("realisasi 2024 105%",)),
    ("LK016", IND + "09-ormas-aktif.yaml", ("21,2%", "20,17%")),
    ("LK016", IND + "03-partai-politik.yaml", ("0%", "Rp4.261.450")),
    ("LK016", IND + "08-pendidikan-politik.yaml", ("tidak terdapat efesiensi",)),
    ("LK017", "data/2024/laporan.yaml", ("tahun 2023", "selama Tahun 2023")),
    ("LK018", "data/2024/laporan.yaml", ("Inspektorat", "kata_pengantar")),
    ("LK018", "data/2024/perencanaan.yaml", ("Inspektorat", "pengantar_renstra")),
    ("LK021", "data/2024/laporan.yaml", ("kesimpulan", "semuanya telah tercapai", "IK04 94,44%", "IK06")),
]


@pytest.mark.parametrize(("code", "path", "facts"), SEED_FINDINGS, ids=lambda x: x if isinstance(x, str) else None)
def test_seed_finding(seed, code: str, path: str, facts: tuple[str, ...]) -> None:
    _, diags = seed
    assert _find(diags, code, path, *facts), f"{code} {path} {facts} not in:\n" + "\n".join(
        d.format_text() for d in diags if d.code == code)


def test_seed_regulation_year_points_at_tahun_of_permenpanrb(seed) -> None:
    report, diags = seed
    ins = report.project.instansi
    index = next(i for i, law in enumerate(ins.model.dasar_hukum) if law.nomor == 53)
    found = _find(diags, "LK020", "data/2024/instansi.yaml", "Nomor 53 Tahun 2024", "Tahun 2014")
    assert [d.location for d in found] == [ins.at("dasar_hukum", index, "tahun")]


def test_seed_correct_statements_are_not_flagged(seed) -> None:
    """What the seed gets right stays quiet: IK01 'melebihi target' (111,11%), IK04 'tidak tercapai' (94,44%)."""
    _, diags = seed
    assert not _find(diags, "LK013", IND + "01-kerukunan-beragama.yaml")
    assert not [d for d in _find(diags, "LK013", IND + "04-ormas.yaml") if "tidak tercapai" in d.message]
    assert not _find(diags, "LK015", IND + "04-ormas.yaml")  # "tercapai 94 %" for 94,44%
    assert not _find(diags, "LK016", IND + "01-kerukunan-beragama.yaml")  # "3,6%" for 3,64%
    assert not _find(diags, "LK014", IND + "08-pendidikan-politik.yaml")  # penurunan: 105% -> 100%
    assert not _find(diags, "LK017", "data/2024/instansi.yaml")  # citations, periods, dates
    assert not _find(diags, "LK019", "data/2024/instansi.yaml")


def test_rule_codes_known_without_importing_the_rules_match_the_rules() -> None:
    from lakip_cli.checks import RULE_CODES

    assert tuple(rule.CODE for rule in RULES) == RULE_CODES
    assert RULE_CODES[:3] == ("LK001", "LK002", "LK003") and len(set(RULE_CODES)) == len(RULE_CODES)


def _longest_common_subsequence(a: str, b: str) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        diagonal, row[0] = 0, 0
        for j, y in enumerate(b, 1):
            diagonal, row[j] = row[j], diagonal + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


@given(st.text("abcde ", max_size=40), st.text("abcde ", max_size=40))
def test_lk040s_quick_bound_is_the_common_subsequence_and_never_below_difflib(a: str, b: str) -> None:
    import difflib

    from lakip_cli.checks.lk040_nama_narasi import _subsequence_bound

    bound = _subsequence_bound(a, b)
    if a or b:
        assert bound == pytest.approx(2 * _longest_common_subsequence(a, b) / (len(a) + len(b)))
    assert difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() <= bound + 1e-12
