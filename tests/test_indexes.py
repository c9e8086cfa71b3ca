"""The table of contents and the lists of tables and figures, filled in for clients that do not update fields."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

from lakip_cli.cli import app
from lakip_cli.write.document import TOC_PLACEHOLDER
from lakip_cli.write.indexes import fill_indexes, pdf_copy, without_comments
from tests.conftest import MINIMAL, copy_project, require_libreoffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _require_pandoc() -> str:
    found = shutil.which("pandoc")
    if found:
        return found
    if os.environ.get("LAKIP_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("pandoc tidak terpasang padahal LAKIP_REQUIRE_LIBREOFFICE=1")
    pytest.skip("pandoc tidak terpasang")


def _plain(docx: Path) -> list[str]:
    """The document as pandoc, a client that never updates fields, shows it."""
    shown = subprocess.run([_require_pandoc(), "-t", "plain", "--wrap=none", str(docx)], capture_output=True,
                           check=True, text=True).stdout
    return [line.strip() for line in shown.splitlines() if line.strip()]


def _build(runner, project: Path, *extra: str):
    result = runner.invoke(app, ["build", "2024", "-C", str(project), "--tanpa-grafik", *extra])
    assert result.exit_code == 0, result.output
    return result


def _part(docx: Path, name: str) -> bytes:
    with zipfile.ZipFile(docx) as package:
        return package.read(name)


def test_fill_writes_each_entry_with_its_page_and_keeps_the_field(minimal: Path, runner, tmp_path: Path) -> None:
    _build(runner, minimal)
    docx = minimal / "out" / "LAKIP-2024.docx"
    listing = [
        [["Contents 1", "KATA PENGANTAR\ti"], ["Contents 2", "A. Latar Belakang\t1"]],
        [["Figure Index 1", "Tabel 1.1 SDM\t2"]],
    ]
    data = fill_indexes(docx, listing)
    assert data is not None
    filled = tmp_path / "terisi.docx"
    filled.write_bytes(data)
    paragraphs = Document(str(filled)).paragraphs
    texts = [(p.text, p.style.name.lower()) for p in paragraphs]
    at = texts.index(("KATA PENGANTAR\ti", "toc 1"))
    assert texts[at + 1] == ("A. Latar Belakang\t1", "toc 2")
    assert ("Tabel 1.1 SDM\t2", "table of figures") in texts
    assert not any(TOC_PLACEHOLDER in text for text, _ in texts)
    # still one field per index: begin in the first entry, end in the last, so Word can update it
    first, last = paragraphs[at]._p, paragraphs[at + 1]._p
    assert [c.get(f"{W}fldCharType") for c in first.iter(f"{W}fldChar")] == ["begin", "separate"]
    assert [c.get(f"{W}fldCharType") for c in last.iter(f"{W}fldChar")] == ["end"]
    for name in ("word/styles.xml", "word/settings.xml"):
        assert _part(filled, name) == _part(docx, name)


def test_fill_refuses_a_listing_that_does_not_match(minimal: Path, runner) -> None:
    _build(runner, minimal)
    assert fill_indexes(minimal / "out" / "LAKIP-2024.docx", [[["Contents 1", "A\t1"]]]) is None


def test_copy_for_layout_has_no_comment_anchors(seed_copy_docx: Path, tmp_path: Path) -> None:
    copy = without_comments(seed_copy_docx, tmp_path / "tata-letak.docx")
    assert b"commentReference" in _part(seed_copy_docx, "word/document.xml")
    body = _part(copy, "word/document.xml")
    assert b"commentReference" not in body and b"commentRangeStart" not in body


@pytest.fixture(scope="module")
def seed_copy_docx(tmp_path_factory) -> Path:
    """The seed built as a draft: 146 findings become comments."""
    from typer.testing import CliRunner

    from tests.conftest import ROOT

    project = copy_project(ROOT, tmp_path_factory.mktemp("benih") / "proyek")
    result = CliRunner().invoke(app, ["build", "2024", "-C", str(project), "--tanpa-grafik"])
    assert result.exit_code == 0, result.output
    return project / "out" / "LAKIP-2024.docx"


def test_draft_without_pdf_says_word_fills_the_indexes(minimal: Path, runner) -> None:
    result = _build(runner, minimal)
    assert "daftar isi, daftar tabel dan daftar gambar disusun Word saat dokumen dibuka" in result.stderr
    assert TOC_PLACEHOLDER in "".join(p.text for p in Document(str(minimal / "out" / "LAKIP-2024.docx")).paragraphs)


@pytest.mark.libreoffice
def test_pdf_build_fills_the_docx_indexes_for_every_client(minimal: Path, runner, tmp_path: Path) -> None:
    require_libreoffice()
    plain = copy_project(MINIMAL, tmp_path / "biasa")
    _build(runner, plain)
    before = _plain(plain / "out" / "LAKIP-2024.docx")
    assert TOC_PLACEHOLDER.split(" (")[0] in " ".join(before)  # what pandoc showed until now

    result = _build(runner, minimal, "--pdf")
    assert "dokumen Word, daftar isi terisi" in result.stderr
    docx = minimal / "out" / "LAKIP-2024.docx"
    shown = _plain(docx)
    toc = shown.index("DAFTAR ISI")
    # The front matter is numbered i, ii, ...; chapter I opens the arabic numbering on page 1.
    assert shown[toc + 1] == "KATA PENGANTAR i"
    assert "BAB I PENDAHULUAN 1" in shown[toc:toc + 12]
    assert "A. Latar Belakang 1" in shown[toc:toc + 12]
    assert not any(TOC_PLACEHOLDER.split(" (")[0] in line for line in shown)
    # nothing else changed: styles and settings (w:updateFields, so Word still offers to update) are the same
    for name in ("word/styles.xml", "word/settings.xml"):
        assert _part(docx, name) == _part(plain / "out" / "LAKIP-2024.docx", name)
    assert b"w:updateFields" in _part(docx, "word/settings.xml")


@pytest.mark.libreoffice
def test_refreshed_draft_keeps_its_review_comments(seed_copy_docx: Path, tmp_path: Path) -> None:
    require_libreoffice()
    from lakip_cli.write.pdf import OfficeJob, run_office

    # One load for a draft: its notes hidden give the pages of the .docx, as a copy without comments does.
    copy = pdf_copy(seed_copy_docx, tmp_path / "salinan.docx")
    layout = without_comments(seed_copy_docx, tmp_path / "tata-letak.docx")
    draft, plain = run_office([OfficeJob(copy, tmp_path / "draf.pdf", copy), OfficeJob(layout, None, layout)])
    assert draft.error is None and plain.error is None
    assert draft.indexes == plain.indexes and draft.indexes
    assert (tmp_path / "draf.pdf").read_bytes()[:5] == b"%PDF-"
    data = fill_indexes(seed_copy_docx, draft.indexes)
    assert data is not None
    filled = tmp_path / "terisi.docx"
    filled.write_bytes(data)
    body = _part(filled, "word/document.xml")
    assert body.count(b"<w:commentReference") == 146  # every finding of the seed is still a comment
    for name in ("word/comments.xml", "word/styles.xml"):
        assert _part(filled, name) == _part(seed_copy_docx, name)
    shown = _plain(filled)
    assert shown[shown.index("DAFTAR ISI") + 1] == "KATA PENGANTAR i"


def test_pdf_copy_hides_each_note_by_its_style(seed_copy_docx: Path, tmp_path: Path) -> None:
    copy = pdf_copy(seed_copy_docx, tmp_path / "salinan.docx")
    body = _part(copy, "word/document.xml")
    assert b"commentReference" not in body
    assert body.count(b'<w:pStyle w:val="lakipCatatanPDF"/>') == 146
    assert b'w:styleId="lakipCatatanPDF"' in _part(copy, "word/styles.xml")


def _two_projects(tmp_path: Path) -> list[Path]:
    return [copy_project(MINIMAL, tmp_path / "opd" / name) for name in ("dinas-a", "dinas-b")]


def test_several_projects_each_get_a_line_and_the_throughput(tmp_path: Path, runner, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    a, b = _two_projects(tmp_path)
    result = runner.invoke(app, ["build", "2024", "--tanpa-grafik", "-C", "opd/dinas-a", "opd/dinas-b"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert sorted(line.split(":")[0] for line in lines[:2]) == ["[1/2] opd/dinas-a", "[2/2] opd/dinas-b"] or \
        sorted(line.split(" ")[1] for line in lines[:2]) == ["opd/dinas-a:", "opd/dinas-b:"]
    assert all("selesai" in line for line in lines[:2])
    assert lines[-1].startswith("2 laporan dalam ") and lines[-1].endswith(" detik")
    for project in (a, b):
        assert (project / "out" / "LAKIP-2024.docx").is_file()
        assert (project / "out" / "LAKIP-2024.md").is_file()
    # stateless and deterministic: the same data gives the same document in either project
    assert (a / "out" / "LAKIP-2024.docx").read_bytes() == (b / "out" / "LAKIP-2024.docx").read_bytes()


def test_several_projects_exit_with_the_worst_code(tmp_path: Path, runner, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    a, b = _two_projects(tmp_path)
    target = b / "data" / "2024" / "laporan.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "kunci_asing: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "2024", "--tanpa-grafik", "-C", "opd/dinas-a", "opd/dinas-b"])
    assert result.exit_code == 1
    assert any(line.endswith("opd/dinas-b: gagal: 1 galat, 0 peringatan") for line in result.stderr.splitlines())
    assert "kunci tidak dikenal 'kunci_asing'" in result.stdout
    assert (a / "out" / "LAKIP-2024.docx").is_file()
    assert not (b / "out" / "LAKIP-2024.docx").exists()


def test_folders_after_the_year_need_minus_c(runner) -> None:
    result = runner.invoke(app, ["build", "2024", "opd/a"])
    assert result.exit_code == 2


@pytest.mark.libreoffice
def test_several_projects_share_one_libreoffice_run(tmp_path: Path, runner, monkeypatch) -> None:
    require_libreoffice()
    from lakip_cli.write import pdf

    starts: list[int] = []
    real = pdf._one_start

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        starts.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "_one_start", counted)
    monkeypatch.chdir(tmp_path)
    projects = _two_projects(tmp_path)
    result = runner.invoke(app, ["build", "2024", "--tanpa-grafik", "--pdf", "-C", "opd/dinas-a", "opd/dinas-b"])
    assert result.exit_code == 0, result.output
    assert len(starts) == 1
    for project in projects:
        assert (project / "out" / "LAKIP-2024.pdf").read_bytes()[:5] == b"%PDF-"
        assert "BAB I PENDAHULUAN 1" in _plain(project / "out" / "LAKIP-2024.docx")


def test_final_without_libreoffice_still_builds_and_says_so(minimal: Path, runner, monkeypatch) -> None:
    monkeypatch.setattr("lakip_cli.write.pdf.find_soffice", lambda: None)
    result = _build(runner, minimal, "--final")
    assert "LibreOffice tidak terpasang, jadi daftar isi, daftar tabel dan daftar gambar disusun Word" \
        in result.stderr
    assert not (minimal / "out" / "LAKIP-2024.pdf").exists()


@pytest.mark.libreoffice
def test_final_fills_the_indexes_without_a_pdf(minimal: Path, runner) -> None:
    require_libreoffice()
    result = _build(runner, minimal, "--final")
    assert "dokumen Word, daftar isi terisi" in result.stderr
    assert not (minimal / "out" / "LAKIP-2024.pdf").exists()
    assert "BAB I PENDAHULUAN 1" in _plain(minimal / "out" / "LAKIP-2024.docx")
