"""The Indonesian number words the claims rules read, checked against numbers worked out by hand."""

from __future__ import annotations

import pytest

from lakip_cli.checks.narrative import NUMBER_WORDS, eja_bilangan, parse_kata_bilangan
from lakip_cli.display import terbilang


@pytest.mark.parametrize(("words", "value"), [
    ("nol", 0), ("satu", 1), ("sepuluh", 10), ("sebelas", 11), ("dua belas", 12), ("Sembilan Belas", 19),
    ("dua puluh", 20), ("dua puluh satu", 21), ("seratus", 100), ("seratus satu", 101),
    ("seratus sebelas", 111), ("dua ratus lima puluh", 250), ("sembilan ratus sembilan puluh sembilan", 999),
    ("dua-puluh  tiga", 23),
])
def test_number_words_read_as_written(words: str, value: int) -> None:
    assert parse_kata_bilangan(words) == value


def test_the_own_speller_writes_every_number_as_num2words_does() -> None:
    # The words the document prints and the claims rules read back are num2words' words, for all of 0..999.
    from num2words import num2words

    assert [eja_bilangan(n) for n in range(1000)] == [num2words(n, lang="id") for n in range(1000)]
    assert [terbilang(n) for n in (999, 1000, 3000, 12345)] == [
        "sembilan ratus sembilan puluh sembilan", "seribu", "tiga ribu", num2words(12345, lang="id")]
    assert (eja_bilangan(115), eja_bilangan(210), eja_bilangan(999)) == (
        "seratus lima belas", "dua ratus sepuluh", "sembilan ratus sembilan puluh sembilan")


@pytest.mark.parametrize("words", ["lima tahun", "seribu", "puluh", "satu dua", "sebelas puluh", ""])
def test_what_is_no_number_reads_as_none(words: str) -> None:
    assert parse_kata_bilangan(words) is None


def test_a_run_of_number_words_is_found_whole_and_bounded() -> None:
    found = [m.group() for m in NUMBER_WORDS.finditer("dari sebelas indikator, dua puluh satu kegiatan")]
    assert found == ["sebelas", "dua puluh satu"]
    # A run longer than any number up to 999 is cut after seven words, so a scan never backtracks far.
    assert len(NUMBER_WORDS.match(" ".join(["satu"] * 50)).group().split()) == 7
