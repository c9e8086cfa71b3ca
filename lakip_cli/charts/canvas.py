"""charts: figure plumbing shared by every chart — sizes, fonts, rcParams, deterministic PNG output."""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import importlib.util
import io
import math
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lakip_cli.display import persen

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure

DPI = 200
WIDTH_PX = 1260  # 6.3 in = 16.0 cm: the text width of an A4 page with 2.5 cm margins
PR_SET_PDEATHSIG = 1  # linux/prctl.h
HEIGHT_STEP_PX = 25  # heights are multiples of 1/8 in, exact in binary floating point

SIZE_TEXT = 7.5
SIZE_SMALL = 7.0

COLOR_REALISASI = "#1f4e8c"
COLOR_BELUM = "#d9661f"
COLOR_GROUP = "#eef2f7"
COLOR_GRID = "#d9d9d9"
COLOR_MUTED = "#6b6b6b"
COLOR_LINE = "#b22222"

CM = 1 / 2.54  # inches per centimetre
TEXT_LINE_CM = 0.32  # one line of SIZE_SMALL/SIZE_TEXT text with leading

NO_DATA = "data belum tersedia"


@dataclass(frozen=True)
class Chart:
    key: str  # "sasaran", "tren" or "anggaran"
    path: Path  # PNG written
    judul: str  # suggested caption text in Indonesian, without the "Gambar N" label


# ---------------------------------------------------------------- matplotlib setup


def prepare_matplotlib_env() -> None:
    """Point MPLCONFIGDIR at a private temp dir when matplotlib's default dirs are not writable."""
    if "matplotlib" in sys.modules or os.environ.get("MPLCONFIGDIR"):
        return
    home = Path.home()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "matplotlib"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "matplotlib"
    if sys.platform != "linux":
        config = cache = home / ".matplotlib"
    if all(_writable_dir(d) for d in (config, cache)):
        return
    private = tempfile.mkdtemp(prefix="lakip-matplotlib-")
    atexit.register(shutil.rmtree, private, ignore_errors=True)
    os.environ["MPLCONFIGDIR"] = private


def import_matplotlib() -> Any:
    """matplotlib and the parts every chart uses, imported; its 3D toolkit left out (no chart is 3D, and
    matplotlib.projections imports it eagerly, a tenth of matplotlib's import time)."""
    prepare_matplotlib_env()
    if "matplotlib.projections" not in sys.modules:
        import warnings  # noqa: PLC0415

        blocked = "mpl_toolkits.mplot3d"
        had = sys.modules.get(blocked, False)
        if had is False:
            sys.modules[blocked] = None  # type: ignore[assignment]  # an import of it raises ImportError
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Unable to import Axes3D"
                import matplotlib.figure  # noqa: F401, PLC0415
        finally:
            if had is False:
                del sys.modules[blocked]  # a later import of the toolkit works as usual
    import matplotlib  # noqa: PLC0415
    import matplotlib.backends.backend_agg  # noqa: F401, PLC0415
    import matplotlib.font_manager  # noqa: F401, PLC0415
    import matplotlib.lines  # noqa: F401, PLC0415
    import matplotlib.patches  # noqa: F401, PLC0415
    import matplotlib.ticker  # noqa: F401, PLC0415
    import matplotlib.transforms  # noqa: F401, PLC0415

    matplotlib.font_manager.fontManager  # noqa: B018 - the font list is read (or built) now
    return matplotlib


def die_with_parent(parent: int) -> None:  # pragma: no cover - runs in a forked child
    """Let the child be killed with its parent (SIGKILL included), and leave SIGINT/SIGTERM at their defaults."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # stopped with the parent, never unwound as it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):  # a parent killed outright takes the child along
        import ctypes  # noqa: PLC0415

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _writable_dir(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path, os.W_OK | os.X_OK)


@dataclass(frozen=True)
class ChartFont:
    """The font files every chart is drawn with, chosen by path (never by a family lookup in matplotlib)."""

    regular: Path
    bold: Path

    def digest(self) -> str:
        """What the pixels depend on: the files' bytes, not where they are installed."""
        return _file_digest(self.regular) + _file_digest(self.bold)


@functools.cache
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true")  # TrueType, OpenType (CFF), Apple TrueType


