"""Indonesian number text: decimal comma, full stops between thousands, at most the given places."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lakip_cli.display import angka, persen, rupiah


@pytest.mark.parametrize(("value", "places", "text"), [
    (Decimal("94.4444"), 2, "94,44"),
    (Decimal("94.445"), 2, "94,45"),  # half up
    (Decimal("94.40"), 2, "94,4"),
    (Decimal("100.00"), 2, "100"),
    (13774269418, 2, "13.774.269.418"),
    (Decimal("-1234.5678"), 2, "-1.234,57"),
    (Decimal("1234.5678"), 3, "1.234,568"),
    (Decimal("999.999"), 2, "1.000"),
    (Decimal("-0.001"), 2, "0"),
    (Decimal("1E+3"), 0, "1.000"),
    (Decimal("12.50"), 0, "12,5"),  # without places nothing is rounded
    (0, 2, "0"),
])
def test_angka_writes_indonesian_numbers(value: Decimal | int, places: int, text: str) -> None:
    assert angka(value, places=places) == text


def test_percent_and_rupiah_build_on_angka() -> None:
    assert persen(Decimal("111.1111")) == "111,11%"
    assert rupiah(-1500000) == "-Rp1.500.000"
    assert angka(None) == persen(None) == rupiah(None) == "-"
