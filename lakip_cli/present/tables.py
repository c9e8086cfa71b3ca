"""render: Report -> Table and Signature blocks (header rows, merged cells, formatted figures) for the templates.

Tables are built here rather than in Jinja because merged cells and totals are
structure, not wording; the templates choose where each table goes and its caption.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from lakip_cli.compute.budget import BudgetSum
from lakip_cli.compute.report import IndikatorReport, Report, Target
from lakip_cli.compute.series import YearFigure
from lakip_cli.display import angka, berjenis, dengan_satuan, is_persen, persen, rupiah, tanggal
from lakip_cli.present.context import esc
from lakip_cli.source.models import Rentang
from lakip_cli.write.blocks import Cell, Signature, SignaturePair, Table, placeholder

CellSpec = str | dict[str, Any]  # a cell as written below: its text, or its text with options


def missing(what: str) -> str:
    return placeholder(what)


def target_text(target: Target | None, satuan: str) -> str:
    if target is None:
        return missing("target")
    if isinstance(target, Rentang) or hasattr(target, "bawah"):  # a range, or its read-only view in a template
        unit = "%" if is_persen(satuan) else f" {satuan}"
        return f"{angka(target.bawah)}–{angka(target.atas)}{unit}"  # type: ignore[union-attr]
    return dengan_satuan(target, satuan)


def value_text(value: Decimal | None, satuan: str, what: str = "realisasi") -> str:
    return missing(what) if value is None else dengan_satuan(value, satuan)


def capaian_text(value: Decimal | None) -> str:
    return missing("capaian") if value is None else persen(value)


def _num(text: str) -> CellSpec:
    return {"teks": text, "rata": "kanan"}


def _mid(text: str) -> CellSpec:
    return {"teks": text, "rata": "tengah"}


def _number_row(n: int) -> list[CellSpec]:
    return [{"teks": f"({i})", "rata": "tengah"} for i in range(1, n + 1)]


def _cell(spec: CellSpec) -> Cell:
    if isinstance(spec, str):
        return Cell(spec)
    return Cell(spec["teks"], spec.get("colspan", 1), spec.get("rowspan", 1), spec.get("rata"),
                spec.get("tebal", False))


def _rows(rows: Sequence[Sequence[CellSpec]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(_cell(c) for c in row) for row in rows)


def table(judul: str | None, header: Sequence[Sequence[CellSpec]], baris: Sequence[Sequence[CellSpec]], *,
          kaki: Sequence[Sequence[CellSpec]] = (), lebar: Sequence[float] = (), lanskap: bool = False,
          ukuran_huruf: int | None = None) -> Table:
    return Table(header=_rows(header), baris=_rows(baris), judul=judul or "", kaki=_rows(kaki),
                 lebar=tuple(lebar), lanskap=lanskap, ukuran_huruf=ukuran_huruf)


# ---------------------------------------------------------------- BAB I


def sdm_unit(report: Report, judul: str) -> Table:
    sdm = report.project.instansi.model.sdm
    rows = [[_mid(f"{i}."), esc(b.uraian), _num(angka(b.jumlah, places=0) if b.jumlah is not None else "-")]
            for i, b in enumerate(sdm.per_unit, 1)]
    total = sum(b.jumlah or 0 for b in sdm.per_unit)
    return table(judul, [["No", "Bagian/Bidang", "Jumlah (orang)"]], rows,
                 kaki=[[{"teks": "Jumlah", "colspan": 2, "rata": "tengah"}, _num(angka(total, places=0))]],
                 lebar=[1, 8, 3])


def sdm_rincian(report: Report, index: int, judul: str) -> Table:
    r = report.project.instansi.model.sdm.rincian[index]
    rows = [[_mid(f"{i}."), esc(b.uraian), _num(angka(b.jumlah, places=0) if b.jumlah is not None else "-")]
            for i, b in enumerate(r.baris, 1)]
    kaki: list[list[CellSpec]] = []
    if r.cakupan != "lain":
        kaki = [[{"teks": "Jumlah", "colspan": 2, "rata": "tengah"},
                 _num(angka(sum(b.jumlah or 0 for b in r.baris), places=0))]]
    return table(judul, [["No", "Uraian", "Jumlah (orang)"]], rows, kaki=kaki, lebar=[1, 8, 3])


def swot(report: Report, judul: str) -> Table:
    """The SWOT analysis as a 2 x 2 table: strengths and weaknesses above, opportunities and threats below."""
    data = report.project.instansi.model.swot
    assert data is not None

    def items(values: Sequence[str]) -> str:
        return "\\\n".join(f"{n}. {esc(v)}" for n, v in enumerate(values, 1)) or "-"

    return table(judul, [["Kekuatan (Strength)", "Kelemahan (Weakness)"]],
                 [[items(data.kekuatan), items(data.kelemahan)],
                  [{"teks": "Peluang (Opportunity)", "tebal": True, "rata": "tengah"},
                   {"teks": "Ancaman (Threat)", "tebal": True, "rata": "tengah"}],
                  [items(data.peluang), items(data.ancaman)]], lebar=[1, 1])


def sarana_prasarana(report: Report, judul: str) -> Table:
    rows = [[_mid(f"{n}."), esc(s.uraian), _num(angka(s.jumlah, places=0) if s.jumlah is not None else "-"),
             esc(s.satuan or "-"), esc(s.kondisi or "-")]
            for n, s in enumerate(report.project.instansi.model.sarana_prasarana, 1)]
    return table(judul, [["No", "Sarana dan Prasarana", "Jumlah", "Satuan", "Kondisi"]], rows, lebar=[1, 7, 2, 2, 3])


def tujuan_sasaran(report: Report, judul: str) -> Table:
    """Tabel 1.7 grouped by the data's own links: tujuan, then each sasaran with the strategies that serve it.

    Strategies linked to a misi but to no sasaran follow, grouped by misi. Each group is a row across the
    table, so no cell spans a page and a reader sees which strategy serves which sasaran.
    """
    ren = report.project.perencanaan.model
    misi = {m.nomor: m.uraian for m in report.project.instansi.model.misi}
    rows: list[list[CellSpec]] = []

    def group(text: str) -> None:
        rows.append([{"teks": text, "colspan": 2, "tebal": True}])

    def strategies(items: Sequence[Any]) -> None:
        for st in items:
            rows.append([esc(st.uraian), esc(st.arah_kebijakan)])
        if not items:
            rows.append([_mid("-"), _mid("-")])

    for t in ren.tujuan:
        lead = f"Tujuan: {esc(t.uraian)}"
        if t.misi is not None and t.misi in misi:
            lead = f"Misi {t.misi}: {esc(misi[t.misi])} \u2014 " + lead
        group(lead)
        for n, s in enumerate((s for s in ren.sasaran if s.tujuan == t.id), 1):
            group(f"Sasaran {n}: {esc(s.uraian)}")
            strategies([st for st in ren.strategi if st.sasaran == s.id])
    loose = [st for st in ren.strategi if st.sasaran is None]
    for nomor in sorted({st.misi for st in loose if st.misi is not None}):
        group(f"Strategi untuk Misi {nomor}: {esc(misi.get(nomor, ''))}".rstrip(": "))
        strategies([st for st in loose if st.misi == nomor])
    if any(st.misi is None for st in loose):
        group("Strategi lainnya")
        strategies([st for st in loose if st.misi is None])
    return table(judul, [["Strategi", "Arah Kebijakan"]], rows, lebar=[1, 1], ukuran_huruf=9)


# ---------------------------------------------------------------- BAB II / Lampiran


def _per_sasaran(report: Report, cells: Callable[[IndikatorReport], list[CellSpec]]) -> list[list[CellSpec]]:
    """One row per indicator; the number and the sasaran span all rows of their indicators."""
    rows: list[list[CellSpec]] = []
    for n, s in enumerate(report.sasaran, 1):
        for k, ind in enumerate(s.indikator):
            lead: list[CellSpec] = []
            if k == 0:
                lead = [{"teks": f"{n}.", "rowspan": len(s.indikator), "rata": "tengah"},
                        {"teks": esc(s.uraian), "rowspan": len(s.indikator)}]
            rows.append(lead + cells(ind))
    return rows


def perjanjian_kinerja(report: Report, judul: str, *, dengan_anggaran: bool = False) -> Table:
    header: list[list[CellSpec]] = [["No", "Sasaran Strategis", "Indikator Kinerja", "Target"]]
    if dengan_anggaran:
        header[0] += ["Anggaran"]
    header.append(_number_row(len(header[0])))
    shared = {line.id for line in report.anggaran_bersama}

    def cells(ind: IndikatorReport) -> list[CellSpec]:
        row = [esc(ind.nama), _mid(target_text(ind.target_pk_atau_target, ind.satuan))]
        if dengan_anggaran:
            mark = "\\*" if any(line.id in shared for line in ind.anggaran) else ""
            if ind.biaya.lines:
                row.append(_num(rupiah(ind.biaya.pagu) + mark))
            elif ind.anggaran_sasaran:
                row.append(_mid("anggaran program sasaran"))
            else:
                row.append(_num(missing("pagu")))
        return row

    rows = _per_sasaran(report, cells)
    kaki: list[list[CellSpec]] = []
    if dengan_anggaran:
        kaki = [[{"teks": "Jumlah anggaran (setiap sub kegiatan dihitung satu kali)", "colspan": 4,
                  "rata": "tengah"}, _num(rupiah(report.total.pagu))]]
    lebar = [0.8, 4.4, 5.2, 1.6, 3.6] if dengan_anggaran else [1, 5, 6, 2]
    return table(judul, header, rows, kaki=kaki, lebar=lebar)


# ---------------------------------------------------------------- BAB III A, per indicator


def analisis_a(ind: IndikatorReport, judul: str) -> Table:
    rows = [[esc(ind.nama), _mid(target_text(ind.target, ind.satuan)),
             _mid(value_text(ind.realisasi, ind.satuan)), _mid(capaian_text(ind.capaian)),
             _mid(ind.predikat or missing("predikat"))]]
    return table(judul, [["Indikator Kinerja", "Target", "Realisasi", "Capaian", "Predikat"]], rows,
                 lebar=[6, 2, 2, 2, 2.4])


def _year_cells(y: YearFigure, satuan: str) -> list[CellSpec]:
    return [_mid(target_text(y.target, satuan) if y.target is not None else "-"),
            _mid(dengan_satuan(y.realisasi, satuan) if y.realisasi is not None else "-"),
            _mid(persen(y.capaian) if y.capaian is not None else "-")]


def analisis_b(report: Report, ind: IndikatorReport, judul: str) -> Table:
    """Multi-year table in portrait: one row per year, oldest first, with the change from the year before."""
    rows: list[list[CellSpec]] = []
    for year, change in ind.seri_naik:
        rows.append([_mid(str(year.tahun)), *_year_cells(year, ind.satuan),
                     _mid(_change_text(change))])
    header = [["Tahun", "Target", "Realisasi", "Capaian", "Perubahan Capaian"]]
    return table(judul, header, rows, lebar=[1.4, 2.4, 2.4, 2, 2.6])


def _change_text(change: Decimal | None) -> str:
    if change is None:
        return "-"
    if change == 0:
        return "tetap"
    sign = "+" if change > 0 else "−"
    return f"{sign}{angka(abs(change))} poin"


def analisis_c(report: Report, ind: IndikatorReport, judul: str) -> Table:
    dok = report.project.perencanaan.model.dokumen_jangka_menengah
    akhir = report.project.perencanaan.model.periode_akhir
    header: list[list[CellSpec]] = [[
        "Indikator Kinerja", f"Target {report.year}", f"Target {dok} {report.year}",
        f"Target Akhir {dok} ({akhir})", f"Realisasi {report.year}", f"Capaian thd. Target {dok} {report.year}",
        "Progres thd. Target Akhir",
    ]]
    row: list[CellSpec] = [
        esc(ind.nama),
        _mid(target_text(ind.target, ind.satuan)),
        _mid(target_text(ind.target_renstra, ind.satuan) if ind.target_renstra is not None else "-"),
        _mid(target_text(ind.target_akhir, ind.satuan) if ind.target_akhir is not None else "-"),
        _mid(value_text(ind.realisasi, ind.satuan)),
        _mid(persen(ind.capaian_renstra) if ind.capaian_renstra is not None else "-"),
        _mid(persen(ind.progres_akhir) if ind.progres_akhir is not None else "-"),
    ]
    return table(judul, header, [row], lebar=[4, 1.6, 1.6, 1.6, 1.6, 1.8, 1.8], ukuran_huruf=9)


def efisiensi_anggaran(ind: IndikatorReport, judul: str) -> Table:
    rows: list[list[CellSpec]] = []
    for line in ind.anggaran:
        rows.append([esc(line.nama),
                     _num(angka(line.pagu, places=0) if line.pagu is not None else missing("pagu")),
                     _num(angka(line.realisasi, places=0) if line.realisasi is not None else missing("realisasi")),
                     _num(angka(line.sisa, places=0) if line.sisa is not None else "-"),
                     _num(persen(line.serapan)), _num(persen(line.efisiensi))])
    return table(judul, [["Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Sisa (Rp)", "Serapan", "Efisiensi"]], rows,
                 lebar=[4.4, 2.5, 2.5, 2.2, 1.7, 1.9], ukuran_huruf=9)


# ---------------------------------------------------------------- BAB III B and BAB IV


def realisasi_anggaran(report: Report, judul: str) -> Table:
    """Program -> kegiatan -> sub kegiatan rows with subtotals, the way regional budget documents are read."""
    header: list[list[CellSpec]] = [
        ["No", "Program / Kegiatan / Sub Kegiatan", "Indikator", "Pagu (Rp)", "Realisasi (Rp)", "Sisa (Rp)", "Serapan"],
        _number_row(7),
    ]
    rows: list[list[CellSpec]] = []
    by_id = {i.id: i for i in report.indikator}

    def amounts(pagu: int | None, realisasi: int | None, sisa: int | None, serapan: Decimal | None,
                bold: bool = False) -> list[CellSpec]:
        return [{"teks": text, "rata": "kanan", "tebal": bold} for text in (
            angka(pagu, places=0) if pagu is not None else missing("pagu"),
            angka(realisasi, places=0) if realisasi is not None else missing("realisasi"),
            angka(sisa, places=0) if sisa is not None else "-",
            persen(serapan))]

    def subtotal(s: BudgetSum, bold: bool = False) -> list[CellSpec]:
        if not s.lines:  # no line of the group has its figures yet: a 0 would read as a real amount
            return [{"teks": "-", "rata": "kanan", "tebal": bold} for _ in range(4)]
        return amounts(s.pagu, s.realisasi, s.sisa, s.serapan, bold=bold)

    for p, program in enumerate(report.anggaran_bertingkat, 1):
        rows.append([_mid(f"{p}"), {"teks": esc(berjenis(program.nama, "Program")), "tebal": True}, _mid(""),
                     *subtotal(program.jumlah, bold=True)])
        for k, kegiatan in enumerate(program.bagian, 1):
            rows.append([_mid(f"{p}.{k}"), {"teks": esc(berjenis(kegiatan.nama, "Kegiatan")), "tebal": True}, _mid(""),
                         *subtotal(kegiatan.jumlah)])
            for n, line in enumerate(kegiatan.lines, 1):
                used = ", ".join(f"IK {by_id[i].nomor}" for i in line.indikator if i in by_id) or "-"
                rows.append([_mid(f"{p}.{k}.{n}"), esc(line.nama), _mid(used),
                             *amounts(line.pagu, line.realisasi, line.sisa, line.serapan)])
    t = report.total
    kaki: list[list[CellSpec]] = [[
        {"teks": "Jumlah (setiap sub kegiatan dihitung satu kali)", "colspan": 3, "rata": "tengah"},
        *amounts(t.pagu, t.realisasi, t.sisa, t.serapan),
    ]]
    return table(judul, header, rows, kaki=kaki, lebar=[0.8, 6, 1.4, 2.6, 2.6, 2.2, 1.6], ukuran_huruf=9)


def ringkasan_capaian(report: Report, judul: str) -> Table:
    header: list[list[CellSpec]] = [
        ["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi", "Capaian", "Predikat"],
        _number_row(7),
    ]
    rows = _per_sasaran(report, lambda ind: [
        esc(ind.nama), _mid(target_text(ind.target, ind.satuan)), _mid(value_text(ind.realisasi, ind.satuan)),
        _mid(capaian_text(ind.capaian)), _mid(ind.predikat or "-")])
    kaki: list[list[CellSpec]] = []
    if report.capaian_rata is not None:
        kaki = [[{"teks": "Rata-rata capaian indikator yang terukur", "colspan": 5, "rata": "tengah"},
                 _mid(persen(report.capaian_rata)), _mid("-")]]
    return table(judul, header, rows, kaki=kaki, lebar=[0.8, 4, 5, 1.6, 1.6, 1.6, 1.8], ukuran_huruf=9)


def capaian_sasaran(report: Report, judul: str) -> Table:
    rows = [[_mid(f"{n}."), esc(s.uraian), _mid(str(len(s.indikator))),
             _mid(persen(s.capaian) if s.capaian is not None else missing("capaian")), _mid(s.predikat or "-")]
            for n, s in enumerate(report.sasaran, 1)]
    return table(judul, [["No", "Sasaran Strategis", "Jumlah Indikator", "Capaian Rata-rata", "Predikat"]], rows,
                 lebar=[0.8, 7, 2, 2, 2])


# ---------------------------------------------------------------- computation lines and signature


def realisasi_line(ind: IndikatorReport) -> str:
    """'34/36 × 100% = 94,44%' for share indicators; empty when realisasi is given directly."""
    k = ind.komponen
    if k is None or ind.realisasi is None:
        return ""
    if not ind.persen:  # a rate: 5/6.944 × 100.000 = 72
        return f"{angka(k.pembilang)}/{angka(k.penyebut)} × {angka(ind.faktor)} = {angka(ind.realisasi)}"
    return f"{angka(k.pembilang)}/{angka(k.penyebut)} × 100% = {persen(ind.realisasi)}"


_BATAS = {"di_bawah": "batas bawah", "di_atas": "batas atas"}


def capaian_line(ind: IndikatorReport) -> str:
    """The capaian computation with the indicator's own figures, in the formula the policy names."""
    how = ind.perhitungan
    if how is None or ind.capaian_mentah is None or ind.realisasi is None or ind.target is None:
        return ""  # a capaian set by hand has its reason instead of a computation (no "/ 0")
    r = angka(ind.realisasi)
    result = persen(ind.capaian_mentah)
    rentang = target_text(ind.target, ind.satuan) if isinstance(ind.target, Rentang) else ""
    if how.rumus == "dalam_rentang":
        return f"realisasi {r} berada di dalam rentang target {rentang}, sehingga capaian {result}"
    t = angka(how.acuan)
    if how.rumus == "realisasi_per_target":
        line = f"{r} / {t} × 100% = {result}"
    elif how.rumus == "target_per_realisasi":
        line = f"{t} / {r} × 100% = {result}"
    else:
        line = f"(2 × {t} − {r}) / {t} × 100% = {result}"
    if how.posisi in _BATAS:
        batas = _BATAS[how.posisi]
        formula = {"realisasi_per_target": f"realisasi / {batas}", "target_per_realisasi": f"{batas} / realisasi",
                   "cermin": f"(2 × {batas} − realisasi) / {batas}"}[how.rumus]
        where = "di bawah" if how.posisi == "di_bawah" else "di atas"
        line = (f"realisasi {r} {where} {batas} rentang target {rentang}, sehingga capaian = {formula} × 100% = "
                + line)
    if ind.capaian is not None and ind.capaian != ind.capaian_mentah:
        line += f", dibatasi menjadi {persen(ind.capaian)}"
    return line


