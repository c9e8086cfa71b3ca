"""LK010 target-pk-berbeda: an indicator's target differs from the signed Perjanjian Kinerja.

What it checks:
    For each indicator listed in ``perjanjian_kinerja`` (perencanaan.yaml)
    with a ``target``: the indicator file's ``target`` equals it, a number
    or a range {bawah, atas} alike.

Why it matters:
    The PK is the signed commitment; capaian is computed from the indicator
    file's target. The seed's PK promises 100% for "Kerukunan Umat Beragama"
    while BAB III measures it against 90%, which turns 100% realisasi into
    111,11% capaian.

Bad:
    perencanaan.yaml ``{indikator: IK10, target: 100}`` and IK10 ``target: 90``.

Good:
    Both 100 (or both 90, if the PK was signed with 90).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity
from lakip_cli.display import angka
from lakip_cli.source.models import Rentang

CODE = "LK010"
NAME = "target-pk-berbeda"
SEVERITY: Severity = "error"
SUMMARY = "Target pada berkas indikator berbeda dengan target Perjanjian Kinerja (perencanaan.yaml)"


def check(report: Report) -> Iterator[Diagnostic]:
    ren = report.project.perencanaan
    pk_at = {}
    for i, row in enumerate(ren.model.perjanjian_kinerja):
        for j, item in enumerate(row.indikator):
            pk_at[item.indikator] = ren.at("perjanjian_kinerja", i, "indikator", j, "target")
    for ind in report.indikator:
        pk, own = ind.target_pk, ind.model.target
        if pk is None or own is None or pk == own:
            continue
        yield Diagnostic(
            ind.source.at("target"), CODE, SEVERITY,
            f"{ind.id}: target {_shown(own)} berbeda dengan target Perjanjian Kinerja {_shown(pk)} "
            f"({pk_at.get(ind.id, ren.at('perjanjian_kinerja'))}); capaian dihitung dari target berkas ini",
        )


def _shown(value: Decimal | Rentang) -> str:
    return f"{angka(value.bawah)}–{angka(value.atas)}" if isinstance(value, Rentang) else angka(value)


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Untuk setiap indikator di `perjanjian_kinerja` (perencanaan.yaml) yang memiliki `target`: "
        "`target` di berkas indikator harus sama, baik berupa satu angka maupun rentang `{bawah, atas}`."
    ),
    "mengapa": (
        "Perjanjian Kinerja adalah janji yang ditandatangani, sedangkan capaian dihitung dari target di "
        "berkas indikator. PK laporan asal menjanjikan 100% untuk \"Kerukunan Umat Beragama\" sementara BAB"
        " III mengukurnya terhadap 90%, sehingga realisasi 100% menjadi capaian 111,11%."
    ),
    "salah": "perencanaan.yaml `{indikator: IK10, target: 100}` dan IK10 `target: 90`.",
    "benar": "Keduanya 100 (atau keduanya 90, bila PK ditandatangani dengan 90).",
}
