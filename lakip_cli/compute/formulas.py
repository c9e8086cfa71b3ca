"""compute: the formulas in use (capaian, predicates, status, trend), pure functions on Decimal."""

from __future__ import annotations

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


def capaian(
    target: Target,
    realisasi: Decimal,
    *,
    polaritas: str = "positif",
    rumus_negatif: str = "cermin",
) -> Decimal:
    """Capaian (%) of one realisasi against its target.

    Positive polarity: R / T x 100. Negative polarity: mirror (2T - R) / T x 100
    or ratio T / R x 100. A range target counts as met (100) inside the range
    and is compared with the bound that was crossed outside it.
    Raises ZeroDivisionError where the formula has no value (target 0, or
    realisasi 0 with the ratio variant); callers require an explicit value then.
    """
    if isinstance(target, Rentang):
        if target.bawah <= realisasi <= target.atas:
            return HUNDRED
        bound = target.atas if realisasi > target.atas else target.bawah
        return capaian(bound, realisasi, polaritas=polaritas, rumus_negatif=rumus_negatif)
    if target == 0:
        raise ZeroDivisionError("target 0")
    if polaritas == "positif":
        return realisasi / target * HUNDRED
    if realisasi == 0:
        # "Nothing happened" on a lower-is-better indicator: the ratio has no value and the mirror
        # would say 200%; either way the data must state the capaian and why.
        raise ZeroDivisionError("realisasi 0")
    if rumus_negatif == "rasio":
        return target / realisasi * HUNDRED
    return (2 * target - realisasi) / target * HUNDRED


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
