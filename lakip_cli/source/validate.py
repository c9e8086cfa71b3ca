"""validate: loaded YAML documents -> a typed Project, with every error located at file:line:col."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from lakip_cli.diagnostics import Diagnostic, LakipError, SourceLocation, fail
from lakip_cli.display import angka
from lakip_cli.source.errors import diagnostics_from_validation
from lakip_cli.source.load import PathKey, YamlDoc, load_yaml
from lakip_cli.source.models import (
    Anggaran,
    Indikator,
    Instansi,
    Kegiatan,
    Komponen,
    Laporan,
    Pengaturan,
    Perencanaan,
    Program,
    Rentang,
    SubKegiatan,
)
from lakip_cli.source.paths import image_problem, outside_problem
from lakip_cli.source.project import INDICATOR_DIR, PROJECT_FILE, year_dir

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

YEAR_FILES: dict[str, type[BaseModel]] = {
    "instansi.yaml": Instansi,
    "perencanaan.yaml": Perencanaan,
    "anggaran.yaml": Anggaran,
    "laporan.yaml": Laporan,
}


@dataclass(frozen=True)
class Sourced(Generic[T]):
    """A validated model and the document it came from, so later stages can point at it."""

    model: T
    doc: YamlDoc

    def at(self, *where: str | int, key: bool = False) -> SourceLocation:
        return self.doc.locate(tuple(where), key=key)


@dataclass(frozen=True)
class Project:
    """Everything a report year needs, validated and cross-referenced."""

    root: Path
    year: int
    settings: Sourced[Pengaturan]
    instansi: Sourced[Instansi]
    perencanaan: Sourced[Perencanaan]
    anggaran: Sourced[Anggaran]
    laporan: Sourced[Laporan]
    indikator: tuple[Sourced[Indikator], ...]
    previous: Project | None = None
    notes: tuple[Diagnostic, ...] = ()  # warnings about the folders around this year (an unusable previous year)


def validate_doc(doc: YamlDoc, model: type[M]) -> M:
    if not isinstance(doc.data, dict):
        raise fail(doc.path, "V012", "isi berkas harus berupa pemetaan (kunci: nilai)", 1, 1)
    try:
        validated = model.model_validate(doc.data)
    except ValidationError as exc:
        raise LakipError([*doc.problems, *diagnostics_from_validation(doc, model, exc)]) from None
    if doc.problems:
        raise LakipError(doc.problems)
    return validated


def load_model(path: Path, root: Path, model: type[M]) -> Sourced[M]:
    doc = load_yaml(path, root)
    return Sourced(validate_doc(doc, model), doc)


# ---------------------------------------------------------------- the project


def load_settings(root: Path) -> Sourced[Pengaturan]:
    settings = load_model(root / PROJECT_FILE, root, Pengaturan)
    diags = check_paths(root, settings)
    if diags:
        raise LakipError(diags)
    return settings


def check_paths(root: Path, settings: Sourced[Pengaturan]) -> list[Diagnostic]:
    """Every path in lakip.yaml stays inside the project; the logo is a readable image."""
    m = settings.model
    fields: tuple[tuple[tuple[str, ...], str | None], ...] = (
        (("folder_data",), m.folder_data),
        (("folder_templat",), m.folder_templat),
        (("keluaran", "folder"), m.keluaran.folder),
        (("keluaran", "logo"), m.keluaran.logo),
        (("keluaran", "huruf_grafik"), m.keluaran.huruf_grafik),
    )
    out: list[Diagnostic] = []
    for where, value in fields:
        if value is None:
            continue
        problem = outside_problem(root, value)
        if problem is None and where == ("keluaran", "logo"):
            problem = image_problem(root / value, value)
        if problem:
            out.append(Diagnostic(settings.at(*where), "V031", "error", problem))
    return out


def _data_file_problem(root: Path, path: Path) -> Diagnostic | None:
    rel = path.relative_to(root).as_posix()
    problem = outside_problem(root, rel)
    return Diagnostic(SourceLocation(rel), "V031", "error", problem) if problem else None


def load_project(root: Path, year: int, *, with_previous: bool = True) -> Project:
    """Load and validate a whole report year; every problem in one LakipError."""
    settings = load_settings(root)
    folder = year_dir(root, settings.model, year)
    rel_folder = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else str(folder)
    if not folder.is_dir():
        raise fail(rel_folder, "V030", f"folder data tahun {year} tidak ditemukan ({rel_folder}/)")
    diags: list[Diagnostic] = []
    loaded: dict[str, Sourced[Any]] = {}
    for name, model in YEAR_FILES.items():
        boundary = _data_file_problem(root, folder / name)
        if boundary:
            diags.append(boundary)
            continue
        try:
            loaded[name] = load_model(folder / name, root, model)
        except LakipError as exc:
            diags.extend(exc.diagnostics)
    indikator: list[Sourced[Indikator]] = []
    ind_dir = folder / INDICATOR_DIR
    if not ind_dir.is_dir():
        diags.append(Diagnostic(SourceLocation(f"{rel_folder}/{INDICATOR_DIR}"), "V030", "error",
                                f"folder '{INDICATOR_DIR}/' tidak ditemukan"))
    else:
        for path in sorted(ind_dir.iterdir()):
            if path.name.startswith(".") or not (path.suffix.lower() in (".yaml", ".yml") or path.is_dir()):
                continue
            boundary = _data_file_problem(root, path)
            if boundary:
                diags.append(boundary)
                continue
            try:
                indikator.append(load_model(path, root, Indikator))
            except LakipError as exc:
                diags.extend(exc.diagnostics)
    if diags:
        raise LakipError(diags)
    laporan = loaded["laporan.yaml"]
    if laporan.model.tahun != year:
        diags.append(Diagnostic(laporan.at("tahun"), "V020", "error",
                                f"tahun laporan {laporan.model.tahun} tidak sama dengan folder {year}"))
    previous, notes = None, []
    earlier = year_dir(root, settings.model, year - 1)
    if with_previous and settings.model.cek.tahun_lalu and earlier.is_dir():
        try:
            previous = load_project(root, year - 1, with_previous=False)
        except LakipError as exc:
            # An empty or half-copied folder of last year must not stop this year's report: say why it is
            # not used, and how to make it so.
            rel = earlier.relative_to(root).as_posix() if earlier.is_relative_to(root) else str(earlier)
            first = exc.diagnostics[0]
            notes.append(Diagnostic(SourceLocation(rel), "V044", "warning",
                                    f"folder tahun {year - 1} ada tetapi belum lengkap atau tidak valid "
                                    f"({len(exc.diagnostics)} masalah, mis. {first.location}: {first.message}); "
                                    f"riwayat tahun {year} tidak dibandingkan dengannya. Lengkapi folder itu, "
                                    "atau tulis 'cek: {tahun_lalu: false}' di lakip.yaml"))
    project = Project(
        root=root,
        year=year,
        settings=settings,
        instansi=loaded["instansi.yaml"],
        perencanaan=loaded["perencanaan.yaml"],
        anggaran=loaded["anggaran.yaml"],
        laporan=laporan,
        indikator=tuple(indikator),
        previous=previous,
        notes=tuple(notes),
    )
    diags.extend(check_references(project))
    diags.extend(check_values(project))
    if diags:
        raise LakipError(diags)
    return project


def each_sub_kegiatan(project: Project) -> Iterator[tuple[PathKey, Program, Kegiatan, SubKegiatan]]:
    """Every budget line of anggaran.yaml with its YAML path and its program and kegiatan."""
    for pi, prog in enumerate(project.anggaran.model.program):
        for ki, keg in enumerate(prog.kegiatan):
            for si, sub in enumerate(keg.sub_kegiatan):
                yield ("program", pi, "kegiatan", ki, "sub_kegiatan", si), prog, keg, sub


def _duplicates(items: Iterable[tuple[str, SourceLocation]], what: str) -> Iterator[Diagnostic]:
    seen: dict[str, SourceLocation] = {}
    for ident, loc in items:
        if ident in seen:
            yield Diagnostic(loc, "V021", "error",
                             f"kode {what} '{ident}' sudah dipakai di {seen[ident]}")
        else:
            seen[ident] = loc


NARRATIVE_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*([^)\s]+)")


def check_narrative_images(p: Project) -> list[Diagnostic]:
    """Every image a narrative embeds (![judul](gambar/x.png)) is a readable image inside the project."""
    out: list[Diagnostic] = []
    sources: list[Sourced[Any]] = [p.instansi, p.perencanaan, p.laporan, *p.indikator]
    for source in sources:
        for where, text in _markdown_values(source.model, ()):
            for m in NARRATIVE_IMAGE.finditer(text):
                target = m.group(1)
                problem = outside_problem(p.root, target) or image_problem(p.root / target, target)
                if problem:
                    loc = source.doc.locate_text(where, m.start(1)) or source.at(*where)
                    out.append(Diagnostic(loc, "V031", "error", f"gambar di narasi: {problem}"))
    return out


def _markdown_values(model: BaseModel, where: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, str) and any("Teks Markdown" in x for x in (str(info.description), repr(info.annotation))):
            yield (*where, name), value
        elif isinstance(value, BaseModel):
            yield from _markdown_values(value, (*where, name))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _markdown_values(item, (*where, name, i))


def check_references(p: Project) -> list[Diagnostic]:
    """References between files resolve, ids are unique, no indicator is orphaned."""
    out: list[Diagnostic] = check_narrative_images(p)
    bagan = p.instansi.model.bagan_organisasi
    if bagan is not None:
        problem = outside_problem(p.root, bagan) or image_problem(p.root / bagan, bagan)
        if problem:
            out.append(Diagnostic(p.instansi.at("bagan_organisasi"), "V031", "error", problem))
    ren = p.perencanaan
    tujuan_ids = {t.id for t in ren.model.tujuan}
    sasaran_ids = {s.id for s in ren.model.sasaran}
    out += _duplicates(((t.id, ren.at("tujuan", i, "id")) for i, t in enumerate(ren.model.tujuan)), "tujuan")
    out += _duplicates(((s.id, ren.at("sasaran", i, "id")) for i, s in enumerate(ren.model.sasaran)), "sasaran")
    for i, s in enumerate(ren.model.sasaran):
        if s.tujuan not in tujuan_ids:
            out.append(_unknown(ren.at("sasaran", i, "tujuan"), "tujuan", s.tujuan, tujuan_ids))
    for i, st in enumerate(ren.model.strategi):
        if st.sasaran and st.sasaran not in sasaran_ids:
            out.append(_unknown(ren.at("strategi", i, "sasaran"), "sasaran", st.sasaran, sasaran_ids))

    lines = [(sub.id, p.anggaran.at(*path, "id")) for path, _, _, sub in each_sub_kegiatan(p)]
    out += _duplicates(lines, "sub kegiatan")
    line_ids = {ident for ident, _ in lines}

    out += _duplicates(((ind.model.id, ind.at("id")) for ind in p.indikator), "indikator")
    ind_ids = {ind.model.id for ind in p.indikator}
    for ind in p.indikator:
        m = ind.model
        if m.sasaran not in sasaran_ids:
            out.append(_unknown(ind.at("sasaran"), "sasaran", m.sasaran, sasaran_ids))
        for j, ref in enumerate(m.anggaran):
            if ref not in line_ids:
                out.append(_unknown(ind.at("anggaran", j), "sub kegiatan", ref, line_ids))

    in_pk: dict[str, SourceLocation] = {}
    for i, row in enumerate(ren.model.perjanjian_kinerja):
        if row.sasaran not in sasaran_ids:
            out.append(_unknown(ren.at("perjanjian_kinerja", i, "sasaran"), "sasaran", row.sasaran, sasaran_ids))
        for j, item in enumerate(row.indikator):
            loc = ren.at("perjanjian_kinerja", i, "indikator", j, "indikator")
            if item.indikator in in_pk:
                out.append(Diagnostic(
                    loc, "V021", "error",
                    f"indikator '{item.indikator}' sudah tercantum di PK pada {in_pk[item.indikator]}",
                ))
                continue
            in_pk[item.indikator] = loc
            if item.indikator not in ind_ids:
                out.append(_unknown(loc, "indikator", item.indikator, ind_ids,
                                    suffix=f" (tidak ada berkas di {INDICATOR_DIR}/)"))
    by_id = {ind.model.id: ind for ind in p.indikator}
    for ind in p.indikator:
        if ind.model.id not in in_pk:
            out.append(Diagnostic(
                ind.at("id"), "V022", "error",
                f"indikator '{ind.model.id}' tidak tercantum di perjanjian_kinerja (perencanaan.yaml)",
            ))
    for i, row in enumerate(ren.model.perjanjian_kinerja):
        for j, item in enumerate(row.indikator):
            listed = by_id.get(item.indikator)
            if listed and listed.model.sasaran != row.sasaran:
                out.append(Diagnostic(ren.at("perjanjian_kinerja", i, "indikator", j, "indikator"), "V020", "error",
                                      f"indikator '{item.indikator}' tercantum di bawah sasaran '{row.sasaran}', "
                                      f"tetapi berkasnya menyebut sasaran '{listed.model.sasaran}'"))
    return out


def _unknown(loc: SourceLocation, what: str, ident: str, known: set[str], suffix: str = "") -> Diagnostic:
    msg = f"{what} '{ident}' tidak dikenal{suffix}"
    hint = difflib.get_close_matches(ident, sorted(known), n=1)
    if hint:
        msg += f"; maksud Anda '{hint[0]}'?"
    return Diagnostic(loc, "V020", "error", msg)


# Units whose values are changes, which may be negative (growth of -2 %, a fall of 3 poin).
_SIGNED_UNITS = ("poin", "pertumbuhan", "perubahan", "laju", "selisih")


def _signed(satuan: str) -> bool:
    low = satuan.lower()
    return any(word in low for word in _SIGNED_UNITS)


def check_values(p: Project) -> list[Diagnostic]:
    """Values that are well-formed but cannot be right: misi numbers, signs per unit."""
    out: list[Diagnostic] = []
    ren = p.perencanaan
    misi = p.instansi.model.misi
    out += _duplicates(((str(m.nomor), p.instansi.at("misi", i, "nomor")) for i, m in enumerate(misi)), "misi")
    known = {m.nomor for m in misi}
    listed = ", ".join(str(n) for n in sorted(known)) or "tidak ada"
    refs = [("tujuan", i, t.misi) for i, t in enumerate(ren.model.tujuan)]
    refs += [("strategi", i, st.misi) for i, st in enumerate(ren.model.strategi)]
    for kind, i, nomor in refs:
        if nomor is not None and nomor not in known:
            out.append(Diagnostic(ren.at(kind, i, "misi"), "V020", "error",
                                  f"misi nomor {nomor} tidak ada di instansi.yaml (misi yang ada: {listed})"))
    units = {ind.model.id: ind.model.satuan for ind in p.indikator}
    for ind in p.indikator:
        if not _signed(ind.model.satuan):
            out += _negatives(ind, ind.model.satuan)
        out += _two_sided(ind)
    two_sided = {ind.model.id for ind in p.indikator if ind.model.polaritas == "rentang"}
    for i, row in enumerate(ren.model.perjanjian_kinerja):
        for j, item in enumerate(row.indikator):
            if item.indikator in two_sided and isinstance(item.target, Decimal):
                out.append(_not_a_range(ren.at("perjanjian_kinerja", i, "indikator", j, "target"), item.target))
    for i, row in enumerate(ren.model.perjanjian_kinerja):
        for j, item in enumerate(row.indikator):
            satuan = units.get(item.indikator)
            if satuan is None or _signed(satuan):
                continue
            where = ("perjanjian_kinerja", i, "indikator", j, "target")
            for sub, value in _bounds(item.target):
                if value is not None and value < 0:
                    out.append(_negative(ren.at(*where, *sub), str((*where, *sub)[-1]), satuan))
    out += _decimals(p)
    return out


def _decimals(p: Project) -> list[Diagnostic]:
    """No typed target or realisasi has more decimals than its indicator's 'desimal' (V026)."""
    out: list[Diagnostic] = []
    decimals = {ind.model.id: (ind, ind.model.desimal) for ind in p.indikator if ind.model.desimal is not None}
    for ind, desimal in decimals.values():
        for where, value in _typed_figures(ind.model):
            out += _too_precise(ind.at(*where), str(where[-1] if isinstance(where[-1], str) else where[-2]), value,
                                desimal)
    ren = p.perencanaan
    for i, row in enumerate(ren.model.perjanjian_kinerja):
        for j, item in enumerate(row.indikator):
            if item.target is None or item.indikator not in decimals:
                continue
            source, desimal = decimals[item.indikator]
            where = ("perjanjian_kinerja", i, "indikator", j, "target")
            for sub, value in _bounds(item.target):
                out += _too_precise(ren.at(*where, *sub), str((*where, *sub)[-1]), value, desimal,
                                    f" (desimal: {desimal} di {source.at('desimal')})")
    return out


