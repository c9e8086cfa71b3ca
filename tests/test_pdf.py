"""pdf: LibreOffice conversion with refreshed indexes, and every way it can fail without a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from lakip_cli.diagnostics import LakipError
from lakip_cli.write import pdf

HEADINGS = [("BAB I PENDAHULUAN", 1), ("Latar Belakang", 2), ("BAB II PERENCANAAN KINERJA", 1),
            ("BAB III AKUNTABILITAS KINERJA", 1)]
TABLES = 70  # enough caption lines that the list of tables fills two pages once refreshed
PLACEHOLDER = "Klik kanan untuk memperbarui daftar isi."


def require_libreoffice() -> None:
    """Skip without LibreOffice + Python-UNO + pdftotext; fail instead when LAKIP_REQUIRE_LIBREOFFICE=1."""
    soffice = pdf.find_soffice()
    missing = []
    if soffice is None:
        missing.append("LibreOffice (soffice)")
    elif pdf.find_uno_python(soffice) is None:
        missing.append("Python-UNO (python3-uno)")
    if shutil.which("pdftotext") is None:
        missing.append("pdftotext (poppler-utils)")
    if not missing:
        return
    message = " dan ".join(missing) + " tidak terpasang"
    if os.environ.get("LAKIP_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail(message + " padahal LAKIP_REQUIRE_LIBREOFFICE=1")
    pytest.skip(message)


# ---------------------------------------------------------------- a small report-like .docx


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (begin, instrText, separate, stale result, end), as the writer emits them."""
    def run(*children):
        r = OxmlElement("w:r")
        for child in children:
            r.append(child)
        paragraph._p.append(r)

    def char(kind: str):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    text = OxmlElement("w:t")
    text.text = placeholder
    run(char("begin"))
    run(instr)
    run(char("separate"))
    run(text)
    run(char("end"))


