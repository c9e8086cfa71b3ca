"""validate: lakip.yaml: project settings."""

from __future__ import annotations

import importlib
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from lakip_cli.source.models.value_types import ID_MAKS, Jalur, Nama, Nomor, Persen, Strict, Tahun, Teks, YaTidak


class Predikat(Strict):
    min: Persen = Field(description="Batas bawah capaian (%) untuk predikat ini")
    label: Teks


class Kebijakan(Strict):
    polaritas_negatif: Literal["cermin", "rasio"] = Field(
        "cermin",
        description="cermin: (2T - R) / T x 100; rasio: T / R x 100",
    )
    batas_capaian: Persen | None = Field(
        None, gt=0, description="Batas atas capaian (%) untuk tampilan dan agregasi; kosong = tanpa batas"
    )
    agregasi_sasaran: Literal["rata-rata"] = "rata-rata"
    skala_predikat: tuple[Predikat, ...] = (
        Predikat(min=Decimal(91), label="Sangat Tinggi"),
        Predikat(min=Decimal(76), label="Tinggi"),
        Predikat(min=Decimal(66), label="Sedang"),
        Predikat(min=Decimal(51), label="Rendah"),
        Predikat(min=Decimal(0), label="Sangat Rendah"),
    )
    sumber_skala_predikat: Nama = "Permendagri Nomor 86 Tahun 2017"

    @field_validator("skala_predikat")
    @classmethod
    def _descending(cls, v: tuple[Predikat, ...]) -> tuple[Predikat, ...]:
        mins = [p.min for p in v]
        if not mins:
            raise ValueError("skala predikat tidak boleh kosong")
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            raise ValueError("batas 'min' skala predikat harus menurun dan tidak berulang")
        return v


class Keluaran(Strict):
    folder: Jalur = "out"
    pdf: YaTidak = False
    grafik: YaTidak = True
    huruf_grafik: Jalur | None = Field(
        None, description="Berkas huruf TrueType/OpenType (.ttf, .otf) untuk teks grafik, di dalam folder proyek; "
        "huruf tebalnya dicari di sebelahnya (mis. LiberationSans-Bold.ttf di sebelah LiberationSans-Regular.ttf). "
        "Bila tidak diisi: berkas huruf isi dokumen (Arial atau penggantinya, Liberation Sans)")
    logo: Jalur | None = Field(None, description="Berkas gambar (PNG, JPEG atau GIF) lambang daerah untuk sampul, "
                               "di dalam folder proyek")


class PeraturanDikenal(Strict):
    nama: Teks = Field(description="Jenis peraturan seperti tertulis, mis. 'Peraturan Menteri PANRB'")
    pola: Annotated[str, Field(min_length=1, max_length=200)] = Field(
        description="Ekspresi reguler (tanpa nomor) yang mengenali jenis peraturan")
    nomor: Nomor
    tahun: Tahun

    @field_validator("pola")
    @classmethod
    def _linear(cls, v: str) -> str:
        if _nested_repeat(v):
            raise ValueError("pola memuat pengulangan bersarang (mis. (a+)+) yang dapat membuat pemeriksaan "
                             "berjalan sangat lama; tulis tanpa pengulangan di dalam pengulangan")
        return v


# The standard library's own regex parser, to look at a pattern's structure without running it.
_re_parser: Any = importlib.import_module("re._parser")
_re_constants: Any = importlib.import_module("re._constants")


def _nested_repeat(pattern: str) -> bool:
    """True when a repeated group itself repeats, like (a+)+: such a pattern can take exponential time."""
    try:
        tree = _re_parser.parse(pattern)
    except re.error:
        return False  # an invalid pattern is reported by the check that uses it, with the regex detail

    def children(op: Any, av: Any) -> list[Any]:
        if op is _re_constants.SUBPATTERN:
            return [av[-1]]
        if op is _re_constants.BRANCH:
            return list(av[1])
        if op in (_re_constants.ASSERT, _re_constants.ASSERT_NOT):
            return [av[1]]
        return []

    def walk(items: Any, inside: bool) -> bool:
        for op, av in items:
            if op in _REPEATS:
                repeats = av[1] > 1
                if (repeats and inside) or walk(av[2], inside or repeats):
                    return True
            elif any(walk(sub, inside) for sub in children(op, av)):
                return True
        return False

    return walk(tree, False)