def font_problem(path: Path) -> str | None:
    """Why `path` cannot be a chart font (missing, a folder, not a TrueType/OpenType file), or None."""
    if not path.exists():
        return "tidak ditemukan"
    if not path.is_file():
        return "bukan berkas (yang ada adalah folder)"
    try:
        with path.open("rb") as f:
            head = f.read(4)
    except OSError:
        return "tidak dapat dibaca"
    if head not in FONT_MAGIC:
        return "bukan berkas huruf TrueType/OpenType (.ttf, .otf)"
    from PIL import ImageFont  # noqa: PLC0415 - FreeType, as matplotlib reads it

    try:
        ImageFont.truetype(str(path), 10)
    except (OSError, ValueError):
        return "rusak: tidak dapat dibaca sebagai huruf TrueType/OpenType"
    return None


def bold_beside(regular: Path) -> Path:
    """The bold face next to a regular one by the usual names (X-Regular.ttf -> X-Bold.ttf, X.ttf -> X-Bold.ttf
    or Xbd.ttf); the regular file itself when there is none, so bold text is drawn upright regular."""
    stem, suffix = regular.stem, regular.suffix
    names = [stem.replace("Regular", "Bold"), stem.replace("regular", "bold"), f"{stem}-Bold", f"{stem}bd"]
    for name in names:
        candidate = regular.with_name(name + suffix)
        if name != stem and candidate.is_file() and font_problem(candidate) is None:
            return candidate
    return regular


