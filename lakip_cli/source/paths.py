"""source: paths named in settings and data -> diagnostics when they leave the project or name a bad image.

The project folder is the boundary: a path is relative, and what it resolves to (symbolic links followed)
stays inside the project. Images are opened here, at validation, so a broken logo is a located error in
lakip.yaml rather than a failure while the document is being written.
"""

from __future__ import annotations

import warnings
from pathlib import Path

IMAGE_FORMATS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg"), "GIF": (".gif",)}
MAX_IMAGE_BYTES = 10_000_000
MAX_IMAGE_SIDE = 10_000


def outside_problem(root: Path, value: str) -> str | None:
    """Why a path written in the data may not be used, or None when it stays inside the project."""
    if "\x00" in value:
        return "jalur memuat karakter NUL"
    written = Path(value)
    if written.is_absolute() or value.startswith(("\\", "~")) or (len(value) > 1 and value[1] == ":"):
        return f"jalur '{value}' harus relatif terhadap folder proyek, bukan jalur mutlak"
    base = root.resolve()
    try:
        resolved = (base / written).resolve()
    except (OSError, RuntimeError):
        return f"jalur '{value}' memuat tautan simbolik yang berputar"
    if not resolved.is_relative_to(base):
        lexical = Path(*(p for p in written.parts if p not in ("", ".")))
        if ".." in lexical.parts:
            return f"jalur '{value}' menunjuk ke luar folder proyek ('..' tidak boleh keluar dari proyek)"
        return f"jalur '{value}' adalah tautan simbolik yang menunjuk ke luar folder proyek ({resolved})"
    return None


def image_problem(path: Path, value: str) -> str | None:
    """Why a file cannot be used as an image in the document (missing, wrong type, too big, truncated)."""
    if not path.exists():
        return f"berkas gambar '{value}' tidak ditemukan"
    if not path.is_file():
        return f"'{value}' bukan berkas gambar (yang ada adalah folder)"
    suffix = path.suffix.lower()
    allowed = ", ".join(s for group in IMAGE_FORMATS.values() for s in group)
    if suffix not in {s for group in IMAGE_FORMATS.values() for s in group}:
        return f"berkas gambar '{value}' harus berakhiran {allowed}"
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"berkas gambar '{value}' terlalu besar ({size} bita; batas {MAX_IMAGE_BYTES} bita)"
    if size == 0:
        return f"berkas gambar '{value}' kosong"
    from PIL import Image, UnidentifiedImageError  # here: most projects name no image, and Pillow is slow to import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                kind, (width, height) = img.format, img.size
                if kind not in IMAGE_FORMATS:
                    return f"'{value}' bukan gambar PNG, JPEG atau GIF (terbaca sebagai {kind})"
                if suffix not in IMAGE_FORMATS[kind]:
                    return f"isi berkas '{value}' adalah gambar {kind}, tidak sesuai dengan akhiran {path.suffix}"
                if max(width, height) > MAX_IMAGE_SIDE or min(width, height) < 1:
                    return f"ukuran gambar '{value}' {width}x{height} piksel di luar batas (1 sampai {MAX_IMAGE_SIDE})"
                img.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"'{value}' bukan gambar PNG, JPEG atau GIF yang dapat dibaca"
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return f"berkas gambar '{value}' rusak atau terpotong ({exc})"
    return None
