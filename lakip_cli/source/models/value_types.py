"""validate: the bounded value types (numbers, years, texts, ids) and the strict base model of every kind."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from lakip_cli.source.load import number_correction

# Bounds a report can have. Beyond them a number is a typing slip, and arithmetic on it (capaian of a target
# 0.000001 with a realisasi 10^15 is 10^23 %) must still fit Decimal's default precision of 28 digits.
NILAI_MAKS = 10**15
PERSEN_MAKS = 10**6
DESIMAL_MAKS = 6
SDM_MAKS = 1_000_000
TAHUN_MIN, TAHUN_MAKS = 1945, 2100
TEKS_MAKS = 1000
NARASI_MAKS = 30_000
ID_MAKS = 64


# "60-85", "60 – 85%", "60 s.d. 85": a range typed as text.
_RANGE_TEXT = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*(?:-|–|—|s\.?d\.?|sampai)\s*([0-9]+(?:[.,][0-9]+)?)\s*%?\s*")


def _number_only(value: object) -> object:
    # A quoted "1.500" would otherwise become 1.5; text is never read as a number.
    if isinstance(value, str):
        hint = number_correction(value)
        if hint is None and re.fullmatch(r"\s*[-+]?[0-9]+(?:\.[0-9]+)?\s*", value):
            hint = f"tulis {value.strip()} tanpa tanda kutip (angka, bukan teks)"
        bounds = re.fullmatch(_RANGE_TEXT, value)
        if hint is None and bounds:
            low, high = (b.replace(",", ".") for b in bounds.groups())
            hint = (f"harus angka; target rentang ditulis sebagai pemetaan {{bawah: {low}, atas: {high}}}, "
                    f"bukan teks '{value.strip()}'")
        raise ValueError(hint or "harus angka")
    if isinstance(value, bool):
        raise ValueError("harus angka, bukan true/false")
    return value


def _angka(lo: int, hi: int, what: str) -> tuple[object, ...]:
    text = f"{what}; antara {lo} dan {hi}, paling banyak {DESIMAL_MAKS} angka desimal"
    return (
        Field(allow_inf_nan=False, ge=lo, le=hi, decimal_places=DESIMAL_MAKS),
        BeforeValidator(_number_only),
        WithJsonSchema({"type": "number", "minimum": lo, "maximum": hi, "description": text}),
    )


def _bulat(lo: int, hi: int, what: str = "") -> tuple[object, ...]:
    return (Field(strict=True, ge=lo, le=hi, description=what or None), BeforeValidator(_number_only))


# A planner writes numbers as YAML ints or floats; Decimal keeps them exact from here on.
# (Constraints come before the BeforeValidator so that they reach the JSON Schema as minimum/maximum.)
Angka = Annotated[Decimal, *_angka(-NILAI_MAKS, NILAI_MAKS, "Angka")]
Persen = Annotated[Decimal, *_angka(-PERSEN_MAKS, PERSEN_MAKS, "Persen")]
# Strict: YAML reads "75.000" as the number 75, so a thousands separator must fail, never shrink the amount.
Rupiah = Annotated[int, *_bulat(0, NILAI_MAKS, f"Jumlah rupiah tanpa titik pemisah, mis. 13774269418; "
                                               f"paling banyak {NILAI_MAKS}")]
Bulat = Annotated[int, *_bulat(0, SDM_MAKS)]
Nomor = Annotated[int, *_bulat(0, SDM_MAKS)]
Tahun = Annotated[int, *_bulat(TAHUN_MIN, TAHUN_MAKS)]
Desimal = Annotated[int, *_bulat(0, DESIMAL_MAKS, f"Bilangan bulat 0 sampai {DESIMAL_MAKS}")]
YaTidak = Annotated[bool, Field(strict=True)]
Teks = Annotated[str, Field(min_length=1, max_length=TEKS_MAKS)]
Nama = Annotated[str, Field(max_length=TEKS_MAKS)]
Jalur = Annotated[str, Field(min_length=1, max_length=255, description="Jalur relatif di dalam folder proyek")]
Markdown = Annotated[str, Field(max_length=NARASI_MAKS, description="Teks Markdown")]
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=ID_MAKS, description="Kode pengenal")]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, so a typo never vanishes."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
