"""Compiled templates kept between builds: used while a template is unchanged, never stale, never in the way."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from lakip_cli.present.render import _TemplateCache


def _env(folder: Path, cache_dir: Path) -> jinja2.Environment:
    cache = _TemplateCache("uji", str(cache_dir))
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache)


def test_an_unchanged_template_is_not_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.j2").write_text("Halo {{ nama }}", encoding="utf-8")
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    assert _env(tmp_path, cache_dir).get_template("t.j2").render(nama="Metro") == "Halo Metro"
    assert len(list(cache_dir.iterdir())) == 1
    second = _env(tmp_path, cache_dir)

    def no_compile(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(second, "compile", no_compile)
    assert second.get_template("t.j2").render(nama="Lampung") == "Halo Lampung"


def test_a_changed_or_damaged_entry_is_compiled_afresh(tmp_path: Path) -> None:
    template = tmp_path / "t.j2"
    template.write_text("Halo {{ nama }}", encoding="utf-8")
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    _env(tmp_path, cache_dir).get_template("t.j2").render(nama="x")
    template.write_text("Selamat pagi, {{ nama }}", encoding="utf-8")
    assert _env(tmp_path, cache_dir).get_template("t.j2").render(nama="Metro") == "Selamat pagi, Metro"
    for entry in cache_dir.iterdir():
        entry.write_bytes(b"rusak")
    assert _env(tmp_path, cache_dir).get_template("t.j2").render(nama="Metro") == "Selamat pagi, Metro"


def test_another_environment_shape_has_its_own_entries(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("{{ nama }}", encoding="utf-8")
    first, second = _TemplateCache("a", str(tmp_path)), _TemplateCache("b", str(tmp_path))
    assert first.get_cache_key("t.j2", "f") != second.get_cache_key("t.j2", "f")
