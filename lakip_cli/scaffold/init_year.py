"""scaffold: a validated report year -> the next year's data folder, written whole or not at all.

Structure is carried (agency, plan, budget tree, indicator definitions); the year's figures move into
each indicator's history; the year's own figures, dates and narratives are emptied and marked, and the
previous narratives go to a side file the report never reads.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

from lakip_cli.compute.report import compute_report
from lakip_cli.compute.series import SERIES_YEARS
from lakip_cli.diagnostics import Diagnostic, LakipError, SourceLocation, fail
from lakip_cli.scaffold.roundtrip import RoundTrip, insert_after, load_roundtrip, plain_copy
from lakip_cli.source.project import INDICATOR_DIR, year_dir
from lakip_cli.source.validate import load_project, load_settings

# Narratives the templates mark themselves when empty: emptied to null.
_REQUIRED_NARASI = {"penyebab": "analisis penyebab keberhasilan/kegagalan dan solusinya",
                    "efisiensi": "analisis efisiensi penggunaan sumber daya",
                    "program": "analisis program/kegiatan yang menunjang"}
# Optional narratives: replaced by a visible placeholder, so the draft shows what is still to write.
_OPTIONAL_NARASI = {"target": "analisis perbandingan target dan realisasi",
                    "tahunan": "analisis perbandingan dengan tahun-tahun sebelumnya",
                    "jangka_menengah": "analisis perbandingan dengan target jangka menengah",
                    "standar_nasional": "analisis perbandingan dengan standar nasional"}
_LAPORAN_TEXT = {"ikhtisar": "paragraf tambahan Ikhtisar Eksekutif (atau hapus kunci ini)",
                 "kesimpulan": "kesimpulan kinerja"}


# The mark every note of init ends with, so the next year's init replaces it instead of piling notes up.
_EARLIER_NOTE = re.compile(r"(?:\s*\|)?[^|]*\(lakip init \d{4}\)\s*$")


@dataclass(frozen=True)
class InitResult:
    folder: Path
    files: tuple[Path, ...]
    notes: tuple[str, ...]


@dataclass
class _Draft:
    """What the new folder will hold, built in memory before anything is written."""

    source_year: int
    year: int
    files: dict[str, bytes] = field(default_factory=dict)
    old_texts: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def side_file(self) -> str:
        return f"narasi-{self.source_year}.md"

    def note(self, text: str) -> str:
        return f"{text} (lakip init {self.year})"

    def empty_note(self) -> str:
        return self.note(f"tulis untuk {self.year}; teks {self.source_year} ada di {self.side_file}")

    def placeholder(self, what: str, where: str) -> DoubleQuotedScalarString:
        return DoubleQuotedScalarString(f"[[BELUM DIISI: {what} tahun {self.year} ({where})]]")

    def keep_text(self, where: str, text: Any) -> None:
        if isinstance(text, str) and text.strip():
            self.old_texts.append((where, text.strip()))


def _empty(mapping: CommentedMap, key: str, value: Any, note: str) -> None:
    """Replace a value and say why at the end of its line.

    The planner's own comment on that line stays in front of the note, the comment lines and blank lines
    after it stay too, and a note left by an earlier init is replaced rather than added to.
    """
    old = mapping.get(key)
    item = mapping.ca.items.get(key)
    token = item[2] if item and len(item) > 2 else None
    rest = ""
    if token is not None:
        text = str(token.value)
        if isinstance(old, (LiteralScalarString, FoldedScalarString)):
            rest = text  # a block scalar owns its line end: what follows is blank lines and comment lines
        else:
            first, _, rest = text.partition("\n")
            own = _EARLIER_NOTE.sub("", first.lstrip("#").strip()).strip()
            if own:
                note = f"{own} | {note}"
    mapping[key] = value
    mapping.yaml_add_eol_comment(note, key)
    if rest:
        new_token = mapping.ca.items[key][2]
        new_token.value = str(new_token.value).rstrip("\n") + "\n" + rest


def _set(mapping: CommentedMap, key: str, value: Any, after: tuple[str, ...], note: str) -> None:
    """Like _empty, adding the key after the last present of `after` when the file does not have it."""
    if key not in mapping:
        insert_after(mapping, key, None, after)
    _empty(mapping, key, value, note)


# ---------------------------------------------------------------- one file kind each


def _laporan(doc: RoundTrip, d: _Draft) -> None:
    data = doc.data
    data["tahun"] = d.year
    _set(data, "tanggal", None, ("tahun",), d.note(f"tanggal penandatanganan, mis. {d.year + 1}-02-28"))
    d.keep_text("laporan.yaml: kata_pengantar", data.get("kata_pengantar"))
    _set(data, "kata_pengantar", None, ("tanggal",), d.empty_note())
    for key, what in _LAPORAN_TEXT.items():
        if data.get(key):
            d.keep_text(f"laporan.yaml: {key}", data[key])
            _empty(data, key, d.placeholder(what, f"laporan.yaml: {key}"), d.empty_note())
    if data.get("langkah_mendatang"):
        d.keep_text("laporan.yaml: langkah_mendatang",
                    "\n".join(f"- {item}" for item in data["langkah_mendatang"]))
    _set(data, "langkah_mendatang", CommentedSeq(), tuple(data), d.note("satu langkah per baris '- ...'"))


def _perencanaan(doc: RoundTrip, d: _Draft, targets: dict[str, Any], ends: int) -> None:
    data = doc.data
    if data.get("pengantar_iku"):
        d.keep_text("perencanaan.yaml: pengantar_iku", data["pengantar_iku"])
        _empty(data, "pengantar_iku", d.placeholder("pengantar Perjanjian Kinerja", "pengantar_iku"),
               d.empty_note())
    for row in data.get("perjanjian_kinerja") or ():
        for item in row.get("indikator") or ():
            target = targets.get(item.get("indikator"))
            if target is not None:
                item["target"] = plain_copy(target)
            elif "target" in item:
                del item["target"]
    signing = data.get("penandatanganan_pk")
    if signing is not None and signing.get("tanggal") is not None:
        # A Perjanjian Kinerja is signed every year: last year's date never stands for this year's.
        _empty(signing, "tanggal", None, d.note(f"tanggal penandatanganan Perjanjian Kinerja {d.year}"))
    if d.year > ends:
        _empty(data, "periode_akhir", data["periode_akhir"],
               d.note(f"periode berakhir; tahun {d.year} masuk periode Renstra baru: perbarui periode dan target"))
        d.notes.append(
            f"Periode Renstra {data.get('periode_awal')}–{ends} berakhir pada {ends}; tahun {d.year} masuk "
            f"periode baru: perbarui periode_awal dan periode_akhir di perencanaan.yaml dan masukkan target "
            f"periode baru (renstra.target_tahunan dan target_akhir) di setiap berkas indikator.")


def _anggaran(doc: RoundTrip, d: _Draft) -> None:
    for prog in doc.data.get("program") or ():
        for keg in prog.get("kegiatan") or ():
            for sub in keg.get("sub_kegiatan") or ():
                for key in ("pagu", "realisasi"):
                    old = sub.get(key)
                    note = f"{key} {d.year}" + (f"; {d.source_year}: {old}" if old is not None else "")
                    _empty(sub, key, None, d.note(note))


def _history_row(data: CommentedMap, year: int) -> CommentedMap:
    row = CommentedMap()
    row["tahun"] = year
    for key in ("target", "realisasi", "capaian_manual"):
        if data.get(key) is not None:
            row[key] = plain_copy(data[key])
    return row


def _renstra_target(data: CommentedMap, year: int) -> Any:
    yearly = (data.get("renstra") or {}).get("target_tahunan") or {}
    for key in (year, str(year)):
        if key in yearly and yearly[key] is not None:
            return yearly[key]
    return None


def _indikator(doc: RoundTrip, d: _Draft, rel: str) -> Any:
    """Move the year's figures into riwayat, empty what is the year's own; the new target, if any."""
    data = doc.data
    rows = [r for r in (data.get("riwayat") or ()) if isinstance(r, dict) and r.get("tahun") != d.source_year]
    newest_first = len(rows) < 2 or rows[0].get("tahun", 0) >= rows[-1].get("tahun", 0)
    oldest_kept = d.year - (SERIES_YEARS - 1)
    kept = [r for r in rows if not isinstance(r.get("tahun"), int) or r["tahun"] >= oldest_kept]
    new_row = _history_row(data, d.source_year)
    added = [new_row] if len(new_row) > 1 else []  # a year without figures adds no empty row
    history = CommentedSeq([*added, *kept] if newest_first else [*kept, *added])
    old_history = data.get("riwayat")
    if isinstance(old_history, CommentedSeq) and old_history.ca.comment:
        history.ca.comment = old_history.ca.comment
    insert_after(data, "riwayat", history, ("standar_nasional", "renstra", "capaian_manual", "realisasi", "target"))

    target = _renstra_target(data, d.year)
    if target is not None:
        _set(data, "target", plain_copy(target), ("rumus", "satuan"), d.note(f"dari renstra.target_tahunan {d.year}"))
    else:
        _set(data, "target", None, ("rumus", "satuan"),
             d.note(f"tidak ada target Renstra {d.year}: isi target Perjanjian Kinerja {d.year}"))
        d.notes.append(f"{rel}: tidak ada target Renstra tahun {d.year} (renstra.target_tahunan); "
                       f"target dibiarkan kosong dan harus diisi.")
    _set(data, "realisasi", None, ("target",), d.note(f"realisasi {d.year}: angka, atau pembilang dan penyebut"))
    if "capaian_manual" in data:
        del data["capaian_manual"]

    sdm = data.get("sdm")
    if isinstance(sdm, CommentedMap):
        for key in ("rencana", "realisasi"):
            if sdm.get(key) is not None:
                _empty(sdm, key, None, d.note(f"{key} SDM {d.year}; {d.source_year}: {sdm[key]}"))

    narasi = data.get("narasi")
    if isinstance(narasi, CommentedMap):
        ident = data.get("id", rel)
        for key in list(narasi):
            if key in _REQUIRED_NARASI and narasi[key]:
                d.keep_text(f"{rel}: narasi.{key} ({ident})", narasi[key])
                _empty(narasi, key, None, d.empty_note())
            elif key in _OPTIONAL_NARASI and narasi[key]:
                d.keep_text(f"{rel}: narasi.{key} ({ident})", narasi[key])
                _empty(narasi, key, d.placeholder(_OPTIONAL_NARASI[key], f"narasi.{key}"), d.empty_note())
    return target


def _side_file(d: _Draft) -> bytes:
    lines = [f"# Teks laporan tahun {d.source_year}", "",
             f"Disalin oleh `lakip init {d.year} --from {d.source_year}` sebagai bahan menulis laporan {d.year}.",
             "Berkas ini tidak dibaca oleh `lakip build`: tidak ada kalimat di sini yang masuk ke laporan baru.",
             "Tulis ulang setiap bagian dengan angka dan keadaan tahun yang dilaporkan.", ""]
    for where, text in d.old_texts:
        lines += [f"## {where}", "", text, ""]
    return "\n".join(lines).encode("utf-8")


# ---------------------------------------------------------------- the whole folder


def _draft(root: Path, source_year: int, year: int) -> _Draft:
    project = load_project(root, source_year)
    compute_report(project)  # a source that cannot be computed is not a base for next year
    src = year_dir(root, project.settings.model, source_year)
    d = _Draft(source_year, year)

    def read(rel: str) -> RoundTrip:
        return load_roundtrip((src / rel).read_text(encoding="utf-8"))

    targets: dict[str, Any] = {}
    for ind in project.indikator:
        rel = Path(ind.doc.path).relative_to(src.relative_to(root)).as_posix()
        doc = read(rel)
        targets[ind.model.id] = _indikator(doc, d, rel)
        d.files[rel] = doc.dump().encode("utf-8")
    for name, edit in (("laporan.yaml", _laporan), ("anggaran.yaml", _anggaran)):
        doc = read(name)
        edit(doc, d)
        d.files[name] = doc.dump().encode("utf-8")
    doc = read("perencanaan.yaml")
    _perencanaan(doc, d, targets, project.perencanaan.model.periode_akhir)
    d.files["perencanaan.yaml"] = doc.dump().encode("utf-8")
    d.files["instansi.yaml"] = (src / "instansi.yaml").read_bytes()
    inside = src.resolve()
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src).as_posix()
        # a link is never followed: a file of the new year must be a file of the old one, not of the machine
        if path.is_symlink() or not path.resolve().is_relative_to(inside):
            continue
        if path.is_file() and rel not in d.files and not _skipped(rel):
            d.files[rel] = path.read_bytes()
    d.files[d.side_file] = _side_file(d)
    return d


def _skipped(rel: str) -> bool:
    """Files not carried: hidden files, earlier side files, indicator files that failed to load are not here."""
    name = rel.rsplit("/", 1)[-1]
    hidden = any(part.startswith(".") for part in rel.split("/"))
    return hidden or (name.startswith("narasi-") and name.endswith(".md"))


def init_year(root: Path, source_year: int, year: int) -> InitResult:
    """Write data/<year>/ from data/<source_year>/; raise LakipError, with nothing written, when it cannot."""
    settings = load_settings(root).model
    data_rel = settings.folder_data
    target = year_dir(root, settings, year)
    target_rel = f"{data_rel}/{year}"
    if year <= source_year:
        raise fail(f"{data_rel}/{source_year}", "I001",
                   f"tahun baru ({year}) harus sesudah tahun sumber ({source_year})")
    if not year_dir(root, settings, source_year).is_dir():
        raise fail(f"{data_rel}/{source_year}", "I002",
                   f"folder data tahun {source_year} tidak ditemukan ({data_rel}/{source_year}/)")
    if target.exists():
        raise fail(target_rel, "I003", f"folder {target_rel}/ sudah ada; lakip init tidak menimpa data yang ada")
    try:
        draft = _draft(root, source_year, year)
    except LakipError as exc:
        raise LakipError([*exc.diagnostics, Diagnostic(
            SourceLocation(f"{data_rel}/{source_year}"), "I004", "error",
            f"data tahun {source_year} belum valid; perbaiki galat di atas sebelum membuat tahun {year}")]) from None
    written = write_folder(target, draft.files, target_rel)
    return InitResult(target, written, tuple(draft.notes))


def write_folder(target: Path, files: dict[str, bytes], shown: str) -> tuple[Path, ...]:
    """Write every file into a temporary folder beside target, then rename it into place."""
    scratch = None
    try:
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        for rel, data in sorted(files.items()):
            path = scratch / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for folder in (scratch, *(p for p in scratch.rglob("*") if p.is_dir())):
            os.chmod(folder, 0o755)  # mkdtemp creates 0700
        if target.exists():
            raise FileExistsError(17, "sudah ada")
        os.rename(scratch, target)
        scratch = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise fail(shown, "I005", f"folder {shown}/ tidak dapat ditulis ({reason}); tidak ada yang ditulis") from None
    finally:
        if scratch is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(scratch)
    return tuple(target / rel for rel in sorted(files))


__all__ = ["INDICATOR_DIR", "InitResult", "init_year", "write_folder"]
