"""check: text scanning shared by the narrative rules (Report -> passages, sentences, claims).

A *passage* is one narrative string of the data with the YAML node it came
from. The helpers here split passages into sentences, find the years a
sentence talks about, and read the percentages written next to the words
capaian/realisasi/efisiensi/serapan. Everything is a heuristic tuned to keep
false alarms low: when a sentence is ambiguous, the helpers say nothing.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from lakip_cli.compute.report import IndikatorReport, Report
from lakip_cli.compute.series import YearFigure
from lakip_cli.diagnostics import SourceLocation
from lakip_cli.display import eja_bilangan
from lakip_cli.source.load import PathKey, YamlDoc
from lakip_cli.source.validate import Sourced

# ---------------------------------------------------------------- passages


@dataclass(frozen=True)
class Passage:
    """One narrative string, where it is, and the indicator it belongs to (if any)."""

    text: str
    location: SourceLocation
    label: str
    indikator: IndikatorReport | None = None
    doc: YamlDoc | None = None
    path: PathKey = ()

    def at(self, offset: int) -> SourceLocation:
        """Where the sentence holding text[offset] starts in the YAML file (the value's start when unknown)."""
        if self.doc is None:
            return self.location
        start = next((s.start for s in sentences(self.text) if s.start <= offset < s.end), offset)
        return self.doc.locate_text(self.path, start + self._lead()) or self.location

    def _lead(self) -> int:
        # Models strip surrounding blanks; offsets in the raw YAML value are shifted by what was stripped.
        if self.doc is None or self.path not in self.doc.strings:
            return 0
        node = self.doc.data
        for part in self.path:
            node = node[part]
        return max(0, node.find(self.text)) if isinstance(node, str) else 0


_LAPORAN_FIELDS = ("kata_pengantar", "ikhtisar", "kesimpulan")
_INSTANSI_FIELDS = ("latar_belakang", "maksud_tujuan", "ruang_lingkup", "tugas_pokok",
                    "dasar_struktur", "sarana", "permasalahan_strategis")
_PERENCANAAN_FIELDS = ("pengantar_renstra", "pengantar_iku")
NARASI_FIELDS = ("target", "tahunan", "jangka_menengah", "standar_nasional", "penyebab", "efisiensi", "program")


def _field(src: Sourced, model: object, name: str, file_label: str) -> Iterator[Passage]:
    text = getattr(model, name)
    if text:
        yield Passage(text, src.at(name), f"{file_label}: {name}", doc=src.doc, path=(name,))


def report_passages(report: Report) -> Iterator[Passage]:
    """The report's own texts in laporan.yaml: kata pengantar, ikhtisar, kesimpulan, langkah mendatang."""
    lap = report.project.laporan
    for name in _LAPORAN_FIELDS:
        yield from _field(lap, lap.model, name, "laporan.yaml")
    for i, text in enumerate(lap.model.langkah_mendatang):
        yield Passage(text, lap.at("langkah_mendatang", i), f"laporan.yaml: langkah_mendatang {i + 1}",
                      doc=lap.doc, path=("langkah_mendatang", i))


def general_passages(report: Report) -> Iterator[Passage]:
    """Narrative of the agency and the report as a whole (not tied to one indicator)."""
    p = report.project
    ins, ren = p.instansi, p.perencanaan
    yield from report_passages(report)
    for name in _INSTANSI_FIELDS:
        yield from _field(ins, ins.model, name, "instansi.yaml")
    for i, text in enumerate(ins.model.fungsi):
        yield Passage(text, ins.at("fungsi", i), f"instansi.yaml: fungsi {i + 1}", doc=ins.doc, path=("fungsi", i))
    for i, unit in enumerate(ins.model.unit_kerja):
        if unit.tugas:
            yield Passage(unit.tugas, ins.at("unit_kerja", i, "tugas"), f"instansi.yaml: tugas {unit.nama}",
                          doc=ins.doc, path=("unit_kerja", i, "tugas"))
        for j, sub in enumerate(unit.sub_unit):
            if sub.tugas:
                yield Passage(sub.tugas, ins.at("unit_kerja", i, "sub_unit", j, "tugas"),
                              f"instansi.yaml: tugas {sub.nama}",
                              doc=ins.doc, path=("unit_kerja", i, "sub_unit", j, "tugas"))
    for name in _PERENCANAAN_FIELDS:
        yield from _field(ren, ren.model, name, "perencanaan.yaml")


def indicator_passages(ind: IndikatorReport) -> Iterator[Passage]:
    """The narrative analyses of one indicator (narasi.* and the national-standard note)."""
    m = ind.model
    for name in NARASI_FIELDS:
        text = getattr(m.narasi, name)
        if text:
            yield Passage(text, ind.source.at("narasi", name), f"{ind.id} narasi.{name}", ind,
                          doc=ind.source.doc, path=("narasi", name))
    if m.standar_nasional and m.standar_nasional.keterangan:
        yield Passage(m.standar_nasional.keterangan, ind.source.at("standar_nasional", "keterangan"),
                      f"{ind.id} standar_nasional.keterangan", ind,
                      doc=ind.source.doc, path=("standar_nasional", "keterangan"))


def all_passages(report: Report) -> Iterator[Passage]:
    yield from general_passages(report)
    for ind in report.indikator:
        yield from indicator_passages(ind)


# ---------------------------------------------------------------- sentences


@dataclass(frozen=True)
class Sentence:
    """A sentence (or list item, or heading) of a passage; start/end index the passage text."""

    start: int
    end: int
    text: str


# A full stop after these is an abbreviation, not the end of a sentence ("Rp. 37.491.400").
_ABBREVIATIONS = {"rp", "no", "sub", "dll", "dsb", "dst", "kab", "kec", "kel", "jl", "dr", "drs", "ir",
                  "h", "hj", "st", "prof", "tbk", "sd", "s.d", "thn", "th", "bpk", "ibu", "sk", "ttg"}
_ABBREVIATION_WINDOW = 12
_LAST_WORD = re.compile(r"([\w.]+)$")
_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)]|[a-z][.)])\s)|[.!?](?=\s)|:\s*\n")


