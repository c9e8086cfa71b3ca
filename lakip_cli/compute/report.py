"""compute: Project -> Report. Pure functions, no I/O; every figure of the document comes from here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from lakip_cli.compute.budget import BudgetGroup, BudgetLine, BudgetSum, budget_lines, sum_budget
from lakip_cli.compute.formulas import (  # noqa: F401 - the formulas are part of this stage's API
    HUNDRED,
    Jarak,
    Perhitungan,
    Status,
    Target,
    Tren,
    apply_cap,
    capaian,
    jarak,
    perhitungan,
    persen_of,
    predikat,
    realisasi_value,
    status_of,
    tren,
)
from lakip_cli.compute.regulations import LegalBasis, legal_basis
from lakip_cli.compute.series import (
    YearFigure,
    pengali_of,
    plausible,
    previous_year,
    realisasi_of,
    series,
    year_capaian,
)
from lakip_cli.diagnostics import Diagnostic, LakipError, SourceLocation
from lakip_cli.source.models import Indikator, Komponen, Rentang
from lakip_cli.source.validate import Project, Sourced

# ---------------------------------------------------------------- report values


@dataclass(frozen=True)
class LetakTahun:
    """Where one year's realisasi lay against that year's range target (jarak None: inside it)."""

    tahun: int
    realisasi: Decimal
    target: Target
    jarak: Jarak | None


@dataclass(frozen=True)
class IndikatorReport:
    source: Sourced[Indikator]
    nomor: int
    sasaran_id: str
    target_pk: Target | None
    rumus_negatif: str
    target: Target | None
    komponen: Komponen | None
    realisasi: Decimal | None
    capaian: Decimal | None
    capaian_mentah: Decimal | None
    capaian_manual: bool
    predikat: str | None
    status: Status
    seri: tuple[YearFigure, ...]
    tren: Tren | None
    tren_persen: Decimal | None
    tren_poin: Decimal | None
    target_renstra: Target | None
    capaian_renstra: Decimal | None
    target_akhir: Target | None
    progres_akhir: Decimal | None
    anggaran: tuple[BudgetLine, ...]
    biaya: BudgetSum
    # An indicator without budget lines of its own is served by the budget lines of its sasaran's other
    # indicators (empty when it has its own lines, or when the sasaran has none).
    anggaran_sasaran: tuple[BudgetLine, ...]
    sdm_efisiensi: int | None
    belum_diisi: tuple[str, ...]
    sasaran_uraian: str = ""

    @property
    def model(self) -> Indikator:
        return self.source.model

    @property
    def id(self) -> str:
        return self.source.model.id

    @property
    def nama(self) -> str:
        return self.source.model.nama

    @property
    def satuan(self) -> str:
        return self.source.model.satuan

    @property
    def kekurangan(self) -> Decimal | None:
        """How many points of capaian are missing to reach the target (None when met or unknown)."""
        if self.capaian_mentah is None or self.capaian_mentah >= HUNDRED:
            return None
        return HUNDRED - self.capaian_mentah

    @property
    def tren_poin_mutlak(self) -> Decimal | None:
        return None if self.tren_poin is None else abs(self.tren_poin)

    @property
    def tren_persen_mutlak(self) -> Decimal | None:
        return None if self.tren_persen is None else abs(self.tren_persen)

    @property
    def target_pk_atau_target(self) -> Target | None:
        """The target as signed in the Perjanjian Kinerja, else the indicator file's."""
        return self.target_pk if self.target_pk is not None else self.target

    @property
    def tahun_lalu(self) -> YearFigure | None:
        return previous_year(self.seri)

    @property
    def seri_naik(self) -> tuple[tuple[YearFigure, Decimal | None], ...]:
        """The series oldest first, each year with its change in capaian (points) from the year before it."""
        ordered = sorted(self.seri, key=lambda y: y.tahun)
        out: list[tuple[YearFigure, Decimal | None]] = []
        for before, year in zip([None, *ordered[:-1]], ordered, strict=True):
            known = before is not None and before.tahun == year.tahun - 1
            both = known and year.capaian is not None and before.capaian is not None  # type: ignore[union-attr]
            out.append((year, year.capaian - before.capaian if both else None))  # type: ignore[operator,union-attr]
        return tuple(out)

    @property
    def ada_riwayat(self) -> bool:
        """The series holds at least one year before the report year."""
        return len(self.seri) > 1

    @property
    def tahun_awal(self) -> int:
        """The first year of the series (the report year when there is no history)."""
        return min(y.tahun for y in self.seri)

    @property
    def status_renstra(self) -> Status | None:
        """Met, exceeded or missed against the Renstra/RPJMD target for the report year."""
        return None if self.capaian_renstra is None else status_of(self.capaian_renstra)

    @property
    def ada_efisiensi_sdm(self) -> bool:
        return bool(self.sdm_efisiensi and self.sdm_efisiensi > 0)

    @property
    def negatif(self) -> bool:
        return self.source.model.polaritas == "negatif"

    @property
    def persen(self) -> bool:
        """The indicator is measured in percent (its shortfall is then in 'poin persentase')."""
        return self.source.model.satuan.strip() == "%"

    @property
    def jarak(self) -> Jarak | None:
        """Where a realisasi outside its target lies, and how far, in the indicator's own unit."""
        return jarak(self.target, self.realisasi)

    @property
    def posisi_rentang(self) -> str | None:
        """'di_dalam', 'di_bawah' or 'di_atas' the range target; None for a single-number target."""
        if not isinstance(self.target, Rentang) or self.realisasi is None:
            return None
        return self.jarak.posisi if self.jarak is not None else "di_dalam"

    @property
    def dua_sisi(self) -> bool:
        """Polarity 'rentang': below and above the range are both a miss."""
        return self.source.model.polaritas == "rentang"

    @property
    def letak_tren(self) -> tuple[LetakTahun, LetakTahun] | None:
        """On a two-sided range, the report year and the year before, each realisasi against its own year's range,
        when the trend is stated: the capaian rises as the realisasi nears or enters the range and falls as it
        leaves it, so neither a higher nor a lower realisasi is by itself better. BOR 88,2 above 60-85 after
        55 below 60-80."""
        lalu = self.tahun_lalu
        if not self.dua_sisi or self.tren is None or lalu is None:
            return None
        if self.realisasi is None or self.target is None or lalu.realisasi is None or lalu.target is None:
            return None
        return (LetakTahun(self.seri[0].tahun, self.realisasi, self.target, jarak(self.target, self.realisasi)),
                LetakTahun(lalu.tahun, lalu.realisasi, lalu.target, jarak(lalu.target, lalu.realisasi)))

    @property
    def selisih_target(self) -> Decimal | None:
        """How far a missed realisasi lies from its target, in the indicator's own unit (None when met or unknown).

        93,84 against 95 gives 1,16; on a lower-is-better indicator 16,8 against 14 gives 2,8; against a
        range, the distance to the bound it missed (88,2 against 60-85 gives 3,2).
        """
        if self.status != "belum_tercapai" or self.jarak is None:
            return None
        return self.jarak.selisih

    @property
    def target_acuan(self) -> Decimal | None:
        """The target value the realisasi is measured against: the nearer bound of a range."""
        t = self.target
        if isinstance(t, Rentang):
            return t.bawah if self.realisasi is not None and self.realisasi < t.bawah else t.atas
        return t

    @property
    def selisih_di_bawah(self) -> bool:
        """The missed realisasi lies below its target (else above it, as on a lower-is-better indicator)."""
        return self.jarak is not None and self.jarak.di_bawah

    @property
    def perhitungan(self) -> Perhitungan | None:
        """The formula the report year's capaian uses (None when it is set by hand or cannot be computed)."""
        if self.capaian_manual or self.capaian_mentah is None or self.target is None or self.realisasi is None:
            return None
        return perhitungan(self.target, self.realisasi, polaritas=self.model.polaritas,
                           rumus_negatif=self.rumus_negatif)

    @property
    def jarak_renstra(self) -> Jarak | None:
        """Where the realisasi lies against the Renstra/RPJMD target of the report year, when it misses it."""
        if self.status_renstra != "belum_tercapai":
            return None
        return jarak(self.target_renstra, self.realisasi)

    @property
    def biaya_sasaran(self) -> BudgetSum:
        return sum_budget(self.anggaran_sasaran)

    @property
    def sumber_anggaran(self) -> str | None:
        """Whose budget the indicator's figures are: 'sendiri' (its own lines), 'program_sasaran' (no lines of
        its own, served by its sasaran's programs, as analysis (f) states) or None (no budget at all)."""
        if self.biaya.lines:
            return "sendiri"
        return "program_sasaran" if self.anggaran_sasaran else None

    @property
    def biaya_tampil(self) -> BudgetSum | None:
        """The budget figures shown for the indicator: its own lines, else its sasaran's programs (shared with
        the sasaran's other indicators and counted once in the total), else None."""
        if self.sumber_anggaran == "sendiri":
            return self.biaya
        return self.biaya_sasaran if self.sumber_anggaran == "program_sasaran" else None

    @property
    def program_sasaran(self) -> tuple[BudgetGroup, ...]:
        """The programs of the sasaran's budget lines, each with its sum (for an indicator without own lines)."""
        programs: dict[str, list[BudgetLine]] = {}
        for line in self.anggaran_sasaran:
            programs.setdefault(line.program, []).append(line)
        return tuple(BudgetGroup(name, sum_budget(lines), (), tuple(lines)) for name, lines in programs.items())

    @property
    def perlu_rumus(self) -> bool:
        return is_share(self.source.model)

    @property
    def faktor(self) -> Decimal:
        """The formula's multiplier: 100 for a share, 100.000 for a rate per 100.000 live births."""
        return pengali_of(self.source.model)

    @property
    def pengali_dicetak(self) -> bool:
        """The printed equation shows '× faktor': a percentage, or a rate whose multiplier is stated."""
        m = self.source.model
        return self.persen or (m.rumus is not None and ("pengali" in m.rumus.model_fields_set or bool(m.rumus.per)))