def _two_sided(ind: Sourced[Indikator]) -> Iterator[Diagnostic]:
    """An indicator of polarity 'rentang' (both sides are a miss) needs every target as a range."""
    m = ind.model
    if m.polaritas != "rentang":
        return
    targets: list[tuple[tuple[str | int, ...], Any]] = [(("target",), m.target)]
    targets += [(("riwayat", i, "target"), row.target) for i, row in enumerate(m.riwayat)]
    targets += [(("renstra", "target_tahunan", year), v) for year, v in m.renstra.target_tahunan.items()]
    targets.append((("renstra", "target_akhir"), m.renstra.target_akhir))
    for where, value in targets:
        if isinstance(value, Decimal):
            yield _not_a_range(ind.at(*where), value)


def _not_a_range(loc: SourceLocation, value: Decimal) -> Diagnostic:
    return Diagnostic(loc, "V025", "error",
                      f"target {angka(value)} berupa satu angka, padahal polaritas 'rentang' (di bawah dan di atas "
                      "rentang sama-sama tidak memenuhi target) memerlukan rentang; tulis mis. "
                      "{bawah: 60, atas: 85}, atau ganti polaritas menjadi 'positif' atau 'negatif'")


def _bounds(value: Any) -> list[tuple[tuple[str, ...], Any]]:
    """A target's numbers with their sub-paths: the value itself, or a range's two bounds."""
    if isinstance(value, Rentang):
        return [(("bawah",), value.bawah), (("atas",), value.atas)]
    return [((), value)]


