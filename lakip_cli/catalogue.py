"""catalogue: every diagnostic code the tool can print, with one Indonesian meaning per code.

Check rules (LK...) describe themselves in their modules (checks/); the codes of the other stages
are listed here. A test greps the package for code literals and requires each one to be listed,
so a new code cannot be printed before it is explained. Codes are never reused.
"""

from __future__ import annotations

from dataclasses import dataclass

# Stage prefixes, in pipeline order.
STAGES = {
    "V": "memuat dan memvalidasi data",
    "T": "templat",
    "W": "menulis dokumen Word",
    "P": "konversi PDF",
    "LK": "pemeriksaan konsistensi",
}

STAGE_CODES: dict[str, str] = {
    "V001": "YAML tidak dapat dibaca: sintaks salah, tag YAML, kunci gabungan '<<' atau kunci yang bukan teks",
    "V002": "kunci yang sama ditulis dua kali dalam satu pemetaan",
    "V003": "berkas terlalu rumit: alias YAML atau simpul melebihi batas",
    "V004": "berkas melebihi batas ukuran",
    "V005": "berkas bukan teks UTF-8",
    "V006": "berkas kosong",
    "V007": "berkas tidak ditemukan, atau yang ada adalah folder",
    "V010": "isian wajib tidak ada",
    "V011": "kunci tidak dikenal (biasanya salah ketik; pesan menyebut kunci yang dimaksud)",
    "V012": "nilai tidak sesuai jenisnya (angka, tanggal, pilihan, teks) atau berkas bukan pemetaan",
    "V020": "rujukan tidak cocok: sasaran, indikator atau tahun laporan yang tidak dikenal",
    "V021": "kode atau indikator yang sama dipakai dua kali",
    "V022": "indikator tidak tercantum di Perjanjian Kinerja (perencanaan.yaml)",
    "V030": "berkas proyek lakip.yaml atau folder data tahun laporan tidak ditemukan",
    "V040": "capaian tidak dapat dihitung (target 0, atau realisasi 0 pada indikator negatif) tanpa capaian_manual",
    "V041": "riwayat memuat tahun yang bukan tahun sebelum tahun laporan; baris itu diabaikan",
    "V042": "riwayat berbeda dengan data tahun sebelumnya di folder data",
    "T001": "templat tidak dapat dijalankan: sintaks Jinja salah atau nama yang tidak dikenal",
    "T002": "berkas atau folder templat tidak ditemukan",
    "T003": "nama templat bawaan tidak dikenal",
    "T004": "folder templat tidak dapat dibuat atau templat tidak dapat disalin",
    "T005": "laporan final: dokumen hasil templat masih memuat isian kosong",
    "W001": "dokumen referensi (reference.docx) tidak ditemukan atau tidak dapat dibuka",
    "W002": "dokumen referensi tidak memiliki gaya yang diperlukan",
    "W005": "berkas gambar tidak ditemukan atau tidak dapat dibaca",
    "W006": "berkas keluaran tidak dapat ditulis atau tidak berakhiran .docx",
    "W007": "struktur tabel di templat tidak valid",
    "W010": "dokumen referensi memuat tautan ke luar, templat terlampir, makro, objek tertanam atau isian yang "
            "mengambil data; bagian itu dibuang",
    "P001": "LibreOffice tidak terpasang",
    "P002": "modul Python-UNO LibreOffice tidak terpasang",
    "P003": "konversi PDF melebihi batas waktu",
    "P004": "konversi PDF gagal",
    "P005": "LibreOffice selesai tanpa galat tetapi tidak menghasilkan PDF",
    "P006": "PDF lama dihapus karena konversi PDF yang baru gagal (agar PDF usang tidak terkirim)",
}

# Codes no longer printed; kept out of circulation so that an old message never changes meaning.
RETIRED = ("W003", "W004")


@dataclass(frozen=True)
class CodeInfo:
    code: str
    stage: str
    severity: str  # "error", "warning" or "" when it depends on the situation
    meaning: str


_WARNINGS = {"V041", "V042", "P006", "W010"}


def _prefix(code: str) -> str:
    return code.rstrip("0123456789")


def all_codes() -> list[CodeInfo]:
    """Every code, stage codes first (in pipeline order), then the check rules."""
    from lakip_cli.checks import RULES

    out = [CodeInfo(code, STAGES[_prefix(code)], "warning" if code in _WARNINGS else "error", meaning)
           for code, meaning in STAGE_CODES.items()]
    out += [CodeInfo(rule.CODE, STAGES["LK"], rule.SEVERITY, rule.SUMMARY) for rule in RULES]
    order = list(STAGES)
    return sorted(out, key=lambda c: (order.index(_prefix(c.code)), c.code))


def known_codes() -> set[str]:
    return {c.code for c in all_codes()}


def ignorable_codes() -> set[str]:
    """What `--ignore` and lakip.yaml cek.abaikan accept: every check rule and every stage warning."""
    return {c.code for c in all_codes() if c.code.startswith("LK") or c.severity == "warning"}
