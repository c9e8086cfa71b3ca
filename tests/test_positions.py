"""Exact positions inside string scalars: the loader maps an offset in a value back to line:col, and
narrative findings point at the sentence they are about, not at the key above it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lakip_cli.checks.causes import flatten
from lakip_cli.pipeline import check_report
from lakip_cli.source.load import YamlDoc, load_yaml
from lakip_cli.source.positions import WordMap, align

ROOT = Path(__file__).resolve().parents[1]
NARRATIVE = {"LK013", "LK014", "LK015", "LK016", "LK017", "LK018", "LK020", "LK021", "LK036", "LK037", "LK039"}

SAMPLE = (
    "# komentar\n"
    "literal: |\n"
    "  Kalimat pertama.\n"
    "\n"
    "  Kalimat kedua: tidak tercapai.\n"
    "folded: >-\n"
    "  Baris satu\n"
    "  bersambung.\n"
    "\n"
    "  Paragraf dua.\n"
    "plain: awal yang\n"
    "  berlanjut di sini\n"
    'quoted: "q\\u00e9 \\"kutip\\" \\\n'
    '  lanjut"\n'
    "single: 'it''s\n"
    "  ok'\n"
)


def _char_at(text: str, line: int, col: int) -> str:
    return text.split("\n")[line - 1][col - 1]


def test_offsets_map_to_line_and_column_in_every_style(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(SAMPLE, encoding="utf-8")
    doc = load_yaml(tmp_path / "a.yaml", tmp_path)
    where = {
        ("literal", "Kalimat kedua"): (5, 3),
        ("folded", "bersambung"): (8, 3),
        ("folded", "Paragraf dua"): (10, 3),
        ("plain", "berlanjut"): (12, 3),
        ("quoted", "kutip"): (13, 20),
        ("quoted", "lanjut"): (14, 3),
        ("single", "ok"): (16, 3),
    }
    for (key, word), (line, col) in where.items():
        loc = doc.locate_text((key,), doc.data[key].index(word))
        assert (loc.path, loc.line, loc.col) == ("a.yaml", line, col), (key, word)
    assert doc.locate_text(("literal",), 10_000) is None
    assert doc.locate_text(("tidak_ada",), 0) is None


TEXTS = st.text(alphabet=st.sampled_from(list("ab é.'\"\\:#-\n\t")), min_size=1, max_size=80)


@settings(max_examples=500, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, style=st.sampled_from([None, "|", ">", '"', "'"]))
def test_every_visible_character_maps_to_itself(tmp_path: Path, text: str, style: str | None) -> None:
    source, doc = _dumped(tmp_path, text, style)
    assert doc.data["k"] == text
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        loc = doc.locate_text(("k",), i)
        assert loc is not None
        found = _char_at(source, loc.line, loc.col)
        assert found == ch or found == "\\", (source, i, ch, loc)


@settings(max_examples=500, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, style=st.sampled_from([None, "|", ">", '"', "'"]))
def test_word_map_answers_as_the_walk(tmp_path: Path, text: str, style: str | None) -> None:
    """The word map's shortcut gives every offset, blank or not, the index the character walk gives."""
    _, doc = _dumped(tmp_path, text, style)
    start, end, found_style = doc.strings[("k",)]
    scalar = doc.text[start:end]
    words = WordMap.of(text, scalar, found_style)
    if found_style in (None, "|", ">"):  # no escapes there: the words are the source's, the shortcut is taken
        assert words.shortcut
    assert [words.index(i) for i in range(len(text))] == align(text, scalar, found_style)


def _dumped(tmp_path: Path, text: str, style: str | None) -> tuple[str, YamlDoc]:
    """`text` as the value of k, dumped in `style` (PyYAML picks another where it must), and loaded back."""
    source = yaml.safe_dump({"k": text}, default_style=style, allow_unicode=True, width=20)
    path = tmp_path / "p.yaml"
    path.write_text(source, encoding="utf-8")
    return source, load_yaml(path, tmp_path)


@pytest.fixture(scope="module")
def seed_findings():
    _, diags = check_report(ROOT, 2024)
    diags = tuple(flatten(diags))  # consequences of a duplicated indicator are narrative findings too
    return [d for d in diags if d.code in NARRATIVE and '("' in d.message]  # a quote: found in a passage


def test_seed_narrative_findings_point_at_their_sentence(seed_findings) -> None:
    """Each narrative finding's line:col is where the sentence holding its quote starts in the YAML file."""
    assert len(seed_findings) == 27  # LK036 1, LK037 4, LK039 1 of the claims rules
    for d in seed_findings:
        lines = (ROOT / d.location.path).read_text(encoding="utf-8").split("\n")
        rest = " ".join([lines[d.location.line - 1][d.location.col - 1:], *lines[d.location.line:d.location.line + 8]])
        quote = re.search(r'\("(.+?)"\)', d.message).group(1).strip("…")
        head = " ".join(rest.split())[:800]
        assert quote[:40] in head, d.format_text()
        if not d.message.split("(\"", 1)[1].startswith("…"):
            assert head.startswith(quote[:20]), d.format_text()


@pytest.mark.parametrize(("path", "line", "col", "code"), [
    ("data/2024/indikator/01-kerukunan-beragama.yaml", 39, 5, "LK014"),
    ("data/2024/indikator/01-kerukunan-beragama.yaml", 52, 5, "LK015"),
    ("data/2024/indikator/05-penanganan-konflik-sosial.yaml", 50, 5, "LK014"),
    ("data/2024/indikator/08-pendidikan-politik.yaml", 40, 5, "LK013"),
    ("data/2024/laporan.yaml", 9, 292, "LK017"),
    ("data/2024/laporan.yaml", 16, 335, "LK021"),
    ("data/2024/indikator/01-kerukunan-beragama.yaml", 52, 196, "LK036"),
    ("data/2024/indikator/05-penanganan-konflik-sosial.yaml", 44, 185, "LK037"),
    ("data/2024/indikator/02-peserta-sosialisasi-narkoba.yaml", 35, 5, "LK039"),
    ("data/2024/perencanaan.yaml", 11, 280, "LK018"),
])
def test_seed_narrative_finding_lines(seed_findings, path: str, line: int, col: int, code: str) -> None:
    assert (path, line, col, code) in [(d.location.path, d.location.line, d.location.col, d.code)
                                       for d in seed_findings]