def sentences(text: str) -> list[Sentence]:
    """Split at paragraph breaks, list items, '.', '!' or '?' before a space, and ':' at a line end."""
    return list(_split(text))


@functools.lru_cache(maxsize=4096)
def _split(text: str) -> tuple[Sentence, ...]:
    # Several checks and every excerpt split the same passage; splitting once keeps the checks linear. Each
    # check walks every passage of a report in turn, so the cache holds more passages than a report has (a
    # smaller one would lose each passage before the next check comes back to it).
    cuts = [0]
    for m in _BREAK.finditer(text):
        if m.group().startswith("."):
            # Abbreviations are short: a window of a few characters before the stop is enough (and linear).
            lo = max(0, m.start() - _ABBREVIATION_WINDOW)
            word = _LAST_WORD.search(text, lo, m.start())
            if word and (word.start() > lo or lo == 0) and word.group(1).lower() in _ABBREVIATIONS:
                continue
        cuts.append(m.end())
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Sentence(a + lead, a + lead + len(stripped), stripped))
    return tuple(out)


def excerpt(text: str, start: int, end: int, width: int = 60) -> str:
    """The words around text[start:end], within its sentence, on one line, for a message."""
    parts = _split(text)
    n = bisect.bisect_right([s.start for s in parts], start)
    if n and parts[n - 1].start <= start < parts[n - 1].end:
        lo, hi = parts[n - 1].start, parts[n - 1].end
    else:
        lo, hi = 0, len(text)
    a = max(lo, start - width)
    b = min(hi, end + width)
    if a > lo:
        space = text.find(" ", a, start)
        a = space + 1 if space != -1 else a
    if b < hi:
        space = text.rfind(" ", end, b)
        b = space if space != -1 else b
    core = " ".join(text[a:b].split())
    return ("…" if a > lo else "") + core + ("…" if b < hi else "")


def times(count: int) -> str:
    """' (3 kali)' after the first of several occurrences a finding quotes; nothing for one."""
    return f" ({count} kali)" if count > 1 else ""


def words_before(text: str, pos: int, n: int) -> list[str]:
    """The n words before pos, lower-cased, nearest last."""
    # Widen a window backwards until it holds more than n words, so the cost follows n, not pos.
    width = 256
    while True:
        words = _WORD.findall(text[max(0, pos - width): pos].lower())
        if len(words) > n or width >= pos:
            return words[-n:] if n else []
        width *= 2


_WORD = re.compile(r"[\w-]+")


