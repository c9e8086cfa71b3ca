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
from lakip_cli.display import angka, angka_tetap, berjenis, dengan_satuan, is_persen, persen, rupiah, tanggal
from lakip_cli.present.context import esc
from lakip_cli.source.models import Rentang
from lakip_cli.write.blocks import Cell, Signature, SignaturePair, Table, placeholder

CellSpec = str | dict[str, Any]  # a cell as written below: its text, or its text with options


def missing(what: str) -> str:
    return placeholder(what)


# ---------------------------------------------------------------- decimals per column
#
# In a table every number of a column has the same decimals: a number typed in the data keeps the decimals
# it was typed with (zeros are added, typed digits never rounded away), a computed one (capaian, a share
# from pembilang/penyebut, serapan) has COMPUTED_PLACES, and the column shows the most of its cells, per
# unit ('%' and 'orang' in one column are different quantities). An indicator's 'desimal' sets its own
# target and realisasi cells (validation refuses a 'desimal' below what was typed).

COMPUTED_PLACES = 2


def typed_places(value: Decimal | None) -> int:
    """The decimals a number was typed with: 94.40 -> 2, 100 -> 0; a missing number needs none."""
    if value is None:
        return 0
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def target_places(target: Target | None) -> int:
    if isinstance(target, Rentang):
        return max(typed_places(target.bawah), typed_places(target.atas))
    return typed_places(target)


def realisasi_places(value: Decimal | None, computed: bool) -> int:
    return COMPUTED_PLACES if computed and value is not None else typed_places(value)


def capaian_places(value: Decimal | None, by_hand: bool) -> int:
    """A capaian is computed, or typed by hand (capaian_manual) with the decimals it was typed with."""
    return max(COMPUTED_PLACES, typed_places(value) if by_hand else 0)


class Column:
    """The decimals of one table column: the most of its cells per unit, or the indicator's own 'desimal'."""

    def __init__(self) -> None:
        self._by_unit: dict[str, int] = {}

    def add(self, satuan: str, places: int, desimal: int | None = None) -> Column:
        if desimal is None:
            key = satuan.strip()
            self._by_unit[key] = max(self._by_unit.get(key, 0), places)
        return self

    def places(self, satuan: str, desimal: int | None = None) -> int:
        return desimal if desimal is not None else self._by_unit.get(satuan.strip(), 0)


def _fixed(value: Decimal, satuan: str, places: int) -> str:
    text = angka_tetap(value, places)
    return f"{text}%" if is_persen(satuan) else f"{text} {satuan}"


def target_text(target: Target | None, satuan: str, places: int | None = None) -> str:
    """A target with its unit; `places` fixes its decimals (a table column), else as few as needed (prose)."""
    if target is None:
        return missing("target")
    if isinstance(target, Rentang) or hasattr(target, "bawah"):  # a range, or its read-only view in a template
        unit = "%" if is_persen(satuan) else f" {satuan}"
        low, high = target.bawah, target.atas  # type: ignore[union-attr]
        if places is None:
            return f"{angka(low)}–{angka(high)}{unit}"
        return f"{angka_tetap(low, places)}–{angka_tetap(high, places)}{unit}"
    return dengan_satuan(target, satuan) if places is None else _fixed(target, satuan, places)


def value_text(value: Decimal | None, satuan: str, what: str = "realisasi", places: int | None = None) -> str:
    if value is None:
        return missing(what)
    return dengan_satuan(value, satuan) if places is None else _fixed(value, satuan, places)


def capaian_text(value: Decimal | None, places: int | None = None) -> str:
    if value is None:
        return missing("capaian")
    return persen(value) if places is None else f"{angka_tetap(value, places)}%"


def persen_tetap(value: Decimal | None, places: int = COMPUTED_PLACES) -> str:
    """A computed percentage in a table column: always the same decimals, '-' when there is none."""
    return "-" if value is None else f"{angka_tetap(value, places)}%"


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
    column = Column()
    for ind in report.indikator:
        column.add(ind.satuan, target_places(ind.target_pk_atau_target), ind.model.desimal)

    def cells(ind: IndikatorReport) -> list[CellSpec]:
        places = column.places(ind.satuan, ind.model.desimal)
        row = [esc(ind.nama), _mid(target_text(ind.target_pk_atau_target, ind.satuan, places))]
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


def _value_columns(inds: Sequence[IndikatorReport]) -> tuple[Column, Column, int]:
    """The target and realisasi columns of a table of this year's figures, and its capaian decimals."""
    targets, values = Column(), Column()
    capaian = COMPUTED_PLACES
    for ind in inds:
        targets.add(ind.satuan, target_places(ind.target), ind.model.desimal)
        values.add(ind.satuan, realisasi_places(ind.realisasi, ind.komponen is not None), ind.model.desimal)
        capaian = max(capaian, capaian_places(ind.capaian, ind.capaian_manual))
    return targets, values, capaian


def analisis_a(ind: IndikatorReport, judul: str) -> Table:
    targets, values, capaian = _value_columns([ind])
    d = ind.model.desimal
    rows = [[esc(ind.nama), _mid(target_text(ind.target, ind.satuan, targets.places(ind.satuan, d))),
             _mid(value_text(ind.realisasi, ind.satuan, places=values.places(ind.satuan, d))),
             _mid(capaian_text(ind.capaian, capaian)), _mid(ind.predikat or missing("predikat"))]]
    return table(judul, [["Indikator Kinerja", "Target", "Realisasi", "Capaian", "Predikat"]], rows,
                 lebar=[6, 2, 2, 2, 2.4])


