"""validate: anggaran.yaml: program, kegiatan and sub kegiatan."""

from __future__ import annotations

from pydantic import Field

from lakip_cli.source.models.value_types import Id, Rupiah, Strict, Teks


class SubKegiatan(Strict):
    id: Id
    nama: Teks
    pagu: Rupiah | None = Field(None, description="kosong = belum diisi")
    realisasi: Rupiah | None = Field(None, description="kosong = belum diisi")


class Kegiatan(Strict):
    nama: Teks
    sub_kegiatan: tuple[SubKegiatan, ...] = Field(min_length=1)


class Program(Strict):
    nama: Teks
    kegiatan: tuple[Kegiatan, ...] = Field(min_length=1)


class Anggaran(Strict):
    """anggaran.yaml: program / kegiatan / sub kegiatan; each budget line declared once."""

    program: tuple[Program, ...] = Field(min_length=1)
