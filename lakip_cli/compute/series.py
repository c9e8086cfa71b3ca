"""compute: one indicator's years: this year's and earlier capaian, and the series analysis (b) shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lakip_cli.compute.formulas import HUNDRED, Target, apply_cap, capaian, realisasi_value
from lakip_cli.diagnostics import Diagnostic
from lakip_cli.display import angka
from lakip_cli.source.models import Indikator, Rentang
from lakip_cli.source.validate import Project, Sourced

SERIES_YEARS = 4  # the report year and the three before it, as PermenPANRB 53/2014 analysis (b) is usually shown


@dataclass(frozen=True)
class YearFigure:
    """One year of one indicator: what was targeted, realised and achieved."""

    tahun: int
    target: Target | None
    realisasi: Decimal | None
    capaian: Decimal | None
    capaian_mentah: Decimal | None
    capaian_tertulis: Decimal | None
    sumber: str


def previous_year(seri: Sequence[YearFigure]) -> YearFigure | None:
    """The year just before the first of a newest-first series, when the series has it."""
    return seri[1] if len(seri) > 1 and seri[1].tahun == seri[0].tahun - 1 else None


def pengali_of(m: Indikator) -> Decimal:
    """What the formula's fraction is multiplied by: 100 for a share, or the rate's base (100.000 live births)."""
    return m.rumus.pengali if m.rumus is not None else HUNDRED


def realisasi_of(m: Indikator) -> Decimal | None:
    return realisasi_value(m.realisasi, pengali_of(m))


def year_capaian(
    ind: Sourced[Indikator], target: Target | None, realisasi: Decimal | None, rumus_negatif: str,
    where: tuple[str | int, ...], errors: list[Diagnostic], tahun: int | None = None, dari: int | None = None,
) -> Decimal | None:
    """The capaian of one year; where names the year's target (a history row's, or the report year's)."""
    if target is None or realisasi is None:
        return None
    try:
        value = capaian(target, realisasi, polaritas=ind.model.polaritas, rumus_negatif=rumus_negatif)
        return plausible(value, ind, where, errors)
    except ZeroDivisionError:
        if dari is not None:
            message = (f"capaian tahun {tahun} tidak dapat dihitung (target 0, atau realisasi 0 pada indikator "
                       f"negatif); isi 'capaian_manual' dengan 'nilai' dan 'alasan' di berkas ini, atau pada "
                       f"riwayat tahun {tahun} di berkas indikator tahun {dari}")
        elif tahun is None:
            message = ("capaian tidak dapat dihitung (target 0, atau realisasi 0 pada indikator negatif); "
                       "isi 'capaian_manual' dengan 'nilai' dan 'alasan'")
        else:
            message = (f"capaian riwayat tahun {tahun} tidak dapat dihitung (target 0, atau realisasi 0 pada "
                       f"indikator negatif); isi 'capaian_manual' dengan 'nilai' dan 'alasan' pada riwayat "
                       f"tahun {tahun}")
        errors.append(Diagnostic(ind.at(*where), "V040", "error", message))
        return None


# A capaian beyond 10^12 percent is a typing slip (a target of 0.000001, a realisasi in the wrong unit);
# refusing it here also keeps every figure derived from it within Decimal's precision.
CAPAIAN_MAKS = Decimal(10**12)
# Relative change against a capaian that rounds to 0 % says nothing, like a change against 0.


def plausible(
    value: Decimal, ind: Sourced[Indikator], where: tuple[str | int, ...], errors: list[Diagnostic],
) -> Decimal | None:
    if abs(value) <= CAPAIAN_MAKS:
        return value
    errors.append(Diagnostic(
        ind.at(*where), "V043", "error",
        "capaian melebihi ±1.000.000.000.000% dan tidak masuk akal; periksa target dan realisasi "
        "(satuan, titik desimal)",
    ))
    return None


@dataclass(frozen=True)
class EarlierYear:
    """One year as the previous report year's data folder holds it, with where that year's target is written."""

    target: Target | None
    realisasi: Decimal | None
    capaian_manual: Decimal | None
    source: Sourced[Indikator]
    where: tuple[str | int, ...]


