"""display: computed values -> Indonesian text (decimal comma, rupiah, counts in words, dates).

Rounding happens here and only here: compute keeps full Decimal precision.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

LOCALE = "id_ID"
_TWO = Decimal("0.01")


def round2(value: Decimal) -> Decimal:
    return value.quantize(_TWO, rounding=ROUND_HALF_UP)


def angka(value: Decimal | int | None, *, places: int = 2) -> str:
    """94.4444 -> '94,44'; 100.00 -> '100'; 13774269418 -> '13.774.269.418'."""
    if value is None:
        return "-"
    d = Decimal(value)
    if places:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if not d.is_finite():
        from babel.numbers import format_decimal

        pattern = "#,##0" + ("." + "#" * places if places else "")
        text = format_decimal(d, format=pattern, locale=LOCALE, decimal_quantization=False)
        return "0" if text in ("-0",) else text
    # What babel writes for id_ID with the pattern #,##0.## (full stop between thousands, decimal comma,
    # no trailing zeros), without babel's pattern and locale machinery: a report formats a number per cell.
    whole, _, fraction = f"{d:,f}".partition(".")
    fraction = fraction.rstrip("0")
    text = whole.replace(",", ".") + ("," + fraction if fraction else "")
    return "0" if text == "-0" else text


def angka_tetap(value: Decimal | int, places: int) -> str:
    """Exactly `places` decimals, for a table column: 100, 2 -> '100,00'; 94.4444, 2 -> '94,44'; 1500, 0 -> '1.500'."""
    d = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    # As angka, with the column's trailing zeros kept (what babel writes for the pattern #,##0.00).
    whole, _, fraction = f"{d:,f}".partition(".")
    text = whole.replace(",", ".") + ("," + fraction if fraction else "")
    return text[1:] if text.startswith("-") and not d else text  # no '-0,00'


def persen(value: Decimal | None) -> str:
    """111.1111 -> '111,11%'."""
    return "-" if value is None else f"{angka(value)}%"


def rupiah(value: int | Decimal | None) -> str:
    """13774269418 -> 'Rp13.774.269.418' (PUEBI: no full stop, no space)."""
    if value is None:
        return "-"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{angka(abs(Decimal(value)), places=0)}"


def is_persen(satuan: str) -> bool:
    """Whether a unit is a percentage ('%'), the one unit printed without a space."""
    return satuan.strip() == "%"


def dengan_satuan(value: Decimal | None, satuan: str) -> str:
    """Value with its unit: '94,44%' or '100 orang'."""
    if value is None:
        return "-"
    if is_persen(satuan):
        return persen(value)
    return f"{angka(value)} {satuan}"


def terbilang(n: int) -> str:
    """11 -> 'sebelas'."""
    if 0 <= n < 1000:
        return eja_bilangan(n)
    from num2words import num2words

    return num2words(n, lang="id")


_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def eja_bilangan(n: int) -> str:
    """0 <= n < 1000 in words, as num2words writes them: 115 -> 'seratus lima belas'.

    The numbers a report spells (its counts of indicators, sasaran, programs) and the ones the checks read
    back are below a thousand; spelling them here spares the library's import (all of its languages) on
    every build. tests/test_claims.py holds the two equal for every n below 1000.
    """
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return {10: "sepuluh", 11: "sebelas"}.get(n) or f"{_DIGITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_DIGITS[tens]} puluh" + (f" {_DIGITS[rest]}" if rest else "")
    hundreds, rest = divmod(n, 100)
    head = "seratus" if hundreds == 1 else f"{_DIGITS[hundreds]} ratus"
    return head + (f" {eja_bilangan(rest)}" if rest else "")


def jumlah_kata(n: int, benda: str = "") -> str:
    """11, 'indikator' -> '11 (sebelas) indikator'."""
    text = f"{n} ({terbilang(n)})"
    return f"{text} {benda}".strip()


def tanggal(value: dt.date) -> str:
    """2025-02-28 -> '28 Februari 2025'."""
    from babel.dates import format_date

    return format_date(value, format="d MMMM y", locale=LOCALE)


def berjenis(nama: str, jenis: str) -> str:
    """'Penguatan Ideologi', 'Program' -> 'Program Penguatan Ideologi'; a name that already starts with its kind
    ('Program Penguatan Ideologi') is kept as written, so no sentence reads 'Program Program ...'."""
    words, kind = nama.split(), jenis.split()
    if [w.lower() for w in words[: len(kind)]] == [w.lower() for w in kind]:
        return nama
    return f"{jenis} {nama}"
