"""present: Report + open findings -> annotations for the draft document (one Word comment per finding)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from decimal import Decimal

from lakip_cli.compute.report import IndikatorReport, Report
from lakip_cli.diagnostics import Diagnostic
from lakip_cli.display import angka_tetap
from lakip_cli.present.tables import series_places
from lakip_cli.source.load import YamlDoc
from lakip_cli.write.comments import Annotation

_QUOTE = re.compile(r'\("(.+?)"\)')
ACCEPT_HINT = "Bila temuan ini memang benar, terima di lakip.yaml (cek.terima) dengan alasan."
# What to do about each code, in Indonesian: the first words of the Word comment of a finding.
_ACTIONS = {
    "LK002": "Ganti teks templat/penanda isian dengan isi yang sebenarnya.",
    "LK004": "Periksa angka realisasi di berkas data; persentase bagian tidak mungkin lebih dari 100%.",
    "LK005": "Hapus capaian_tertulis atau samakan dengan hasil hitung.",
    "LK009": "Hapus salah satu indikator atau bedakan namanya dan targetnya.",
    "LK010": "Samakan target indikator dengan target Perjanjian Kinerja.",
    "LK013": "Hapus atau ubah kalimat ini: status capaian sudah dinyatakan oleh kalimat yang dibuat dari angka.",
    "LK014": "Hapus atau ubah kalimat ini: tren sudah dinyatakan oleh kalimat yang dibuat dari angka.",
    "LK015": "Hapus angka dari kalimat ini atau samakan dengan hasil hitung di tabel.",
    "LK016": "Hapus angka efisiensi dari kalimat ini atau samakan dengan hasil hitung di tabel.",
    "LK017": "Ganti tahun yang tersalin dari laporan lama atau hapus kalimatnya.",
    "LK018": "Ganti nama instansi lain dengan nama instansi sendiri.",
    "LK020": "Perbaiki nomor dan tahun peraturan.",
    "LK021": "Ubah kesimpulan agar menyebut indikator yang belum mencapai target.",
    "LK001": "Isi data yang kosong ini; laporan final tidak dapat dibuat selama masih ada.",
    "LK003": "Periksa pembilang dan penyebut realisasi; bagian (pembilang) tidak mungkin lebih besar dari "
             "keseluruhannya (penyebut), mungkin keduanya tertukar.",
    "LK006": "Samakan rincian SDM di instansi.yaml (komposisi, rincian, per_unit) dengan jumlahnya, atau perbaiki "
             "jumlahnya.",
    "LK007": "Samakan jumlah pegawai per kategori (struktural, fungsional, pelaksana, PPPK, honorer) di "
             "sdm.komposisi dan di setiap rincian SDM.",
    "LK008": "Periksa pagu dan realisasi sub kegiatan ini di anggaran.yaml; realisasi tidak boleh melebihi pagu.",
    "LK011": "Cantumkan sub kegiatan ini hanya pada indikator yang dilayaninya, atau biarkan bila memang menunjang "
             "beberapa indikator (anggarannya tetap dihitung satu kali).",
    "LK012": "Periksa kedua sub kegiatan di anggaran.yaml: bila tersalin, hapus salah satu dan rujuk baris yang "
             "tersisa; bila memang berbeda, perbaiki pagu atau realisasinya.",
    "LK019": "Perbaiki NIP kepala di instansi.yaml (kepala.nip): 18 digit berisi tanggal lahir, TMT, jenis "
             "kelamin 1/2 dan nomor urut.",
    "LK022": "Samakan satuan, nama dan rumus indikator: satuan hitungan (orang, dokumen, ...) tanpa pembilang dan "
             "penyebut, atau nama \"Persentase ...\" dengan satuan \"%\".",
    "LK023": "Periksa rumus indikator: pembilang menyebut bagian yang diukur, penyebut keseluruhannya; tukar bila "
             "terbalik.",
    "LK024": "Samakan subjek rumus (pembilang dan penyebut) dengan subjek yang disebut nama indikator.",
    "LK025": "Lengkapi perencanaan.yaml: setiap tujuan memiliki sasaran dan setiap sasaran memiliki indikator di "
             "perjanjian_kinerja.",
    "LK026": "Hapus kata yang tertulis dua kali berturut-turut.",
    "LK027": "Ganti istilah usang ini dengan istilah yang berlaku menurut pesan temuan.",
    "LK028": "Lengkapi narasi.penyebab dengan penyebab capaian ini dan upaya/solusi yang dilakukan.",
    "LK029": "Isi standar_nasional indikator ini: nilai dan sumbernya, atau keterangan bahwa tidak ada standar "
             "nasional beserta alasannya.",
    "LK030": "Isi renstra.target_akhir indikator ini dengan target akhir periode Renstra/RPJMD.",
    "LK031": "Isi sumber_data indikator ini: register, laporan atau aplikasi asal angka realisasinya.",
    "LK032": "Awali kalimat sesudah titik dengan huruf besar, atau hapus titiknya bila kalimat belum selesai.",
    "LK033": "Hapus janji lampiran atau daftar yang tidak dicetak laporan, atau isi datanya (mis. "
             "sarana_prasarana, bagan_organisasi, swot) agar laporan memuatnya.",
    "LK034": "Tulis rupiah dan persen seperti di dokumen: \"Rp37.491.400\" (tanpa titik, spasi atau \",-\") dan "
             "\"100%\" (tanpa spasi).",
    "LK036": "Samakan jumlah indikator/sasaran di kalimat ini dengan data, dan angka dengan huruf bilangannya.",
    "LK037": "Pakai predikat dari skala predikat di lakip.yaml sesuai predikat terhitung, atau hapus predikat dari "
             "kalimat ini: predikat sudah dinyatakan oleh kalimat yang dibuat dari angka.",
    "LK038": "Hapus atau ubah alasan kekurangan anggaran: sebagian besar pagu indikator ini tidak terserap; "
             "sebutkan kendala yang sebenarnya.",
    "LK039": "Tulis angka indikator ini dengan satuan indikatornya, seperti di berkas indikator.",
    "LK040": "Salin nama program/kegiatan/sub kegiatan/sasaran persis seperti di anggaran.yaml atau "
             "perencanaan.yaml.",
    "LK041": "Hapus uraian_sasaran (sasaran diambil dari perencanaan.yaml) atau samakan dengan uraian sasarannya di "
             "perencanaan.yaml.",
    "V023": "Periksa periode_awal dan periode_akhir Renstra di perencanaan.yaml, atau tahun laporan.",
    "V025": "Tulis target ini sebagai rentang {bawah, atas}, atau ganti polaritas indikator menjadi 'positif' atau "
            "'negatif'.",
    "V026": "Naikkan 'desimal' indikator ini sebanyak angka desimal yang ditulis, atau tulis angkanya dengan desimal "
            "lebih sedikit.",
    "V041": "Hapus baris riwayat ini atau perbaiki tahunnya: riwayat hanya memuat tahun sebelum tahun laporan.",
    "V042": "Samakan baris riwayat ini dengan data tahun itu di folder datanya, atau perbaiki data tahun itu.",
    "V044": "Lengkapi atau perbaiki folder data tahun sebelumnya agar riwayat dapat dibandingkan dengannya.",
    "V061": "Hapus atau perbarui entri cek.terima ini di lakip.yaml.",
    "P006": "Hapus PDF lama ini dengan tangan dan buat ulang PDF-nya; jangan kirimkan PDF ini.",
    "W010": "Bagian itu sudah dibuang dari dokumen ini; agar tidak terulang, hapus bagian yang disebut pesan dari "
            "dokumen referensi (reference.docx) di Word, lalu simpan kembali.",
    "W011": "Isi keluaran.huruf_grafik di lakip.yaml dengan berkas huruf TrueType/OpenType (.ttf/.otf) di folder "
            "proyek, atau pasang huruf isi dokumen.",
    "W012": "Isi keluaran.logo di lakip.yaml dengan jalur gambar lambang daerah (PNG, JPEG atau GIF di folder "
            "proyek).",
}
# For a code without a hint of its own; every check rule and stage warning has one (tests/test_comments.py).
DEFAULT_ACTION = "Perbaiki data di {}."
_NOT_ACCEPTABLE = frozenset({"LK001", "V061"})
# The chapter that shows what each data file holds, for findings that quote nothing ...
_CHAPTER = {
    "instansi.yaml": "BAB I PENDAHULUAN",
    "perencanaan.yaml": "BAB II PERENCANAAN DAN PERJANJIAN KINERJA",
    "anggaran.yaml": "B. Realisasi Anggaran",
    "laporan.yaml": "KATA PENGANTAR",
}
# ... and, closer, the section that shows one top-level key (the chapter is the fallback).
_SECTION = {
    ("instansi.yaml", "latar_belakang"): "A. Latar Belakang",
    ("instansi.yaml", "dasar_hukum"): "B. Dasar Hukum",
    ("instansi.yaml", "maksud_tujuan"): "C. Maksud dan Tujuan",
    ("instansi.yaml", "ruang_lingkup"): "D. Ruang Lingkup",
    ("instansi.yaml", "tugas_pokok"): "E. Gambaran Umum",
    ("instansi.yaml", "fungsi"): "E. Gambaran Umum",
    ("instansi.yaml", "unit_kerja"): "E. Gambaran Umum",
    ("instansi.yaml", "struktur"): "F. Struktur Organisasi dan Sumber Daya",
    ("instansi.yaml", "sdm"): "F. Struktur Organisasi dan Sumber Daya",
    ("instansi.yaml", "permasalahan_strategis"): "H. Permasalahan Strategis",
    ("perencanaan.yaml", "pengantar_renstra"): "A. Perencanaan Strategis",
    ("perencanaan.yaml", "perjanjian_kinerja"): "B. Indikator Kinerja Utama dan Perjanjian Kinerja",
    ("laporan.yaml", "ikhtisar"): "IKHTISAR EKSEKUTIF",
    ("laporan.yaml", "kesimpulan"): "A. Kesimpulan",
    ("laporan.yaml", "langkah_mendatang"): "B. Langkah di Masa Mendatang",
}


def action_for(code: str, where: str) -> str:
    """What to do about a finding of this code, in Indonesian; the default names the place to fix."""
    return _ACTIONS.get(code, DEFAULT_ACTION.format(where))


def quoted(message: str) -> str | None:
    """The words a finding quotes from the narrative, without the ellipses that cut them."""
    m = _QUOTE.search(message)
    if not m:
        return None
    text = m.group(1).strip("…").strip()
    return text or None


_MISSING = "belum diisi: "
_SOURCE_NOTE = re.compile(r"\s*\([\w./-]+\.yaml: [^)]*\)")


def _docs(report: Report) -> dict[str, YamlDoc]:
    p = report.project
    docs = {src.doc.path: src.doc for src in (p.instansi, p.perencanaan, p.anggaran, p.laporan, p.settings)}
    docs.update((src.doc.path, src.doc) for src in p.indikator)
    return docs


def _excerpt(d: Diagnostic, names: dict[str, str], indicators: dict[str, IndikatorReport]) -> str | None:
    found = quoted(d.message)
    if found is None and d.code == "LK020" and ": " in d.message:
        found = d.message.split(": ", 1)[0]  # the citation as written in dasar_hukum
    if found is None and d.code == "LK004":
        m = re.search(r"tertulis (\S+)%", d.message)
        ind = indicators.get(d.location.path)
        if m and ind is not None:  # the value as the multi-year table prints it, with its column's decimals
            value = Decimal(m.group(1).replace(".", "").replace(",", "."))
            found = f"{angka_tetap(value, series_places(ind)[1])}%"
    if found is None and d.code == "LK001" and d.message.startswith(_MISSING):
        what = d.message[len(_MISSING):]
        prefix = names.get(d.location.path)
        if prefix and what.startswith(prefix + ": "):
            what = what[len(prefix) + 2:]
        found = "BELUM DIISI: " + _SOURCE_NOTE.sub("", what)  # the draft's own mark of the gap
    return found


def _with_consequences(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Each finding, then each of its consequences, stating its root cause; every one gets its own comment."""
    out = []
    for d in findings:
        out.append(dataclasses.replace(d, related=()))
        for r in d.related:
            out.append(dataclasses.replace(r, message=f"{r.message} (akibat dari {d.code} di {d.location})",
                                           related=()))
    return out


def annotations_for(report: Report, findings: Iterable[Diagnostic]) -> list[Annotation]:
    """One annotation per finding, in the order given; the section is the indicator's, else the file's own."""
    indicators = {ind.source.doc.path: f"{n}. {ind.nama}" for n, ind in enumerate(report.indikator, 1)}
    docs = _docs(report)
    names = {ind.source.doc.path: f"{ind.id} {ind.nama}" for ind in report.indikator}
    by_file = {ind.source.doc.path: ind for ind in report.indikator}
    out = []
    for d in _with_consequences(findings):
        loc = d.location
        name = loc.path.rsplit("/", 1)[-1]
        doc = docs.get(loc.path)
        key = doc.path_at(loc.line, loc.col)[:1] if doc is not None and loc.line else ()
        section = indicators.get(loc.path) or (key and _SECTION.get((name, str(key[0])))) or None
        action = action_for(d.code, str(loc))
        out.append(Annotation(
            code=d.code,
            message=d.message,
            hint=action if d.code in _NOT_ACCEPTABLE else f"{action} {ACCEPT_HINT}",
            excerpt=_excerpt(d, names, by_file),
            section_hint=section,
            chapter_hint=_CHAPTER.get(name),
            label=str(loc),
        ))
    return out