_REPEATS = (_re_constants.MAX_REPEAT, _re_constants.MIN_REPEAT, _re_constants.POSSESSIVE_REPEAT)


class Penerimaan(Strict):
    """One finding accepted on purpose (cek.terima): which code, where, and why; read by checks/acceptance.py."""

    kode: Teks = Field(description="Kode temuan yang diterima, mis. LK014")
    berkas: str | None = Field(None, description="Berkas temuan, relatif terhadap folder proyek")
    indikator: str | None = Field(None, description="Atau: id indikator (IK05); berkasnya dicari sendiri")
    bagian: str | None = Field(None, description="Jalur YAML di dalam berkas, mis. narasi.penyebab atau riwayat[0]")
    baris: int | None = Field(None, ge=1, description="Atau: nomor baris temuan (bergeser bila berkas disunting)")
    tahun: int | None = Field(None, description="Hanya untuk laporan tahun ini; kosong = setiap tahun")
    alasan: Teks = Field(description="Mengapa temuan ini diterima apa adanya (wajib)")


class IstilahUsang(Strict):
    """One obsolete term for LK027 (cek.istilah_usang): plain text matched as whole words, never a pattern."""

    # The editor marks a missing replacement as validate does: 'ganti' is required unless 'aktif: false'.
    model_config = ConfigDict(**Strict.model_config, json_schema_extra={
        "if": {"properties": {"aktif": {"not": {"const": True}}}, "required": ["aktif"]},
        "else": {"required": ["ganti"]},
    })

    istilah: Teks = Field(description="Istilah usang seperti tertulis, mis. 'Penetapan Kinerja' (teks biasa, "
                          "bukan pola)")
    ganti: Teks | None = Field(None, description="Istilah pengganti yang disarankan; wajib kecuali aktif: false")
    aktif: YaTidak = Field(True, description="false: istilah bawaan dengan nama ini tidak diperiksa")

    @model_validator(mode="after")
    def _replacement(self) -> IstilahUsang:
        if self.aktif and not self.ganti:
            raise ValueError("istilah usang perlu 'ganti' (istilah penggantinya), atau 'aktif: false' untuk "
                             "mematikan istilah bawaan dengan nama ini")
        return self


class Cek(Strict):
    abaikan: tuple[Annotated[str, Field(max_length=ID_MAKS)], ...] = ()
    instansi_lain: tuple[Teks, ...] = Field(
        (), description="Nama instansi lain tambahan yang tidak boleh muncul di narasi (LK018)")
    mitra: tuple[Teks, ...] = Field(
        (), description="Nama mitra yang boleh disebut di narasi, selain daftar bawaan LK018 (BNN, FKUB, Polres, ...)")
    istilah_usang: tuple[IstilahUsang, ...] = Field(
        (), description="Istilah usang tambahan, atau istilah bawaan yang diganti/dimatikan (LK027)")
    peraturan: tuple[PeraturanDikenal, ...] = ()
    terima: tuple[Penerimaan, ...] = ()
    tahun_lalu: bool = Field(True, description="Bandingkan riwayat dengan folder data tahun sebelumnya bila ada")


class Pengaturan(Strict):
    """lakip.yaml: project settings."""

    judul: Teks = "LAPORAN KINERJA INSTANSI PEMERINTAH"
    singkatan_judul: Teks = "LKjIP"
    lokal: Literal["id_ID"] = "id_ID"
    folder_data: Jalur = "data"
    folder_templat: Jalur = "templates"
    kebijakan: Kebijakan = Kebijakan()
    keluaran: Keluaran = Keluaran()
    cek: Cek = Cek()
