"""charts: computed report -> PNG charts at print size (matplotlib, imported only when charts are built).

Three kinds, keyed as the templates use them:
- "sasaran": capaian (%) of every indicator, grouped under its sasaran strategis, against the 100% target;
  indicators without a value show "data belum tersedia". Built whenever the report has indicators.
- "tren-<indicator id>": target and realisasi over the years of the indicator's series; built only for
  indicators with at least 2 years that have a realisasi.
- "anggaran": pagu and realisasi per budget line (complete lines only), with serapan per line; built only
  when at least one budget line is complete. When pagu values differ by more than ANGGARAN_SPREAD times
  (one line would dwarf the others to invisible slivers), the bars are drawn relative to each line's own
  pagu and the rupiah amounts are written on the bars instead of on a shared rupiah axis.

Every chart is drawn at its printed size (16 cm wide, 200 dpi) so point sizes are real point sizes on
paper, and written without PNG text metadata, so identical inputs give identical bytes.
Matplotlib is used through Figure + FigureCanvasAgg only (no pyplot, no global backend switch), with
its rcParams reset to matplotlib's defaults inside an rc_context so a user's matplotlibrc cannot change
the output.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lakip_cli.charts.canvas import (  # noqa: F401 - Chart, DPI and WIDTH_PX are part of this module's API
    ANGGARAN_SPREAD,
    CM,
    COLOR_BELUM,
    COLOR_GRID,
    COLOR_GROUP,
    COLOR_LINE,
    COLOR_MUTED,
    COLOR_REALISASI,
    COLOR_TARGET,
    DPI,
    LEGEND_GAP,
    NO_DATA,
    SIZE_SMALL,
    SIZE_TEXT,
    SIZE_TITLE,
    TEXT_LINE_CM,
    TREND_HEIGHT_PX,
    WIDTH_PX,
    Chart,
    TextMeasure,
    as_float,
    axes_cm,
    draw_title,
    fig_x,
    legend_below,
    new_figure,
    nice_ceiling,
    pct_axis_label,
    prepare_matplotlib_env,
    px_for_cm,
    rc_params,
    save_chart,
    tick_formatter,
    title_height,
    to_decimal,
)
from lakip_cli.compute.budget import BudgetLine
from lakip_cli.compute.report import IndikatorReport, Report
from lakip_cli.compute.series import YearFigure
from lakip_cli.display import angka, is_persen, persen, rupiah
from lakip_cli.source.models import Rentang

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

def build_charts(report: Report, folder: Path, cache: Path | None = None) -> dict[str, Chart]:
    """Draw every chart the report has data for into folder; return them by key (see module doc).

    With `cache` (a folder, created when needed), a chart whose inputs were drawn before is copied from
    there instead of drawn again, and matplotlib is not even imported when every chart is found: a rebuild
    after a change of narrative only draws nothing. Entries are named by a digest of the chart's inputs, this
    module's code and matplotlib's version, so a cached PNG is byte for byte the one a fresh drawing gives;
    entries no chart of this build uses are removed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    plan = _plan(report)
    salt = _code_digest() if cache is not None else ""
    charts: dict[str, Chart] = {}
    todo: list[tuple[str, str, Callable[[], Figure], Path | None]] = []
    for key, judul, inputs, draw in plan:
        cached = cache / f"{_digest(salt, key, inputs)}.png" if cache is not None else None
        if cached is not None and cached.is_file():
            path = folder / f"{key}.png"
            shutil.copyfile(cached, path)
            charts[key] = Chart(key=key, path=path, judul=judul)
        else:
            todo.append((key, judul, draw, cached))
    if todo:
        prepare_matplotlib_env()
        import matplotlib  # noqa: PLC0415 - imported only when charts are drawn

        with matplotlib.rc_context(rc_params(matplotlib)):  # type: ignore[arg-type]  # keys are plain str
            for key, judul, draw, cached in todo:
                charts[key] = save_chart(folder, key, draw(), judul)
                if cached is not None:
                    _store(charts[key].path, cached)
    if cache is not None and cache.is_dir():
        used = {f"{_digest(salt, key, inputs)}.png" for key, _, inputs, _ in plan}
        for entry in cache.iterdir():  # also what a killed build left half-written
            if entry.name not in used and entry.is_file():
                with contextlib.suppress(OSError):
                    entry.unlink()
    return {key: charts[key] for key, *_ in plan}


