"""render: template lookup.

A project's own template folder first, file by file, then the templates shipped in the package.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2

from lakip_cli.diagnostics import LakipError, fail

REFERENCE = "reference.docx"
DEFAULT_FOLDER = "templates"
BUILTIN_LABEL = "templat-bawaan"  # how a built-in template is named in a location


def builtin_dir() -> Path:
    """The folder of the templates shipped with lakip (package data, present in a wheel install)."""
    return Path(str(resources.files("lakip_cli") / "templates"))


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


class _InsideLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, refusing a template whose real file lies outside its folder (a symlink out)."""

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        if filename and not any(_inside(Path(filename), Path(folder)) for folder in self.searchpath):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


@dataclass(frozen=True)
class TemplateFile:
    """One template as a build would use it: from the project, or built in."""

    name: str
    path: Path
    overridden: bool  # the project holds its own copy


@dataclass(frozen=True)
class TemplateSet:
    """The project's template folder over the built-in one."""

    root: Path
    configured: str

    @property
    def project_dir(self) -> Path:
        return self.root / self.configured

    def folders(self) -> tuple[Path, ...]:
        """Where templates are looked up, project first; a configured folder that is missing is an error."""
        own = self.project_dir
        if own.is_dir():
            return (own, builtin_dir())
        if self.configured != DEFAULT_FOLDER:
            raise fail(
                self.configured, "T002", "folder templat yang diatur di lakip.yaml (folder_templat) tidak ditemukan"
            )
        return (builtin_dir(),)

    def loader(self) -> jinja2.BaseLoader:
        return _InsideLoader([str(f) for f in self.folders()], followlinks=False)

    def find(self, name: str) -> TemplateFile:
        own = self.project_dir / name
        if own.is_file():
            if not _inside(own, self.project_dir):
                raise fail(self.shown(own), "T002", "templat menunjuk ke luar folder templat (tautan simbolik); "
                                                   "salin berkasnya ke folder templat")
            return TemplateFile(name, own, True)
        shipped = builtin_dir() / name
        if shipped.is_file():
            return TemplateFile(name, shipped, False)
        raise fail(self.shown(own), "T002", f"berkas templat tidak ditemukan: {name}")

    def reference(self) -> Path:
        return self.find(REFERENCE).path

    def builtin_names(self) -> tuple[str, ...]:
        return tuple(sorted(p.name for p in builtin_dir().iterdir()
                            if p.is_file() and (p.name.endswith(".j2") or p.name == REFERENCE)))

    def listing(self) -> tuple[TemplateFile, ...]:
        return tuple(self.find(name) for name in self.builtin_names())

    def shown(self, path: Path) -> str:
        """A template's path as a location: relative to the project, or under the built-in label."""
        resolved = path.resolve()
        for base, label in ((self.root.resolve(), ""), (builtin_dir().resolve(), BUILTIN_LABEL + "/")):
            try:
                return label + resolved.relative_to(base).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    def copy(self, names: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
        """Copy built-in templates into the project (all when names is empty); never overwrite.

        Returns (name, copied) per template; copied is False where the project already has it.
        """
        known = self.builtin_names()
        wanted = names or known
        unknown = [n for n in wanted if n not in known]
        if unknown:
            message = "templat bawaan tidak dikenal; lihat `lakip templat daftar`"
            raise LakipError([fail(n, "T003", message).diagnostics[0] for n in unknown])
        target = self.project_dir
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise fail(self.configured, "T004", f"folder templat tidak dapat dibuat: {exc.strerror}") from None
        done = []
        for name in wanted:
            dest = target / name
            if dest.exists():
                done.append((name, False))
                continue
            try:
                shutil.copyfile(builtin_dir() / name, dest)
            except OSError as exc:
                raise fail(self.shown(dest), "T004", f"templat tidak dapat disalin: {exc.strerror}") from None
            done.append((name, True))
        return tuple(done)
