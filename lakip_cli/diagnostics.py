"""Error model shared by every stage: source locations, diagnostics, and the one exception type."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

SEVERITY_LABEL = {"error": "galat", "warning": "peringatan"}

# Every code the stages print, with its meaning (check rules, LK..., describe themselves in checks/).
# tests/test_cli_outputs.py greps the package for code literals and requires each one here or in checks/.
# The stage prefixes, in pipeline order:
STAGES = {
    "V": "memuat dan memvalidasi data",
    "T": "templat",
    "W": "menulis dokumen Word",
    "P": "konversi PDF",
    "I": "memulai tahun atau proyek baru (lakip init)",
    "X": "ekspor untuk evaluator (lakip ekspor)",
    "LK": "pemeriksaan konsistensi",
}

STAGE_CODES: dict[str, str] = {
    "V001": "YAML tidak dapat dibaca: sintaks salah, tag YAML, kunci gabungan '<<' atau kunci yang bukan teks",
    "V002": "kunci yang sama ditulis dua kali dalam satu pemetaan",
    "V003": "berkas terlalu rumit: alias YAML atau simpul melebihi batas",
    "V004": "berkas melebihi batas ukuran",
    "V005": "berkas bukan teks UTF-8",
    "V006": "berkas kosong",
    "V007": "berkas tidak ditemukan, atau yang ada adalah folder",
    "V010": "isian wajib tidak ada",
    "V011": "kunci tidak dikenal (biasanya salah ketik; pesan menyebut kunci yang dimaksud)",
    "V012": "nilai tidak sesuai jenisnya (angka, tanggal, pilihan, teks) atau berkas bukan pemetaan",
    "V013": "angka atau true/false dalam bentuk yang dibaca berbeda oleh pembaca YAML lain (075, 1:30, yes, 1.500)",
    "V014": "teks memuat karakter kendali yang tidak dapat disimpan di dokumen Word",
    "V020": "rujukan tidak cocok: sasaran, indikator atau tahun laporan yang tidak dikenal",
    "V021": "kode atau indikator yang sama dipakai dua kali",
    "V022": "indikator tidak tercantum di Perjanjian Kinerja (perencanaan.yaml)",
    "V023": "tahun laporan di luar periode Renstra",
    "V024": "target atau realisasi negatif pada satuan yang tidak boleh negatif",
    "V025": "target satu angka pada indikator berpolaritas 'rentang' (yang memerlukan rentang {bawah, atas})",
    "V030": "berkas proyek lakip.yaml atau folder data tahun laporan tidak ditemukan",
    "V031": "jalur di lakip.yaml atau berkas data menunjuk ke luar folder proyek, atau gambar yang dirujuk "
            "(logo, bagan organisasi) tidak utuh",
    "V032": "SOURCE_DATE_EPOCH tidak dapat dipakai",
    "V040": "capaian tidak dapat dihitung (target 0, atau realisasi 0 pada indikator negatif) tanpa capaian_manual",
    "V041": "riwayat memuat tahun yang bukan tahun sebelum tahun laporan; baris itu diabaikan",
    "V042": "riwayat berbeda dengan data tahun sebelumnya di folder data",
    "V043": "capaian melebihi batas yang masuk akal (±10^12 %)",
    "V044": "folder data tahun sebelumnya ada tetapi belum lengkap atau tidak valid; riwayat tidak dibandingkan",
    "V060": "penerimaan temuan (cek.terima di lakip.yaml) tidak valid: kode, tempat atau alasan",
    "V061": "penerimaan temuan (cek.terima) tidak lagi cocok dengan temuan apa pun",
    "T001": "templat tidak dapat dijalankan: sintaks Jinja salah atau nama yang tidak dikenal",
    "T002": "berkas atau folder templat tidak ditemukan",
    "T003": "nama templat bawaan tidak dikenal",
    "T004": "folder templat tidak dapat dibuat atau templat tidak dapat disalin",
    "T005": "laporan final: dokumen hasil templat masih memuat isian kosong",
    "W001": "dokumen referensi (reference.docx) tidak ditemukan atau tidak dapat dibuka",
    "W002": "dokumen referensi tidak memiliki gaya yang diperlukan",
    "W005": "berkas gambar tidak ditemukan atau tidak dapat dibaca",
    "W006": "berkas keluaran tidak dapat ditulis atau tidak berakhiran .docx",
    "W007": "struktur tabel di templat tidak valid",
    "W010": "dokumen referensi memuat tautan ke luar, templat terlampir, makro, objek tertanam atau isian yang "
            "mengambil data; bagian itu dibuang",
    "W011": "berkas huruf grafik tidak ditemukan atau bukan berkas huruf TrueType/OpenType; grafik memakai "
            "huruf cadangan DejaVu Sans",
    "P001": "LibreOffice tidak terpasang",
    "P002": "modul Python-UNO LibreOffice tidak terpasang",
    "P003": "konversi PDF melebihi batas waktu",
    "P004": "konversi PDF gagal",
    "P005": "LibreOffice selesai tanpa galat tetapi tidak menghasilkan PDF",
    "P006": "PDF lama dihapus karena konversi PDF yang baru gagal (agar PDF usang tidak terkirim)",
    "P007": "PDF tidak dapat ditulis ke tujuannya (tujuan berupa folder, atau berkas sedang dibuka)",
    "I001": "lakip init: tahun baru tidak sesudah tahun sumber",
    "I002": "lakip init: folder data tahun sumber tidak ditemukan",
    "I003": "lakip init: folder tahun atau berkas proyek sudah ada dan tidak ditimpa",
    "I004": "lakip init: data tahun sumber belum valid",
    "I005": "lakip init: folder tidak dapat ditulis",
    "X001": "lakip ekspor: berkas keluaran tidak berakhiran sesuai bentuknya (.xlsx atau .csv)",
}

# the stage codes printed as warnings
STAGE_WARNINGS = frozenset({"V023", "V041", "V042", "V044", "V061", "P006", "W010", "W011"})

# Codes no longer printed; kept out of circulation so that an old message never changes meaning.
RETIRED = ("W003", "W004")


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A 1-based position in a project file; path is relative to the project root."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


@dataclass(frozen=True, order=True)
class Diagnostic:
    location: SourceLocation
    code: str
    severity: Severity = field(default="error", compare=False)
    message: str = field(default="", compare=True)
    # Findings this one explains (its consequences), reported beneath it rather than on their own.
    related: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def format_text(self) -> str:
        line = f"{self.location}: {SEVERITY_LABEL[self.severity]}: {self.message} [{self.code}]"
        return line + "".join(f"\n    akibatnya: {r.format_text()}" for r in self.related)

    def format_github(self) -> str:
        kind = "error" if self.severity == "error" else "warning"
        loc = self.location
        parts = [f"file={loc.path}"]
        if loc.line:
            parts += [f"line={loc.line}", f"col={loc.col}"]
        text = self.message + "".join(f"\nakibatnya: {r.format_text()}" for r in self.related)
        msg = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} {','.join(parts)},title={self.code}::{msg}"

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["location"] = asdict(self.location)
        d.pop("related")
        if self.related:
            d["related"] = [r.as_dict() for r in self.related]
        return d


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diags), key=lambda d: (d.location, d.code, d.message))


def format_diagnostics(diags: Iterable[Diagnostic], fmt: str, *, rules: dict[str, str] | None = None,
                       version: str = "") -> str:
    """text (path:line:col: ...), json, github (workflow commands) or sarif (SARIF 2.1.0 for code hosts)."""
    items = sort_diagnostics(diags)
    if fmt == "json":
        return json.dumps([d.as_dict() for d in items], ensure_ascii=False, indent=2)
    if fmt == "sarif":
        return json.dumps(sarif_log(items, rules or {}, version), ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.format_github() for d in items)
    return "\n".join(d.format_text() for d in items)


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_log(items: list[Diagnostic], rules: dict[str, str], version: str) -> dict[str, object]:
    """One SARIF run; every code used is described as a rule (its meaning from the catalogue)."""
    used = sorted({d.code for d in items})
    results = []
    for d in items:
        physical: dict[str, object] = {"artifactLocation": {"uri": d.location.path, "uriBaseId": "%SRCROOT%"}}
        if d.location.line:
            physical["region"] = {"startLine": d.location.line, "startColumn": max(d.location.col, 1)}
        results.append({
            "ruleId": d.code,
            "ruleIndex": used.index(d.code),
            "level": "error" if d.severity == "error" else "warning",
            "message": {"text": d.message},
            "locations": [{"physicalLocation": physical}],
        })
    driver: dict[str, object] = {
        "name": "lakip",
        "rules": [{"id": code, "shortDescription": {"text": rules.get(code, code)}} for code in used],
    }
    if version:
        driver["version"] = version
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def format_step_summary(diags: Iterable[Diagnostic], title: str) -> str:
    """A Markdown table of every finding, for $GITHUB_STEP_SUMMARY (annotations show only the first ten)."""
    items = sort_diagnostics(diags)
    n_err = sum(d.severity == "error" for d in items)
    out = [f"### {title}", "", f"{n_err} galat, {len(items) - n_err} peringatan", ""]
    if items:
        out += ["| lokasi | tingkat | kode | pesan |", "|---|---|---|---|"]
        out += [f"| `{_cell(str(d.location))}` | {SEVERITY_LABEL[d.severity]} | {d.code} | {_cell(d.message)} |"
                for d in items]
        out.append("")
    return "\n".join(out) + "\n"


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" or has_errors(d.related) for d in diags)


class LakipError(Exception):
    """Raised by any stage; carries every problem found, each with its location."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(sort_diagnostics(diagnostics))
        super().__init__("\n".join(d.format_text() for d in self.diagnostics))


def fail(path: str, code: str, message: str, line: int = 0, col: int = 0) -> LakipError:
    return LakipError([Diagnostic(SourceLocation(path, line, col), code, "error", message)])
