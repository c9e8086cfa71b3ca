"""validate: instansi.yaml: the agency profile and BAB I."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from lakip_cli.source.models.value_types import Bulat, Markdown, Nama, Nomor, Strict, Tahun, Teks


class Pejabat(Strict):
    nama: Teks
    jabatan: Teks = Field(description="Jabatan seperti dicetak pada blok tanda tangan")
    pangkat: Teks | None = None
    nip: Teks | None = Field(None, description="NIP 18 digit, boleh dengan spasi: 19700115 199003 2 003")


class Misi(Strict):
    nomor: Annotated[int, Field(strict=True, ge=1, le=99)]
    uraian: Teks


class Peraturan(Strict):
    jenis: Teks = Field(description="mis. 'Undang-Undang', 'Peraturan Menteri PANRB'")
    nomor: Nomor | Teks
    tahun: Tahun
    tentang: Teks


class SubUnit(Strict):
    nama: Teks
    tugas: Markdown


class Unit(Strict):
    nama: Teks
    tugas: Markdown
    sub_unit: tuple[SubUnit, ...] = ()


class Jabatan(Strict):
    nama: Teks
    eselon: Nama | None = None


class BarisSdm(Strict):
    uraian: Teks
    jumlah: Bulat | None = Field(description="kosong = '-' (tidak ada)")


class RincianSdm(Strict):
    judul: Teks
    cakupan: Literal["seluruh", "asn", "honorer", "lain"] = Field(
        description="Total yang harus sama dengan jumlah baris: seluruh pegawai, ASN, honorer, "
        "atau tidak dijumlahkan (lain)"
    )
    baris: tuple[BarisSdm, ...]


class Sdm(Strict):
    jumlah: Bulat = Field(description="Jumlah seluruh pegawai seperti dinyatakan")
    komposisi: tuple[BarisSdm, ...] = Field(
        (), description="Rincian dalam kalimat pembuka (struktural, fungsional, ...)"
    )
    honorer: Bulat = 0
    rincian: tuple[RincianSdm, ...] = ()
    per_unit: tuple[BarisSdm, ...] = ()


class Swot(Strict):
    """Analisis SWOT: four lists, printed as a 2 x 2 table."""

    kekuatan: tuple[Teks, ...] = ()
    kelemahan: tuple[Teks, ...] = ()
    peluang: tuple[Teks, ...] = ()
    ancaman: tuple[Teks, ...] = ()


class Sarana(Strict):
    uraian: Teks
    jumlah: Bulat | None = Field(None, ge=0)
    satuan: Teks | None = None
    kondisi: Teks | None = None


class Instansi(Strict):
    """instansi.yaml: agency profile and BAB I."""

    nama: Teks
    singkatan: Teks
    pemerintah: Teks = Field(description="mis. 'Pemerintah Kota Metro'")
    daerah: Teks = Field(description="mis. 'Kota Metro'")
    kota: Teks = Field(description="Tempat penandatanganan, mis. 'Metro'")
    kepala: Pejabat
    visi: Teks
    misi: tuple[Misi, ...]
    latar_belakang: Markdown
    dasar_hukum: tuple[Peraturan, ...]
    maksud_tujuan: Markdown
    ruang_lingkup: Markdown
    tugas_pokok: Markdown
    fungsi: tuple[Teks, ...]
    unit_kerja: tuple[Unit, ...] = ()
    dasar_struktur: Markdown | None = None
    struktur: tuple[Jabatan, ...] = ()
    sdm: Sdm
    bagan_organisasi: str | None = Field(None, description="Gambar bagan struktur organisasi, di dalam folder proyek")
    sarana: Markdown | None = None
    sarana_prasarana: tuple[Sarana, ...] = ()
    permasalahan_strategis: Markdown | None = None
    swot: Swot | None = None