@dataclass(frozen=True)
class SasaranReport:
    id: str
    uraian: str
    tujuan: str
    indikator: tuple[IndikatorReport, ...]
    capaian: Decimal | None
    predikat: str | None


@dataclass(frozen=True)
class Counts:
    jumlah: int
    melampaui: int
    tercapai: int
    belum_tercapai: int
    belum_terukur: int

    @property
    def memenuhi(self) -> int:
        return self.melampaui + self.tercapai


@dataclass(frozen=True)
class Report:
    project: Project
    year: int
    indikator: tuple[IndikatorReport, ...]
    sasaran: tuple[SasaranReport, ...]
    anggaran: tuple[BudgetLine, ...]
    total: BudgetSum
    counts: Counts
    capaian_rata: Decimal | None
    notes: tuple[Diagnostic, ...] = field(default=())

    @property
    def ada_target_rentang(self) -> bool:
        return any(isinstance(i.target, Rentang) for i in self.indikator if not i.dua_sisi)

    @property
    def indikator_dua_sisi(self) -> tuple[IndikatorReport, ...]:
        """Indicators of polarity 'rentang', whose realisasi below and above the range are both a miss."""
        return tuple(i for i in self.indikator if i.dua_sisi)

    def _with_status(self, status: str) -> tuple[IndikatorReport, ...]:
        return tuple(i for i in self.indikator if i.status == status)

    @property
    def anggaran_bertingkat(self) -> tuple[BudgetGroup, ...]:
        """The budget lines under their programs and kegiatan, in the order of anggaran.yaml, with subtotals."""
        programs: dict[str, dict[str, list[BudgetLine]]] = {}
        for line in self.anggaran:
            programs.setdefault(line.program, {}).setdefault(line.kegiatan, []).append(line)
        return tuple(
            BudgetGroup(program, sum_budget([x for lines in kegiatan.values() for x in lines]), tuple(
                BudgetGroup(name, sum_budget(lines), (), tuple(lines)) for name, lines in kegiatan.items()), ())
            for program, kegiatan in programs.items()
        )

    @property
    def dasar_hukum(self) -> tuple[LegalBasis, ...]:
        """Dasar Hukum: the planner's list, with the regulations every LKjIP stands on added where missing."""
        inst = self.project.instansi.model
        listed = [(r.jenis, str(r.nomor), r.tahun, r.tentang) for r in inst.dasar_hukum]
        return legal_basis(listed, self.project.settings.model.kebijakan.sumber_skala_predikat)

    @property
    def indikator_belum_tercapai(self) -> tuple[IndikatorReport, ...]:
        return self._with_status("belum_tercapai")

    @property
    def indikator_belum_terukur(self) -> tuple[IndikatorReport, ...]:
        return self._with_status("belum_terukur")

    @property
    def indikator_berubah(self) -> tuple[IndikatorReport, ...]:
        """Indicators whose capaian rose, then those whose capaian fell, against the year before."""
        return (tuple(i for i in self.indikator if i.tren == "naik")
                + tuple(i for i in self.indikator if i.tren == "turun"))

    @property
    def indikator_negatif(self) -> tuple[IndikatorReport, ...]:
        return tuple(i for i in self.indikator if i.negatif)

    @property
    def rumus_negatif(self) -> str:
        """The project's formula for negative indicators: 'cermin' or 'rasio'."""
        return self.project.settings.model.kebijakan.polaritas_negatif

    @property
    def rumus_negatif_lain(self) -> str:
        return "rasio" if self.rumus_negatif == "cermin" else "cermin"

    @property
    def indikator_negatif_rumus_lain(self) -> tuple[IndikatorReport, ...]:
        """Negative indicators that override the project's formula."""
        return tuple(i for i in self.indikator_negatif if i.rumus_negatif != self.rumus_negatif)

    @property
    def semua_memenuhi(self) -> bool:
        return self.counts.memenuhi == self.counts.jumlah

    @property
    def anggaran_bersama(self) -> tuple[BudgetLine, ...]:
        """Budget lines used by more than one indicator (counted once in every total)."""
        return tuple(line for line in self.anggaran if len(line.indikator) > 1)

    @property
    def belum_diisi(self) -> tuple[tuple[SourceLocation, str], ...]:
        """Everything required that the data leaves empty, with where it belongs."""
        out: list[tuple[SourceLocation, str]] = []
        lap = self.project.laporan
        if lap.model.tanggal is None:
            out.append((lap.at(), "tanggal penandatanganan (laporan.yaml: tanggal)"))
        if not lap.model.kata_pengantar:
            out.append((lap.at(), "kata pengantar (laporan.yaml: kata_pengantar)"))
        if not lap.model.langkah_mendatang:
            out.append((lap.at(), "langkah di masa mendatang (laporan.yaml: langkah_mendatang)"))
        kepala = self.project.instansi
        if not kepala.model.kepala.nip:
            out.append((kepala.at("kepala"), "NIP kepala (instansi.yaml: kepala.nip)"))
        ren = self.project.perencanaan
        pk = ren.model.penandatanganan_pk
        absent = [what for value, what in ((pk.tempat, "tempat"), (pk.tanggal, "tanggal"),
                                           (pk.pihak_kedua, "pihak_kedua")) if value is None]
        if absent:
            out.append((ren.at(), "penandatanganan Perjanjian Kinerja (perencanaan.yaml: penandatanganan_pk: "
                                  + ", ".join(absent) + ")"))
        for ind in self.indikator:
            for what in ind.belum_diisi:
                out.append((ind.source.at(), f"{ind.id} {ind.nama}: {what}"))
        for line in self.anggaran:
            if not line.lengkap:
                out.append((line.location, f"anggaran '{line.id}' ({line.nama}): pagu/realisasi"))
        return tuple(out)


