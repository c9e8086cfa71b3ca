"""compute: the formulas in use (capaian, predicates, status, trend), pure functions on Decimal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from lakip_cli.source.models import Kebijakan, Komponen, Rentang

HUNDRED = Decimal(100)

Status = Literal["melampaui", "tercapai", "belum_tercapai", "belum_terukur"]
Tren = Literal["naik", "turun", "tetap"]
Target = Decimal | Rentang


def realisasi_value(value: Decimal | Komponen | None, pengali: Decimal = HUNDRED) -> Decimal | None:
    """A realisasi as a number: components give numerator / denominator x pengali.

    34/36 with the default 100 gives 94.44...; a rate of 5 deaths in 6944 live births per 100.000 gives 72.00...
    """
    if isinstance(value, Komponen):
        return value.pembilang / value.penyebut * pengali
    return value


Posisi = Literal["di_dalam", "di_bawah", "di_atas"]
# Which formula gives a capaian: realisasi / acuan, acuan / realisasi, the mirror (2 x acuan - realisasi) / acuan,
# or 100 for a realisasi inside its range.
Rumus = Literal["dalam_rentang", "realisasi_per_target", "target_per_realisasi", "cermin"]


@dataclass(frozen=True)
class Perhitungan:
    """How one capaian is computed: the formula, the target value it uses (a range's crossed bound) and where
    the realisasi lies against a range (None for a single-number target)."""

    rumus: Rumus
    acuan: Decimal | None
    posisi: Posisi | None


def perhitungan(target: Target, realisasi: Decimal, *, polaritas: str = "positif",
                rumus_negatif: str = "cermin") -> Perhitungan:
    """The formula a capaian uses.

    Positive polarity: R / T. Negative polarity: mirror (2T - R) / T or ratio T / R. A range target is met
    (100) inside the range; outside it the crossed bound B stands for T. Polarity 'rentang' (both sides are
    a miss): below the range R / B_bawah, above it B_atas / R, so the capaian falls under 100 on either side.
    A single-number target on a 'rentang' indicator is the range [T, T].
    """
    if isinstance(target, Rentang) or polaritas == "rentang":
        low, high = (target.bawah, target.atas) if isinstance(target, Rentang) else (target, target)
        if low <= realisasi <= high:
            return Perhitungan("dalam_rentang", None, "di_dalam" if isinstance(target, Rentang) else None)
        below = realisasi < low
        bound = low if below else high
        posisi: Posisi | None = ("di_bawah" if below else "di_atas") if isinstance(target, Rentang) else None
        if polaritas == "rentang":
            return Perhitungan("realisasi_per_target" if below else "target_per_realisasi", bound, posisi)
        inner = perhitungan(bound, realisasi, polaritas=polaritas, rumus_negatif=rumus_negatif)
        return Perhitungan(inner.rumus, bound, posisi)
    if polaritas == "positif":
        return Perhitungan("realisasi_per_target", target, None)
    if rumus_negatif == "rasio":
        return Perhitungan("target_per_realisasi", target, None)
    return Perhitungan("cermin", target, None)


def capaian(
    target: Target,
    realisasi: Decimal,
    *,
    polaritas: str = "positif",
    rumus_negatif: str = "cermin",
) -> Decimal:
    """Capaian (%) of one realisasi against its target, by the formula `perhitungan` names.

    Raises ZeroDivisionError where the formula has no value (target 0, or realisasi 0 with the ratio variant,
    or 0 against a range's lower bound of 0 ...); callers require an explicit value then.
    """
    how = perhitungan(target, realisasi, polaritas=polaritas, rumus_negatif=rumus_negatif)
    t = how.acuan
    if how.rumus == "dalam_rentang" or t is None:
        return HUNDRED
    if how.rumus == "realisasi_per_target":
        if t == 0:
            raise ZeroDivisionError("target 0")
        return realisasi / t * HUNDRED
    if how.rumus == "target_per_realisasi":
        if t == 0 and polaritas != "rentang":
            raise ZeroDivisionError("target 0")
        if realisasi == 0:
            # "Nothing happened" on a lower-is-better indicator: the ratio has no value and the mirror
            # would say 200%; either way the data must state the capaian and why.
            raise ZeroDivisionError("realisasi 0")
        return t / realisasi * HUNDRED
    if t == 0:
        raise ZeroDivisionError("target 0")
    if realisasi == 0:
        raise ZeroDivisionError("realisasi 0")
    return (2 * t - realisasi) / t * HUNDRED


@dataclass(frozen=True)
class Jarak:
    """How far a realisasi lies from its target in the indicator's own unit, and on which side."""

    posisi: Posisi | None  # against a range; None for a single-number target
    acuan: Decimal  # the single target, or the range's crossed bound
    selisih: Decimal  # > 0
    di_bawah: bool


def jarak(target: Target | None, realisasi: Decimal | None) -> Jarak | None:
    """The distance of a realisasi outside its target (None when it equals the target, lies inside the range,
    or either is unknown). 88,2 against 60-85 gives 3,2 above the upper bound 85."""
    if target is None or realisasi is None:
        return None
    if isinstance(target, Rentang):
        if target.bawah <= realisasi <= target.atas:
            return None
        below = realisasi < target.bawah
        bound = target.bawah if below else target.atas
        return Jarak("di_bawah" if below else "di_atas", bound, abs(realisasi - bound), below)
    if realisasi == target:
        return None
    return Jarak(None, target, abs(realisasi - target), realisasi < target)


def apply_cap(value: Decimal, cap: Decimal | None) -> Decimal:
    return min(value, cap) if cap is not None else value


def predikat(value: Decimal | None, kebijakan: Kebijakan) -> str | None:
    if value is None:
        return None
    for band in kebijakan.skala_predikat:
        if value >= band.min:
            return band.label
    return kebijakan.skala_predikat[-1].label


def status_of(value: Decimal | None) -> Status:
    if value is None:
        return "belum_terukur"
    if value > HUNDRED:
        return "melampaui"
    if value == HUNDRED:
        return "tercapai"
    return "belum_tercapai"


def tren(current: Decimal | None, previous: Decimal | None) -> Tren | None:
    if current is None or previous is None:
        return None
    if current > previous:
        return "naik"
    if current < previous:
        return "turun"
    return "tetap"


def persen_of(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    return Decimal(part) / Decimal(whole) * HUNDRED if whole else None
