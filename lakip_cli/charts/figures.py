"""charts: computed report -> PNG charts at print size (matplotlib, imported only when charts are built).

Three charts, keyed as the templates use them; none carries a title (the document's caption is the title):
- "sasaran": capaian (%) of every indicator, grouped under its sasaran strategis, against the 100% target;
  indicators without a value show "data belum tersedia". Built whenever the report has indicators.
- "tren": one figure of small multiples, capaian (%) over the years of every indicator with at least 2
  years of capaian, on one shared scale with the 100% target; built only when one indicator qualifies.
  The yearly tables show the numbers; this figure shows the shapes side by side. More panels than fit a
  page (see `trend_groups`) continue in "tren-2", "tren-3"...
- "anggaran": serapan (%) per budget line (complete lines only), one bar per line, labelled with its
  realisasi and pagu in one unit for the whole chart (juta or miliar, see `satuan_anggaran`); built only
  when at least one budget line is complete.

On Linux a build draws them in a forked child while it renders the document (see `ChartJob`).
Every chart is drawn at its printed size (16 cm wide, 200 dpi) so point sizes are real point sizes on
paper, with the font files given by path (see canvas.ChartFont), and written without PNG text metadata,
so identical inputs and font files give identical bytes on any machine.
Matplotlib is used through Figure + FigureCanvasAgg only (no pyplot, no global backend switch), with
its rcParams reset to matplotlib's defaults inside an rc_context so a user's matplotlibrc cannot change
the output.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import shutil
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from lakip_cli.charts import early
from lakip_cli.charts.canvas import (  # noqa: F401 - Chart, ChartFont, DPI and WIDTH_PX are this module's API
    CM,
    COLOR_BELUM,
    COLOR_GRID,
    COLOR_GROUP,
    COLOR_LINE,
    COLOR_MUTED,
    COLOR_REALISASI,
    DPI,
    LEGEND_GAP,
    NO_DATA,
    SIZE_SMALL,
    SIZE_TEXT,
    TEXT_LINE_CM,
    WIDTH_PX,
    Chart,
    ChartFont,
    TextMeasure,
    axes_cm,
    die_with_parent,
    fallback_font,
    fig_x,
    import_matplotlib,
    legend_below,
    new_figure,
    nice_ceiling,
    pct_axis_label,
    prepare_matplotlib_env,
    px_for_cm,
    rc_params,
    save_chart,
    tick_formatter,
)
from lakip_cli.display import persen

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from lakip_cli.compute.report import IndikatorReport, Report

def build_charts(report: Report, folder: Path, cache: Path | None = None,
                 font: ChartFont | None = None) -> dict[str, Chart]:
    """Draw every chart the report has data for into folder; return them by key (see module doc).

    With `cache` (a folder, created when needed), a chart whose inputs were drawn before is copied from
    there instead of drawn again, and matplotlib is not even imported when every chart is found: a rebuild
    after a change of narrative only draws nothing. Entries are named by a digest of the chart's inputs, this
    module's code, matplotlib's version and the font files, so a cached PNG is byte for byte the one a fresh
    drawing gives; entries no chart of this build uses are removed. The text is drawn with `font` (default:
    the fallback, matplotlib's own DejaVu Sans files).
    """
    with ChartJob(report, folder, cache, font, background=False) as job:
        return job.wait()




class ChartJob:
    """The charts of one build, drawn while the rest of the build goes on.

    The captions and file names are known at once (`charts`); a file exists after `ready(path)`, all of
    them after `wait()`. With `background` on Linux, what the cache lacks is drawn in a forked child
    process, in the order of the plan (the order of the document), and the child names each chart on a pipe
    as soon as its file is in place: matplotlib's import and the drawing overlap the checks, the rendering
    and the writing of the document up to each picture (the parent never imports matplotlib). Elsewhere,
    and when the child fails, the charts are drawn here. Leaving the `with` block before `wait()` (an
    error, Ctrl-C, SIGTERM) ends the child and reaps it.
    """

    def __init__(self, report: Report, folder: Path, cache: Path | None, font: ChartFont | None, *,
                 background: bool) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.font = font or fallback_font()
        self.cache = cache
        self._plan = _plan(report)
        self._salt = _code_digest() + self.font.digest() if cache is not None else ""
        self.charts: dict[str, Chart] = {}
        self._todo: Todo = []
        for key, judul, inputs, draw in self._plan:
            cached = cache / f"{_digest(self._salt, key, inputs)}.png" if cache is not None else None
            self.charts[key] = Chart(key=key, path=folder / f"{key}.png", judul=judul)
            if cached is not None and cached.is_file():
                shutil.copyfile(cached, self.charts[key].path)
            else:
                self._todo.append((key, judul, draw, cached))
        self._child: int | None = None
        self._news: int | None = None  # the read end of the child's pipe
        self._done: set[str] = {key for key in self.charts if key not in {k for k, *_ in self._todo}}
        self._heard = b""
        painter = early.take() if background else None
        if self._todo and painter is not None:
            job = folder / ".grafik-kerja.pickle"
            # What early's child runs: _draw_all(font, todo, charts, drawn, split=True)
            job.write_bytes(pickle.dumps((_draw_all, (self.font, self._todo, self.charts)),
                                         protocol=pickle.HIGHEST_PROTOCOL))
            if painter.give(job):  # drawn by the process that imported matplotlib while the project loaded
                self._child, self._news = painter.pid, painter.news
                return
            painter.end()
        elif painter is not None:
            painter.end()  # every chart is cached
        if self._todo and background and sys.platform.startswith("linux"):
            prepare_matplotlib_env()  # in this process: a private folder is removed at its exit
            parent = os.getpid()
            news, tell = os.pipe()
            self._child = os.fork()
            if self._child == 0:  # pragma: no cover - the child's coverage is not collected
                os.close(news)
                self._run_child(parent, tell)
            os.close(tell)
            self._news = news

    def _run_child(self, parent: int, tell: int) -> NoReturn:  # pragma: no cover - runs in the forked child
        code = 1
        try:
            die_with_parent(parent)
            if os.getppid() == parent:  # else the parent died before that took effect
                _draw_all(self.font, self._todo, self.charts, lambda key: os.write(tell, f"{key}\n".encode()),
                          split=True)
                code = 0
        finally:
            os._exit(code)  # neither the parent's cleanups nor its buffered output run twice

    def _draw(self, drawn: Callable[[str], object] = lambda key: None) -> None:
        _draw_all(self.font, self._todo, self.charts, drawn)

    def ready(self, path: Path) -> None:
        """Return once the chart file at `path` is written (any other path: at once)."""
        key = next((k for k, chart in self.charts.items() if chart.path == path), None)
        if key is None or key in self._done:
            return
        while self._news is not None and key not in self._done:
            chunk = os.read(self._news, 512)
            if not chunk:  # the child is gone: wait() tells how, and draws here what it did not
                break
            *names, self._heard = (self._heard + chunk).split(b"\n")
            self._done.update(name.decode() for name in names)
        if key not in self._done:
            self.wait()

    def wait(self) -> dict[str, Chart]:
        """Every chart file written (drawn here if the child did not); the cache pruned to this build."""
        self._close_news()
        if self._child is not None:
            _, status = os.waitpid(self._child, 0)
            self._child = None
            if os.waitstatus_to_exitcode(status) != 0:
                self._draw()  # again, here: whatever stopped the child now stops the build with its own error
        else:
            self._draw()
        self._todo = []
        self._done = set(self.charts)
        if self.cache is not None and self.cache.is_dir():
            used = {f"{_digest(self._salt, key, inputs)}.png" for key, _, inputs, _ in self._plan}
            for entry in self.cache.iterdir():  # also what a killed build left half-written
                if entry.name not in used and entry.is_file():
                    with contextlib.suppress(OSError):
                        entry.unlink()
        return dict(self.charts)

    def __enter__(self) -> ChartJob:
        return self

    def _close_news(self) -> None:
        if self._news is not None:
            os.close(self._news)
            self._news = None

    def __exit__(self, *exc: object) -> None:
        self._close_news()
        if self._child is not None:
            with contextlib.suppress(OSError):
                os.kill(self._child, signal.SIGKILL)
                os.waitpid(self._child, 0)
            self._child = None


Todo = list[tuple[str, str, Callable[[TextMeasure], "Figure"], Path | None]]  # key, caption, drawing, cache entry


def _draw_all(font: ChartFont, todo: Todo, charts: dict[str, Chart],
              drawn: Callable[[str], object] = lambda key: None, *, split: bool = False) -> None:
    """Draw each chart of `todo` in order into its file (`charts`), tell `drawn` its key, store it in the cache.

    With `split` (in a chart process only, never in the build's own process) and a second core, a forked
    child draws every chart after the first while this process draws the first, the largest (about as long
    as the others together): the document waits for the first chart while the others are drawn beside it.
    """
    if not todo:
        return
    matplotlib = import_matplotlib()  # imported only when charts are drawn
    measure = TextMeasure(font)
    with matplotlib.rc_context(rc_params(matplotlib, font)):
        helper = None
        if split and len(todo) > 1 and (os.cpu_count() or 1) > 1:
            parent = os.getpid()
            helper = os.fork()
            if helper == 0:  # pragma: no cover - the child's coverage is not collected
                code = 1
                try:
                    die_with_parent(parent)
                    if os.getppid() == parent:
                        _draw_each(todo[1:], charts, measure, drawn)
                        code = 0
                finally:
                    os._exit(code)
            todo = todo[:1]
        _draw_each(todo, charts, measure, drawn)
        if helper is not None:
            _, status = os.waitpid(helper, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError("chart helper process failed")  # the build then draws them itself


def _draw_each(todo: Todo, charts: dict[str, Chart], measure: TextMeasure, drawn: Callable[[str], object]) -> None:
    for key, judul, draw, cached in todo:
        save_chart(charts[key].path.parent, key, draw(measure), judul)
        drawn(key)
        if cached is not None:
            _store(charts[key].path, cached)


# What the drawings read of the report, as plain values: a chart process (see charts.early) unpickles them
# without importing the compute and source stages.


@dataclass(frozen=True)
class _Ind:
    nomor: int
    nama: str
    capaian: Decimal | None


@dataclass(frozen=True)
class _Sasaran:
    uraian: str
    capaian: Decimal | None
    indikator: tuple[_Ind, ...]


@dataclass(frozen=True)
class _SasaranData:
    sasaran: tuple[_Sasaran, ...]
    indikator: tuple[_Ind, ...]


@dataclass(frozen=True)
class _Line:
    nama: str
    pagu: int | None
    realisasi: int | None
    serapan: Decimal | None


def _ind(ik: IndikatorReport) -> _Ind:
    return _Ind(ik.nomor, ik.nama, ik.capaian)


def _plan(report: Report) -> list[tuple[str, str, object, Callable[[TextMeasure], Figure]]]:
    """(key, caption, everything the drawing reads, drawing) of each chart the report has data for."""
    plan: list[tuple[str, str, object, Callable[[TextMeasure], Figure]]] = []
    if report.indikator:
        groups = [(s.uraian, s.capaian, [(ik.nomor, ik.nama, ik.capaian) for ik in s.indikator])
                  for s in report.sasaran if s.indikator]
        inputs: object = (report.year, groups, [i.capaian for i in report.indikator])
        data = _SasaranData(tuple(_Sasaran(s.uraian, s.capaian, tuple(_ind(ik) for ik in s.indikator))
                                  for s in report.sasaran), tuple(_ind(ik) for ik in report.indikator))
        plan.append(("sasaran", f"Capaian indikator kinerja per sasaran strategis tahun {report.year}", inputs,
                     functools.partial(_sasaran_figure, data)))
    panels = trend_panels(report)
    if panels:
        first, last = min(t for _, pts in panels for t, _ in pts), max(t for _, pts in panels for t, _ in pts)
        parts = trend_groups(len(panels))
        for number, (start, end) in enumerate(parts, 1):
            part = panels[start:end]
            judul = f"Capaian indikator kinerja tahun {first}\u2013{last}"
            if len(parts) > 1:
                judul += f" (bagian {number} dari {len(parts)})"
            inputs = ([(ik.nomor, ik.nama, pts) for ik, pts in part], (first, last))
            plan.append(("tren" if number == 1 else f"tren-{number}", judul, inputs,
                         functools.partial(_trend_figure, [(_ind(ik), pts) for ik, pts in part], (first, last))))
    lines = [line for line in report.anggaran if line.lengkap]
    if lines:
        inputs = (report.year, [(line.nama, line.pagu, line.realisasi, line.serapan) for line in lines])
        plan.append(("anggaran", f"Serapan anggaran per sub kegiatan tahun {report.year}", inputs,
                     functools.partial(_anggaran_figure, [_Line(line.nama, line.pagu, line.realisasi, line.serapan)
                                                          for line in lines], report.year)))
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


def _sasaran_figure(report: _SasaranData, m: TextMeasure) -> Figure:
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch, Rectangle  # noqa: PLC0415
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415
    from matplotlib.transforms import blended_transform_factory  # noqa: PLC0415

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
    top = 0.15
    bottom = LEGEND_GAP + 0.6  # tick labels, axis label, legend
    height_px = px_for_cm(top + body + bottom)
    height_cm = height_px / DPI / CM
    bottom = height_cm - top - body  # rounding slack ends up below the legend

    fig, _ = new_figure(height_px)
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
            ind: _Ind = item
            mid = y + h / 2
            ax.text(fig_x(0.3), mid, "\n".join(lines), transform=across, ha="left", va="center",
                    fontsize=SIZE_SMALL, linespacing=1.15, clip_on=False)
            if ind.capaian is None:
                ax.text(xmax * 0.01, mid, NO_DATA, ha="left", va="center", fontsize=SIZE_SMALL,
                        color=COLOR_MUTED, zorder=3)
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


# ---------------------------------------------------------------- "tren": small multiples of capaian by year


def trend_panels(report: Report) -> list[tuple[IndikatorReport, list[tuple[int, Decimal]]]]:
    """Each indicator with at least 2 years of capaian, with those (year, capaian) in ascending order."""
    panels = []
    for ind in report.indikator:
        points = sorted((y.tahun, y.capaian) for y in ind.seri if y.capaian is not None)
        if len(points) >= 2:
            panels.append((ind, points))
    return panels


TREND_COLUMNS = 3
TREND_ROWS_MAX = 5  # a figure of 5 rows of panels (about 20 cm) still fits one page with its caption
TREND_GAP = 0.55  # cm between panels
TREND_LEFT = 1.35  # cm: room for the shared percentage axis
TREND_PLOT_CM = 2.3  # height of one panel's plot
TREND_TITLE_LINES = 3


def trend_groups(count: int) -> list[tuple[int, int]]:
    """(start, end) of the panels of each small-multiples figure: one figure while the panels fit a page,
    else as few figures as fit, of nearly equal size in whole rows (16 panels: 9 and 7, not 15 and 1)."""
    most = TREND_COLUMNS * TREND_ROWS_MAX
    figures = -(-count // most)
    per = -(-count // figures)
    per = -(-per // TREND_COLUMNS) * TREND_COLUMNS
    return [(start, min(start + per, count)) for start in range(0, count, per)]


def _trend_figure(panels: list[tuple[_Ind, list[tuple[int, Decimal]]]], years_shown: tuple[int, int],
                  m: TextMeasure) -> Figure:
    """The panels drawn by hand on one axes measured in centimetres: a matplotlib Axes per panel (with its
    ticks and spines) costs more to build and draw than everything the panels show."""
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415

    columns = min(TREND_COLUMNS, len(panels))
    width_cm = WIDTH_PX / DPI / CM
    panel_cm = (width_cm - TREND_LEFT - 0.25 - TREND_GAP * (TREND_COLUMNS - 1)) / TREND_COLUMNS
    titles = []
    for ind, _ in panels:
        lines = m.wrap(f"{ind.nomor}. {ind.nama}", panel_cm, SIZE_SMALL, "bold")
        if len(lines) > TREND_TITLE_LINES:  # the table above each indicator's analysis names it in full
            lines = [*lines[:TREND_TITLE_LINES - 1], lines[TREND_TITLE_LINES - 1].rstrip(" ,.;:") + "\u2026"]
        titles.append(lines)
    rows = [list(range(i, min(i + columns, len(panels)))) for i in range(0, len(panels), columns)]
    heads = [max(len(titles[i]) for i in row) * TEXT_LINE_CM + 0.12 for row in rows]
    ticks_cm = 0.5  # year labels under each panel
    top = 0.1
    body = sum(heads) + len(rows) * (TREND_PLOT_CM + ticks_cm)
    height_px = px_for_cm(top + body + 0.75)
    height_cm = height_px / DPI / CM

    values = [float(c) for _, points in panels for _, c in points]
    ymax = nice_ceiling(max([100.0, *values]) * 1.18)
    lowest = min([0.0, *values])
    ymin = -nice_ceiling(-lowest * 1.18) if lowest < 0 else 0.0
    yticks = [float(v) for v in MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]).tick_values(ymin, ymax)
              if ymin - 1e-9 <= v <= ymax + 1e-9]
    years = list(range(years_shown[0], years_shown[1] + 1))  # the same axis in every part of the figure
    span = (years[0] - 0.45, years[-1] + 0.45)

    fig, _ = new_figure(height_px)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width_cm)
    ax.set_ylim(height_cm, 0)
    ax.set_axis_off()
    axis: dict[str, Any] = {"color": "#555555", "linewidth": 0.6, "solid_capstyle": "butt", "zorder": 2}
    y_cm = top
    for row, head in zip(rows, heads, strict=True):
        y_cm += head
        plot_bottom = y_cm + TREND_PLOT_CM
        for column, index in enumerate(row):
            _, points = panels[index]
            left = TREND_LEFT + column * (panel_cm + TREND_GAP)

            def at(year: float, value: float, left: float = left, plot_bottom: float = plot_bottom) -> tuple[
                    float, float]:
                return (left + (year - span[0]) / (span[1] - span[0]) * panel_cm,
                        plot_bottom - (value - ymin) / (ymax - ymin) * TREND_PLOT_CM)

            ax.text(left, y_cm - 0.08, "\n".join(titles[index]), ha="left", va="bottom", fontsize=SIZE_SMALL,
                    fontweight="bold", linespacing=1.15)
            for tick in yticks:
                _, y = at(span[0], tick)
                ax.plot([left, left + panel_cm], [y, y], color=COLOR_GRID, linewidth=0.5, zorder=1)
                if column == 0:
                    ax.plot([left - 0.09, left], [y, y], **axis)
                    ax.text(left - 0.14, y, pct_axis_label(tick), ha="right", va="center", fontsize=SIZE_SMALL)
            ax.plot([left, left], [y_cm, plot_bottom], **axis)
            ax.plot([left, left + panel_cm], [plot_bottom, plot_bottom], **axis)
            for year in years:
                x, _ = at(year, ymin)
                ax.text(x, plot_bottom + 0.1, str(year), ha="center", va="top", fontsize=SIZE_SMALL)
            _, y100 = at(span[0], 100.0)
            ax.plot([left, left + panel_cm], [y100, y100], color=COLOR_LINE, linewidth=0.8,
                    linestyle=(0, (4, 2)), zorder=3)
            xy = [at(t, float(c)) for t, c in points]
            ax.plot([x for x, _ in xy], [y for _, y in xy], color=COLOR_REALISASI, linewidth=1.4, zorder=4,
                    solid_capstyle="round", solid_joinstyle="round")
            colors = [COLOR_REALISASI if c >= 100 else COLOR_BELUM for _, c in points]
            ax.scatter([x for x, _ in xy], [y for _, y in xy], s=14, c=colors, zorder=5, linewidths=0)
            last = points[-1][1]
            x, y = xy[-1]
            above = float(last) < ymax * 0.82
            ax.text(x, y - 0.14 if above else y + 0.17, persen(last), ha="center", va="bottom" if above else "top",
                    fontsize=SIZE_SMALL - 0.5, fontweight="bold", zorder=6)
        y_cm = plot_bottom + ticks_cm

    handles = [Line2D([], [], color=COLOR_REALISASI, linewidth=1.4, marker="o", markersize=3.5,
                      markeredgewidth=0),
               Line2D([], [], color=COLOR_BELUM, linewidth=0, marker="o", markersize=3.5, markeredgewidth=0),
               Line2D([], [], color=COLOR_LINE, linewidth=0.8, linestyle=(0, (4, 2)))]
    labels = ["Capaian (angka: tahun terakhir)", "Di bawah target", "Target (100%)"]
    legend_below(fig, handles, labels, height_cm - y_cm - 0.2, height_cm)
    return fig


# ---------------------------------------------------------------- "anggaran": serapan per budget line


ANGGARAN_LABEL_RIGHT = 6.6
ANGGARAN_PLOT = (6.85, 12.2)
ANGGARAN_AMOUNT_RIGHT = 15.55
UNITS = (("miliar", 10**9), ("juta", 10**6))
MILIAR_FROM = 10**8  # the smallest amount shown in miliar: 0,10 miliar still has two significant digits


def satuan_anggaran(amounts: list[int]) -> tuple[str, int]:
    """The one unit every amount of the chart is written in: miliar when the smallest non-zero amount
    is at least 100 juta (0,10 miliar), else juta (13.774,27 juta beside 19,07 juta)."""
    shown = [abs(a) for a in amounts if a]
    return UNITS[0] if shown and min(shown) >= MILIAR_FROM else UNITS[1]


def jumlah(amount: int, unit: int) -> str:
    """An amount in the chart's unit with two decimals, Indonesian style: 13774269418, 10**6 -> '13.774,27';
    32202800, 10**6 -> '32,20' (every amount of a column with the same number of decimals)."""
    from babel.numbers import format_decimal  # noqa: PLC0415

    value = (Decimal(amount) / unit).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return format_decimal(value, format="#,##0.00", locale="id_ID")


def _anggaran_figure(lines: list[_Line], year: int, m: TextMeasure) -> Figure:
    from matplotlib.ticker import FixedLocator  # noqa: PLC0415
    from matplotlib.transforms import blended_transform_factory  # noqa: PLC0415

    name, unit = satuan_anggaran([a for line in lines for a in (line.pagu or 0, line.realisasi or 0)])
    rows = []
    for line in lines:
        wrapped = m.wrap(line.nama, ANGGARAN_LABEL_RIGHT - 0.3, SIZE_SMALL)
        rows.append((line, wrapped, max(0.7, len(wrapped) * TEXT_LINE_CM + 0.2)))
    body = sum(h for _, _, h in rows)
    top = 0.5  # the column heads
    bottom = LEGEND_GAP - 0.1
    height_px = px_for_cm(top + body + bottom)
    height_cm = height_px / DPI / CM
    bottom = height_cm - top - body

    fig, _ = new_figure(height_px)
    ax = axes_cm(fig, height_cm, ANGGARAN_PLOT[0], ANGGARAN_PLOT[1], top, bottom)
    across = blended_transform_factory(fig.transFigure, ax.transData)
    plot_cm = ANGGARAN_PLOT[1] - ANGGARAN_PLOT[0]
    peak = max([100.0, *(float(line.serapan) for line in lines if line.serapan is not None)])
    xmax = peak / (1 - 1.3 / plot_cm)  # room for "100%" right of the longest bar
    ax.set_xlim(0, xmax)
    ax.set_ylim(body, 0)
    ax.xaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
    ax.spines["bottom"].set_bounds(0, 100)
    ax.xaxis.set_major_formatter(tick_formatter(pct_axis_label))
    ax.set_xlabel("Serapan (realisasi terhadap pagu)")
    ax.xaxis.label.set_x(50 / xmax)  # centred under 0-100%
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color=COLOR_GRID, linewidth=0.5)
    ax.set_axisbelow(True)

    head = 1 - (top - 0.12) / height_cm
    fig.text(fig_x(0.3), head, "Sub kegiatan", ha="left", va="bottom", fontsize=SIZE_SMALL, fontweight="bold")
    fig.text(fig_x(ANGGARAN_AMOUNT_RIGHT), head, "Realisasi / pagu (rupiah)", ha="right", va="bottom",
             fontsize=SIZE_SMALL, fontweight="bold")
    y = 0.0
    for line, wrapped, h in rows:
        mid = y + h / 2
        serapan = float(line.serapan) if line.serapan is not None else 0.0
        ax.text(fig_x(0.3), mid, "\n".join(wrapped), transform=across, ha="left", va="center",
                fontsize=SIZE_SMALL, linespacing=1.15, clip_on=False)
        ax.barh(mid, serapan, height=0.34, color=COLOR_REALISASI, zorder=2)
        ax.text(serapan + xmax * 0.012, mid, persen(line.serapan), ha="left", va="center",
                fontsize=SIZE_SMALL, fontweight="bold", zorder=3)
        amounts = f"{jumlah(line.realisasi or 0, unit)} / {jumlah(line.pagu or 0, unit)} {name}"
        ax.text(fig_x(ANGGARAN_AMOUNT_RIGHT), mid, amounts, transform=across, ha="right", va="center",
                fontsize=SIZE_SMALL, clip_on=False)
        if y > 0:
            ax.axhline(y, color=COLOR_GRID, linewidth=0.4, zorder=1)
        y += h
    return fig
