"""LK039 satuan-narasi: a figure of the indicator written in the narrative with another unit than its satuan.

What it checks:
    For indicators counted in a unit (satuan other than "%"), numbers in the
    indicator's narrative that are one of its own figures (target or
    realisasi of the report year or a past year, PK or Renstra target)
    followed by a counting word ("100 peserta", "100 (seratus) siswa") that
    is not the indicator's satuan. Counting words are a fixed list (orang,
    peserta, siswa, unit, dokumen, kegiatan, ...) and every satuan used in
    the project. One finding per passage.

Why it matters:
    The tables print "100 orang"; the narrative next to them says "100
    peserta". A reviewer cannot tell whether the narrative counts the same
    thing, and the unit in the Perjanjian Kinerja is the one that is
    evaluated.

Bad:
    satuan "orang" and "sejumlah 100 peserta dari target 100 peserta".

Good:
    "sejumlah 100 orang peserta dari target 100 orang".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from lakip_cli.checks.narrative import Passage, excerpt, indicator_passages, parse_angka, sentences
from lakip_cli.compute.report import IndikatorReport, Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import is_persen
from lakip_cli.source.models import Komponen, Rentang

CODE = "LK039"
NAME = "satuan-narasi"
SEVERITY: Severity = "warning"
SUMMARY = "Angka indikator dalam narasi ditulis dengan satuan lain daripada satuan indikatornya"

COUNTING_WORDS = frozenset({
    "orang", "peserta", "jiwa", "siswa", "pelajar", "mahasiswa", "murid", "anggota", "responden", "warga",
    "penduduk", "pegawai", "personil", "personel", "unit", "buah", "kegiatan", "dokumen", "laporan", "kali",
    "ormas", "organisasi", "lembaga", "partai", "parpol", "desa", "kelurahan", "kecamatan", "sekolah",
    "universitas", "kasus", "paket", "berkas", "eksemplar", "kelompok", "keluarga", "kk", "rumah", "titik",
    "lokasi", "perusahaan", "forum", "tim", "event", "pertemuan", "perkara", "naskah",
})
_NUMBER_UNIT = re.compile(
    r"(?<![\w.,/-])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s*\([a-z\s-]{1,60}\))?\s+([A-Za-z]+)\b"
)


def _figures(ind: IndikatorReport) -> set[Decimal]:
    values: list[Decimal | None] = [ind.realisasi]
    for target in [ind.target_pk, ind.target_renstra, ind.target_akhir, ind.model.target,
                   *(r.target for r in ind.model.riwayat)]:
        if isinstance(target, Rentang):
            values += [target.bawah, target.atas]
        elif target is not None:
            values.append(Decimal(target))
    for realisasi in [ind.model.realisasi, *(r.realisasi for r in ind.model.riwayat)]:
        if realisasi is not None and not isinstance(realisasi, Komponen):
            values.append(Decimal(realisasi))
    values += [yf.realisasi for yf in ind.seri]
    return {v for v in values if v is not None}


def check(report: Report) -> Iterator[Diagnostic]:
    units = COUNTING_WORDS | {i.satuan.strip().lower() for i in report.indikator if not is_persen(i.satuan)}
    for ind in report.indikator:
        if is_persen(ind.satuan):
            continue
        own = {w.lower() for w in ind.satuan.split()}
        figures = _figures(ind)
        for passage in indicator_passages(ind):
            yield from _first(passage, own, units, figures, ind)


def _first(passage: Passage, own: set[str], units: frozenset[str], figures: set[Decimal],
           ind: IndikatorReport) -> Iterator[Diagnostic]:
    """The passage's first figure written with a foreign unit (one finding per passage)."""
    for s in sentences(passage.text):
        for m in _NUMBER_UNIT.finditer(s.text):
            word = m.group(2).lower()
            parsed = parse_angka(m.group(1))
            if word in own or word not in units or parsed is None or parsed[0] not in figures:
                continue
            quote = excerpt(passage.text, s.start + m.start(), s.start + m.end())
            yield Diagnostic(
                passage.at(s.start + m.start()), CODE, SEVERITY,
                f"{ind.id}: narasi menulis \"{m.group(1)} {m.group(2)}\" (\"{quote}\"), padahal satuan "
                f"indikator ini \"{ind.satuan}\"; tulis angkanya dengan satuan yang sama dengan tabel",
            )
            return


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Pada indikator bersatuan hitung (satuan selain \"%\"), angka di narasi indikator yang merupakan "
        "angkanya sendiri (target atau realisasi tahun laporan maupun tahun lalu, target PK atau Renstra) "
        "dan diikuti kata hitung (\"100 peserta\", \"100 (seratus) siswa\") yang bukan satuan indikator. Kata "
        "hitung adalah daftar tetap (orang, peserta, siswa, unit, dokumen, kegiatan, ...) dan setiap satuan "
        "yang dipakai di proyek. Satu temuan per narasi."
    ),
    "mengapa": (
        "Tabel mencetak \"100 orang\"; narasi di sampingnya menulis \"100 peserta\". Penilai tidak dapat "
        "memastikan narasi menghitung hal yang sama, dan satuan di Perjanjian Kinerja-lah yang dievaluasi."
    ),
    "salah": "satuan \"orang\" dan \"sejumlah 100 peserta dari target 100 peserta\".",
    "benar": "\"sejumlah 100 orang peserta dari target 100 orang\".",
}
