"""A template is untrusted: every known way out of the sandbox is refused with a located Indonesian message."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from lakip_cli.cli import app
from lakip_cli.present.templates import builtin_dir

CHAPTER = "40-bab4-penutup.md.j2"

# (what is tried, the template line, a word the message must carry)
ESCAPES = [
    ("class walk to subclasses", "{{ ().__class__.__base__.__subclasses__() }}", "tidak diizinkan"),
    ("function globals", "{{ tabel_pk.__globals__['os'] }}", "tidak diizinkan"),
    ("jinja global's globals", "{{ lipsum.__globals__.os.system('id') }}", "tidak diizinkan"),
    ("cycler init globals", "{{ cycler.__init__.__globals__.os }}", "tidak diizinkan"),
    ("bound method's owner", "{{ nomor.__self__.counters }}", "tidak diizinkan"),
    ("template reference", "{{ self.__init__.__globals__ }}", "tidak diizinkan"),
    ("record internals", "{{ hasil._values }}", "tidak diizinkan"),
    ("project root path", "{{ hasil.project.root.read_text() }}", "tidak dikenal"),
    ("path of the data source", "{{ hasil.indikator[0].source.doc.path }}", "tidak dikenal"),
    ("model method", "{{ instansi.model_dump() }}", "tidak dikenal"),
    ("model copy", "{{ hasil.indikator[0].model.model_copy(update={}) }}", "tidak dikenal"),
    ("mutating a mapping", "{{ grafik.update({'x': 1}) }}", "tidak diizinkan"),
    ("include above the folder", "{% include '../../../../etc/passwd' %}", "tidak ada di folder templat"),
    ("include by absolute path", "{% include '/etc/passwd' %}", "tidak ada di folder templat"),
    ("huge range", "{% for i in range(10**9) %}{% endfor %}", "tidak diizinkan"),
    ("huge power", "{{ 10**10**8 }}", "tidak diizinkan"),
    ("huge repetition", "{{ 'x' * 10**9 }}", "tidak diizinkan"),
    ("template that includes itself", "{% include '40-bab4-penutup.md.j2' %}", "dirinya sendiri"),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(ROOT, tmp_path_factory.mktemp("sandbox") / "proyek")


@pytest.mark.parametrize(("what", "line", "word"), ESCAPES, ids=[e[0] for e in ESCAPES])
def test_escape_is_refused(project: Path, runner, what: str, line: str, word: str) -> None:
    folder = project / "templates"
    folder.mkdir(exist_ok=True)
    original = (builtin_dir() / CHAPTER).read_text(encoding="utf-8")
    lines = original.count("\n") + 1
    (folder / CHAPTER).write_text(original + "\n" + line + "\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "2024", "-C", str(project), "--tanpa-grafik"])
    assert result.exit_code == 1, result.output
    assert f"templates/{CHAPTER}:{lines + 1}:1: galat: " in result.output, result.output
    assert "[T001]" in result.output and word in result.output
    assert "Traceback" not in result.output and "root:" not in result.output
    assert str(project) not in result.output and "site-packages" not in result.output  # no path leaks out
    assert " is unsafe" not in result.output  # the detail is said in Indonesian
    assert not (project / "out" / "LAKIP-2024.docx").exists()


def test_ordinary_template_arithmetic_still_works(project: Path, runner) -> None:
    folder = project / "templates"
    folder.mkdir(exist_ok=True)
    original = (builtin_dir() / CHAPTER).read_text(encoding="utf-8")
    (folder / CHAPTER).write_text(original + "\nUji: {{ 2**10 }} {{ '-' * 3 }} {{ range(3) | list | length }}\n",
                                  encoding="utf-8")
    result = runner.invoke(app, ["build", "2024", "-C", str(project), "--tanpa-grafik"])
    assert result.exit_code == 0, result.output
    assert "Uji: 1024 --- 3" in (project / "out" / "LAKIP-2024.md").read_text(encoding="utf-8")