# ---------------------------------------------------------------- the stage

_TREND_BASE_MIN = Decimal("0.01")

_NARASI_WAJIB = {"penyebab": "analisis penyebab (narasi.penyebab)",
                 "efisiensi": "analisis efisiensi (narasi.efisiensi)",
                 "program": "analisis program/kegiatan (narasi.program)"}



def is_share(m: Indikator) -> bool:
    """A share indicator (unit '%', or realisasi as numerator and denominator) needs its formula; a count does not."""
    return m.satuan.strip() == "%" or isinstance(m.realisasi, Komponen)


def _missing(m: Indikator, lines: Sequence[BudgetLine], year: int, sasaran_lines: Sequence[BudgetLine] = ()
             ) -> tuple[str, ...]:
    out = []
    if m.target is None:
        out.append("target")
    if m.realisasi is None and m.capaian_manual is None:
        out.append("realisasi")
    if m.rumus is None and is_share(m):
        out.append("rumus (pembilang/penyebut)")
    if m.renstra.target_tahunan.get(year) is None:
        out.append(f"target Renstra/RPJMD tahun {year} (renstra.target_tahunan)")
    if not m.anggaran and not sasaran_lines:
        # Without lines of its own an indicator is served by its sasaran's programs; with none there, nothing.
        out.append("anggaran (kode sub kegiatan; atau sub kegiatan indikator lain pada sasaran yang sama)")
    elif any(not line.lengkap for line in (lines or sasaran_lines)):
        out.append("pagu/realisasi anggaran")
    for key, label in _NARASI_WAJIB.items():
        if not getattr(m.narasi, key):
            out.append(label)
    return tuple(out)