def _simple_field(paragraph, instruction: str, placeholder: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    r, t = OxmlElement("w:r"), OxmlElement("w:t")
    t.text = placeholder
    r.append(t)
    simple.append(r)
    paragraph._p.append(simple)


def _page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def make_docx(path: Path) -> Path:
    """Daftar isi (complex TOC field), daftar tabel (fldSimple), then chapters on their own pages."""
    doc = Document()
    doc.add_paragraph("DAFTAR ISI")
    _field(doc.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', PLACEHOLDER)
    doc.add_paragraph("DAFTAR TABEL")
    _simple_field(doc.add_paragraph(), 'TOC \\h \\z \\c "Tabel"', "Daftar tabel belum diperbarui.")
    for text, level in HEADINGS:
        if level == 1:
            _page_break(doc)
        doc.add_heading(text, level)
        doc.add_paragraph("Isi bagian ini.")
        if text == "Latar Belakang":
            for n in range(1, TABLES + 1):
                caption = doc.add_paragraph("Tabel ", style="Caption")
                _field(caption, "SEQ Tabel \\* ARABIC", "0")
                caption.add_run(f" Contoh tabel nomor {n}")
    footer = doc.add_paragraph("Halaman ")
    _field(footer, "PAGE", "0")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")


def _toc_number(pages: list[str], entry: str) -> int:
    """The page number printed after entry's dot leader in the index pages."""
    pattern = re.compile(rf"^\s*{re.escape(entry)}\s*\.{{3,}}\s*(\d+)\s*$", re.M)
    for page in pages:
        found = pattern.search(page)
        if found:
            return int(found.group(1))
    raise AssertionError(f"{entry!r} not listed with a page number")


def _body_page(pages: list[str], text: str) -> int:
    """1-based page where text stands as a line of its own (a heading or caption, not an index entry)."""
    pattern = re.compile(rf"^\s*{re.escape(text)}\s*$", re.M)
    hits = [i + 1 for i, page in enumerate(pages) if pattern.search(page)]
    assert hits, f"{text!r} not found in the body"
    return hits[0]


# ---------------------------------------------------------------- with LibreOffice


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Path:
    require_libreoffice()
    folder = tmp_path_factory.mktemp("pdf") / "folder dengan spasi"  # file URLs must be escaped
    docx = make_docx(folder / "laporan.docx")
    out = folder / "keluaran" / "laporan.pdf"
    pdf.convert_to_pdf(docx, out)
    return out


@pytest.mark.libreoffice
def test_toc_is_refreshed_with_page_numbers(converted: Path) -> None:
    pages = pdf_pages(converted)
    text = "\f".join(pages)
    assert PLACEHOLDER not in text
    assert "Daftar tabel belum diperbarui." not in text
    for heading, _ in HEADINGS:
        assert _toc_number(pages, heading) == _body_page(pages, heading), heading


@pytest.mark.libreoffice
def test_list_of_tables_is_refreshed(converted: Path) -> None:
    pages = pdf_pages(converted)
    for n in (1, TABLES // 2, TABLES):
        caption = f"Tabel {n} Contoh tabel nomor {n}"
        assert _toc_number(pages, caption) == _body_page(pages, caption)
    # The list grew to more than one page, which moved every chapter: the TOC must have been
    # updated after the list (a single pass over the indexes would print stale numbers).
    assert _body_page(pages, "BAB I PENDAHULUAN") > 3


@pytest.mark.libreoffice
def test_page_fields_are_updated(converted: Path) -> None:
    pages = pdf_pages(converted)
    last = len([p for p in pages if p.strip()])
    assert re.search(rf"Halaman {last}\b", pages[last - 1])


@pytest.mark.libreoffice
def test_output_replaced_atomically(converted: Path, tmp_path: Path) -> None:
    out = tmp_path / "laporan.pdf"
    out.write_bytes(b"versi lama")
    pdf.convert_to_pdf(converted.parent.parent / "laporan.docx", out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["laporan.pdf"]


@pytest.mark.libreoffice
def test_parallel_conversions_do_not_collide(converted: Path, tmp_path: Path) -> None:
    docx = converted.parent.parent / "laporan.docx"
    errors: list[BaseException] = []

    def convert(n: int) -> None:
        try:
            pdf.convert_to_pdf(docx, tmp_path / f"laporan-{n}.pdf")
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=convert, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for n in range(2):
        assert PLACEHOLDER not in "".join(pdf_pages(tmp_path / f"laporan-{n}.pdf"))


@pytest.mark.libreoffice
def test_real_conversion_timeout(tmp_path: Path) -> None:
    require_libreoffice()
    docx = make_docx(tmp_path / "laporan.docx")
    out = tmp_path / "laporan.pdf"
    with pytest.raises(LakipError, match="konversi PDF melebihi batas waktu") as info:
        pdf.convert_to_pdf(docx, out, timeout=0.3)
    assert info.value.diagnostics[0].code == "P003"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.docx"]


# ---------------------------------------------------------------- without LibreOffice


def test_missing_libreoffice_gives_install_hint(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(LakipError) as info:
        pdf.convert_to_pdf(tmp_path / "laporan.docx", tmp_path / "laporan.pdf")
    diag = info.value.diagnostics[0]
    assert diag.code == "P001"
    assert diag.message.startswith("LibreOffice tidak ditemukan. Pasang dengan: sudo apt-get install "
                                   "libreoffice-writer-nogui libreoffice-math-nogui")
    assert not (tmp_path / "laporan.pdf").exists()


def test_explicit_soffice_path_that_does_not_exist(monkeypatch) -> None:
    monkeypatch.setenv(pdf.SOFFICE_ENV, "/tidak/ada/soffice")
    assert pdf.find_soffice() is None


def test_missing_python_uno_gives_install_hint(tmp_path: Path, monkeypatch) -> None:
    docx = tmp_path / "laporan.docx"
    docx.write_bytes(b"PK")
    monkeypatch.setattr(pdf, "find_soffice", lambda: sys.executable)
    monkeypatch.setattr(pdf, "find_uno_python", lambda soffice: None)
    with pytest.raises(LakipError, match="sudo apt-get install python3-uno") as info:
        pdf.convert_to_pdf(docx, tmp_path / "laporan.pdf")
    assert info.value.diagnostics[0].code == "P002"


def test_missing_docx(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: sys.executable)
    with pytest.raises(LakipError, match="tidak ditemukan") as info:
        pdf.convert_to_pdf(tmp_path / "tidak-ada.docx", tmp_path / "laporan.pdf")
    assert info.value.diagnostics[0].code == "P004"


def _fake_helper(tmp_path: Path, monkeypatch, body: str) -> Path:
    """Replace pdf_refresh.py with a script; argv is [script, soffice, profile, input URL, output URL]."""
    script = tmp_path / "palsu.py"
    script.write_text("import sys, os, subprocess, time, pathlib, urllib.parse\n"
                      "out = pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(sys.argv[4]).path))\n"
                      + body, encoding="utf-8")
    docx = tmp_path / "laporan.docx"
    docx.write_bytes(b"PK")
    monkeypatch.setattr(pdf, "HELPER", script)
    monkeypatch.setattr(pdf, "find_soffice", lambda: sys.executable)
    monkeypatch.setattr(pdf, "find_uno_python", lambda soffice: sys.executable)
    return docx


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a killed child of a killed parent may linger unreaped as a zombie


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_timeout_kills_the_whole_process_group(tmp_path: Path, monkeypatch) -> None:
    """Like soffice.bin under oosplash: a grandchild must die with the helper."""
    pidfile = tmp_path / "cucu.pid"
    docx = _fake_helper(tmp_path, monkeypatch, (
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        f"pathlib.Path({str(pidfile)!r}).write_text(str(child.pid))\n"
        "time.sleep(60)\n"
    ))
    started = time.monotonic()
    with pytest.raises(LakipError, match="konversi PDF melebihi batas waktu 1,5 detik") as info:
        pdf.convert_to_pdf(docx, tmp_path / "laporan.pdf", timeout=1.5)
    assert time.monotonic() - started < 15  # a surviving grandchild would hold the pipes open for 60 s
    assert info.value.diagnostics[0].code == "P003"
    assert not _alive(int(pidfile.read_text()))
    assert not (tmp_path / "laporan.pdf").exists()


def test_exit_zero_without_pdf_is_an_error(tmp_path: Path, monkeypatch) -> None:
    docx = _fake_helper(tmp_path, monkeypatch, "sys.exit(0)\n")
    with pytest.raises(LakipError, match="tidak menghasilkan PDF") as info:
        pdf.convert_to_pdf(docx, tmp_path / "laporan.pdf")
    assert info.value.diagnostics[0].code == "P005"


def test_exit_zero_with_garbage_is_an_error(tmp_path: Path, monkeypatch) -> None:
    docx = _fake_helper(tmp_path, monkeypatch, "out.write_bytes(b'bukan pdf')\n")
    old = tmp_path / "laporan.pdf"
    old.write_bytes(b"%PDF-1.7 versi lama")
    with pytest.raises(LakipError, match="tidak menghasilkan PDF"):
        pdf.convert_to_pdf(docx, old)
    assert old.read_bytes() == b"%PDF-1.7 versi lama"  # the previous PDF survives
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.docx", "laporan.pdf", "palsu.py"]


def test_helper_failure_reason_is_reported(tmp_path: Path, monkeypatch) -> None:
    docx = _fake_helper(tmp_path, monkeypatch,
                        "sys.stderr.write('peringatan lain\\ndokumen tidak dapat dibuka: rusak\\n'); sys.exit(4)\n")
    with pytest.raises(LakipError, match="konversi PDF gagal: dokumen tidak dapat dibuka: rusak") as info:
        pdf.convert_to_pdf(docx, tmp_path / "laporan.pdf")
    assert info.value.diagnostics[0].code == "P004"


def test_fake_success_is_moved_into_place(tmp_path: Path, monkeypatch) -> None:
    docx = _fake_helper(tmp_path, monkeypatch, "out.write_bytes(b'%PDF-1.7 baru')\n")
    pdf.convert_to_pdf(docx, tmp_path / "hasil" / "laporan.pdf")
    assert (tmp_path / "hasil" / "laporan.pdf").read_bytes() == b"%PDF-1.7 baru"
    assert [p.name for p in (tmp_path / "hasil").iterdir()] == ["laporan.pdf"]


def test_helper_script_imports_without_uno() -> None:
    """pdf_refresh.py is run by another interpreter; importing it here must not need uno."""
    code = "import lakip_cli.write.pdf_refresh as m; import sys; sys.exit(m.main(['x']) != 2)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, check=False).returncode == 0


@pytest.mark.libreoffice
def test_pdf_target_that_is_a_folder_is_a_message(tmp_path: Path) -> None:
    require_libreoffice()
    docx = tmp_path / "LAKIP-2024.docx"
    docx.write_bytes(b"PK")
    (tmp_path / "LAKIP-2024.pdf").mkdir()
    with pytest.raises(LakipError) as caught:
        pdf.convert_to_pdf(docx, tmp_path / "LAKIP-2024.pdf")
    assert caught.value.diagnostics[0].code == "P007"
    assert "sudah ada sebagai folder" in caught.value.diagnostics[0].message


def test_index_refresh_stops_when_only_page_numbers_of_the_same_width_changed() -> None:
    """After the notes are shown, an index whose lines keep their lengths takes the same room: no page
    after it moved, so the refresh needs no confirming pass; a page number that gains a digit may wrap."""
    from lakip_cli.write import pdf_refresh

    before = ["BAB I PENDAHULUAN\t1\nA. Latar Belakang\t2", "Tabel 1.1 SDM\t8"]
    assert pdf_refresh._shape(before) == [[19, 19], [15]]
    assert pdf_refresh._shape(["BAB I PENDAHULUAN\t3\nA. Latar Belakang\t4", "Tabel 1.1 SDM\t9"]) \
        == pdf_refresh._shape(before)
    assert pdf_refresh._shape(["BAB I PENDAHULUAN\t3\nA. Latar Belakang\t4", "Tabel 1.1 SDM\t10"]) \
        != pdf_refresh._shape(before)
    assert pdf_refresh._shape(["Perbarui Bidang", ""]) != pdf_refresh._shape(before)


class _Paragraphs:
    """Stand-ins for LibreOffice's text objects: an index of paragraphs, each with its style and text."""

    def __init__(self, paragraphs: list[tuple[str, str]]) -> None:
        self.paragraphs = paragraphs

    # the anchor (XTextRange)
    def getString(self) -> str:  # noqa: N802 - UNO's names
        return "\n".join(text for _, text in self.paragraphs)

    def getText(self):  # noqa: N802
        return self

    def getStart(self) -> int:  # noqa: N802
        return 0

    def createEnumeration(self):  # noqa: N802
        items = [SimpleNamespace(ParaStyleName=style, getString=lambda text=text: text)
                 for style, text in self.paragraphs]
        return SimpleNamespace(hasMoreElements=lambda: bool(items), nextElement=lambda: items.pop(0))

    # the text (XText)
    def createTextCursorByRange(self, start: int):  # noqa: N802
        return _Cursor(self.paragraphs)

    def compareRegionEnds(self, cursor: _Cursor, anchor: object) -> int:  # noqa: N802
        return 0 if cursor.at == len(self.paragraphs) - 1 and cursor.at_end else 1


class _Cursor:
    def __init__(self, paragraphs: list[tuple[str, str]]) -> None:
        self.paragraphs, self.at, self.at_end = paragraphs, 0, False

    @property
    def ParaStyleName(self) -> str:  # noqa: N802
        return self.paragraphs[self.at][0]

    def gotoNextParagraph(self, select: bool) -> bool:  # noqa: N802
        if self.at + 1 >= len(self.paragraphs):
            return False
        self.at += 1
        return True

    def gotoEndOfParagraph(self, select: bool) -> None:  # noqa: N802
        self.at_end = True


def test_index_entries_are_read_a_line_at_a_time_unless_an_entry_breaks_its_line() -> None:
    from lakip_cli.write import pdf_refresh

    plain = [("Contents 1", "BAB I PENDAHULUAN\t1"), ("Contents 2", "A. Latar Belakang\t1")]
    assert pdf_refresh._quick_paragraphs(_Paragraphs(plain)) == [list(p) for p in plain]
    broken = [("Contents 1", "BAB I\nPENDAHULUAN\t1"), ("Contents 2", "A. Latar Belakang\t1")]
    assert pdf_refresh._quick_paragraphs(_Paragraphs(broken)) is None  # three lines, two paragraphs
    assert pdf_refresh._walked_paragraphs(_Paragraphs(broken)) == [list(p) for p in broken]


@pytest.mark.libreoffice
def test_an_entry_whose_heading_breaks_its_line_is_listed_once(tmp_path: Path) -> None:
    require_libreoffice()
    doc = Document()
    _field(doc.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', PLACEHOLDER)
    titles = ["BAB I PENDAHULUAN", "BAB II PERENCANAAN", "BAB III AKUNTABILITAS"]
    for n, title in enumerate(titles):
        _page_break(doc)
        heading = doc.add_heading(level=1)
        first, _, rest = title.partition(" ")
        heading.add_run(first)
        if n == 1:
            heading.runs[0].add_break()  # a line break inside the heading: "BAB\nII PERENCANAAN"
        heading.add_run((" " if n != 1 else "") + rest)
    docx = tmp_path / "baris.docx"
    doc.save(str(docx))
    [result] = pdf.run_office([pdf.OfficeJob(docx, None, docx)])
    assert result.error is None
    [entries] = result.indexes
    assert len(entries) == 3
    assert [" ".join(text.rpartition("\t")[0].split()) for _, text in entries] == titles
    assert [text.rpartition("\t")[2] for _, text in entries] == ["2", "3", "4"]


@pytest.mark.libreoffice
def test_an_early_helper_without_uno_gives_way_to_one_that_has_it(tmp_path: Path, monkeypatch) -> None:
    require_libreoffice()
    soffice = pdf.find_soffice()
    assert soffice is not None
    right = pdf.find_uno_python(soffice)
    monkeypatch.setattr(pdf, "_uno_candidates", lambda soffice: [sys.executable, right])
    if subprocess.run([sys.executable, "-c", "import uno"], capture_output=True, check=False).returncode == 0:
        pytest.skip("lakip's own interpreter has uno")
    early = pdf.start_office()
    assert early is not None and early.python == sys.executable
    early.proc.wait(timeout=30)  # ends at once: no uno
    docx = make_docx(tmp_path / "laporan.docx")
    [result] = pdf.run_office([pdf.OfficeJob(docx, tmp_path / "laporan.pdf", None)], early=early)
    assert result.error is None
    assert (tmp_path / "laporan.pdf").read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize(("argv", "wanted"), [
    (["build", "2024", "--pdf"], True),
    (["--debug", "build", "--final", "-o", "out/final.docx"], True),
    (["build", "2024"], False),
    (["build", "2024", "--no-pdf"], False),
    (["check", "2024", "--pdf"], False),  # not a build: the command line refuses the option itself
    (["init", "build", "--pdf"], False),
])
def test_the_program_starts_libreoffice_early_only_for_a_build_that_asks(argv: list[str], wanted: bool) -> None:
    from lakip_cli.program import wants_office

    assert wants_office(argv) is wanted


@pytest.mark.libreoffice
def test_the_program_hands_its_early_libreoffice_to_the_build(tmp_path: Path) -> None:
    require_libreoffice()
    from tests.conftest import MINIMAL, copy_project

    project = copy_project(MINIMAL, tmp_path / "proyek")
    code = ("import sys; from lakip_cli.program import run; "
            "sys.argv = ['lakip', 'build', '2024', '--pdf', '--tanpa-grafik', '-C', sys.argv[1]]; run()")
    result = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True,
                            check=False, env={**os.environ, "TMPDIR": str(tmp_path)}, timeout=240)
    assert result.returncode == 0, result.stderr
    assert (project / "out" / "LAKIP-2024.pdf").read_bytes()[:5] == b"%PDF-"
    assert "daftar isi terisi" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["proyek"]  # no folder of LibreOffice's work left behind
