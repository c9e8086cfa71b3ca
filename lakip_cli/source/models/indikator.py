"""validate: indikator/*.yaml: one performance indicator."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator, model_validator

from lakip_cli.display import angka
from lakip_cli.source.models.value_types import Angka, Bulat, Desimal, Id, Markdown, Persen, Strict, Tahun, Teks


class Rumus(Strict):
    pembilang: Teks
    penyebut: Teks
    pengali: Angka = Field(Decimal(100), gt=0, description="Pengali pembagian: 100 (persen), 100000, 1000, 1")
    per: Teks | None = Field(None, description="Yang dihitung per pengali, mis. 'kelahiran hidup'")


class Komponen(Strict):
    pembilang: Angka = Field(ge=0)
    penyebut: Angka = Field(gt=0)


class Rentang(Strict):
    """A target range {bawah, atas}: inside is met; outside is compared with the bound that was crossed."""

    bawah: Angka
    atas: Angka

    @model_validator(mode="after")
    def _ordered(self) -> Rentang:
        if self.atas < self.bawah:
            raise ValueError(f"batas bawah rentang ({angka(self.bawah, places=6)}) lebih besar dari batas atas "
                             f"({angka(self.atas, places=6)}); tukar 'bawah' dan 'atas'")
        if self.atas == self.bawah:
            raise ValueError(f"batas bawah dan batas atas rentang sama ({angka(self.bawah, places=6)}); rentang "
                             "tanpa lebar tidak bermakna, tulis target sebagai satu angka")
        return self


Target = Angka | Rentang


def _no_range_realisasi(value: object) -> object:
    """A realisasi is what happened, one figure: a range {bawah, atas} there has no meaning."""
    if isinstance(value, dict) and {"bawah", "atas"} & set(value) and not {"pembilang", "penyebut"} & set(value):
        raise ValueError("realisasi tidak dapat berupa rentang {bawah, atas}; rentang hanya untuk target. Tulis "
                         "realisasi sebagai satu angka atau {pembilang, penyebut}")
    return value


def _no_components_target(value: object) -> object:
    """A target is a number or a range; {pembilang, penyebut} is how a realisasi is counted, not a target."""
    if isinstance(value, dict) and {"pembilang", "penyebut"} & set(value) and not {"bawah", "atas"} & set(value):
        raise ValueError("target tidak dapat berupa {pembilang, penyebut}; tulis target sebagai satu angka atau "
                         "rentang {bawah, atas}")
    return value


class CapaianManual(Strict):
    nilai: Persen = Field(description="Capaian (%) yang ditetapkan")
    alasan: Teks = Field(description="Mengapa capaian tidak dapat dihitung dengan rumus")


class _TargetRealisasi(Strict):
    """A report year's or a history year's target and realisasi: a range is no realisasi, components no target."""

    @field_validator("target", mode="before", check_fields=False)
    @classmethod
    def _target_shape(cls, v: object) -> object:
        return _no_components_target(v)

    @field_validator("realisasi", mode="before", check_fields=False)
    @classmethod
    def _realisasi_shape(cls, v: object) -> object:
        return _no_range_realisasi(v)


class Riwayat(_TargetRealisasi):
    tahun: Tahun
    target: Target | None = None
    realisasi: Angka | Komponen | None = Field(None, description="Angka, atau pembilang dan penyebut")
    capaian_manual: CapaianManual | None = Field(None, description="Capaian yang ditetapkan tanpa rumus tahun itu")
    capaian_tertulis: Persen | None = Field(
        None, description="Capaian seperti tercetak di laporan lama (hanya untuk pemeriksaan)"
    )


class Renstra(Strict):
    target_tahunan: dict[Tahun, Target] = Field(
        default_factory=dict, description="Target Renstra/RPJMD per tahun: angka, atau rentang {bawah, atas}")
    target_akhir: Target | None = Field(None, description="Target akhir periode: angka, atau rentang {bawah, atas}")


class StandarNasional(Strict):
    nilai: Angka | Rentang | None = Field(None, description="Angka, atau rentang {bawah, atas}")
    sumber: Teks | None = None
    keterangan: Markdown | None = None


class SdmIndikator(Strict):
    rencana: Bulat | None = None
    realisasi: Bulat | None = None


class Narasi(Strict):
    target: Markdown | None = None
    tahunan: Markdown | None = None
    jangka_menengah: Markdown | None = None
    standar_nasional: Markdown | None = None
    penyebab: Markdown | None = None
    efisiensi: Markdown | None = None
    program: Markdown | None = None


class Indikator(_TargetRealisasi):
    """indikator/NN-nama.yaml: one performance indicator of the Perjanjian Kinerja."""

    id: Id
    nama: Teks
    sasaran: Id = Field(description="Kode sasaran strategis di perencanaan.yaml")
    uraian_sasaran: Teks | None = Field(None, description="Sasaran seperti ditulis untuk indikator ini")
    satuan: Teks = Field(description="'%' atau satuan hitung, mis. 'orang'")
    polaritas: Literal["positif", "negatif", "rentang"] = Field(
        "positif", description="positif, negatif, atau rentang (di bawah dan di atas rentang sama-sama buruk)")
    rumus_negatif: Literal["cermin", "rasio"] | None = Field(None, description="Menimpa kebijakan proyek")
    rumus: Rumus | None = None
    target: Target | None = None
    realisasi: Angka | Komponen | None = None
    capaian_manual: CapaianManual | None = None
    desimal: Desimal | None = Field(None, description="Jumlah angka desimal target dan realisasi di setiap tabel; "
                                    "kosong = sebanyak yang ditulis (terbanyak per kolom)")
    renstra: Renstra = Renstra()
    standar_nasional: StandarNasional | None = None
    sumber_data: Teks | None = Field(None, description="Asal data realisasi, mis. 'Laporan bulanan puskesmas'")
    riwayat: tuple[Riwayat, ...] = ()
    anggaran: tuple[Id, ...] = Field((), description="Kode sub kegiatan di anggaran.yaml")
    sdm: SdmIndikator = SdmIndikator()
    narasi: Narasi = Narasi()


    @field_validator("riwayat")
    @classmethod
    def _unique_years(cls, v: tuple[Riwayat, ...]) -> tuple[Riwayat, ...]:
        years = [r.tahun for r in v]
        dup = sorted({y for y in years if years.count(y) > 1})
        if dup:
            raise ValueError(f"tahun riwayat berulang: {', '.join(map(str, dup))}")
        return v