def _indikator(
    p: Project, ind: Sourced[Indikator], nomor: int, sasaran_id: str, target_pk: Target | None,
    lines: dict[str, BudgetLine], errors: list[Diagnostic], notes: list[Diagnostic],
    sasaran_lines: tuple[BudgetLine, ...] = (),
) -> IndikatorReport:
    m = ind.model
    kebijakan = p.settings.model.kebijakan
    cap = kebijakan.batas_capaian
    rumus_negatif = m.rumus_negatif or kebijakan.polaritas_negatif
    realisasi = realisasi_of(m)
    if m.capaian_manual is not None:
        raw: Decimal | None = m.capaian_manual.nilai
    else:
        raw = year_capaian(ind, m.target, realisasi, rumus_negatif, ("target",), errors)
    value = None if raw is None else apply_cap(raw, cap)
    now = YearFigure(p.year, m.target, realisasi, value, raw, None, "laporan", isinstance(m.realisasi, Komponen),
                     m.capaian_manual is not None)
    seri = series(p, ind, now, rumus_negatif, cap, errors, notes)
    prev = previous_year(seri)
    # Status and trend come from the uncapped values: a cap limits what is shown and averaged,
    # it does not turn "melampaui" into "mencapai" or a decline into "tetap".
    trend = tren(raw, prev.capaian_mentah if prev else None)
    trend_pct = trend_points = None
    if trend is not None and prev is not None and prev.capaian_mentah is not None:
        trend_points = raw - prev.capaian_mentah  # type: ignore[operator]  # points are defined from 0% too
        if abs(prev.capaian_mentah) >= _TREND_BASE_MIN:
            trend_pct = (raw - prev.capaian_mentah) / prev.capaian_mentah * HUNDRED  # type: ignore[operator]
    capaian_renstra = None
    if m.renstra.target_tahunan.get(p.year) is not None and realisasi is not None:
        try:
            capaian_renstra = capaian(m.renstra.target_tahunan[p.year], realisasi, polaritas=m.polaritas,
                                      rumus_negatif=rumus_negatif)
            capaian_renstra = plausible(capaian_renstra, ind, ("renstra", "target_tahunan", p.year), errors)
        except ZeroDivisionError:
            # A Renstra target of 0 equal to the PK's takes the report year's capaian_manual and its reason.
            same = m.capaian_manual is not None and m.renstra.target_tahunan[p.year] == m.target
            capaian_renstra = m.capaian_manual.nilai if same else None  # type: ignore[union-attr]
    own = tuple(lines[ref] for ref in m.anggaran if ref in lines)
    served = () if m.anggaran else sasaran_lines
    target_renstra = m.renstra.target_tahunan.get(p.year)
    akhir = m.renstra.target_akhir
    progres = None
    if akhir is not None and realisasi is not None and (isinstance(akhir, Rentang) or akhir != 0):
        try:
            progres = capaian(akhir, realisasi, polaritas=m.polaritas, rumus_negatif=rumus_negatif)
            progres = plausible(progres, ind, ("renstra", "target_akhir"), errors)
        except ZeroDivisionError:
            progres = None
    sdm = m.sdm
    return IndikatorReport(
        source=ind, nomor=nomor, sasaran_id=sasaran_id, target_pk=target_pk, rumus_negatif=rumus_negatif,
        target=m.target, komponen=m.realisasi if isinstance(m.realisasi, Komponen) else None,
        realisasi=realisasi, capaian=value, capaian_mentah=raw, capaian_manual=m.capaian_manual is not None,
        predikat=predikat(value, kebijakan), status=status_of(raw), seri=seri, tren=trend,
        tren_persen=trend_pct, tren_poin=trend_points, target_renstra=target_renstra,
        capaian_renstra=capaian_renstra, target_akhir=akhir, progres_akhir=progres,
        anggaran=own, biaya=sum_budget(own), anggaran_sasaran=served,
        sdm_efisiensi=(sdm.rencana - sdm.realisasi) if sdm.rencana is not None and sdm.realisasi is not None else None,
        belum_diisi=_missing(m, own, p.year, served),
        sasaran_uraian=next((s.uraian for s in p.perencanaan.model.sasaran if s.id == sasaran_id), ""),
    )