def fallback_font() -> ChartFont:
    """DejaVu Sans as shipped inside matplotlib: the same files wherever the same matplotlib is installed."""
    spec = importlib.util.find_spec("matplotlib")
    base = Path(next(iter(spec.submodule_search_locations or ()))) if spec else Path()
    folder = base / "mpl-data" / "fonts" / "ttf"
    return ChartFont(folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf")


def _register(font: ChartFont) -> str:
    """Bind the font files to a private family name no installed font can have, and return that name.

    matplotlib's font cache may hold the same family from several files (Debian: fonts-liberation and
    fonts-liberation2; DejaVu Sans from matplotlib and from the system), in an order that changes when the
    cache is rebuilt. A name only these two entries carry leaves findfont no choice.
    """
    import dataclasses  # noqa: PLC0415

    from matplotlib import font_manager  # noqa: PLC0415
    from matplotlib.ft2font import FT2Font  # noqa: PLC0415

    alias = f"lakip grafik {font.digest()}"
    manager = font_manager.fontManager
    if not any(entry.name == alias for entry in manager.ttflist):
        for path, weight in ((font.regular, 400), (font.bold, 700)):
            entry = font_manager.ttfFontProperty(FT2Font(str(path)))
            manager.ttflist.append(dataclasses.replace(entry, name=alias, style="normal", variant="normal",
                                                       weight=weight, stretch="normal", size="scalable"))
        manager._findfont_cached.cache_clear()  # type: ignore[attr-defined]  # a new family appeared
    return alias


def rc_params(matplotlib: Any, font: ChartFont) -> dict[str, Any]:
    """matplotlib's own defaults (never a user's matplotlibrc) with the sizes and the font of every chart."""
    fonts = [_register(font)]
    skip = {"backend", "backend_fallback", "interactive"}
    rc = {k: v for k, v in matplotlib.rcParamsDefault.items() if k not in skip}
    rc.update({
        "font.family": "sans-serif",
        "font.sans-serif": fonts,
        "font.size": SIZE_TEXT,
        "axes.titlesize": SIZE_TEXT,
        "axes.labelsize": SIZE_TEXT,
        "xtick.labelsize": SIZE_SMALL,
        "ytick.labelsize": SIZE_SMALL,
        "legend.fontsize": SIZE_SMALL,
        "axes.edgecolor": "#555555",
        "axes.linewidth": 0.6,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "xtick.major.size": 2.5,
        "ytick.major.size": 2.5,
        "axes.unicode_minus": False,
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "text.parse_math": False,
    })
    return rc


def new_figure(height_px: int) -> tuple[Figure, RendererBase]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    return fig, canvas.get_renderer()


def px_for_cm(height_cm: float) -> int:
    px = height_cm * CM * DPI
    return max(HEIGHT_STEP_PX, int(math.ceil(px / HEIGHT_STEP_PX)) * HEIGHT_STEP_PX)


def save_chart(folder: Path, key: str, fig: Figure, judul: str) -> Chart:
    """The figure as an opaque RGB PNG with its resolution (pHYs) and no text chunks (no "Software", no date)."""
    from PIL import Image  # noqa: PLC0415

    canvas = fig.canvas
    canvas.draw()
    rgba = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(),  # type: ignore[attr-defined]
                            "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    # The page is white: no alpha to keep. Level 1 compresses these flat-coloured pictures about as well as
    # the default 6 (within a few percent), in half the time.
    rgba.convert("RGB").save(buf, format="PNG", dpi=(DPI, DPI), compress_level=1)
    path = folder / f"{key}.png"
    tmp = folder / f".{key}.png.tmp"
    tmp.write_bytes(buf.getvalue())
    os.replace(tmp, path)
    return Chart(key=key, path=path, judul=judul)


# ---------------------------------------------------------------- text measurement


class TextMeasure:
    """Text widths in centimetres, from the chart's own font files (Pillow's FreeType, without matplotlib).

    The advances are those matplotlib lays out with the same files, so a line wrapped to a width fits it;
    measuring in Pillow keeps matplotlib's much slower text layout for the text actually drawn.
    """

    def __init__(self, font: ChartFont) -> None:
        from PIL import ImageFont  # noqa: PLC0415

        self._faces = {weight: ImageFont.truetype(str(path), 1000)
                       for weight, path in (("normal", font.regular), ("bold", font.bold))}
        self._cache: dict[tuple[str, float, str], float] = {}

    def width_cm(self, text: str, size: float, weight: str = "normal") -> float:
        key = (text, size, weight)
        if key not in self._cache:
            em = self._faces["bold" if weight == "bold" else "normal"].getlength(text) / 1000
            self._cache[key] = em * size / 72 / CM
        return self._cache[key]

    def wrap(self, text: str, width_cm: float, size: float, weight: str = "normal") -> list[str]:
        """Greedy word wrap to width_cm; a word longer than a line is broken inside."""
        lines: list[str] = []
        current = ""
        for word in text.split():
            candidate = f"{current} {word}" if current else word
            if self.width_cm(candidate, size, weight) <= width_cm:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while self.width_cm(current, size, weight) > width_cm and len(current) > 1:
                cut = len(current) - 1
                while cut > 1 and self.width_cm(current[:cut] + "-", size, weight) > width_cm:
                    cut -= 1
                lines.append(current[:cut] + "-")
                current = current[cut:]
        if current:
            lines.append(current)
        return lines or [""]


# ---------------------------------------------------------------- shared layout helpers


def fig_x(cm: float) -> float:
    return cm / (WIDTH_PX / DPI / CM)


def axes_cm(fig: Figure, height_cm: float, left: float, right: float, top: float, bottom: float) -> Axes:
    """An axes placed by margins in centimetres (left/right from the left edge, top/bottom heights)."""
    width_cm = WIDTH_PX / DPI / CM
    return fig.add_axes((left / width_cm, bottom / height_cm, (right - left) / width_cm,
                         (height_cm - top - bottom) / height_cm))


def tick_formatter(fn: Callable[[float], str]) -> Any:
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415

    return FuncFormatter(lambda value, _pos: fn(value))


def nice_ceiling(value: float, steps: Sequence[float] = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    return next(s * exp for s in steps if s * exp >= value - 1e-9)


def to_decimal(value: float) -> Decimal:
    """A float from matplotlib (possibly numpy) as the Decimal it stands for: 0.30000000000000004 -> 0.3."""
    return Decimal(f"{float(value):.12g}")


def pct_axis_label(value: float) -> str:
    return persen(to_decimal(value))


LEGEND_GAP = 1.05  # cm from the axes' bottom edge to the legend's top: tick labels and axis label


def legend_below(fig: Figure, handles: list[Any], labels: list[str], top_cm: float, height_cm: float) -> None:
    """A one-row legend whose top edge is top_cm above the bottom of the figure."""
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, top_cm / height_cm),
               ncol=len(handles), frameon=False, handlelength=1.6, columnspacing=1.6, borderaxespad=0.0)