def _places(value: Decimal) -> int:
    """The decimals a number was typed with: 94.40 -> 2, 100 -> 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _too_precise(loc: SourceLocation, field: str, value: Decimal, desimal: int, where: str = "") -> list[Diagnostic]:
    """A typed number with more decimals than the indicator's 'desimal': printing it would round a typed digit."""
    places = _places(value)
    if places <= desimal:
        return []
    return [Diagnostic(loc, "V026", "error",
                      f"'{field}' {value} ditulis dengan {places} angka desimal, tetapi 'desimal' indikator ini "
                      f"{desimal}{where}; angka yang ditulis tidak dibulatkan: naikkan 'desimal' menjadi {places} "
                      "atau tulis angkanya dengan desimal lebih sedikit")]


def _figure_fields(m: Indikator) -> list[tuple[tuple[str | int, ...], Any]]:
    """Every target and realisasi field of an indicator file, with its YAML path, as typed."""
    figures: list[tuple[tuple[str | int, ...], Any]] = [(("target",), m.target), (("realisasi",), m.realisasi)]
    for i, row in enumerate(m.riwayat):
        figures += [(("riwayat", i, "target"), row.target), (("riwayat", i, "realisasi"), row.realisasi)]
    figures += [(("renstra", "target_tahunan", year), v) for year, v in m.renstra.target_tahunan.items()]
    figures.append((("renstra", "target_akhir"), m.renstra.target_akhir))
    return figures


