"""A reference document contributes styles and page setup only: nothing in it reaches outside the file."""

from __future__ import annotations

import http.server
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, require_libreoffice

from lakip_cli.cli import app
from lakip_cli.present.templates import builtin_dir
from lakip_cli.write.reference import open_reference

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"


class _Log(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        _Log.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    _Log.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Log)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", _Log.requests
    httpd.shutdown()


def hostile_reference(source: Path, target: Path, base: str) -> Path:
    """The built-in reference plus an externally linked header image, a fetching field, an attached template."""
    with zipfile.ZipFile(source) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    drawing = ('<w:drawing><wp:inline><wp:extent cx="508000" cy="508000"/><wp:docPr id="90" name="Kop"/>'
               f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{PIC}"><pic:pic xmlns:pic="{PIC}">'
               '<pic:nvPicPr><pic:cNvPr id="90" name="kop.png"/><pic:cNvPicPr/></pic:nvPicPr>'
               '<pic:blipFill><a:blip r:link="rIdImg"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
               '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="508000" cy="508000"/></a:xfrm>'
               '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
               '</wp:inline></w:drawing>')
    header = (f'<w:hdr xmlns:w="{W}" xmlns:r="{R}" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="{WP}">'
              '<w:p><w:r><w:t>Kop instansi</w:t></w:r><w:r><w:pict><v:shape style="width:40pt;height:40pt">'
              '<v:imagedata r:id="rIdImg2"/></v:shape></w:pict></w:r><w:r>' + drawing + '</w:r>'
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
              f'<w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "{base}/field.png" \\d </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>')
    parts["word/header9.xml"] = header.encode()
    parts["word/_rels/header9.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdImg" Type="{R}/image" Target="{base}/header.png" TargetMode="External"/>'
        f'<Relationship Id="rIdImg2" Type="{R}/image" Target="{base}/vml.png" TargetMode="External"/>'
        '</Relationships>').encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", f'<Relationship Id="rIdHdr9" Type="{R}/header" Target="header9.xml"/></Relationships>'
    ).encode()
    document = parts["word/document.xml"].decode()
    parts["word/document.xml"] = document.replace(
        "<w:sectPr", "<w:sectPr", 1).replace(
        '<w:pgSz w:w="11906"', '<w:headerReference w:type="default" r:id="rIdHdr9"/><w:pgSz w:w="11906"', 1).encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", f'<Override PartName="/word/header9.xml" ContentType="{HEADER_TYPE}"/></Types>').encode()
    settings = parts["word/settings.xml"].decode()
    head, _, rest = settings.partition(">")  # after the XML declaration
    open_tag_end = rest.index(">") + 1
    parts["word/settings.xml"] = (head + ">" + rest[:open_tag_end] + '<w:attachedTemplate r:id="rIdTpl"/>'
                                  + rest[open_tag_end:]).encode()
    parts["word/_rels/settings.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdTpl" Type="{R}/attachedTemplate" Target="{base}/template.dotx" '
        'TargetMode="External"/></Relationships>').encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return target


def external_relationships(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as archive:
        return [f"{name}: {archive.read(name).decode()}" for name in archive.namelist()
                if name.endswith(".rels") and b'TargetMode="External"' in archive.read(name)]


def test_cleaning_drops_links_fields_and_attached_template(tmp_path: Path) -> None:
    hostile = hostile_reference(builtin_dir() / "reference.docx", tmp_path / "reference.docx", "http://127.0.0.1:9")
    cleaned = open_reference(hostile)
    messages = [d.message for d in cleaned.warnings]
    assert [d.code for d in cleaned.warnings] == ["W010"] * 4
    assert any("tautan ke luar berkas (image: http://127.0.0.1:9/header.png)" in m for m in messages)
    assert any("tautan ke luar berkas (image: http://127.0.0.1:9/vml.png)" in m for m in messages)
    assert any("tautan ke luar berkas (attachedTemplate: http://127.0.0.1:9/template.dotx)" in m for m in messages)
    assert any("bidang yang mengambil isi dari luar (INCLUDEPICTURE)" in m for m in messages)
    for part in cleaned.document.part.package.iter_parts():
        assert not [r for r in part.rels.values() if r.is_external]


def test_seed_build_has_no_external_relationship(tmp_path: Path, runner) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    result = runner.invoke(app, ["build", "2024", "-C", str(project), "--tanpa-grafik"])
    assert result.exit_code == 0, result.output
    assert external_relationships(project / "out" / "LAKIP-2024.docx") == []


@pytest.mark.libreoffice
def test_hostile_reference_fetches_nothing_even_in_pdf(tmp_path: Path, runner, server) -> None:
    require_libreoffice()
    base, requests = server
    project = copy_project(ROOT, tmp_path / "proyek")
    (project / "templates").mkdir()
    hostile_reference(builtin_dir() / "reference.docx", project / "templates" / "reference.docx", base)
    result = runner.invoke(app, ["build", "2024", "-C", str(project), "--tanpa-grafik", "--pdf"])
    assert result.exit_code == 0, result.output
    assert "templates/reference.docx: peringatan: dokumen referensi memuat tautan ke luar berkas" in result.output
    assert "[W010]" in result.output
    docx = project / "out" / "LAKIP-2024.docx"
    assert external_relationships(docx) == []
    body = zipfile.ZipFile(docx).read("word/header1.xml").decode() if "word/header1.xml" in zipfile.ZipFile(
        docx).namelist() else ""
    assert "INCLUDEPICTURE" not in body and "imagedata" not in body
    assert (project / "out" / "LAKIP-2024.pdf").stat().st_size > 0
    assert requests == []


def test_macro_enabled_reference_is_refused(tmp_path: Path, runner) -> None:
    project = copy_project(ROOT, tmp_path / "proyek")
    (project / "templates").mkdir()
    target = project / "templates" / "reference.docx"
    shutil.copy(builtin_dir() / "reference.docx", target)
    with zipfile.ZipFile(target) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml")
    with zipfile.ZipFile(target, "w") as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    result = runner.invoke(app, ["build", "2024", "-C", str(project), "--tanpa-grafik"])
    assert result.exit_code == 1
    assert "dokumen referensi memuat makro (.docm)" in result.output and "[W001]" in result.output
