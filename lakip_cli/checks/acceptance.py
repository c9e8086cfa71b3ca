"""check: findings + cek.terima of lakip.yaml -> open findings, accepted findings (with reasons), stale acceptances.

An acceptance works like ruff's ``noqa`` or yamllint's ``disable``, for YAML
data: it names a finding's code and its place, and says why the finding is
accepted as it is. The place is a file (``berkas``) or an indicator id
(``indikator``), narrowed by a YAML path (``bagian``, which survives lines
added or removed elsewhere in the file) or a line (``baris``). An acceptance
that matches no finding is reported itself, so acceptances cannot outlive
the text they were written for. Missing data (LK001) is never acceptable:
a final report has no gaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lakip_cli.checks import RULE_CODES
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, LakipError, SourceLocation, sort_diagnostics
from lakip_cli.source.load import PathKey, YamlDoc
from lakip_cli.source.models import Penerimaan
from lakip_cli.source.validate import Sourced

MALFORMED = "V060"
STALE = "V061"
# Notes of the compute stage that are warnings a planner may accept like a rule's finding.
_NOTE_CODES = frozenset({"V041", "V042"})
_NEVER = {"LK001": "temuan LK001 (data wajib kosong) tidak dapat diterima; isi datanya"}


def acceptable_codes() -> frozenset[str]:
    return frozenset(code for code in RULE_CODES if code not in _NEVER) | _NOTE_CODES


@dataclass(frozen=True)
class AcceptedFinding:
    """A finding that an acceptance covers, the reason given, and where that acceptance is written."""

    finding: Diagnostic
    alasan: str
    entry: SourceLocation


@dataclass(frozen=True)
class Triage:
    """Findings split by the acceptances: what stays open (stale acceptances included) and what was accepted."""

    open: tuple[Diagnostic, ...]
    accepted: tuple[AcceptedFinding, ...]


@dataclass(frozen=True)
class _Rule:
    """One acceptance resolved against the project: the file, the node span or line it covers."""

    entry: Penerimaan
    code: str
    path: str
    span: tuple[tuple[int, int], tuple[int, int]] | None
    place: str
    where: SourceLocation

    def covers(self, d: Diagnostic) -> bool:
        loc = d.location
        if d.code != self.code or loc.path != self.path:
            return False
        if self.entry.baris is not None:
            return loc.line == self.entry.baris
        if self.span is None:
            return True
        start, end = self.span
        return loc.line > 0 and start <= (loc.line, loc.col) <= end


def parse_bagian(text: str) -> list[str]:
    """'narasi.penyebab' -> ['narasi', 'penyebab']; 'riwayat[0].realisasi' -> ['riwayat', '0', 'realisasi']."""
    return re.findall(r"[^.\[\]\s]+", text)


def resolve_bagian(doc: YamlDoc, text: str) -> PathKey | None:
    """The data path a bagian names in a loaded file, or None when the file has no such node."""
    node = doc.data
    path: list[str | int] = []
    for part in parse_bagian(text):
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            path.append(int(part))
            node = node[int(part)]
        else:
            return None
    return tuple(path) if path else None


def project_docs(report: Report) -> dict[str, YamlDoc]:
    """Every loaded file of the report year (and of the year before), by its project-relative path."""
    p = report.project
    docs: dict[str, YamlDoc] = {}
    for project in (p, p.previous):
        if project is None:
            continue
        sources: list[Sourced[Any]] = [project.settings, project.instansi, project.perencanaan, project.anggaran,
                                       project.laporan, *project.indikator]
        for src in sources:
            docs.setdefault(src.doc.path, src.doc)
    return docs


def _other_year(report: Report, path: str) -> bool:
    """True for a file of another report year's data folder: an acceptance there is not for this report."""
    folder = report.project.settings.model.folder_data.strip("/")
    parts = path.split("/")
    prefix = folder.split("/")
    n = len(prefix)
    return parts[:n] == prefix and len(parts) > n and parts[n].isdigit() and int(parts[n]) != report.year


