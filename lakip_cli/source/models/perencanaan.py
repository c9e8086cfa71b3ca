"""validate: perencanaan.yaml: tujuan, sasaran, strategi and the Perjanjian Kinerja."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, model_validator

from lakip_cli.source.models.indikator import Rentang
from lakip_cli.source.models.instansi import Pejabat
from lakip_cli.source.models.value_types import Angka, Id, Markdown, Strict, Tahun, Teks


class Tujuan(Strict):
    id: Id
    uraian: Teks
    misi: Annotated[int, Field(strict=True, ge=1, le=99)] | None = Field(None, description="Nomor misi yang didukung")


class SasaranStrategis(Strict):
    id: Id
    uraian: Teks
    tujuan: Id


class Strategi(Strict):
    misi: Annotated[int, Field(strict=True, ge=1, le=99)] | None = Field(None, description="Nomor misi")
    sasaran: Id | None = None
    uraian: Teks
    arah_kebijakan: Teks


class BarisPk(Strict):
    indikator: Id
    target: Angka | Rentang | None = Field(
        None, description="Target seperti tertulis pada dokumen PK yang ditandatangani: angka, atau rentang")


class PerjanjianKinerja(Strict):
    sasaran: Id
    indikator: tuple[BarisPk, ...] = Field(min_length=1)


class PenandatangananPk(Strict):
    """The Perjanjian Kinerja's own signing: where, when, and the second party (the head of region)."""

    tempat: Teks | None = None
    tanggal: dt.date | None = None
    pihak_kedua: Pejabat | None = None


class Perencanaan(Strict):
    """perencanaan.yaml: Renstra summary and the Perjanjian Kinerja."""

    periode_awal: Tahun
    periode_akhir: Tahun
    dokumen_jangka_menengah: Teks = Field("RPJMD", description="Nama dokumen target jangka menengah")
    pengantar_renstra: Markdown | None = None
    pengantar_iku: Markdown | None = None
    tujuan: tuple[Tujuan, ...] = Field(min_length=1)
    sasaran: tuple[SasaranStrategis, ...] = Field(min_length=1)
    strategi: tuple[Strategi, ...] = ()
    perjanjian_kinerja: tuple[PerjanjianKinerja, ...] = Field(min_length=1)
    penandatanganan_pk: PenandatangananPk = PenandatangananPk()

    @model_validator(mode="after")
    def _period(self) -> Perencanaan:
        if self.periode_akhir < self.periode_awal:
            raise ValueError("periode_akhir tidak boleh lebih awal dari periode_awal")
        return self
