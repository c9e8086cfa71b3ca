"""scaffold: nothing -> a new agency's project skeleton (lakip.yaml, one report year, schemas), valid as written.

Every text the agency must supply is a visible [[BELUM DIISI: ...]] mark, so the first draft shows what is
missing and a final build refuses it; the comments in each file say, in Indonesian, what goes where.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lakip_cli.diagnostics import fail
from lakip_cli.source.project import INDICATOR_DIR, PROJECT_FILE
from lakip_cli.source.schema import SCHEMA_DIR, schema_texts

DATA_DIR = "data"

_LAKIP = """\
# yaml-language-server: $schema=schemas/lakip.schema.json
# Pengaturan proyek lakip. Semua kunci boleh dihapus: nilai bawaannya tertulis di schemas/lakip.schema.json.
judul: LAPORAN KINERJA INSTANSI PEMERINTAH
singkatan_judul: LKjIP

kebijakan:
  # Rumus capaian indikator berpolaritas negatif: cermin = (2T - R) / T x 100, rasio = T / R x 100
  polaritas_negatif: cermin
  # batas_capaian: 120   # aktifkan bila capaian di atas 120% dibatasi untuk tampilan dan rata-rata

keluaran:
  folder: out      # tempat berkas .docx, .md (dan .pdf) ditulis
  pdf: false       # true: buat juga PDF melalui LibreOffice
  grafik: true
"""

_INSTANSI = """\
# yaml-language-server: $schema=../../schemas/instansi.schema.json
# Profil instansi dan isi BAB I. Ganti setiap [[BELUM DIISI: ...]] dengan isian sebenarnya.
nama: "[[BELUM DIISI: nama lengkap instansi, mis. Dinas Kesehatan Kota Contoh]]"
singkatan: "[[BELUM DIISI: singkatan instansi]]"
pemerintah: "[[BELUM DIISI: mis. Pemerintah Kota Contoh]]"
daerah: "[[BELUM DIISI: mis. Kota Contoh]]"
kota: "[[BELUM DIISI: tempat penandatanganan, mis. Contoh]]"
kepala:
  nama: "[[BELUM DIISI: nama kepala beserta gelar]]"
  jabatan: "[[BELUM DIISI: jabatan seperti dicetak pada tanda tangan]]"
  pangkat:       # mis. Pembina Utama Muda
  nip:           # 18 digit, boleh dengan spasi: 19700115 199003 2 003
visi: "[[BELUM DIISI: visi kepala daerah]]"
misi:
  - nomor: 1
    uraian: "[[BELUM DIISI: misi yang didukung instansi]]"
latar_belakang: "[[BELUM DIISI: latar belakang penyusunan laporan]]"
dasar_hukum:
  - jenis: Peraturan Menteri PANRB
    nomor: 53
    tahun: 2014
    tentang: >-
      Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu
      atas Laporan Kinerja Instansi Pemerintah
maksud_tujuan: "[[BELUM DIISI: maksud dan tujuan laporan]]"
ruang_lingkup: "[[BELUM DIISI: ruang lingkup laporan]]"
tugas_pokok: "[[BELUM DIISI: tugas pokok instansi menurut peraturan kepala daerah]]"
fungsi:
  - "[[BELUM DIISI: fungsi instansi, satu per baris]]"
sdm:
  jumlah: 0      # jumlah seluruh pegawai, termasuk honorer
  honorer: 0
"""

_PERENCANAAN = """\
# yaml-language-server: $schema=../../schemas/perencanaan.schema.json
# Ringkasan Renstra dan Perjanjian Kinerja (BAB II).
periode_awal: {awal}     # tahun pertama Renstra; sesuaikan
periode_akhir: {akhir}    # tahun terakhir Renstra; sesuaikan
dokumen_jangka_menengah: RPJMD

tujuan:
  - id: T1
    uraian: "[[BELUM DIISI: tujuan Renstra]]"

sasaran:
  - id: S1
    uraian: "[[BELUM DIISI: sasaran strategis]]"
    tujuan: T1

# Setiap indikator di folder indikator/ tercantum tepat satu kali di sini, di bawah sasarannya.
perjanjian_kinerja:
  - sasaran: S1
    indikator:
      - indikator: IK01
        # target: 90   # target seperti tertulis pada dokumen PK yang ditandatangani
"""

_ANGGARAN = """\
# yaml-language-server: $schema=../../schemas/anggaran.schema.json
# Program -> kegiatan -> sub kegiatan; setiap sub kegiatan ditulis satu kali, dengan kode (id) yang dirujuk indikator.
# Rupiah ditulis tanpa titik pemisah: 13774269418, bukan 13.774.269.418.
program:
  - nama: "[[BELUM DIISI: nama program]]"
    kegiatan:
      - nama: "[[BELUM DIISI: nama kegiatan]]"
        sub_kegiatan:
          - id: sub-kegiatan-1
            nama: "[[BELUM DIISI: nama sub kegiatan]]"
            pagu:        # pagu anggaran tahun laporan
            realisasi:   # realisasi anggaran tahun laporan