def _resolve(report: Report, i: int, entry: Penerimaan, docs: dict[str, YamlDoc]) -> Iterator[_Rule | Diagnostic]:
    """The resolved acceptance, nothing (it is for another year or file set), or the errors in it."""
    settings = report.project.settings
    at = settings.at("cek", "terima", i)

    def error(key: str, message: str) -> Diagnostic:
        return Diagnostic(settings.at("cek", "terima", i, key), MALFORMED, "error", message)

    code = entry.kode.strip().upper()
    if code in _NEVER:
        yield error("kode", _NEVER[code])
        return
    if code not in acceptable_codes():
        yield error("kode", f"kode '{entry.kode}' bukan kode temuan yang dapat diterima (lihat 'lakip rules')")
        return
    if (entry.berkas is None) == (entry.indikator is None):
        yield Diagnostic(at, MALFORMED, "error", "tulis tempat temuan dengan salah satu: 'berkas' atau 'indikator'")
        return
    if entry.bagian is not None and entry.baris is not None:
        yield error("baris", "pilih salah satu: 'bagian' (jalur YAML) atau 'baris'")
        return
    if entry.tahun is not None and entry.tahun != report.year:
        return
    if entry.indikator is not None:
        found = [src for src in report.project.indikator if src.model.id == entry.indikator]
        if not found:
            yield error("indikator", f"indikator '{entry.indikator}' tidak ada di data tahun {report.year}")
            return
        doc = found[0].doc
        place = entry.indikator
    else:
        rel = Path(entry.berkas or "").as_posix().removeprefix("./")
        if not (report.project.root / rel).is_file():
            yield error("berkas", f"berkas '{entry.berkas}' tidak ada")
            return
        if rel not in docs:
            if not _other_year(report, rel):
                yield error("berkas", f"berkas '{entry.berkas}' bukan berkas data laporan {report.year}")
            return
        doc = docs[rel]
        place = rel
    span = None
    if entry.bagian is not None:
        path = resolve_bagian(doc, entry.bagian)
        if path is None:
            yield error("bagian", f"bagian '{entry.bagian}' tidak ada di {doc.path}")
            return
        span = doc.span(path)
        place += f" {entry.bagian}"
    if entry.baris is not None:
        place += f" baris {entry.baris}"
    yield _Rule(entry, code, doc.path, span, place, at)


def apply_acceptances(report: Report, findings: Iterable[Diagnostic], *, skipped: Iterable[str] = ()) -> Triage:
    """Split findings by cek.terima; raise LakipError (every malformed acceptance, located) before anything else.

    skipped: rule codes not run this time; an acceptance of one of them is not reported as stale.
    """
    docs = project_docs(report)
    rules: list[_Rule] = []
    errors: list[Diagnostic] = []
    for i, entry in enumerate(report.project.settings.model.cek.terima):
        for item in _resolve(report, i, entry, docs):
            if isinstance(item, _Rule):
                rules.append(item)
            else:
                errors.append(item)
    if errors:
        raise LakipError(errors)
    skip = {code.strip().upper() for code in skipped}
    open_: list[Diagnostic] = []
    accepted: list[AcceptedFinding] = []
    used: set[int] = set()
    for d in findings:
        n = next((n for n, rule in enumerate(rules) if rule.covers(d)), None)
        if n is None:
            open_.append(d)
            continue
        used.add(n)
        accepted.append(AcceptedFinding(d, rules[n].entry.alasan, rules[n].where))
    for n, rule in enumerate(rules):
        if n not in used and rule.code not in skip:
            open_.append(Diagnostic(rule.where, STALE, "warning",
                                    f"penerimaan {rule.code} untuk {rule.place} tidak lagi cocok dengan temuan mana "
                                    "pun; hapus atau perbarui entri ini"))
    return Triage(tuple(sort_diagnostics(open_)), tuple(sorted(accepted, key=lambda a: a.finding)))
