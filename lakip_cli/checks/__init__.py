"""check: Report -> diagnostics. One module per rule, listed explicitly in RULES.

Each rule module exposes CODE, NAME, SEVERITY, SUMMARY, a docstring with
What it checks / Why it matters / Bad / Good, and check(report).
Codes are never reused: a retired rule keeps its number out of circulation.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from types import ModuleType

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, sort_diagnostics

_RULE_MODULES = (
    # completeness
    "lk001_data_kosong",
    "lk002_teks_templat",
    # arithmetic
    "lk003_pembilang_penyebut",
    "lk004_realisasi_di_atas_100",
    "lk005_capaian_tertulis",
    "lk006_jumlah_sdm",
    "lk007_komposisi_sdm",
    "lk008_realisasi_melebihi_pagu",
    # uniqueness
    "lk009_indikator_ganda",
    "lk010_target_pk",
    "lk011_anggaran_dipakai_bersama",
    "lk012_anggaran_kembar",
    # narrative agrees with the figures
    "lk013_narasi_status",
    "lk014_narasi_tren",
    "lk015_narasi_capaian",
    "lk016_narasi_efisiensi",
    # stale or foreign text
    "lk017_tahun_usang",
    "lk018_instansi_lain",
    # identity and legal basis
    "lk019_nip",
    "lk020_tahun_peraturan",
    # the report's own conclusions
    "lk021_kesimpulan_semua_tercapai",
)

RULES: tuple[ModuleType, ...] = tuple(import_module(f"{__name__}.{name}") for name in _RULE_MODULES)


def run_checks(report: Report, *, ignore: Iterable[str] = (), use_settings: bool = True) -> list[Diagnostic]:
    """Run every rule not ignored (argument or lakip.yaml cek.abaikan); compute's notes included; sorted."""
    settings = report.project.settings.model.cek.abaikan if use_settings else ()
    skip = {code.strip().upper() for code in (*ignore, *settings)}
    found = [d for d in report.notes if d.code not in skip]
    for rule in RULES:
        if rule.CODE not in skip:
            found.extend(rule.check(report))
    return sort_diagnostics(found)


def rule_catalogue() -> list[tuple[str, str, str, str]]:
    """(code, name, severity, summary) of every rule, for `lakip rules`."""
    return [(rule.CODE, rule.NAME, rule.SEVERITY, rule.SUMMARY) for rule in RULES]