"""

_LAPORAN = """\
# yaml-language-server: $schema=../../schemas/laporan.schema.json
# Teks laporan tahun {tahun} dan tanggal penandatanganannya.
tahun: {tahun}
tanggal:           # tanggal penandatanganan (TTTT-BB-HH), mis. {tanggal}
kata_pengantar:    # paragraf kata pengantar (Markdown)
kesimpulan:        # kesimpulan BAB IV; kalimat hasil (tercapai/tidak) dihasilkan dari angka
langkah_mendatang: []   # langkah perbaikan, satu per baris '- ...'
"""

_INDIKATOR = """\
# yaml-language-server: $schema=../../../schemas/indikator.schema.json
# Satu berkas per indikator kinerja. Salin berkas ini untuk indikator berikutnya (02-..., 03-...).
id: IK01
nama: "[[BELUM DIISI: nama indikator kinerja]]"
sasaran: S1            # kode sasaran di perencanaan.yaml
satuan: "%"            # '%' atau satuan hitung, mis. orang
polaritas: positif     # negatif bila makin kecil makin baik
rumus:
  pembilang: "[[BELUM DIISI: apa yang dihitung]]"
  penyebut: "[[BELUM DIISI: terhadap apa]]"
target:                # target tahun laporan, mis. 90
realisasi:             # angka, atau pembilang dan penyebut, mis.
#  pembilang: 34
#  penyebut: 36
renstra:
  target_tahunan: {{}}   # target Renstra per tahun, mis.
  #  {tahun}: 90
  target_akhir:        # target akhir periode Renstra
riwayat: []            # tahun-tahun sebelumnya, mis. - tahun: {lalu} / target: 85 / realisasi: 80
anggaran:
  - sub-kegiatan-1     # kode sub kegiatan di anggaran.yaml
narasi:
  penyebab:            # analisis penyebab keberhasilan/kegagalan dan solusinya
  efisiensi:           # analisis efisiensi penggunaan sumber daya
  program:             # program/kegiatan yang menunjang capaian
"""


@dataclass(frozen=True)
class NewProject:
    root: Path
    year: int
    files: tuple[Path, ...]


def skeleton_files(year: int) -> dict[str, str]:
    """Relative path -> text of every file of a new project whose first report year is `year`."""
    values = {"tahun": year, "lalu": year - 1, "awal": year, "akhir": year + 4, "tanggal": f"{year + 1}-02-28"}
    folder = f"{DATA_DIR}/{year}"
    files = {
        PROJECT_FILE: _LAKIP,
        f"{folder}/instansi.yaml": _INSTANSI,
        f"{folder}/perencanaan.yaml": _PERENCANAAN.format(**values),
        f"{folder}/anggaran.yaml": _ANGGARAN.format(**values),
        f"{folder}/laporan.yaml": _LAPORAN.format(**values),
        f"{folder}/{INDICATOR_DIR}/01-contoh.yaml": _INDIKATOR.format(**values),
    }
    files.update({f"{SCHEMA_DIR}/{name}": text for name, text in schema_texts().items()})
    return files


def new_project(root: Path, year: int) -> NewProject:
    """Write the skeleton into root; raise LakipError, with nothing written, when any part of it exists."""
    files = skeleton_files(year)
    tops = sorted({rel.split("/", 1)[0] for rel in files})
    taken = [top for top in tops if (root / top).exists()]
    if taken:
        where = PROJECT_FILE if PROJECT_FILE in taken else f"{taken[0]}/"
        hint = (f"; untuk tahun berikutnya gunakan 'lakip init {year} --from {year - 1}'"
                if PROJECT_FILE in taken else "")
        raise fail(where, "I003", f"{where} sudah ada di {root}; lakip init tidak menimpa{hint}")
    scratch = None
    moved: list[Path] = []
    try:
        root.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".lakip-init.", suffix=".tmp", dir=root))
        for rel, text in files.items():
            path = scratch / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for folder in (p for p in scratch.rglob("*") if p.is_dir()):
            os.chmod(folder, 0o755)
        for top in tops:  # a few renames inside one folder; undone if any fails
            os.rename(scratch / top, root / top)
            moved.append(root / top)
    except OSError as exc:
        for path in moved:
            with contextlib.suppress(OSError):
                os.rename(path, scratch / path.name)  # type: ignore[operator]
        raise fail(str(root), "I005", f"folder proyek tidak dapat ditulis ({exc.strerror or exc}); "
                   "tidak ada yang ditulis") from None
    finally:
        if scratch is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(scratch)
    return NewProject(root, year, tuple(root / rel for rel in sorted(files)))