def _plan(report: Report) -> list[tuple[str, str, object, Callable[[], Figure]]]:
    """(key, caption, everything the drawing reads, drawing) of each chart the report has data for."""
    plan: list[tuple[str, str, object, Callable[[], Figure]]] = []
    if report.indikator:
        groups = [(s.uraian, s.capaian, [(ik.nomor, ik.nama, ik.capaian) for ik in s.indikator])
                  for s in report.sasaran if s.indikator]
        inputs: object = (report.year, groups, [i.capaian for i in report.indikator])
        plan.append(("sasaran", f"Capaian indikator kinerja per sasaran strategis tahun {report.year}", inputs,
                     lambda: _sasaran_figure(report)))
    for ind in report.indikator:
        years = _trend_years(ind)
        if len(years) >= 2:
            judul = f"Target dan realisasi {ind.nama} tahun {years[0].tahun}\u2013{years[-1].tahun}"
            inputs = (ind.nomor, ind.nama, ind.satuan, [(y.tahun, y.target, y.realisasi, y.capaian) for y in years])
            plan.append((f"tren-{ind.id}", judul, inputs, functools.partial(_trend_figure, ind, years)))
    lines = [line for line in report.anggaran if line.lengkap]
    if lines:
        inputs = (report.year, [(line.nama, line.pagu, line.realisasi, line.serapan) for line in lines])
        plan.append(("anggaran", f"Pagu dan realisasi anggaran per sub kegiatan tahun {report.year}", inputs,
                     functools.partial(_anggaran_figure, lines, report.year)))
    return plan


@functools.cache
def _code_digest() -> str:
    """What else decides the pixels: the drawing code and matplotlib's version."""
    from importlib.metadata import version  # noqa: PLC0415

    code = hashlib.sha256(version("matplotlib").encode())
    for module in ("canvas.py", "figures.py"):
        code.update((Path(__file__).parent / module).read_bytes())
    return code.hexdigest()


def _digest(salt: str, key: str, inputs: object) -> str:
    return hashlib.sha256(repr((salt, key, inputs)).encode("utf-8")).hexdigest()[:32]


def _store(path: Path, cached: Path) -> None:
    """Copy a drawn chart into the cache; a cache that cannot be written only costs speed."""
    tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, tmp)
        os.replace(tmp, cached)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


# ---------------------------------------------------------------- "sasaran": capaian per indicator


SASARAN_LABEL_RIGHT = 6.9  # cm: indicator names end here
SASARAN_PLOT = (7.15, 15.3)  # cm: bar area
ROW_MIN = 0.62
BAR_HEIGHT = 0.34


