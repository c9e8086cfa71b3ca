"""Findings in the draft as Word comments: one per finding, anchored where the problem is; none in a final."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, require_libreoffice
from docx import Document
from lxml import etree

from lakip_cli.cli import app
from lakip_cli.pipeline import BuildOptions, build_report, pdf_source
from lakip_cli.write.comments import Annotation, add_comments, inline_comments

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def seed_draft(tmp_path_factory) -> Path:
    project = copy_project(ROOT, tmp_path_factory.mktemp("komentar") / "proyek")
    return build_report(project, BuildOptions(year=2024, charts=False, pdf=False)).docx


def _parts(docx: Path) -> tuple[etree._Element, etree._Element]:
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read("word/comments.xml")), etree.fromstring(z.read("word/document.xml"))


def comments(docx: Path) -> dict[int, str]:
    tree, _ = _parts(docx)
    return {int(c.get(f"{W}id")): "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p"))
            for c in tree.iter(f"{W}comment")}


def anchors(docx: Path) -> dict[int, tuple[str, str, str]]:
    """comment id -> (the text inside its range, the last numbered heading before it, its highlighted text)."""
    _, doc = _parts(docx)
    open_: dict[int, list[str]] = {}
    lit: dict[int, list[str]] = {}
    heading = ""
    out: dict[int, tuple[str, str, str]] = {}
    for el in doc.iter(f"{W}p", f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t"):
        if el.tag == f"{W}p":
            style = el.find(f"{W}pPr/{W}pStyle")
            text = "".join(t.text or "" for t in el.iter(f"{W}t"))
            is_heading = style is not None and style.get(f"{W}val", "").lower().startswith("heading")
            if is_heading and re.match(r"\d+\. ", text):
                heading = text
        elif el.tag == f"{W}commentRangeStart":
            open_[int(el.get(f"{W}id"))] = []
            lit[int(el.get(f"{W}id"))] = []
        elif el.tag == f"{W}commentRangeEnd":
            cid = int(el.get(f"{W}id"))
            out[cid] = ("".join(open_.pop(cid)), heading, "".join(lit.pop(cid)))
        else:
            run = el.getparent()
            marked = run.find(f"{W}rPr/{W}highlight") is not None
            for cid in open_:
                open_[cid].append(el.text or "")
                if marked:
                    lit[cid].append(el.text or "")
    return out


def test_one_comment_per_finding_of_lakip_check(seed_draft: Path, runner) -> None:
    result = runner.invoke(app, ["check", "2024", "--format", "json", "-C", str(ROOT)])
    roots = json.loads(result.stdout)
    findings = [f for root in roots for f in (root, *root.get("related", []))]
    assert (len(roots), len(findings)) == (119, 146)
    texts = comments(seed_draft)
    assert len(texts) == len(findings)
    tree, doc = _parts(seed_draft)
    assert {c.get(f"{W}author") for c in tree.iter(f"{W}comment")} == {"lakip"}
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert sorted(int(e.get(f"{W}id")) for e in doc.iter(f"{W}{tag}")) == sorted(texts)
    said = sorted(re.sub(r" \(akibat dari LK009 di [^)]+\)$", "", text.split("\n")[0]) for text in texts.values())
    assert said == sorted(f"[{f['code']}] {f['message']}" for f in findings)
    assert all("\nTindakan: " in text and "\nSumber: data/2024/" in text for text in texts.values())


def test_comments_sit_on_the_words_they_are_about(seed_draft: Path) -> None:
    texts = comments(seed_draft)
    placed = anchors(seed_draft)
    by_source = {text.rsplit("Sumber: ", 1)[1]: cid for cid, text in texts.items() if "Sumber: " in text}
    # IK01 and IK10 share one narrative: each comment sits in its own indicator's section, on the quoted words.
    for source, heading in (("data/2024/indikator/01-kerukunan-beragama.yaml:39:5",
                             "1. Persentase Peningkatan Kerukunan Beragama"),
                            ("data/2024/indikator/10-kerukunan-umat-beragama.yaml:39:5",
                             "10. Persentase Peningkatan Kerukunan Umat Beragama")):
        inside, last_heading, lit = placed[by_source[source]]
        assert inside == lit == ("persentase kerukunan umat beragama pada tahun 2024 masih tetap sama dengan tahun "
                                 "– tahun sebelumnya, yaitu melampaui dari")
        assert last_heading == heading
    order = sorted(placed)
    ik01 = next(c for c in order if texts[c].endswith("01-kerukunan-beragama.yaml:39:5"))
    ik10 = next(c for c in order if texts[c].endswith("10-kerukunan-umat-beragama.yaml:39:5"))
    _, doc = _parts(seed_draft)
    starts = [int(e.get(f"{W}id")) for e in doc.iter(f"{W}commentRangeStart")]
    assert starts.index(ik01) < starts.index(ik10)
    # A finding that quotes nothing sits on its indicator's heading; the regulation on the dasar hukum item.
    inside, _, lit = placed[by_source["data/2024/indikator/10-kerukunan-umat-beragama.yaml:10:9"]]
    assert (inside, lit) == ("10. Persentase Peningkatan Kerukunan Umat Beragama", "")
    inside, _, lit = placed[by_source["data/2024/instansi.yaml:68:12"]]
    assert inside == lit and lit.endswith("Reformasi Birokrasi Nomor 53 Tahun 2024")
    # LK021 and LK027 (Penetapan Kinerja) both point at this sentence; LK021's comment covers it to its end.
    lk021 = next(cid for cid, text in texts.items()
                 if "LK021" in text and text.endswith("Sumber: data/2024/laporan.yaml:16:335"))
    inside, heading, _ = placed[lk021]
    assert inside.endswith("semuanya telah tercapai sesuai dengan target.")
    # A share written above 100% in the history sits on the table cell that prints it.
    cid = by_source["data/2024/indikator/01-kerukunan-beragama.yaml:28:16"]
    # (the column shows 2 decimals: its 2024 realisasi is computed, 3/3 x 100)
    assert placed[cid] == ("127,00%", "1. Persentase Peningkatan Kerukunan Beragama", "127,00%")
    start = next(e for e in doc.iter(f"{W}commentRangeStart") if int(e.get(f"{W}id")) == cid)
    assert any(a.tag == f"{W}tc" for a in start.iterancestors())
    quoted = [cid for cid, text in texts.items() if '("' in text.split("\n")[0]]
    assert len(quoted) == 78 and all(placed[cid][2] for cid in quoted)


def test_a_final_build_carries_no_comment_and_no_highlight(minimal: Path, runner) -> None:
    result = runner.invoke(app, ["build", "2024", "--final", "-C", str(minimal)])
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(minimal / "out" / "LAKIP-2024.docx") as z:
        names = z.namelist()
        body = z.read("word/document.xml").decode("utf-8")
    assert "word/comments.xml" not in names
    assert "commentRangeStart" not in body and "w:highlight" not in body


def test_comments_survive_xml_special_characters_and_long_paragraphs(tmp_path: Path) -> None:
    doc = Document()
    filler = "kata biasa " * 5000
    special = 'angka <5% & "kutip" \'tunggal\' > 3'
    doc.add_paragraph(filler + special + " " + filler)
    doc.add_heading("2. Bagian Lain", level=3)
    doc.add_paragraph("teks tanpa kutipan")
    notes = [
        Annotation("LK013", 'pesan <b>&amp; "x"\x0b', "perbaiki <di sini> & di sana", excerpt=special),
        Annotation("LK009", "tidak ada kutipan", "t", excerpt="tidak ada di dokumen", section_hint="2. Bagian Lain"),
        Annotation("LK006", "tanpa tempat", "t"),
    ]
    placed = add_comments(doc, notes)
    assert [p.how for p in placed] == ["kutipan", "judul", "awal"]
    out = tmp_path / "a.docx"
    doc.save(str(out))
    texts = comments(out)
    assert texts[0].split("\n") == ['[LK013] pesan <b>&amp; "x"', "Tindakan: perbaiki <di sini> & di sana"]
    placed_at = anchors(out)
    assert placed_at[0][0] == placed_at[0][2] == special
    assert placed_at[1][0] == "2. Bagian Lain"
    assert placed_at[2][0].startswith("kata biasa")
    reopened = Document(str(out))
    assert reopened.paragraphs[0].text == filler + special + " " + filler  # the text itself is untouched


def test_inline_notes_replace_comments_for_the_pdf(seed_draft: Path, tmp_path: Path) -> None:
    copy = pdf_source(seed_draft, tmp_path)
    with zipfile.ZipFile(copy) as z:
        assert "word/comments.xml" not in z.namelist()
        body = z.read("word/document.xml").decode("utf-8")
    assert "commentRangeStart" not in body and "commentReference" not in body
    notes = re.findall(r"<w:t[^>]*>lakip \[(?:LK|V)\d{3}\]", body)
    assert len(notes) == 146
    assert inline_comments(Document(str(copy))) == 0


def test_notes_under_a_heading_keep_it_off_the_page_foot(seed_draft: Path, tmp_path: Path) -> None:
    doc = Document(str(pdf_source(seed_draft, tmp_path)))
    paras = doc.paragraphs

    def notes_under(heading: str) -> list:
        at = max(i for i, p in enumerate(paras) if p.text == heading and p.style.name.startswith("Heading"))
        after = paras[at + 1:]  # (max: BAB III's heading; BAB II has one of the same name)
        return after[:next(i for i, p in enumerate(after) if not p.text.startswith("lakip ["))]

    # IK03's three findings that quote nothing sit on its heading; each keeps with the next paragraph, as the
    # heading does, so the heading never ends a page with only its notes under it
    notes = notes_under("3. Persentase Partai Politik yang Melaksanakan Fungsinya sesuai Peraturan Perundang-Undangan")
    assert [p.text.split("]")[0] for p in notes] == ["lakip [LK030", "lakip [LK031", "lakip [LK029"]
    assert all(p.paragraph_format.keep_with_next for p in notes)
    # IK01 has six (LK005 for 2021, 2022 and 2023, LK030, LK031, LK029): a run that long may begin at the page
    # foot rather than leave most of the page empty
    notes = notes_under("1. Persentase Peningkatan Kerukunan Beragama")
    assert [p.text.split("]")[0] for p in notes] == ["lakip [LK005"] * 3 + ["lakip [LK030", "lakip [LK031",
                                                                           "lakip [LK029"]
    assert not any(p.paragraph_format.keep_with_next for p in notes)
    # the multi-year table of IK01 has one note (LK004 on '127,00%'): its last row stays with that note
    table = next(t for t in doc.tables if any(c.text == "127,00%" for c in t.rows[1].cells))
    assert all(p.paragraph_format.keep_with_next for c in table.rows[-1].cells for p in c.paragraphs)
    # a note under an ordinary paragraph (LK017 in the foreword) does not hold its page together
    foreword = next(p for p in paras if p.text.startswith("lakip [LK017] laporan.yaml: kata_pengantar"))
    assert not foreword.paragraph_format.keep_with_next


@pytest.mark.libreoffice
def test_draft_pdf_shows_every_finding(tmp_path: Path) -> None:
    require_libreoffice()
    project = copy_project(ROOT, tmp_path / "proyek")
    result = build_report(project, BuildOptions(year=2024, charts=False, pdf=True))
    assert result.pdf is not None
    text = subprocess.run(["pdftotext", str(result.pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert len(re.findall(r"lakip \[(?:LK|V)\d{3}\]", text)) == 146


@pytest.mark.libreoffice
def test_libreoffice_opens_the_draft_with_its_comments(seed_draft: Path, tmp_path: Path) -> None:
    soffice = require_libreoffice()
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(seed_draft)],
                   capture_output=True, check=True, timeout=240)
    with zipfile.ZipFile(tmp_path / seed_draft.with_suffix(".odt").name) as z:
        content = z.read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") == 146
    assert content.count("<dc:creator>lakip</dc:creator>") == 146


def test_every_rule_and_stage_warning_has_its_own_action_hint() -> None:
    from lakip_cli.catalogue import all_codes
    from lakip_cli.diagnostics import STAGE_WARNINGS
    from lakip_cli.present.annotations import DEFAULT_ACTION, action_for

    default = DEFAULT_ACTION.format("data/2024/x.yaml:1:1")
    rules = [c.code for c in all_codes() if c.code.startswith("LK")]
    assert len(rules) == 40 and "LK041" in rules and "LK035" not in rules  # LK035 is retired
    # every check rule, every warning of the other stages, and the two rules of ranges and decimals
    codes = sorted({*rules, *STAGE_WARNINGS, "V025", "V026"})
    assert [c for c in codes if action_for(c, "data/2024/x.yaml:1:1") == default] == []
    assert action_for("V999", "data/2024/x.yaml:1:1") == "Perbaiki data di data/2024/x.yaml:1:1."
    # the hints name what to change, in the terms of the rule
    assert action_for("LK034", "") == ('Tulis rupiah dan persen seperti di dokumen: "Rp37.491.400" (tanpa titik, '
                                       'spasi atau ",-") dan "100%" (tanpa spasi).')
    assert "{bawah, atas}" in action_for("V025", "") and "keluaran.logo" in action_for("W012", "")
    assert "keluaran.huruf_grafik" in action_for("W011", "") and "'desimal'" in action_for("V026", "")


def test_a_comment_carries_the_hint_of_its_code(tmp_path: Path) -> None:
    from lakip_cli.compute.report import compute_report
    from lakip_cli.diagnostics import Diagnostic, SourceLocation
    from lakip_cli.present.annotations import ACCEPT_HINT, annotations_for
    from lakip_cli.source.validate import load_project

    report = compute_report(load_project(ROOT, 2024))
    found = Diagnostic(SourceLocation("data/2024/indikator/01-kerukunan-beragama.yaml", 20, 3), "LK032",
                       "warning", 'IK01: kalimat diawali huruf kecil ("Kinerja. sekalipun")')
    (note,) = annotations_for(report, [found])
    assert note.hint == ("Awali kalimat sesudah titik dengan huruf besar, atau hapus titiknya bila kalimat belum "
                         f"selesai. {ACCEPT_HINT}")
    assert (note.excerpt, note.section_hint) == ("Kinerja. sekalipun", "1. Persentase Peningkatan Kerukunan Beragama")