NEGATIONS = frozenset({"tidak", "belum", "tak", "bukan"})
# Words that make what follows an aim rather than a statement of fact ("untuk mencapai target").
PURPOSE = frozenset({"agar", "supaya", "untuk", "guna", "demi", "harus", "perlu", "diharapkan", "akan",
                     "dapat", "bisa", "mampu", "upaya", "mengupayakan", "berupaya"})
_CONDITIONAL = re.compile(r"\b(?:apabila|seandainya|sebaliknya|kalau|andaikan)\b|\b(?:jika|bila)\b(?!\s+dibanding)",
                          re.IGNORECASE)


def is_conditional(sentence: str) -> bool:
    """'... dan sebaliknya jika ... maka kinerja tidak tercapai' states no fact ('jika dibandingkan' does)."""
    return bool(_CONDITIONAL.search(sentence))


# ---------------------------------------------------------------- years

YEAR = re.compile(r"(?<![\w./-])((?:19|20)\d{2})(?![\w/])")
_MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Nopember|Desember"
# Years inside these are part of a name or a fixed date, not a statement about a reporting year.
_PROTECTED = re.compile(
    r"(?:Nomor|Nom\.|No\.?)\s*[\w./-]+\s*,?\s+(?:Tahun|Thn\.?|Th\.?)\s+(?:19|20)\d{2}"  # Nomor 33 Tahun 2020
    r"|\b\d+\s*/\s*(?:19|20)\d{2}\b"  # 53/2014
    r"|\b(?:19|20)\d{2}\s*(?:-|–|—|s\.?\s?d\.?|sampai(?:\s+dengan)?|hingga)\s*(?:19|20)\d{2}\b"  # 2021 – 2026
    rf"|\b\d{{1,2}}\s+(?:{_MONTHS})\s+(?:19|20)\d{{2}}\b",  # 27 April 1999
    re.IGNORECASE,
)
MULTI_YEAR = re.compile(r"\btahun\s*[-–]\s*tahun\b|\bdari\s+tahun\s+ke\s+tahun\b|\bbeberapa\s+tahun\b"
                        r"|\b\d+\s+(?:\(\w+\)\s+)?tahun\s+terakhir\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\btahun\s+(sebelumnya|lalu|ini)\b|\(n\s*-\s*1\)", re.IGNORECASE)