def _year_cells(y: YearFigure, satuan: str, places: tuple[int, int, int]) -> list[CellSpec]:
    t, r, c = places
    return [_mid(target_text(y.target, satuan, t) if y.target is not None else "-"),
            _mid(value_text(y.realisasi, satuan, places=r) if y.realisasi is not None else "-"),
            _mid(persen_tetap(y.capaian, c))]


def series_places(ind: IndikatorReport) -> tuple[int, int, int]:
    """The decimals of the multi-year table's target, realisasi and capaian columns."""
    d, satuan = ind.model.desimal, ind.satuan
    targets, values = Column(), Column()
    capaian = COMPUTED_PLACES
    for year in ind.seri:
        targets.add(satuan, target_places(year.target), d)
        values.add(satuan, realisasi_places(year.realisasi, year.realisasi_dihitung), d)
        capaian = max(capaian, capaian_places(year.capaian, year.capaian_ditetapkan))
    return targets.places(satuan, d), values.places(satuan, d), capaian


def analisis_b(report: Report, ind: IndikatorReport, judul: str) -> Table:
    """Multi-year table in portrait: one row per year, oldest first, with the change from the year before."""
    satuan = ind.satuan
    places = series_places(ind)
    capaian = places[2]
    rows: list[list[CellSpec]] = []
    for year, change in ind.seri_naik:
        rows.append([_mid(str(year.tahun)), *_year_cells(year, satuan, places),
                     _mid(_change_text(change, capaian))])
    header = [["Tahun", "Target", "Realisasi", "Capaian", "Perubahan Capaian"]]
    return table(judul, header, rows, lebar=[1.4, 2.4, 2.4, 2, 2.6])


def _change_text(change: Decimal | None, places: int = COMPUTED_PLACES) -> str:
    if change is None:
        return "-"
    if change == 0:
        return "tetap"
    sign = "+" if change > 0 else "−"
    return f"{sign}{angka_tetap(abs(change), places)} poin"


def analisis_c(report: Report, ind: IndikatorReport, judul: str) -> Table:
    dok = report.project.perencanaan.model.dokumen_jangka_menengah
    akhir = report.project.perencanaan.model.periode_akhir
    header: list[list[CellSpec]] = [[
        "Indikator Kinerja", f"Target {report.year}", f"Target {dok} {report.year}",
        f"Target Akhir {dok} ({akhir})", f"Realisasi {report.year}", f"Capaian thd. Target {dok} {report.year}",
        "Progres thd. Target Akhir",
    ]]
    d = ind.model.desimal

    def places(value: Target | None) -> int:
        return d if d is not None else target_places(value)

    row: list[CellSpec] = [
        esc(ind.nama),
        _mid(target_text(ind.target, ind.satuan, places(ind.target))),
        _mid(target_text(ind.target_renstra, ind.satuan, places(ind.target_renstra))
             if ind.target_renstra is not None else "-"),
        _mid(target_text(ind.target_akhir, ind.satuan, places(ind.target_akhir))
             if ind.target_akhir is not None else "-"),
        _mid(value_text(ind.realisasi, ind.satuan, places=d if d is not None else
                        realisasi_places(ind.realisasi, ind.komponen is not None))),
        _mid(persen_tetap(ind.capaian_renstra)),
        _mid(persen_tetap(ind.progres_akhir)),
    ]
    return table(judul, header, [row], lebar=[4, 1.6, 1.6, 1.6, 1.6, 1.8, 1.8], ukuran_huruf=9)


def efisiensi_anggaran(ind: IndikatorReport, judul: str) -> Table:
    rows: list[list[CellSpec]] = []
    for line in ind.anggaran:
        rows.append([esc(line.nama),
                     _num(angka(line.pagu, places=0) if line.pagu is not None else missing("pagu")),
                     _num(angka(line.realisasi, places=0) if line.realisasi is not None else missing("realisasi")),
                     _num(angka(line.sisa, places=0) if line.sisa is not None else "-"),
                     _num(persen_tetap(line.serapan)), _num(persen_tetap(line.efisiensi))])
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
            persen_tetap(serapan))]

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
    targets, values, capaian = _value_columns(report.indikator)

    def cells(ind: IndikatorReport) -> list[CellSpec]:
        d = ind.model.desimal
        return [esc(ind.nama), _mid(target_text(ind.target, ind.satuan, targets.places(ind.satuan, d))),
                _mid(value_text(ind.realisasi, ind.satuan, places=values.places(ind.satuan, d))),
                _mid(capaian_text(ind.capaian, capaian)), _mid(ind.predikat or "-")]

    rows = _per_sasaran(report, cells)
    kaki: list[list[CellSpec]] = []
    if report.capaian_rata is not None:
        kaki = [[{"teks": "Rata-rata capaian indikator yang terukur", "colspan": 5, "rata": "tengah"},
                 _mid(persen_tetap(report.capaian_rata, capaian)), _mid("-")]]
    return table(judul, header, rows, kaki=kaki, lebar=[0.8, 4, 5, 1.6, 1.6, 1.6, 1.8], ukuran_huruf=9)


def capaian_sasaran(report: Report, judul: str) -> Table:
    rows = [[_mid(f"{n}."), esc(s.uraian), _mid(str(len(s.indikator))),
             _mid(persen_tetap(s.capaian) if s.capaian is not None else missing("capaian")), _mid(s.predikat or "-")]
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
