"""Column widths and page orientation of tables, with figures worked out by hand (twips)."""

from __future__ import annotations

from lakip_cli.write.tables import CELL_PADDING, fit_widths, goes_landscape, table_lines


def test_a_short_label_gets_its_whole_line_before_running_text_shares_the_rest() -> None:
    # room 4900 - 3900 = 1000; wants 5000, 5000, 500 ("Sangat Tinggi"), 0 (a number).
    # The label's 500 is at most half the room: it gets it; the two text columns share 500 by want.
    assert fit_widths([1000, 1000, 1000, 900], [6000, 6000, 1500, 900], [1, 1, 1, 1], 4900) == [
        1250, 1250, 1500, 900]
    # Here the label would take more than half of the room (500 > 250): it wraps, all share by want:
    # 500 * 5000 // 5500 = 454 and 500 * 500 // 5500 = 45; the rounding twip goes to the text column.
    assert fit_widths([1000, 1000, 900], [6000, 1500, 900], [1, 1, 1], 3400) == [1455, 1045, 900]


def test_a_wrapping_header_does_not_make_a_label_but_still_shares_the_room() -> None:
    # Column 2 holds numbers (body line 900, widest word 800) under a header whose line is 2400.
    # The body line's extra 100 comes first; the room left, 1100, goes by want: 4000 and 1500 left.
    assert fit_widths([1000, 800], [5000, 2400], [1, 1], 3000, [5000, 900]) == [1800, 1200]
    # Without the body lines both columns read as text: 1200 by want (4000, 1600), rounding to the first.
    assert fit_widths([1000, 800], [5000, 2400], [1, 1], 3000) == [1858, 1142]


def test_when_everything_fits_the_spare_goes_to_running_text_not_to_numbers() -> None:
    # room 3500, wants 0, 1500, 200 fit; the 1800 left goes to the only text column (2500 > 2 x 1000).
    assert fit_widths([500, 1000, 1000], [500, 2500, 1200], [1, 4, 2], 6000) == [500, 4300, 1200]
    # No running text at all: by the template's weights, as before (2200 x 3/4 = 1650).
    assert fit_widths([1000, 500], [1200, 600], [3, 1], 4000) == [2850, 1150]


def test_table_lines_counts_the_tallest_cell_of_each_row() -> None:
    widths = [1000 + CELL_PADDING, 2000 + CELL_PADDING]
    rows = [
        [(0, 1, 3000 + CELL_PADDING, 1), (1, 1, 2000 + CELL_PADDING, 1)],  # 3 lines and 1 line: 3
        [(0, 2, 7000 + CELL_PADDING, 2)],  # 7000 over 3000 + 230 (both columns): 3 lines over 2 rows: 2
        [(0, 1, CELL_PADDING, 1)],  # an empty cell is still one line
    ]
    assert table_lines(rows, widths) == 3 + 2 + 1


def _budget(rows: int) -> list[list[tuple[int, int, int, int]]]:
    return [[(0, 1, 600, 1), (1, 1, 20000, 1), (2, 1, 1500, 1), (3, 1, 1500, 1), (4, 1, 1500, 1)]] * rows


MINS = [600, 1600, 1500, 1500, 1500]  # 6700
PREFS = [600, 20000, 1500, 1500, 1500]


def test_a_long_table_with_a_cramped_name_column_goes_landscape() -> None:
    # Portrait 8000 wide: the name column gets 1600 + 1300 = 2900, (20000 - 230) / (2900 - 230) -> 8 lines;
    # landscape 13000: 1600 + 6300 = 7900, 19770 / 7670 -> 3 lines. 60 rows: 480 lines (x 10 pt x 24 =
    # 115200 twips, far more than a 12000 page) against 180, and 480 >= 1.6 x 180.
    assert table_lines(_budget(60), fit_widths(MINS, PREFS, [1] * 5, 8000)) == 480
    assert table_lines(_budget(60), fit_widths(MINS, PREFS, [1] * 5, 13000)) == 180
    assert goes_landscape(_budget(60), MINS, PREFS, [1] * 5, (8000, 12000), 13000, 10)


def test_a_table_shorter_than_a_page_or_not_much_taller_stays_portrait() -> None:
    # 5 rows: 40 lines x 240 = 9600 twips fit the 12000 page, however much landscape would save.
    assert not goes_landscape(_budget(5), MINS, PREFS, [1] * 5, (8000, 12000), 13000, 10)
    # Names on one line either way: 60 lines in both orientations, longer than a page but nothing saved.
    short = [[(0, 1, 600, 1), (1, 1, 2500, 1), (2, 1, 1500, 1), (3, 1, 1500, 1), (4, 1, 1500, 1)]] * 60
    assert not goes_landscape(short, MINS, [600, 2500, 1500, 1500, 1500], [1] * 5, (8000, 12000), 13000, 10)
    # A landscape page too narrow for the unbreakable widths never helps.
    assert not goes_landscape(_budget(60), MINS, PREFS, [1] * 5, (8000, 12000), 6000, 10)
