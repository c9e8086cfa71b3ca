"""lakip build on the seed: the document read back, determinism, atomicity, --final, and a real client."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, compare_golden, copy_project, require_libreoffice
from docx import Document
from lxml import etree

from lakip_cli.cli import app
from lakip_cli.pipeline import BuildOptions, build_report
from lakip_cli.present.templates import builtin_dir

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
NS = {"w": W, "m": M}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The seed project built once, without charts so the document is the same on every machine."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("seed") / "proyek")
    build_report(project, BuildOptions(year=2024, charts=False))
    return project / "out" / "LAKIP-2024.docx"


@pytest.fixture(scope="module")
def body(built: Path) -> etree._Element:
    with zipfile.ZipFile(built) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


def _headings(built: Path) -> list[tuple[str, str]]:
    doc = Document(str(built))
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]


def test_chapters_in_order(built: Path) -> None:
    h1 = [t for s, t in _headings(built) if s == "Heading 1"]
    assert h1 == ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN",
                  "BAB II PERENCANAAN DAN PERJANJIAN KINERJA", "BAB III AKUNTABILITAS KINERJA",
                  "BAB IV PENUTUP", "LAMPIRAN"]


def test_eleven_indicator_sections_with_analyses_a_to_g(built: Path) -> None:
    heads = _headings(built)
    start = next(i for i, (_, t) in enumerate(heads) if t == "BAB III AKUNTABILITAS KINERJA")
    end = next(i for i, (_, t) in enumerate(heads) if t == "B. Realisasi Anggaran")
    sections: list[list[str]] = []
    for style, text in heads[start:end]:
        if style == "Heading 3":
            sections.append([])
        elif style == "Heading 4":
            sections[-1].append(text[:2])
    assert len(sections) == 11
    assert all(s == ["a.", "b.", "c.", "d.", "e.", "f.", "g."] for s in sections)


def _rows(table: etree._Element) -> list[list[str]]:
    return [[_text(tc).strip() for tc in tr.xpath("w:tc", namespaces=NS)] for tr in table.xpath("w:tr", namespaces=NS)]


def test_multi_year_table_is_portrait_one_row_per_year(body: etree._Element) -> None:
    tables = [_rows(t) for t in body.xpath("//w:tbl", namespaces=NS)]
    yearly = [t for t in tables if t[0] == ["Tahun", "Target", "Realisasi", "Capaian", "Perubahan Capaian"]]
    assert len(yearly) == 11
    years = [[row[0] for row in t[1:]] for t in yearly]
    assert years.count(["2021", "2022", "2023", "2024"]) == 10  # the latest four years, oldest first
    assert ["2024"] in years  # IK06 has no history in the seed
    ik01 = yearly[0][1:]
    assert [row[3] for row in ik01] == ["181,43%", "125,00%", "125,00%", "111,11%"]  # one column, 2 decimals
    assert [row[4] for row in ik01] == ["-", "\u221256,43 poin", "tetap", "\u221213,89 poin"]
    yearly_tables = [t for t in body.xpath("//w:tbl", namespaces=NS) if _rows(t)[0][0] == "Tahun"]
    orient = "following::w:sectPr[1]/w:pgSz/@w:orient"
    assert all(t.xpath(orient, namespaces=NS) == [] for t in yearly_tables)  # no portrait-landscape sandwich
    header_rows = body.xpath("//w:tr[w:trPr/w:tblHeader]", namespaces=NS)
    assert len(header_rows) > 30


def test_only_the_budget_table_goes_landscape(body: etree._Element) -> None:
    """Portrait its name column would be about 4 cm for names of up to 13 cm on one line: 3.5 pages."""
    assert body.xpath("//w:sectPr/w:pgSz/@w:orient", namespaces=NS).count("landscape") == 1
    budget = next(t for t in body.xpath("//w:tbl", namespaces=NS)
                  if _rows(t)[0][:2] == ["No", "Program / Kegiatan / Sub Kegiatan"])
    assert budget.xpath("following::w:sectPr[1]/w:pgSz/@w:orient", namespaces=NS) == ["landscape"]
    widths = [int(w) for w in budget.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert widths[1] > sum(widths) * 2 // 5  # the names get the room, not the amounts


def test_strategy_table_groups_by_tujuan_sasaran_and_misi(body: etree._Element) -> None:
    table = next(t for t in (_rows(t) for t in body.xpath("//w:tbl", namespaces=NS))
                 if t[0] == ["Strategi", "Arah Kebijakan"])
    groups = [row[0] for row in table if len(row) == 1]
    assert groups[0].startswith("Tujuan: Terwujudnya Stabilitas Politik")
    assert [g.split(":")[0] for g in groups[1:8]] == [f"Sasaran {n}" for n in range(1, 8)]
    assert groups[8].startswith("Strategi untuk Misi 5: ")
    after_s1 = table.index([groups[1]]) + 1
    assert table[after_s1][0].startswith("Meningkatkan kerukunan antar umat beragama")
    assert table[table.index([groups[2]]) + 1] == ["-", "-"]  # the seed links no strategy to sasaran 2
    assert not body.xpath("//w:tbl[.//w:tc/w:tcPr/w:vMerge][w:tr/w:tc[1]//w:t='Strategi']", namespaces=NS)


def test_formula_is_a_word_equation(body: etree._Element) -> None:
    fractions = body.xpath("//m:oMath//m:f", namespaces=NS)
    assert len(fractions) == 10  # every indicator but IK06, which has no formula in the seed
    numerators = [_text(f.find("m:num", NS)) for f in fractions]
    assert any("Jumlah Ormas yang melaksanakan fungsi" in n for n in numerators)


def test_computed_figures_in_the_document(built: Path) -> None:
    doc = Document(str(built))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "34/36 × 100% = 94,44%" in text
    assert "100 / 90 × 100% = 111,11%" in text
    assert "111,11%" in cells and "94,44%" in cells
    assert "meningkat dibanding tahun 2023" in text
    assert "menurun dibanding tahun 2023" in text
    assert "belum mencapai target" in text


def test_budget_total_row(built: Path) -> None:
    doc = Document(str(built))
    totals = [[c.text for c in r.cells] for t in doc.tables for r in t.rows
              if r.cells[0].text.startswith("Jumlah (setiap sub kegiatan")]
    assert totals, "total row missing"
    row = totals[0]  # serapan 99,503%: 2 decimals like every row
    assert "15.731.413.218" in row and "15.653.210.088" in row and "99,50%" in row


def test_placeholders_only_for_missing_data(built: Path) -> None:
    doc = Document(str(built))
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    marked = [t for t in texts if "[[BELUM DIISI" in t]
    assert marked
    allowed = ("tanggal penandatanganan", "realisasi", "capaian", "rumus", "anggaran", "pagu", "narasi.",
               "standar_nasional", "renstra.target_tahunan", "predikat", "analisis", "pihak kedua",
               "tempat penandatanganan PK")
    for t in marked:
        for what in re.findall(r"\[\[BELUM DIISI: ([^\]]+)\]\]", t):
            assert what.startswith(allowed), what
    assert not any("(Tabel) dan narasi/analisis" in t for t in texts)


def test_rendered_markdown_is_golden(built: Path) -> None:
    compare_golden(built.with_suffix(".md").read_text(encoding="utf-8"), ROOT / "tests/golden/LAKIP-2024.md")


def test_document_xml_is_golden(body: etree._Element) -> None:
    pretty = etree.tostring(body, pretty_print=True, encoding="unicode")
    compare_golden(pretty, ROOT / "tests/golden/document.xml")


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    project = built.parent.parent
    again = tmp_path / "lagi.docx"
    build_report(project, BuildOptions(year=2024, charts=False, output=again))
    assert again.read_bytes() == built.read_bytes()


def test_source_date_epoch_is_honoured(tmp_path: Path, monkeypatch) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740700800")  # 2025-02-28
    out = tmp_path / "a.docx"
    build_report(project, BuildOptions(year=2024, charts=False, output=out))
    core = zipfile.ZipFile(out).read("docProps/core.xml").decode()
    assert "2025-02-28T00:00:00Z" in core


BUILTIN_TEMPLATES = builtin_dir()


def test_failed_build_keeps_previous_document(tmp_path: Path, runner) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    out = project / "out" / "LAKIP-2024.docx"
    out.parent.mkdir()
    out.write_bytes(b"versi sebelumnya")
    tpl = project / "templates" / "40-bab4-penutup.md.j2"
    tpl.parent.mkdir()
    tpl.write_text(BUILTIN_TEMPLATES.joinpath(tpl.name).read_text(encoding="utf-8")
                   + "\n{{ tidak_ada.sama_sekali }}\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "2024", "-C", str(project), "--tanpa-grafik"])
    assert result.exit_code == 1
    assert "templates/40-bab4-penutup.md.j2:" in result.stdout and "[T001]" in result.stdout
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"versi sebelumnya"
    assert sorted(p.name for p in out.parent.iterdir()) == ["LAKIP-2024.docx"]


def test_final_build_refuses_gaps(tmp_path: Path, runner) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    result = runner.invoke(app, ["build", "2024", "--final", "-C", str(project), "--tanpa-grafik"])
    assert result.exit_code == 1
    err = result.output
    assert "Laporan final tidak dibuat" in result.stderr
    assert "data/2024/indikator/06-pelayanan-administrasi.yaml" in err and "realisasi" in err
    assert "tanggal penandatanganan" in err
    assert not (project / "out" / "LAKIP-2024.docx").exists()


def test_build_cli_reports_what_it_wrote(tmp_path: Path, runner) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    result = runner.invoke(app, ["build", "2024", "-C", str(project), "--tanpa-grafik", "-o",
                                 str(tmp_path / "hasil.docx")])
    assert result.exit_code == 0, result.stderr
    assert "ditulis:" in result.stderr and "hasil.docx" in result.stderr
    assert (tmp_path / "hasil.docx").stat().st_size > 20_000
    assert (tmp_path / "hasil.md").exists()


@pytest.fixture(scope="module")
def built_pdf(tmp_path_factory) -> tuple[Path, Path]:
    """The seed built as a user would with `lakip build 2024 --pdf`, charts included."""
    require_libreoffice()
    project = copy_project(ROOT, tmp_path_factory.mktemp("pdf") / "proyek")
    result = build_report(project, BuildOptions(year=2024, charts=True, pdf=True))
    assert result.pdf is not None
    return result.docx, result.pdf


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")


@pytest.mark.libreoffice
def test_pdf_holds_chapters_figures_and_equations(built_pdf: tuple[Path, Path]) -> None:
    _, pdf = built_pdf
    text = "\n".join(_pages(pdf))
    for needle in ("IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP",
                   "111,11%", "94,44%", "15.731.413.218", "Jumlah Ormas yang melaksanakan fungsi"):
        assert needle in text, needle
    captions = re.findall(r"^\s*(Gambar \d+(?:\.\d+)?) (.+?)\s*$", text, flags=re.M)
    # The three charts, each once: the overview, one figure of small multiples, and the budget.
    assert [c for c in dict(captions).items() if "Struktur" not in c[1]] == [
        ("Gambar 1", "Capaian indikator kinerja per sasaran strategis tahun 2024"),
        ("Gambar 3.1", "Capaian indikator kinerja tahun 2021\u20132024"),
        ("Gambar 3.2", "Serapan anggaran per sub kegiatan tahun 2024")]
    assert os.path.getsize(pdf) < 10 * 1024 * 1024  # e-SAKIP portals cap uploads near 10 MB


@pytest.mark.libreoffice
def test_pdf_table_of_contents_points_at_real_pages(built_pdf: tuple[Path, Path]) -> None:
    _, pdf = built_pdf
    pages = _pages(pdf)
    toc_page = next(i for i, p in enumerate(pages) if "DAFTAR ISI" in p)
    checked = 0
    for heading in ("BAB I PENDAHULUAN", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP"):
        toc_lines = [ln for p in pages[toc_page:toc_page + 3] for ln in p.splitlines()]
        line = next(ln for ln in toc_lines if heading in ln and "...." in ln)
        listed = re.search(r"(\d+)\s*$", line).group(1)
        real = next(i for i, p in enumerate(pages) if i > toc_page + 2 and p.lstrip().startswith(heading))
        footer = [ln.strip() for ln in pages[real].splitlines() if ln.strip()][-1]
        assert listed == footer, (heading, listed, footer)
        checked += 1
    assert checked == 3


def test_docx_carries_chart_images(built_pdf: tuple[Path, Path]) -> None:
    docx, _ = built_pdf
    with zipfile.ZipFile(docx) as z:
        media = sorted(z.read(n) for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png"))
    # The three charts (overview, small multiples, budget), embedded as drawn: the bytes of the chart cache.
    assert media == sorted(p.read_bytes() for p in (docx.parent / ".grafik").iterdir())
    assert len(media) == 3


def test_final_build_of_a_complete_project_has_no_gaps(minimal: Path, runner) -> None:
    result = runner.invoke(app, ["build", "2024", "--final", "-C", str(minimal)])
    assert result.exit_code == 0, result.stderr
    text = (minimal / "out" / "LAKIP-2024.md").read_text(encoding="utf-8")
    assert "BELUM DIISI" not in text
    assert "Contoh, 28 Februari 2025" in text
    doc = Document(str(minimal / "out" / "LAKIP-2024.docx"))
    assert not any("BELUM DIISI" in p.text for p in doc.paragraphs)


def test_app_properties_describe_this_document(built: Path) -> None:
    app = zipfile.ZipFile(built).read("docProps/app.xml").decode()
    assert "<Application>lakip</Application>" in app
    assert "<Company>Badan Kesatuan Bangsa dan Politik Kota Metro</Company>" in app
    assert "Normal.dotm" not in app and "Microsoft" not in app
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH Badan Kesatuan Bangsa dan Politik Kota Metro Tahun 2024" in app


def test_budget_table_reads_program_kegiatan_sub_kegiatan(body: etree._Element) -> None:
    table = next(t for t in (_rows(t) for t in body.xpath("//w:tbl", namespaces=NS))
                 if t[0][:2] == ["No", "Program / Kegiatan / Sub Kegiatan"])
    numbered = {row[0]: row for row in table[2:] if row[0]}
    assert numbered["1"][1].startswith("Program Pembinaan dan Pengembangan Ketahanan Ekonomi")
    assert numbered["1.1"][1].startswith("Kegiatan Perumusan Kebijakan Teknis")
    assert numbered["1"][3:6] == ["132.057.600", "120.800.950", "11.256.650"]  # 37.491.400 + 94.566.200
    assert numbered["1.1.1"][2:4] == ["IK 1, IK 10", "37.491.400"]
    assert numbered["1.1.2"][3] == "94.566.200"
    assert table[-1][0].startswith("Jumlah (setiap sub kegiatan dihitung satu kali)")


def split_tokens(layout: str, tokens: set[str]) -> list[str]:
    """Tokens printed broken over two lines of a table cell in `pdftotext -layout` output.

    A wrapped cell shows the token's start at the end of one line and its rest beginning a following line
    at the same column; e.g. 'Indika' over 'tor', or '15.731.413.21' over '8'.
    """
    lines = layout.splitlines()
    broken = []
    for token in sorted(t for t in tokens if len(t) >= 4):
        for k in range(2, len(token)):
            head, tail = token[:k], token[k:]
            for number, line in enumerate(lines[:-1]):
                for m in re.finditer(rf"(?<!\S){re.escape(head)}(?!\S)", line):
                    for below in lines[number + 1:number + 4]:
                        starts = len(below) - len(below.lstrip())
                        if abs(starts - m.start()) <= 2 and re.match(rf"\s*{re.escape(tail)}(?!\S)", below):
                            broken.append(f"{head}/{tail}")
    return sorted(set(broken))


def test_split_token_detector_finds_what_a_narrow_column_does() -> None:
    layout = "  Indika    Pagu (Rp)\n  tor       15.731.413.21\n            8\n"
    assert split_tokens(layout, {"Indikator", "15.731.413.218"}) == ["15.731.413.21/8", "Indika/tor"]
    assert split_tokens("  Indikator  15.731.413.218\n", {"Indikator", "15.731.413.218"}) == []


def _cell_tokens(docx: Path) -> set[str]:
    """Amounts, percentages and header words of every table: what must never wrap."""
    tokens: set[str] = set()
    for table in Document(str(docx)).tables:
        for number, row in enumerate(table.rows):
            for cell in row.cells:
                for word in cell.text.split():
                    if re.fullmatch(r"[\d.,%+\u2212-]*\d[\d.,%]*", word) or (number == 0 and word.isalpha()):
                        tokens.add(word)
    return tokens


@pytest.mark.libreoffice
def test_pdf_pages_have_no_broken_cell_token_and_no_near_empty_page(built_pdf: tuple[Path, Path]) -> None:
    docx, pdf = built_pdf
    pages = _pages(pdf)
    assert split_tokens("\n".join(pages), _cell_tokens(docx)) == []
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    with_picture = {int(line.split()[0]) for line in listing.splitlines()[2:] if line.strip()}
    # A front-matter list starts its own page by design, however short (three figures: five lines).
    lists = {n for n, page in enumerate(pages, 1) if page.strip().startswith(("DAFTAR GAMBAR", "DAFTAR TABEL"))}
    sparse = [n for n, page in enumerate(pages, 1)
              if page.strip() and n != 1 and n not in with_picture | lists
              and sum(1 for line in page.splitlines() if line.strip()) <= 6]
    assert sparse == []


def test_lampiran_is_a_perjanjian_kinerja_signed_by_both_parties(minimal: Path, runner) -> None:
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal), "--tanpa-grafik"])
    assert result.exit_code == 0, result.output
    doc = Document(str(minimal / "out" / "LAKIP-2024.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    start = text.index("LAMPIRAN")
    lampiran = text[start:]
    assert "kami yang bertanda tangan di bawah ini" in lampiran
    assert "selanjutnya disebut pihak pertama" in lampiran and "selanjutnya disebut pihak kedua" in lampiran
    assert "Nama: Drs. Budi Santoso, M.Si" in lampiran and "Jabatan: Bupati Contoh" in lampiran
    pairs = [t for t in doc.tables if len(t.columns) == 2 and "PIHAK PERTAMA," in t.rows[0].cells[1].text]
    assert len(pairs) == 2  # after the statement and after the PK table
    left, right = pairs[0].rows[0].cells
    assert left.text.splitlines()[1:3] == ["PIHAK KEDUA,", "Bupati Contoh"]
    assert "Drs. Budi Santoso, M.Si" in left.text
    assert right.text.splitlines()[0] == "Contoh, 15 Januari 2024"  # the PK's own date, not the report's
    assert right.text.splitlines()[1] == "PIHAK PERTAMA,"


def test_organisation_chart_swot_and_facilities_have_their_place(minimal: Path, runner) -> None:
    shutil.copy(ROOT / "tests" / "writer_cases" / "grafik.png", minimal / "bagan.png")
    instansi = minimal / "data" / "2024" / "instansi.yaml"
    instansi.write_text(instansi.read_text(encoding="utf-8") + (
        "bagan_organisasi: bagan.png\n"
        "sarana_prasarana:\n  - uraian: Kendaraan roda empat\n    jumlah: 3\n    satuan: unit\n    kondisi: baik\n"
        "swot:\n  kekuatan: [Pegawai berpengalaman]\n  kelemahan: [Anggaran terbatas]\n"
        "  peluang: [Dukungan forum]\n  ancaman: [Hoaks di media sosial]\n"), encoding="utf-8")
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal), "--tanpa-grafik"])
    assert result.exit_code == 0, result.output
    doc = Document(str(minimal / "out" / "LAKIP-2024.docx"))
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert any(c.startswith("Gambar 1.1 Struktur Organisasi") for c in captions)
    swot = next(t for t in doc.tables if t.rows[0].cells[0].text == "Kekuatan (Strength)")
    assert [[c.text for c in r.cells] for r in swot.rows] == [
        ["Kekuatan (Strength)", "Kelemahan (Weakness)"], ["1. Pegawai berpengalaman", "1. Anggaran terbatas"],
        ["Peluang (Opportunity)", "Ancaman (Threat)"], ["1. Dukungan forum", "1. Hoaks di media sosial"]]
    facilities = next(t for t in doc.tables if t.rows[0].cells[1].text == "Sarana dan Prasarana")
    assert [c.text for c in facilities.rows[1].cells] == ["1.", "Kendaraan roda empat", "3", "unit", "baik"]
    with zipfile.ZipFile(minimal / "out" / "LAKIP-2024.docx") as z:
        assert [n for n in z.namelist() if n.startswith("word/media/")]


def test_organisation_chart_outside_the_project_is_a_located_error(minimal: Path, runner) -> None:
    instansi = minimal / "data" / "2024" / "instansi.yaml"
    lines = instansi.read_text(encoding="utf-8").count("\n")
    instansi.write_text(instansi.read_text(encoding="utf-8") + "bagan_organisasi: ../../etc/hostname\n",
                        encoding="utf-8")
    result = runner.invoke(app, ["validate", "2024", "-C", str(minimal)])
    assert result.exit_code == 1
    assert f"data/2024/instansi.yaml:{lines + 1}:19: galat: " in result.output and "[V031]" in result.output


def test_narrative_image_outside_the_project_is_located_in_the_sentence(minimal: Path, runner) -> None:
    laporan = minimal / "data" / "2024" / "laporan.yaml"
    text = laporan.read_text(encoding="utf-8")
    assert "\nikhtisar:" not in text
    lines = text.count("\n")
    laporan.write_text(text + "ikhtisar: |\n  Lihat foto ![kegiatan](../../../etc/hostname) ini.\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "2024", "-C", str(minimal)])
    assert result.exit_code == 1
    assert f"data/2024/laporan.yaml:{lines + 2}:26: galat: gambar di narasi: " in result.output
    assert "[V031]" in result.output


def test_budget_names_that_already_carry_their_kind_are_not_prefixed_again(minimal: Path, runner) -> None:
    # The minimal project's DPA names are "Program Layanan Contoh" and "Kegiatan Layanan".
    result = runner.invoke(app, ["build", "2024", "-C", str(minimal), "--tanpa-grafik"])
    assert result.exit_code == 0, result.output
    text = (minimal / "out" / "LAKIP-2024.md").read_text(encoding="utf-8")
    assert "Program Layanan Contoh, Kegiatan Layanan, sub kegiatan Penyelenggaraan Layanan." in text
    assert "Program Layanan Contoh, Kegiatan Layanan, sub kegiatan Pembinaan Petugas." in text
    assert not re.search(r"(?i)\b(program|kegiatan)\s+\1\b", text)
    doc = Document(str(minimal / "out" / "LAKIP-2024.docx"))
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert {"Program Layanan Contoh", "Kegiatan Layanan"} <= cells
    assert not any(re.search(r"(?i)\b(program|kegiatan)\s+\1\b", c) for c in cells)


def test_kind_word_is_added_only_where_the_name_lacks_it() -> None:
    from lakip_cli.display import berjenis

    assert berjenis("Penguatan Ideologi Pancasila", "Program") == "Program Penguatan Ideologi Pancasila"
    assert berjenis("Program Penguatan Ideologi Pancasila", "Program") == "Program Penguatan Ideologi Pancasila"
    assert berjenis("PROGRAM Penunjang Urusan", "Program") == "PROGRAM Penunjang Urusan"
    assert berjenis("Kegiatan Layanan", "kegiatan") == "Kegiatan Layanan"
    assert berjenis("Sub Kegiatan Evaluasi Kinerja", "sub kegiatan") == "Sub Kegiatan Evaluasi Kinerja"
    assert berjenis("Subsidi Pangan", "Sub kegiatan") == "Sub kegiatan Subsidi Pangan"
    assert berjenis("Programmer Daerah", "Program") == "Program Programmer Daerah"  # a whole word only
