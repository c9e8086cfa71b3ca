"""compute: budget lines of anggaran.yaml with their indicators, and sums that count every line once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from lakip_cli.compute.formulas import persen_of
from lakip_cli.diagnostics import SourceLocation
from lakip_cli.source.validate import Project, each_sub_kegiatan


@dataclass(frozen=True)
class BudgetLine:
    id: str
    program: str
    kegiatan: str
    nama: str
    pagu: int | None
    realisasi: int | None
    indikator: tuple[str, ...]
    location: SourceLocation

    @property
    def lengkap(self) -> bool:
        return self.pagu is not None and self.realisasi is not None

    @property
    def sisa(self) -> int | None:
        return self.pagu - self.realisasi if self.lengkap else None  # type: ignore[operator]

    @property
    def serapan(self) -> Decimal | None:
        return persen_of(self.realisasi, self.pagu) if self.lengkap else None  # type: ignore[arg-type]

    @property
    def dipakai_bersama(self) -> bool:
        """The line serves more than one indicator (and is counted once in every total)."""
        return len(self.indikator) > 1

    @property
    def efisiensi(self) -> Decimal | None:
        return persen_of(self.sisa, self.pagu) if self.lengkap else None  # type: ignore[arg-type]


@dataclass(frozen=True)
class BudgetSum:
    """Pagu, realisasi and what follows from them, over budget lines each counted once."""

    pagu: int
    realisasi: int
    lines: int
    incomplete: int

    @property
    def sisa(self) -> int:
        return self.pagu - self.realisasi

    @property
    def serapan(self) -> Decimal | None:
        return persen_of(self.realisasi, self.pagu)

    @property
    def efisiensi(self) -> Decimal | None:
        return persen_of(self.sisa, self.pagu)


def sum_budget(lines: Sequence[BudgetLine]) -> BudgetSum:
    unique = {line.id: line for line in lines}.values()
    complete = [line for line in unique if line.lengkap]
    return BudgetSum(
        pagu=sum(line.pagu for line in complete),  # type: ignore[misc]
        realisasi=sum(line.realisasi for line in complete),  # type: ignore[misc]
        lines=len(complete),
        incomplete=len(unique) - len(complete),
    )


@dataclass(frozen=True)
class BudgetGroup:
    """A program (its kegiatan in `bagian`) or a kegiatan (its sub kegiatan in `lines`), with the subtotal."""

    nama: str
    jumlah: BudgetSum
    bagian: tuple[BudgetGroup, ...]
    lines: tuple[BudgetLine, ...]


def budget_lines(p: Project) -> tuple[BudgetLine, ...]:
    users: dict[str, list[str]] = {}
    for ind in p.indikator:
        for ref in ind.model.anggaran:
            users.setdefault(ref, []).append(ind.model.id)
    return tuple(
        BudgetLine(id=sub.id, program=prog.nama, kegiatan=keg.nama, nama=sub.nama, pagu=sub.pagu,
                   realisasi=sub.realisasi, indikator=tuple(users.get(sub.id, ())), location=p.anggaran.at(*path))
        for path, prog, keg, sub in each_sub_kegiatan(p)
    )
