"""validate: Pydantic models of every data file kind (raw dicts -> typed models)."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from lakip_cli.source.load import number_correction

# Bounds a report can have. Beyond them a number is a typing slip, and arithmetic on it (capaian of a target
# 0.000001 with a realisasi 10^15 is 10^23 %) must still fit Decimal's default precision of 28 digits.
NILAI_MAKS = 10**15
PERSEN_MAKS = 10**6
DESIMAL_MAKS = 6
SDM_MAKS = 1_000_000
TAHUN_MIN, TAHUN_MAKS = 1945, 2100
TEKS_MAKS = 1000
NARASI_MAKS = 30_000
ID_MAKS = 64


def _number_only(value: object) -> object:
    # A quoted "1.500" would otherwise become 1.5; text is never read as a number.
    if isinstance(value, str):
        hint = number_correction(value)
        if hint is None and re.fullmatch(r"\s*[-+]?[0-9]+(?:\.[0-9]+)?\s*", value):
            hint = f"tulis {value.strip()} tanpa tanda kutip (angka, bukan teks)"
        raise ValueError(hint or "harus angka")
    if isinstance(value, bool):
        raise ValueError("harus angka, bukan true/false")
    return value


def _angka(lo: int, hi: int, what: str) -> tuple[object, ...]:
    text = f"{what}; antara {lo} dan {hi}, paling banyak {DESIMAL_MAKS} angka desimal"
    return (
        Field(allow_inf_nan=False, ge=lo, le=hi, decimal_places=DESIMAL_MAKS),
        BeforeValidator(_number_only),
        WithJsonSchema({"type": "number", "minimum": lo, "maximum": hi, "description": text}),
    )


def _bulat(lo: int, hi: int, what: str = "") -> tuple[object, ...]:
    return (Field(strict=True, ge=lo, le=hi, description=what or None), BeforeValidator(_number_only))


# A planner writes numbers as YAML ints or floats; Decimal keeps them exact from here on.
# (Constraints come before the BeforeValidator so that they reach the JSON Schema as minimum/maximum.)
Angka = Annotated[Decimal, *_angka(-NILAI_MAKS, NILAI_MAKS, "Angka")]
Persen = Annotated[Decimal, *_angka(-PERSEN_MAKS, PERSEN_MAKS, "Persen")]
# Strict: YAML reads "75.000" as the number 75, so a thousands separator must fail, never shrink the amount.
Rupiah = Annotated[int, *_bulat(0, NILAI_MAKS, f"Jumlah rupiah tanpa titik pemisah, mis. 13774269418; "
                                               f"paling banyak {NILAI_MAKS}")]
Bulat = Annotated[int, *_bulat(0, SDM_MAKS)]
Nomor = Annotated[int, *_bulat(0, SDM_MAKS)]
Tahun = Annotated[int, *_bulat(TAHUN_MIN, TAHUN_MAKS)]
YaTidak = Annotated[bool, Field(strict=True)]
Teks = Annotated[str, Field(min_length=1, max_length=TEKS_MAKS)]
Nama = Annotated[str, Field(max_length=TEKS_MAKS)]
Jalur = Annotated[str, Field(min_length=1, max_length=255, description="Jalur relatif di dalam folder proyek")]
Markdown = Annotated[str, Field(max_length=NARASI_MAKS, description="Teks Markdown")]
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=ID_MAKS, description="Kode pengenal")]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, so a typo never vanishes."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# ---------------------------------------------------------------- lakip.yaml


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


class Cek(Strict):
    abaikan: tuple[Annotated[str, Field(max_length=ID_MAKS)], ...] = ()
    instansi_lain: tuple[Teks, ...] = ()
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


# ---------------------------------------------------------------- instansi.yaml


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


# ---------------------------------------------------------------- perencanaan.yaml


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
    target: Angka | None = Field(None, description="Target seperti tertulis pada dokumen PK yang ditandatangani")


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


# ---------------------------------------------------------------- anggaran.yaml


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


# ---------------------------------------------------------------- indikator/*.yaml


class Rumus(Strict):
    pembilang: Teks
    penyebut: Teks
    pengali: Angka = Field(Decimal(100), gt=0, description="Pengali pembagian: 100 (persen), 100000, 1000, 1")
    per: Teks | None = Field(None, description="Yang dihitung per pengali, mis. 'kelahiran hidup'")


class Komponen(Strict):
    pembilang: Angka = Field(ge=0)
    penyebut: Angka = Field(gt=0)


class Rentang(Strict):
    bawah: Angka
    atas: Angka

    @model_validator(mode="after")
    def _ordered(self) -> Rentang:
        if self.atas < self.bawah:
            raise ValueError("batas 'atas' rentang target lebih kecil dari 'bawah'")
        return self


class CapaianManual(Strict):
    nilai: Persen = Field(description="Capaian (%) yang ditetapkan")
    alasan: Teks = Field(description="Mengapa capaian tidak dapat dihitung dengan rumus")


class Riwayat(Strict):
    tahun: Tahun
    target: Angka | Rentang | None = None
    realisasi: Angka | Komponen | None = Field(None, description="Angka, atau pembilang dan penyebut")
    capaian_manual: CapaianManual | None = Field(None, description="Capaian yang ditetapkan tanpa rumus tahun itu")
    capaian_tertulis: Persen | None = Field(
        None, description="Capaian seperti tercetak di laporan lama (hanya untuk pemeriksaan)"
    )


class Renstra(Strict):
    target_tahunan: dict[Tahun, Angka] = Field(default_factory=dict, description="Target Renstra/RPJMD per tahun")
    target_akhir: Angka | None = Field(None, description="Target akhir periode")


class StandarNasional(Strict):
    nilai: Angka | None = None
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


class Indikator(Strict):
    """indikator/NN-nama.yaml: one performance indicator of the Perjanjian Kinerja."""

    id: Id
    nama: Teks
    sasaran: Id = Field(description="Kode sasaran strategis di perencanaan.yaml")
    uraian_sasaran: Teks | None = Field(None, description="Sasaran seperti ditulis untuk indikator ini")
    satuan: Teks = Field(description="'%' atau satuan hitung, mis. 'orang'")
    polaritas: Literal["positif", "negatif"] = "positif"
    rumus_negatif: Literal["cermin", "rasio"] | None = Field(None, description="Menimpa kebijakan proyek")
    rumus: Rumus | None = None
    target: Angka | Rentang | None = None
    realisasi: Angka | Komponen | None = None
    capaian_manual: CapaianManual | None = None
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


# ---------------------------------------------------------------- laporan.yaml


class Laporan(Strict):
    """laporan.yaml: the year's report texts and signing date."""

    tahun: Annotated[int, Field(strict=True, ge=2000, le=TAHUN_MAKS)]
    tanggal: Annotated[dt.date, Field(strict=True)] | None = Field(
        None, description="Tanggal penandatanganan (TTTT-BB-HH); kosong = belum diisi")
    kata_pengantar: Markdown | None = None
    ikhtisar: Markdown | None = Field(None, description="Paragraf tambahan Ikhtisar Eksekutif")
    kesimpulan: Markdown | None = None
    langkah_mendatang: tuple[Teks, ...] = ()
