"""write: text widths with the real metrics of the document's font, for column widths that fit their content.

The reference document names a font (Arial by default); LibreOffice and Word draw it, or a metric-compatible
substitute (Liberation Sans for Arial, Carlito for Calibri). The same files are looked up here by path; when
none is found, a conservative estimate per character is used, wide enough that nothing breaks.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

FONT_DIRS = (
    Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
    Path("/Library/Fonts"), Path("/System/Library/Fonts"), Path("C:/Windows/Fonts"),
)
# family -> file names to try, regular then bold (metric-compatible substitutes after the original)
FONT_FILES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "arial": (("Arial.ttf", "arial.ttf", "LiberationSans-Regular.ttf"),
              ("Arial Bold.ttf", "arialbd.ttf", "LiberationSans-Bold.ttf")),
    "liberation sans": (("LiberationSans-Regular.ttf",), ("LiberationSans-Bold.ttf",)),
    "calibri": (("calibri.ttf", "Carlito-Regular.ttf"), ("calibrib.ttf", "Carlito-Bold.ttf")),
    "times new roman": (("times.ttf", "Times New Roman.ttf", "LiberationSerif-Regular.ttf"),
                        ("timesbd.ttf", "Times New Roman Bold.ttf", "LiberationSerif-Bold.ttf")),
}
ESTIMATE_EM = {False: 0.58, True: 0.64}  # average advance per character, in em, when no font file is found
_NUMBER = re.compile(r"^[\s\d.,%+\-\u2212\u2013()/]*\d[\s\d.,%+\-\u2212\u2013()/]*(?:poin|orang)?$|^Rp")


@functools.cache
def _find(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if folder.is_dir():
            for found in folder.rglob(name):
                return found
    return None


def font_names(family: str, bold: bool) -> tuple[str, ...]:
    """The file names tried for `family` (a family not listed is measured as Arial)."""
    return FONT_FILES.get(family.lower(), FONT_FILES["arial"])[1 if bold else 0]


def font_path(family: str, bold: bool) -> Path | None:
    """The first installed file of `family` (or of its metric-compatible substitute), or None."""
    return next((path for path in map(_find, font_names(family, bold)) if path is not None), None)


@functools.cache
def _font(family: str, bold: bool):
    """A Pillow font at 1000 units per em, or None."""
    for name in font_names(family, bold):
        path = _find(name)
        if path is not None:
            try:
                from PIL import ImageFont

                return ImageFont.truetype(str(path), 1000)
            except (OSError, ImportError):
                continue
    return None


@functools.lru_cache(maxsize=65536)
def _length(font, text: str) -> float:
    """Advance of `text` at 1000 units per em; tables repeat the same words and numbers many times."""
    return float(font.getlength(text))


@dataclass(frozen=True)
class Metrics:
    family: str

    def width(self, text: str, points: float, *, bold: bool = False) -> int:
        """Width of `text` on one line, in twips."""
        font = _font(self.family, bold)
        if font is None:
            return round(len(text) * ESTIMATE_EM[bold] * points * 20)
        return round(_length(font, text) / 1000 * points * 20)

    def unbreakable(self, text: str, points: float, *, bold: bool = False) -> int:
        """Width of the widest part that must not wrap: a whole number or amount, else the longest word."""
        text = text.strip()
        if _NUMBER.match(text):
            return self.width(text, points, bold=bold)
        return max((self.width(word, points, bold=bold) for word in text.split()), default=0)