def signature(report: Report) -> Signature:
    inst = report.project.instansi.model
    lap = report.project.laporan.model
    k = inst.kepala
    return Signature(
        tempat_tanggal=f"{esc(inst.kota)}, {tanggal_text(lap.tanggal)}",
        jabatan=esc(k.jabatan.rstrip(",") + ","),
        nama=esc(k.nama),
        pangkat=esc(k.pangkat or ""),
        nip=f"NIP. {esc(k.nip)}" if k.nip else missing("NIP"),
    )


def pk_signatures(report: Report) -> SignaturePair:
    """The Perjanjian Kinerja's two parties: the head of region (pihak kedua) left, the agency head right."""
    inst = report.project.instansi.model
    pk = report.project.perencanaan.model.penandatanganan_pk
    where = esc(pk.tempat) if pk.tempat else missing("tempat penandatanganan PK")
    when = tanggal(pk.tanggal) if pk.tanggal else missing("tanggal penandatanganan PK")
    k, second = inst.kepala, pk.pihak_kedua
    first = Signature(f"{where}, {when}", "PIHAK PERTAMA,\n" + esc(k.jabatan.rstrip(",")), esc(k.nama),
                      esc(k.pangkat or ""), f"NIP. {esc(k.nip)}" if k.nip else missing("NIP"))
    if second is None:
        other = Signature("", "PIHAK KEDUA,", missing("pihak kedua"), "", "")
    else:
        other = Signature("", "PIHAK KEDUA,\n" + esc(second.jabatan.rstrip(",")), esc(second.nama),
                          esc(second.pangkat or ""), f"NIP. {esc(second.nip)}" if second.nip else "")
    return SignaturePair(other, first)


def tanggal_text(value: Any) -> str:
    return tanggal(value) if value is not None else missing("tanggal penandatanganan")
