"""check: Report -> diagnostics. One module per rule, listed explicitly in RULES.

Each rule module exposes CODE, NAME, SEVERITY, SUMMARY, a docstring with
What it checks / Why it matters / Bad / Good (for developers), the same in
Indonesian as PENJELASAN (apa / mengapa / salah / benar, for `lakip rules KODE`),
and check(report).
Codes are never reused: a retired rule keeps its number out of circulation.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import SEVERITY_LABEL, STAGE_WARNINGS, Diagnostic, LakipError, sort_diagnostics
from lakip_cli.forked import Claims, Forked, spare_core

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
    # the formula fits the indicator
    "lk022_satuan_rumus",
    "lk023_urutan_rumus",
    "lk024_subjek_rumus",
    # every part of the plan measured, nothing claimed by default
    "lk025_rencana_terukur",
    # text hygiene
    "lk026_kata_ganda",
    "lk027_istilah_usang",
    # the analyses a reviewer reads
    "lk028_penyebab_solusi",
    "lk029_standar_nasional",
    "lk030_target_akhir",
    "lk031_sumber_data",
    # text hygiene
    "lk032_huruf_kecil_awal",
    "lk033_janji_lampiran",
    "lk034_gaya_angka",
    # claims against the data
    "lk036_narasi_jumlah",
    "lk037_predikat_skala",
    "lk038_kurang_anggaran",
    "lk039_satuan_narasi",
    "lk040_nama_narasi",
    "lk041_uraian_sasaran",
)

# Each rule's code is the start of its module's name (a test holds them equal): what needs only the codes
# (validate's check of lakip.yaml cek.terima) does not import the rules.
RULE_CODES: tuple[str, ...] = tuple(name.split("_", 1)[0].upper() for name in _RULE_MODULES)
_loaded: tuple[ModuleType, ...] = ()
if TYPE_CHECKING:
    RULES: tuple[ModuleType, ...]


def _rules() -> tuple[ModuleType, ...]:
    global _loaded
    if not _loaded:
        _loaded = tuple(import_module(f"{__name__}.{module}") for module in _RULE_MODULES)
    return _loaded


def __getattr__(name: str) -> object:
    """RULES, the rule modules in order, imported when first read."""
    if name == "RULES":
        return _rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run_checks(report: Report, *, ignore: Iterable[str] = (), use_settings: bool = True,
               share: bool = True) -> list[Diagnostic]:
    """Run every rule not ignored (argument or lakip.yaml cek.abaikan); compute's notes included; sorted.

    `share`: the rules are shared with a forked child on a second core (lakip_cli.forked), where there is one.
    """
    refuse_unknown_codes(report)
    settings = report.project.settings.model.cek.abaikan if use_settings else ()
    skip = {code.strip().upper() for code in (*ignore, *settings)}
    found = [d for d in report.notes if d.code not in skip]
    chosen = [name for name, code in zip(_RULE_MODULES, RULE_CODES, strict=True) if code not in skip]
    for part in _findings(report, chosen, share and spare_core()):
        found.extend(part)
    return sort_diagnostics(found)


def _findings(report: Report, modules: list[str], share: bool) -> list[list[Diagnostic]]:
    """Each rule's findings, in the order of `modules`; with `share`, a forked child takes rules too.

    Parent and child each take the next rule nobody has taken (importing its module only then), from the
    end of the list: the narrative rules there cost the most, and the small ones left fill the gaps. The
    rules are pure functions of the report, so which process ran one changes nothing in its findings.
    """
    def run(number: int) -> list[Diagnostic]:
        return list(import_module(f"{__name__}.{modules[number]}").check(report))

    if not share or len(modules) < 2:
        return [run(n) for n in range(len(modules))]
    claims = Claims(len(modules))

    def take_turns() -> dict[int, list[Diagnostic]]:
        done = {}
        while (number := claims.take()) is not None:
            done[len(modules) - 1 - number] = run(len(modules) - 1 - number)
        return done

    child = Forked(take_turns)
    try:
        done = take_turns()
    except BaseException:
        child.abandon()
        raise
    finally:
        claims.close()
    done.update(child.result() or {})
    return [done[n] if n in done else run(n) for n in range(len(modules))]  # what a failed child left undone


def ignorable_codes() -> set[str]:
    """What `--ignore` and lakip.yaml cek.abaikan accept: every check rule and every stage warning."""
    return set(RULE_CODES) | set(STAGE_WARNINGS)


def refuse_unknown_codes(report: Report) -> None:
    """A code in lakip.yaml cek.abaikan that ignores nothing is a typo, never silently accepted."""
    allowed = ignorable_codes()
    settings = report.project.settings
    wrong = [Diagnostic(settings.at("cek", "abaikan", i), "V012", "error",
                        f"kode '{code}' di cek.abaikan tidak dikenal atau tidak dapat diabaikan "
                        "(daftar kode: lakip rules --semua)")
             for i, code in enumerate(settings.model.cek.abaikan) if code.strip().upper() not in allowed]
    if wrong:
        raise LakipError(wrong)


def rule_catalogue() -> list[tuple[str, str, str, str]]:
    """(code, name, severity, summary) of every rule, for `lakip rules`."""
    return [(rule.CODE, rule.NAME, rule.SEVERITY, rule.SUMMARY) for rule in _rules()]


_HEADINGS = (("apa", "Yang diperiksa"), ("mengapa", "Mengapa penting"), ("salah", "Contoh salah"),
             ("benar", "Contoh benar"))


def explain_rule(rule: ModuleType) -> str:
    """A rule's Indonesian explanation (what, why, bad, good), for `lakip rules KODE`."""
    out = [f"{rule.CODE} {rule.NAME} ({SEVERITY_LABEL[rule.SEVERITY]})", "", rule.SUMMARY]
    for key, heading in _HEADINGS:
        out += ["", f"{heading}:", textwrap.fill(rule.PENJELASAN[key], 96, initial_indent="    ",
                                                 subsequent_indent="    ")]
    out += ["", f"Abaikan dengan: lakip check --ignore {rule.CODE}, atau di lakip.yaml: "
                f"cek: {{abaikan: [{rule.CODE}]}}"]
    return "\n".join(out)