def _sasaran_figure(report: Report) -> Figure:
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch, Rectangle  # noqa: PLC0415
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415
    from matplotlib.transforms import blended_transform_factory  # noqa: PLC0415

    m = TextMeasure()
    title = m.wrap(f"Capaian Indikator Kinerja per Sasaran Strategis Tahun {report.year}", 15.3, SIZE_TITLE, "bold")
    full_width = WIDTH_PX / DPI / CM - 0.5
    label_width = SASARAN_LABEL_RIGHT - 0.25

    # Rows top to bottom, in centimetres: ("head", lines, height, sasaran) / ("ind", lines, height, indikator)
    rows: list[tuple[str, list[str], float, Any]] = []
    groups = [s for s in report.sasaran if s.indikator]
    for s in groups:
        mean = f"rata-rata capaian {persen(s.capaian)}" if s.capaian is not None else NO_DATA
        head = m.wrap(f"{s.uraian} ({mean})", full_width - 0.2, SIZE_TEXT, "bold")
        rows.append(("head", head, len(head) * TEXT_LINE_CM + 0.18, s))
        for ik in s.indikator:
            lines = m.wrap(f"{ik.nomor}. {ik.nama}", label_width, SIZE_SMALL)
            rows.append(("ind", lines, max(ROW_MIN, len(lines) * TEXT_LINE_CM + 0.16), ik))
    body = sum(r[2] for r in rows)
    top = title_height(title)
    bottom = LEGEND_GAP + 0.6  # tick labels, axis label, legend
    height_px = px_for_cm(top + body + bottom)
    height_cm = height_px / DPI / CM
    bottom = height_cm - top - body  # rounding slack ends up below the legend

    fig, _ = new_figure(height_px)
    draw_title(fig, title, height_cm)
    ax = axes_cm(fig, height_cm, SASARAN_PLOT[0], SASARAN_PLOT[1], top, bottom)
    values = [float(i.capaian) for i in report.indikator if i.capaian is not None]
    plot_cm = SASARAN_PLOT[1] - SASARAN_PLOT[0]
    # Room for a value label ("111,11%", about 1.2 cm) to the right of the longest bar.
    xmax = nice_ceiling(max([100.0, *values]) / (1 - 1.35 / plot_cm))
    lowest = min([0.0, *values])  # a mirrored negative indicator can fall below zero
    ax.set_xlim(-nice_ceiling(-lowest * 1.1) if lowest < 0 else 0, xmax)
    ax.set_ylim(body, 0)
    ax.xaxis.set_major_formatter(tick_formatter(pct_axis_label))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color=COLOR_GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_xlabel("Capaian (%)")

    across = blended_transform_factory(fig.transFigure, ax.transData)
    y = 0.0
    group_top: float | None = None
    for kind, lines, h, item in rows:
        if kind == "head":
            if group_top is not None:
                _target_segment(ax, group_top, y)
            group_top = y + h
            # In the axes (not the figure) so the band hides the grid and the 100% line of other groups.
            ax.add_patch(Rectangle((fig_x(0.2), y), fig_x(full_width + 0.1), h, transform=across,
                                   facecolor=COLOR_GROUP, edgecolor="none", zorder=1, clip_on=False))
            ax.text(fig_x(0.3), y + h / 2, "\n".join(lines), transform=across, ha="left", va="center",
                    fontsize=SIZE_TEXT, fontweight="bold", linespacing=1.15, clip_on=False, zorder=3)
        else:
            ind: IndikatorReport = item
            mid = y + h / 2
            ax.text(fig_x(0.3), mid, "\n".join(lines), transform=across, ha="left", va="center",
                    fontsize=SIZE_SMALL, linespacing=1.15, clip_on=False)
            if ind.capaian is None:
                ax.text(xmax * 0.01, mid, NO_DATA, ha="left", va="center", fontsize=SIZE_SMALL,
                        fontstyle="italic", color=COLOR_MUTED, zorder=3)
            else:
                value = float(ind.capaian)
                color = COLOR_REALISASI if ind.capaian >= 100 else COLOR_BELUM
                ax.barh(mid, value, height=BAR_HEIGHT, color=color, zorder=2)
                # Right of the bar, and never across the 100% line.
                ax.text(max(value, 100.0) + xmax * 0.012, mid, persen(ind.capaian), ha="left", va="center",
                        fontsize=SIZE_SMALL, zorder=3)
        y += h
    if group_top is not None:
        _target_segment(ax, group_top, y)

    handles = [Patch(color=COLOR_REALISASI), Patch(color=COLOR_BELUM),
               Line2D([], [], color=COLOR_LINE, linewidth=1.0, linestyle=(0, (4, 2)))]
    labels = ["Mencapai/melampaui target", "Belum mencapai target", "Target (100%)"]
    legend_below(fig, handles, labels, bottom - LEGEND_GAP, height_cm)
    return fig