def protected_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED.finditer(text)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def free_years(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, year) of each year that is not part of a citation, a period or a full date."""
    spans = protected_spans(text)
    for m in YEAR.finditer(text):
        if not _inside(m.start(), spans):
            yield m.start(), m.end(), int(m.group(1))


def year_refs(sentence: str, report_year: int) -> list[tuple[int, int]]:
    """(position, year) of every reference to a year: '2022', 'tahun lalu', 'tahun ini', '(n-1)'."""
    refs = [(start, year) for start, _, year in free_years(sentence)]
    multi = [m.span() for m in MULTI_YEAR.finditer(sentence)]
    for m in _RELATIVE.finditer(sentence):
        if _inside(m.start(), multi) or _inside(m.end() - 1, multi):
            continue
        word = (m.group(1) or "lalu").lower()
        refs.append((m.start(), report_year if word == "ini" else report_year - 1))
    return sorted(refs)


@functools.lru_cache(maxsize=256)
def _year_index(sentence: str, report_year: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    # Checks ask for the year at many positions of one sentence; scanning it once keeps that linear.
    refs = year_refs(sentence, report_year)
    return tuple(at for at, _ in refs), tuple(year for _, year in refs)


def year_at(sentence: str, pos: int, report_year: int) -> int:
    """The year a statement at pos is about: the last year named before it, else the report year."""
    positions, years = _year_index(sentence, report_year)
    n = bisect.bisect_left(positions, pos)
    return years[n - 1] if n else report_year


def years_named(sentence: str, report_year: int) -> set[int]:
    return {year for _, year in year_refs(sentence, report_year)}


# ---------------------------------------------------------------- numbers written in prose


def parse_angka(text: str) -> tuple[Decimal, int] | None:
    """'3,6' -> (3.6, 1); '13.774' -> (13774, 0); '100' -> (100, 0)."""
    t = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        t = t.replace(".", "")
    t = t.replace(",", ".")
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    places = len(t.split(".")[1]) if "." in t else 0
    return value, places


def agrees(computed: Decimal | None, written: Decimal, places: int) -> bool:
    """True when the written number is the computed one at the precision the text uses (rounded or cut)."""
    if computed is None:
        return True
    q = Decimal(1).scaleb(-places)
    return written in (computed.quantize(q, rounding=ROUND_HALF_UP), computed.quantize(q, rounding=ROUND_DOWN))


_PERCENT = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?)\s*(?:%|persen\b)", re.IGNORECASE)
_KEYWORDS = (
    ("capaian", r"capaian|pencapaian|tercapai|dicapai|di\s+capai|mencapai|mencapainya"),
    ("realisasi", r"realisasi|terealisasi|direalisasikan"),
    ("efisiensi", r"efisiensi|efesiensi|efisiensinya"),
    ("serapan", r"serapan|penyerapan|daya\s+serap|terserap"),
    # Percentages after these belong to something else; they stop the search for a keyword.
    ("lain", r"target|standar|renstra|rpjmd|rpjmn|rata-rata|persentase|prosentase|predikat|bobot|sisa"),
)
_KEYWORD = re.compile("|".join(rf"\b(?P<{kind}>{pattern})\b" for kind, pattern in _KEYWORDS), re.IGNORECASE)
_MAX_GAP_WORDS = 6
_MAX_GAP_CHARS = 400  # six words and a few years never take more; longer gaps are not scanned


@dataclass(frozen=True)
class PercentMention:
    """A percentage written right after capaian/realisasi/efisiensi/serapan: what, how much, for which year."""

    kind: str
    value: Decimal
    places: int
    year: int
    start: int
    end: int


def percent_mentions(text: str, report_year: int) -> Iterator[PercentMention]:
    """Each 'capaian 94 %', 'realisasi sebesar 105%', 'efisiensi anggaran 3,6%' of a passage.

    The keyword must come at most six words before the number, with no other
    number in between (a year is allowed: 'realisasi tahun 2021 94%').
    """
    for s in sentences(text):
        # One scan for keywords per sentence; each number then looks up the last keyword before it.
        keywords = list(_KEYWORD.finditer(s.text))
        ends = [k.end() for k in keywords]
        for m in _PERCENT.finditer(s.text):
            parsed = parse_angka(m.group(1))
            if parsed is None:
                continue
            n = bisect.bisect_right(ends, m.start())
            keyword = keywords[n - 1] if n else None
            if keyword is None or keyword.lastgroup == "lain":
                continue
            gap = s.text[keyword.end(): m.start()]
            if len(gap) > _MAX_GAP_CHARS:
                continue
            gap_wo_years = YEAR.sub(" ", _RELATIVE.sub(" ", gap))
            if re.search(r"\d", gap_wo_years) or len(re.findall(r"\w+", gap_wo_years)) > _MAX_GAP_WORDS:
                continue
            yield PercentMention(
                kind=keyword.lastgroup or "", value=parsed[0], places=parsed[1],
                year=year_at(s.text, m.start(), report_year),
                start=s.start + m.start(), end=s.start + m.end(),
            )


def figure_of(ind: IndikatorReport, year: int) -> YearFigure | None:
    for yf in ind.seri:
        if yf.tahun == year:
            return yf
    return None


# ---------------------------------------------------------------- numbers written in words

_NUMBER_WORD = (r"nol|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus"
                r"|belas|puluh|ratus")
# At most seven words ("sembilan ratus sembilan puluh sembilan" has five): a bounded run keeps a scan linear.
NUMBER_WORDS = re.compile(rf"\b(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD})){{0,6}}\b", re.IGNORECASE)
_WORDS_LIMIT = 1000


@functools.lru_cache(maxsize=1)
def _number_names() -> dict[str, int]:
    return {eja_bilangan(n): n for n in range(_WORDS_LIMIT)}


def parse_kata_bilangan(text: str) -> int | None:
    """'sebelas' -> 11, 'dua puluh satu' -> 21, 'Seratus-Lima' -> 105; None for anything else (or >= 1000)."""
    key = " ".join(text.lower().replace("-", " ").split())
    return _number_names().get(key)


# ---------------------------------------------------------------- terms written by planners


def literal_pattern(term: str) -> str:
    """A planner's term as a whole-word pattern: its text escaped (never read as a regex), any blanks between words."""
    return r"(?<!\w)" + r"\s+".join(re.escape(word) for word in term.split()) + r"(?!\w)"


def term_key(term: str) -> str:
    """How two spellings of one term compare: blanks collapsed, case folded."""
    return " ".join(term.split()).casefold()