def previous_figures(p: Project, ind_id: str) -> dict[int, EarlierYear]:
    if p.previous is None:
        return {}
    for prev in p.previous.indikator:
        if prev.model.id == ind_id:
            pengali = pengali_of(prev.model)
            out = {
                r.tahun: EarlierYear(r.target, realisasi_value(r.realisasi, pengali),
                                     r.capaian_manual.nilai if r.capaian_manual else None, prev,
                                     ("riwayat", i, "target") if r.target is not None else ("riwayat", i))
                for i, r in enumerate(prev.model.riwayat)
            }
            m = prev.model
            out[p.previous.year] = EarlierYear(m.target, realisasi_of(m),
                                               m.capaian_manual.nilai if m.capaian_manual else None, prev,
                                               ("target",) if m.target is not None else ("id",))
            return out
    return {}


def _same_as_typed(typed: tuple[object, object], other: tuple[object, object]) -> bool:
    """Equal at the precision the history row was typed with: 94.44 matches 34/36 = 94.4444..."""
    def same(a: object, b: object) -> bool:
        if isinstance(a, Decimal) and isinstance(b, Decimal):
            exponent = a.as_tuple().exponent
            places = Decimal(1).scaleb(exponent) if isinstance(exponent, int) and exponent < 0 else Decimal(1)
            return a.quantize(places, ROUND_HALF_UP) == b.quantize(places, ROUND_HALF_UP)
        if isinstance(a, Rentang) and isinstance(b, Rentang):
            return same(a.bawah, b.bawah) and same(a.atas, b.atas)
        return a == b

    return all(same(a, b) for a, b in zip(typed, other, strict=True))


def _shown(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, Rentang):
        return f"{angka(value.bawah)}–{angka(value.atas)}"
    return angka(value) if isinstance(value, Decimal | int) else str(value)


def series(
    p: Project, ind: Sourced[Indikator], now: YearFigure, rumus_negatif: str, cap: Decimal | None,
    errors: list[Diagnostic], notes: list[Diagnostic],
) -> tuple[YearFigure, ...]:
    m = ind.model
    figures: dict[int, YearFigure] = {now.tahun: now}
    earlier = previous_figures(p, m.id)
    for i, row in enumerate(m.riwayat):
        if row.tahun >= p.year:
            notes.append(Diagnostic(ind.at("riwayat", i, "tahun"), "V041", "warning",
                                    f"riwayat tahun {row.tahun} bukan tahun sebelum {p.year}; diabaikan"))
            continue
        value = realisasi_value(row.realisasi, pengali_of(m))
        if row.capaian_manual is not None:
            raw: Decimal | None = row.capaian_manual.nilai
        else:
            raw = year_capaian(ind, row.target, value, rumus_negatif,
                               ("riwayat", i, "target") if row.target is not None else ("riwayat", i), errors,
                               row.tahun)
        figures[row.tahun] = YearFigure(
            row.tahun, row.target, value, None if raw is None else apply_cap(raw, cap), raw,
            row.capaian_tertulis, "riwayat",
        )
        before = earlier.get(row.tahun)
        if before is not None and not _same_as_typed((row.target, value), (before.target, before.realisasi)):
            t, r = before.target, before.realisasi
            notes.append(Diagnostic(ind.at("riwayat", i), "V042", "warning",
                                    f"riwayat {row.tahun} berbeda dengan data tahun {p.year - 1} "
                                    f"(target {_shown(t)}, realisasi {_shown(r)})"))
    for year, e in earlier.items():
        if year not in figures and year < p.year:
            # The earlier year's own data folder holds this year: its capaian_manual stands, and a capaian that
            # cannot be computed is reported at that folder's file, where the target is written.
            if e.capaian_manual is not None:
                raw = e.capaian_manual
            else:
                raw = year_capaian(e.source, e.target, e.realisasi, rumus_negatif, e.where, errors, year, p.year)
            figures[year] = YearFigure(year, e.target, e.realisasi, None if raw is None else apply_cap(raw, cap),
                                       raw, None, f"data {p.year - 1}")
    years = sorted(figures, reverse=True)[:SERIES_YEARS]
    return tuple(figures[y] for y in years)