def _target_segment(ax: Axes, top: float, bottom: float) -> None:
    """The dashed 100% target line over one sasaran's indicator rows (not across the group heads)."""
    ax.plot([100, 100], [top, bottom], color=COLOR_LINE, linewidth=1.0, linestyle=(0, (4, 2)), zorder=4,
            solid_capstyle="butt", dash_capstyle="butt")


# ---------------------------------------------------------------- "tren-<id>": target vs realisasi by year


def _trend_years(ind: IndikatorReport) -> list[YearFigure]:
    """Years of the series in ascending order, when at least 2 have a realisasi (else empty)."""
    years = sorted(ind.seri, key=lambda y: y.tahun)
    if sum(y.realisasi is not None for y in years) < 2:
        return []
    return [y for y in years if y.realisasi is not None or y.target is not None]


def _unit_value(value: Decimal | float | None, satuan: str) -> str:
    if value is None:
        return "-"
    d = value if isinstance(value, Decimal) else to_decimal(value)
    return persen(d) if is_persen(satuan) else angka(d)


def _target_label(target: Decimal | Rentang | None, satuan: str) -> str:
    if isinstance(target, Rentang):
        return f"{_unit_value(target.bawah, satuan)}\u2013{_unit_value(target.atas, satuan)}"
    return _unit_value(target, satuan)


def _trend_figure(ind: IndikatorReport, years: list[YearFigure]) -> Figure:
    from matplotlib.patches import Patch  # noqa: PLC0415
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415

    m = TextMeasure()
    satuan = ind.satuan.strip()
    title = m.wrap(f"{ind.nomor}. {ind.nama}", 15.3, SIZE_TITLE, "bold")
    if len(title) > 3:  # the caption carries the full name
        title = [*title[:2], title[2].rstrip(" ,.;:") + "\u2026"]
    height_px = TREND_HEIGHT_PX + (len(title) - 1) * px_for_cm(0.42)
    height_cm = height_px / DPI / CM
    top = title_height(title)
    bottom = 1.55
    fig, _ = new_figure(height_px)
    draw_title(fig, title, height_cm)
    ax = axes_cm(fig, height_cm, 1.75, 15.55, top + 0.1, bottom)

    def top_of(t: Decimal | Rentang | None) -> float:
        return as_float(t.atas if isinstance(t, Rentang) else t)

    def bottom_of(t: Decimal | Rentang | None) -> float:
        return as_float(t.bawah if isinstance(t, Rentang) else t)

    peak = max([top_of(y.target) for y in years] + [as_float(y.realisasi) for y in years] + [0.0])
    low = min([bottom_of(y.target) for y in years] + [as_float(y.realisasi) for y in years] + [0.0])
    room = 0.18 * (peak - low)  # value labels above (or, for negative values, below) the bars
    ymax = nice_ceiling(peak + room) if peak > 0 else (0.0 if low < 0 else 1.0)
    ymin = -nice_ceiling(-low + room) if low < 0 else 0.0
    ax.set_ylim(ymin, ymax)
    if ymin < 0:
        ax.axhline(0, color="#555555", linewidth=0.6)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(tick_formatter(lambda v: _unit_value(v, satuan)))
    ax.set_ylabel("Persen (%)" if satuan == "%" else satuan[:1].upper() + satuan[1:])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color=COLOR_GRID, linewidth=0.5)
    ax.set_axisbelow(True)

    width = 0.36
    pad = (ymax - ymin) * 0.015

    def label(x: float, value: float, text: str, **kw: Any) -> None:
        below = value < 0  # negative bars are labelled under their end
        ax.text(x, value - pad if below else value + pad, text, ha="center", va="top" if below else "bottom",
                fontsize=SIZE_SMALL, **kw)

    xs = list(range(len(years)))
    for x, fig_year in zip(xs, years, strict=True):
        t = fig_year.target
        if isinstance(t, Rentang):
            ax.bar(x - width / 2, float(t.atas - t.bawah), bottom=float(t.bawah), width=width,
                   color=COLOR_TARGET, hatch="////", edgecolor="white", linewidth=0)
        elif t is not None:
            ax.bar(x - width / 2, float(t), width=width, color=COLOR_TARGET)
        if t is not None:
            end = bottom_of(t) if top_of(t) < 0 else top_of(t)
            label(x - width / 2, end, _target_label(t, satuan))
        if fig_year.realisasi is not None:
            r = float(fig_year.realisasi)
            ax.bar(x + width / 2, r, width=width, color=COLOR_REALISASI)
            label(x + width / 2, r, _unit_value(fig_year.realisasi, satuan), fontweight="bold")
        else:
            ax.text(x + width / 2, pad, "belum\ntersedia", ha="center", va="bottom", fontsize=SIZE_SMALL - 1,
                    fontstyle="italic", color=COLOR_MUTED, linespacing=1.1)
    ax.set_xticks(xs)
    ax.set_xticklabels([
        f"{y.tahun}\ncapaian {persen(y.capaian)}" if y.capaian is not None else f"{y.tahun}\n "
        for y in years
    ], linespacing=1.35)
    ax.tick_params(axis="x", length=0, pad=4, labelsize=SIZE_SMALL)
    ax.set_xlim(-0.6, len(years) - 0.4)
    handles = [Patch(color=COLOR_TARGET), Patch(color=COLOR_REALISASI)]
    legend_below(fig, handles, ["Target", "Realisasi"], bottom - 0.95, height_cm)
    return fig