def _typed_figures(m: Indikator) -> Iterator[tuple[tuple[str | int, ...], Decimal]]:
    """Every target and realisasi typed in an indicator file (not pembilang/penyebut), with its YAML path."""
    figures = _figure_fields(m)
    for where, value in figures:
        if isinstance(value, Rentang):
            yield (*where, "bawah"), value.bawah
            yield (*where, "atas"), value.atas
        elif isinstance(value, Decimal):
            yield where, value


def _negatives(ind: Sourced[Indikator], satuan: str) -> Iterator[Diagnostic]:
    m = ind.model
    values: list[tuple[tuple[str | int, ...], Any]] = []
    figures = _figure_fields(m)
    for where, value in figures:
        if isinstance(value, Rentang):
            values += [((*where, "bawah"), value.bawah), ((*where, "atas"), value.atas)]
        elif isinstance(value, Komponen):
            values += [((*where, "pembilang"), value.pembilang)]
        else:
            values.append((where, value))
    if m.standar_nasional:
        values += [(("standar_nasional", "nilai", *sub), v) for sub, v in _bounds(m.standar_nasional.nilai)]
    for where, value in values:
        if value is not None and value < 0:
            field = next(str(w) for w in reversed(where) if isinstance(w, str))
            yield _negative(ind.at(*where), field, satuan)


def _negative(loc: SourceLocation, field: str, satuan: str) -> Diagnostic:
    return Diagnostic(loc, "V024", "error",
                      f"'{field}' tidak boleh negatif untuk satuan '{satuan}'; nilai negatif hanya untuk satuan "
                      "perubahan (mis. 'poin', 'persen pertumbuhan')")