def _mean(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def compute_report(p: Project) -> Report:
    """Compute every figure of the report; raise LakipError where a figure cannot exist."""
    errors: list[Diagnostic] = []
    notes: list[Diagnostic] = list(p.notes)
    ren = p.perencanaan
    awal, akhir = ren.model.periode_awal, ren.model.periode_akhir
    if not awal <= p.year <= akhir:
        # A warning, not an error: a year between two Renstra periods is reported against the old one.
        notes.append(Diagnostic(ren.at("periode_awal"), "V023", "warning",
                                f"tahun laporan {p.year} di luar periode Renstra {awal}-{akhir}; "
                                "perbarui periode_awal/periode_akhir bila Renstra baru sudah berlaku"))
    kebijakan = p.settings.model.kebijakan
    all_lines = budget_lines(p)
    lines = {line.id: line for line in all_lines}
    by_id = {ind.model.id: ind for ind in p.indikator}
    sasaran_text = {s.id: s for s in p.perencanaan.model.sasaran}

    indikator: list[IndikatorReport] = []
    sasaran: list[SasaranReport] = []
    for row in p.perencanaan.model.perjanjian_kinerja:
        own = []
        refs = dict.fromkeys(ref for item in row.indikator for ref in by_id[item.indikator].model.anggaran)
        sasaran_lines = tuple(lines[ref] for ref in refs if ref in lines)
        for item in row.indikator:
            ind = _indikator(p, by_id[item.indikator], len(indikator) + 1, row.sasaran, item.target,
                             lines, errors, notes, sasaran_lines)
            indikator.append(ind)
            own.append(ind)
        values = [i.capaian for i in own if i.capaian is not None]
        mean = _mean(values)
        s = sasaran_text[row.sasaran]
        sasaran.append(SasaranReport(s.id, s.uraian, s.tujuan, tuple(own), mean, predikat(mean, kebijakan)))
    if errors:
        raise LakipError(errors)

    statuses = [i.status for i in indikator]
    counts = Counts(
        jumlah=len(indikator),
        melampaui=statuses.count("melampaui"),
        tercapai=statuses.count("tercapai"),
        belum_tercapai=statuses.count("belum_tercapai"),
        belum_terukur=statuses.count("belum_terukur"),
    )
    return Report(
        project=p, year=p.year, indikator=tuple(indikator), sasaran=tuple(sasaran), anggaran=all_lines,
        total=sum_budget(all_lines), counts=counts,
        capaian_rata=_mean([i.capaian for i in indikator if i.capaian is not None]),
        notes=tuple(notes),
    )