# ---------------------------------------------------------------- "anggaran": pagu vs realisasi


ANGGARAN_LABEL_RIGHT = 7.0
ANGGARAN_PLOT = (7.25, 13.75)
ANGGARAN_SERAPAN_RIGHT = 15.55


def rupiah_singkat(value: int | Decimal | float, digits: int = 2) -> str:
    """13774269418 -> 'Rp13,77 M'; 36124950 -> 'Rp36,12 jt' (CLDR id short forms: rb, jt, M, T)."""
    from babel.numbers import format_compact_decimal  # noqa: PLC0415

    amount = Decimal(value) if isinstance(value, Decimal | int) else to_decimal(value)
    if abs(amount) < 1000:
        return rupiah(amount)
    text = format_compact_decimal(abs(amount), locale="id_ID", fraction_digits=digits).replace("\xa0", " ")
    return f"{'-' if amount < 0 else ''}Rp{text}"


def _anggaran_figure(lines: list[BudgetLine], year: int) -> Figure:
    from matplotlib.patches import Patch  # noqa: PLC0415
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415
    from matplotlib.transforms import blended_transform_factory  # noqa: PLC0415

    m = TextMeasure()
    title = m.wrap(f"Pagu dan Realisasi Anggaran per Sub Kegiatan Tahun {year}", 15.3, SIZE_TITLE, "bold")
    pagus = [line.pagu for line in lines if line.pagu]
    relative = bool(pagus) and max(pagus) > ANGGARAN_SPREAD * min(pagus)

    rows = []
    for line in lines:
        wrapped = m.wrap(line.nama, ANGGARAN_LABEL_RIGHT - 0.3, SIZE_SMALL)
        rows.append((line, wrapped, max(0.95, len(wrapped) * TEXT_LINE_CM + 0.2)))
    body = sum(h for _, _, h in rows)
    top = title_height(title) + 0.35  # plus the "Serapan" column head
    note = ["Panjang batang relatif terhadap pagu masing-masing sub kegiatan."] if relative else []
    bottom = LEGEND_GAP + 0.6 + 0.35 * len(note)
    height_px = px_for_cm(top + body + bottom)
    height_cm = height_px / DPI / CM
    bottom = height_cm - top - body

    fig, _ = new_figure(height_px)
    draw_title(fig, title, height_cm)
    ax = axes_cm(fig, height_cm, ANGGARAN_PLOT[0], ANGGARAN_PLOT[1], top, bottom)
    across = blended_transform_factory(fig.transFigure, ax.transData)

    def scaled(amount: int, pagu: int) -> float:
        if relative:
            return amount / pagu * 100 if pagu else 0.0
        return float(amount)

    plot_cm = ANGGARAN_PLOT[1] - ANGGARAN_PLOT[0]
    label_room = 1.75 / plot_cm  # "Rp13,77 M" beside the longest bar
    if relative:  # realisasi above pagu (serapan > 100%) still fits
        peak = max([100.0, *(float(line.serapan) for line in lines if line.serapan is not None)])
    else:
        peak = float(max(max(line.pagu or 0, line.realisasi or 0) for line in lines))
    xmax = nice_ceiling(peak / (1 - label_room)) if peak > 0 else 1.0
    ax.set_xlim(0, xmax)
    ax.set_ylim(body, 0)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    if relative:  # an axis of 0-100% of each pagu; the room beyond 100% is only for the amounts
        xmax = peak / (1 - label_room)
        ax.set_xlim(0, xmax)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.spines["bottom"].set_bounds(0, 100)
        ax.xaxis.set_major_formatter(tick_formatter(pct_axis_label))
        ax.set_xlabel("Persentase terhadap pagu")
        ax.xaxis.label.set_x(50 / xmax)  # centred under 0-100%
    else:
        ax.xaxis.set_major_formatter(tick_formatter(lambda v: rupiah_singkat(v, 1) if v else "0"))
        ax.set_xlabel("Rupiah")
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color=COLOR_GRID, linewidth=0.5)
    ax.set_axisbelow(True)

    fig.text(fig_x(ANGGARAN_SERAPAN_RIGHT), 1 - (top - 0.1) / height_cm, "Serapan", ha="right", va="bottom",
             fontsize=SIZE_SMALL, fontweight="bold")
    bar = 0.26
    pad = xmax * 0.012
    y = 0.0
    for line, wrapped, h in rows:
        mid = y + h / 2
        pagu, real = line.pagu or 0, line.realisasi or 0
        ax.text(fig_x(0.3), mid, "\n".join(wrapped), transform=across, ha="left", va="center",
                fontsize=SIZE_SMALL, linespacing=1.15, clip_on=False)
        for offset, amount, color, weight in ((-bar / 2 - 0.02, pagu, COLOR_TARGET, "normal"),
                                              (bar / 2 + 0.02, real, COLOR_REALISASI, "bold")):
            length = scaled(amount, pagu)
            ax.barh(mid + offset, length, height=bar, color=color, zorder=2)
            ax.text(length + pad, mid + offset, rupiah_singkat(amount), ha="left", va="center",
                    fontsize=SIZE_SMALL - 0.5, fontweight=weight, zorder=3)
        ax.text(fig_x(ANGGARAN_SERAPAN_RIGHT), mid, persen(line.serapan), transform=across, ha="right",
                va="center", fontsize=SIZE_TEXT, fontweight="bold", clip_on=False)
        if y > 0:
            ax.axhline(y, color=COLOR_GRID, linewidth=0.4, zorder=1)
        y += h

    handles = [Patch(color=COLOR_TARGET), Patch(color=COLOR_REALISASI)]
    legend_below(fig, handles, ["Pagu", "Realisasi"], bottom - LEGEND_GAP, height_cm)
    if note:
        fig.text(0.5, (bottom - LEGEND_GAP - 0.6) / height_cm, note[0], ha="center", va="top",
                 fontsize=SIZE_SMALL - 0.5,
                 fontstyle="italic", color=COLOR_MUTED)
    return fig
