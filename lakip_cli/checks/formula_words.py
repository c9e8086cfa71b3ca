"""check: the words of indicator names and formulas that the formula rules read (Report -> facts).

Shared by LK022-LK024: which units count things, which words name a whole and
which a part of it, and the subjects an indicator can be about.
"""

from __future__ import annotations

import re

# Units that count things: a share formula (numerator / denominator x 100) gives a percentage, not these.
COUNT_UNITS = frozenset({
    "orang", "jiwa", "kasus", "dokumen", "kegiatan", "unit", "buah", "kali", "laporan", "lembaga",
    "organisasi", "ormas", "partai", "sekolah", "desa", "kelurahan", "kecamatan", "paket", "peserta",
    "kelompok", "keluarga", "rumah", "bayi", "anak", "siswa", "event", "forum", "rekomendasi", "kejadian",
})
SHARE_NAME = re.compile(r"^\s*(?:persentase|presentase|prosentase|proporsi)\b", re.IGNORECASE)


def is_count_unit(satuan: str) -> bool:
    return satuan.strip().lower() in COUNT_UNITS


# (part, whole): words of a subset and of the set it is counted in ("hadir" of "diundang").
PART_WHOLE = (
    (("hadir", "mengikuti"), ("diundang", "undangan", "terdaftar")),
    (("ditangani", "tertangani", "diselesaikan", "terselesaikan", "ditindaklanjuti"),
     ("terjadi", "dilaporkan", "dilaporkan", "masuk", "ada")),
    (("aktif", "melaksanakan", "memenuhi"), ("terdaftar", "ada", "menerima")),
    (("diterbitkan", "disetujui", "dilayani"), ("mengajukan", "diajukan", "permohonan")),
    (("paham", "lulus", "memahami"), ("seluruh peserta", "peserta")),
)
WHOLE_WORDS = frozenset(w for _, whole in PART_WHOLE for w in whole if " " not in w) | {"seluruh", "semua"}
PART_WORDS = frozenset(w for part, _ in PART_WHOLE for w in part)


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


# Subjects an indicator can be about, each with the words that name it.
SUBJECTS: dict[str, tuple[str, ...]] = {
    "sekolah": ("sekolah", "sd", "smp", "sma", "smk", "siswa", "pelajar", "madrasah"),
    "perguruan tinggi": ("universitas", "perguruan tinggi", "kampus", "mahasiswa", "politeknik"),
    "ormas": ("ormas", "organisasi kemasyarakatan"),
    "partai politik": ("partai politik", "parpol"),
    "desa/kelurahan": ("desa", "kelurahan"),
    "puskesmas": ("puskesmas",),
    "rumah sakit": ("rumah sakit", "rsud"),
}


def subjects_in(text: str) -> set[str]:
    low = text.lower()
    return {name for name, terms in SUBJECTS.items()
            if any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", low) for t in terms)}
