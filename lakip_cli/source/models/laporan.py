"""validate: laporan.yaml: the report's own texts and date."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from lakip_cli.source.models.value_types import TAHUN_MAKS, Markdown, Strict, Teks


class Laporan(Strict):
    """laporan.yaml: the year's report texts and signing date."""

    tahun: Annotated[int, Field(strict=True, ge=2000, le=TAHUN_MAKS)]
    tanggal: Annotated[dt.date, Field(strict=True)] | None = Field(
        None, description="Tanggal penandatanganan (TTTT-BB-HH); kosong = belum diisi")
    kata_pengantar: Markdown | None = None
    ikhtisar: Markdown | None = Field(None, description="Paragraf tambahan Ikhtisar Eksekutif")
    kesimpulan: Markdown | None = None
    langkah_mendatang: tuple[Teks, ...] = ()
