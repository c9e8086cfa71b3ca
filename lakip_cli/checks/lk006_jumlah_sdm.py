"""LK006 jumlah-sdm: an SDM table whose rows do not add up to its total.

What it checks:
    In instansi.yaml ``sdm``: the ``komposisi`` rows and the ``per_unit``
    rows each sum to ``jumlah``; each ``rincian`` sums to the total its
    ``cakupan`` names: ``seluruh`` -> jumlah, ``asn`` -> jumlah - honorer,
    ``honorer`` -> honorer (``lain``, e.g. training attended, is not summed).
    An empty row ("-") counts as 0.

Why it matters:
    The document prints these tables with totals; a reader adds them up.
    The seed's "SDM berdasarkan Jabatan" lists 34 ASN while 58 staff minus
    27 honorer is 31.

Bad:
    ``jumlah: 58, honorer: 27`` and a ``cakupan: asn`` table of 1+4+2+11+14+2 = 34.

Good:
    ``cakupan: asn`` table of 7+16+2+6 = 31 (= 58 - 27).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity, SourceLocation
from lakip_cli.source.models import BarisSdm

CODE = "LK006"
NAME = "jumlah-sdm"
SEVERITY: Severity = "error"
SUMMARY = "Rincian SDM (komposisi, rincian per cakupan, per unit) tidak berjumlah sama dengan totalnya"


def total(rows: Sequence[BarisSdm]) -> int:
    return sum(row.jumlah or 0 for row in rows)


def check(report: Report) -> Iterator[Diagnostic]:
    ins = report.project.instansi
    sdm = ins.model.sdm
    asn = sdm.jumlah - sdm.honorer
    expected = {
        "seluruh": (sdm.jumlah, f"jumlah seluruh pegawai {sdm.jumlah}"),
        "asn": (asn, f"jumlah ASN {asn} (jumlah {sdm.jumlah} - honorer {sdm.honorer})"),
        "honorer": (sdm.honorer, f"jumlah honorer {sdm.honorer}"),
    }
    if sdm.komposisi:
        yield from _compare(ins.at("sdm", "komposisi", key=True), "komposisi SDM", total(sdm.komposisi),
                            expected["seluruh"])
    for i, rincian in enumerate(sdm.rincian):
        if rincian.cakupan in expected:
            yield from _compare(ins.at("sdm", "rincian", i), f"rincian '{rincian.judul}'", total(rincian.baris),
                                expected[rincian.cakupan])
    if sdm.per_unit:
        yield from _compare(ins.at("sdm", "per_unit", key=True), "SDM per unit kerja", total(sdm.per_unit),
                            expected["seluruh"])


def _compare(where: SourceLocation, what: str, got: int, want: tuple[int, str]) -> Iterator[Diagnostic]:
    if got != want[0]:
        yield Diagnostic(where, CODE, SEVERITY, f"{what} berjumlah {got}, tidak sama dengan {want[1]}")


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Di instansi.yaml `sdm`: baris `komposisi` dan `per_unit` masing-masing berjumlah `jumlah`; "
        "setiap `rincian` berjumlah total menurut `cakupan`-nya: `seluruh` -> jumlah, `asn` -> jumlah - "
        "honorer, `honorer` -> honorer (`lain` tidak dijumlahkan). Baris kosong (\"-\") dihitung 0."
    ),
    "mengapa": (
        "Dokumen mencetak tabel ini beserta totalnya dan pembaca menjumlahkannya. Tabel \"SDM berdasarkan "
        "Jabatan\" di laporan asal berisi 34 ASN, padahal 58 pegawai dikurangi 27 honorer adalah 31."
    ),
    "salah": "`jumlah: 58, honorer: 27` dan tabel `cakupan: asn` 1+4+2+11+14+2 = 34.",
    "benar": "Tabel `cakupan: asn` 7+16+2+6 = 31 (= 58 - 27).",
}
