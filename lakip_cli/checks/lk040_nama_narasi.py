"""LK040 nama-narasi: a program, kegiatan, sub kegiatan or sasaran named in the narrative almost as in the data.

What it checks:
    Where any narrative names something by its kind ("Program ...",
    "Kegiatan ...", "Sub Kegiatan ...", "Sasaran ..."), the words that follow
    are compared with the names of that kind in anggaran.yaml (programs,
    kegiatan, sub kegiatan) or perencanaan.yaml (sasaran), ignoring case,
    spaces and punctuation. A finding needs a near miss: the closest name is
    similar (difflib ratio above 0.8) but not equal, no name of any kind is
    written exactly, and the words are not simply the start or a part of the
    name ("Sub kegiatan penanganan konflik sosial" for "Penanganan Konflik
    Sosial di Daerah" is a short reference, not a wrong name). Text that names something else ("Kegiatan Timdu
    P4GN", "Program, Kegiatan dan Sub Kegiatan ini") is not similar enough to
    be reported. Only the few names that share at least half of their words
    with the text are compared letter by letter, so the cost follows the
    text, not the number of budget lines; one finding per name and passage.

Why it matters:
    Nomenclature names are checked letter by letter against the DPA. The
    seed writes "Kegiatan Perumusan Kebijakan Teknis dan Pemantapan
    Pelaksanakan Bidang Pemberdayaan ..." for the kegiatan the budget calls
    "Perumusan Kebijakan Teknis dan pemantapan pelaksanaan di bidang
    Pemberdayaan ...": close enough to be meant, different enough to be
    wrong.

Bad:
    anggaran.yaml "Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan" and
    narasi "melalui Program Pemberdayaan dan Pengawasan Organisasi
    Kemasyarakatn".

Good:
    "melalui Program Pemberdayaan dan Pengawasan Organisasi
    Kemasyarakatan" (copied from the data; better: printed from it by the
    template).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from lakip_cli.checks.narrative import all_passages
from lakip_cli.compute.report import Report
from lakip_cli.diagnostics import Diagnostic, Severity

CODE = "LK040"
NAME = "nama-narasi"
SEVERITY: Severity = "warning"
SUMMARY = "Nama program/kegiatan/sub kegiatan/sasaran dalam narasi hampir sama, tetapi tidak sama, dengan datanya"

SIMILAR = 0.8
_KIND = re.compile(r"\b(?P<kind>sub[\s.,]*kegiatan|kegiatan|program|sasaran)\b(?:\s+strategis\b)?[\s:]*",
                   re.IGNORECASE)
_WORD = re.compile(r"\S+")
_END = re.compile(r"[.;:!?]$")
_STOP = re.compile(r"(?:sub[.,]?(?:kegiatan)?|kegiatan|program|sasaran|pada)[.,:]?", re.IGNORECASE)
_SLACK = 3  # the narrative's name may have a few words more or fewer than the data's


_NOT_PLAIN = re.compile(r"[^0-9a-z]")


def _plain(text: str) -> str:
    return _NOT_PLAIN.sub("", text.lower())


def _kind(raw: str) -> str:
    low = re.sub(r"[\s.,]+", " ", raw.lower())
    return "sub kegiatan" if low.startswith("sub") else low


def _names(report: Report) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {"program": set(), "kegiatan": set(), "sub kegiatan": set(), "sasaran": set()}
    for line in report.anggaran:
        names["program"].add(line.program)
        names["kegiatan"].add(line.kegiatan)
        names["sub kegiatan"].add(line.nama)
    names["sasaran"] |= {s.uraian for s in report.project.perencanaan.model.sasaran}
    return names


_TOKEN = re.compile(r"[a-z0-9]{3,}")
_CANDIDATES = 3


class _Index:
    """The names of one kind, found by the words they share with a text (so a mention compares a few names)."""

    def __init__(self, names: set[str]) -> None:
        self.names = sorted(names)
        self.words = [set(_TOKEN.findall(n.lower())) for n in self.names]
        self.postings: dict[str, list[int]] = {}
        for i, words in enumerate(self.words):
            for w in words:
                self.postings.setdefault(w, []).append(i)

    def candidates(self, text: str) -> list[str]:
        """The names most of whose words the text holds: only those can be more than 80% alike."""
        shared: dict[int, int] = {}
        for w in set(_TOKEN.findall(text.lower())):
            for i in self.postings.get(w, ()):
                shared[i] = shared.get(i, 0) + 1
        share = sorted(((n / len(self.words[i]), i) for i, n in shared.items() if 2 * n >= len(self.words[i])),
                       reverse=True)
        return [self.names[i] for _, i in share[:_CANDIDATES]]


def _name_words(text: str, start: int, limit: int) -> list[re.Match[str]]:
    """The words after a kind word, up to the sentence or line end or the next kind word ("... pada Sub Kegiatan")."""
    words: list[re.Match[str]] = []
    for w in _WORD.finditer(text, start):
        if len(words) >= limit or (words and "\n" in text[words[-1].end():w.start()]):
            break
        if words and _STOP.fullmatch(w.group()):
            break
        words.append(w)
        if _END.search(w.group()):
            break
    return words


def _best(words: list[re.Match[str]], text: str, names: list[str],
          ratios: dict[tuple[str, str], float]) -> tuple[float, str, int]:
    """(ratio, data name, end offset) of the closest name to some run of the words, if more than SIMILAR alike.

    The closest is the first (by name, then run length) of the highest ratio. Only a ratio above SIMILAR can
    make a finding, and a ratio is never above its quick upper bound (difflib's quick_ratio), so the pairs are
    compared letter by letter from the highest bound down, and only while the bound can still beat the best:
    the result is (SIMILAR, "", 0) when no name is that close. `ratios` keeps the letter-by-letter ratios of
    the report (the same name is mentioned alike in many passages).
    """
    start = words[0].start()
    runs = [_plain(text[start: w.end()]) for w in words]
    # (bound, order, run, target, its matcher, name, end)
    pairs: list[tuple[float, int, str, str, difflib.SequenceMatcher[str], str, int]] = []
    for name in names:
        n = len(name.split())
        target = _plain(name)
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(target)
        for k in range(max(1, n - _SLACK), min(len(words), n + _SLACK) + 1):
            matcher.set_seq1(runs[k - 1])
            if matcher.real_quick_ratio() <= SIMILAR:
                continue
            bound = matcher.quick_ratio()
            if bound > SIMILAR:
                pairs.append((bound, len(pairs), runs[k - 1], target, matcher, name, words[k - 1].end()))
    pairs.sort(key=lambda p: (-p[0], p[1]))
    best, best_order = (SIMILAR, "", 0), len(pairs)
    for bound, order, run, target, matcher, name, end in pairs:
        if bound < best[0] or (bound == best[0] and order > best_order):
            break  # sorted by bound: no later pair can beat the best, nor tie it earlier in order
        ratio = ratios.get((run, target))
        if ratio is None and _subsequence_bound(run, target) < best[0]:
            continue  # cannot beat the best: not worth comparing letter by letter
        if ratio is None:
            matcher.set_seq1(run)
            ratio = ratios[run, target] = matcher.ratio()
        if ratio > best[0] or (ratio == best[0] and order < best_order and best[1]):
            best, best_order = (ratio, name, end), order
    return best


def _subsequence_bound(a: str, b: str) -> float:
    """An upper bound of difflib's ratio of a and b that costs a few integer operations per letter of a.

    The blocks difflib matches appear in both strings in the same order, so they are a common subsequence:
    their length is at most the longest common subsequence, counted here with one bit per letter of b
    (Hyyro's bit-parallel form of the dynamic programme).
    """
    if not a or not b:
        return 1.0 if a == b else 0.0  # as difflib has it
    where: dict[str, int] = {}
    for i, ch in enumerate(b):
        where[ch] = where.get(ch, 0) | (1 << i)
    full = (1 << len(b)) - 1
    row = full
    for ch in a:
        match = row & where.get(ch, 0)
        row = ((row + match) | (row - match)) & full
    common = len(b) - row.bit_count()
    return 2 * common / (len(a) + len(b))


def check(report: Report) -> Iterator[Diagnostic]:
    names = _names(report)
    index = {kind: _Index(group) for kind, group in names.items()}
    every = {_plain(n) for group in names.values() for n in group}
    longest = max((len(n.split()) for group in names.values() for n in group), default=0) + _SLACK
    ratios: dict[tuple[str, str], float] = {}
    for passage in all_passages(report):
        text = passage.text
        seen: set[tuple[str, str]] = set()  # one finding per name and passage
        for m in _KIND.finditer(text):
            kind = _kind(m.group("kind"))
            words = _name_words(text, m.end(), longest)
            if not words or not names[kind] or _STOP.fullmatch(words[0].group()):
                continue  # "Program Program ...": the second mention is the name (LK026 reports the repeat)
            if any(_plain(text[words[0].start(): w.end()]) in every for w in words):
                continue  # a name of the data written exactly (the common case: no letters to compare)
            ratio, name, end = _best(words, text, index[kind].candidates(text[words[0].start():words[-1].end()]),
                                     ratios)
            if ratio <= SIMILAR or ratio >= 1:
                continue
            written = text[words[0].start(): end]
            if _plain(written) in _plain(name) or _plain(name) in _plain(written):
                continue  # a shortened name ("sub kegiatan penanganan konflik sosial"), or the name and more words
            if (kind, name) in seen:
                continue
            seen.add((kind, name))
            yield Diagnostic(
                passage.at(m.start()), CODE, SEVERITY,
                f"{passage.indikator.id + ': ' if passage.indikator else passage.label + ': '}narasi menulis "
                f"{kind} (\"{' '.join(written.split()).rstrip('.,;:')}\"), hampir sama dengan nama di data \"{name}\""
                "; salin nama dari data atau perbaiki datanya",
            )


# The rule explained to planners, in Indonesian (`lakip rules KODE`).
PENJELASAN = {
    "apa": (
        "Bila narasi menyebut sesuatu dengan jenisnya (\"Program ...\", \"Kegiatan ...\", \"Sub Kegiatan ...\", "
        "\"Sasaran ...\"), kata-kata sesudahnya dibandingkan dengan nama sejenis di anggaran.yaml (program, "
        "kegiatan, sub kegiatan) atau perencanaan.yaml (sasaran), tanpa memperhatikan huruf besar, spasi dan "
        "tanda baca. Temuan hanya bila nyaris sama: nama terdekat mirip (rasio difflib di atas 0,8) tetapi "
        "tidak sama, tidak ada nama yang tertulis persis, dan kata-katanya bukan sekadar bagian dari nama "
        "itu (\"Sub kegiatan penanganan konflik sosial\" untuk \"Penanganan Konflik Sosial di Daerah\" adalah "
        "sebutan singkat). Teks yang menyebut hal lain (\"Kegiatan Timdu "
        "P4GN\") tidak cukup mirip untuk dilaporkan."
    ),
    "mengapa": (
        "Nama nomenklatur diperiksa huruf demi huruf terhadap DPA. Laporan asal menulis \"Kegiatan Perumusan "
        "Kebijakan Teknis dan Pemantapan Pelaksanakan Bidang Pemberdayaan ...\" untuk kegiatan yang di "
        "anggaran bernama \"Perumusan Kebijakan Teknis dan pemantapan pelaksanaan di bidang Pemberdayaan "
        "...\": cukup dekat untuk dimaksudkan, cukup berbeda untuk salah."
    ),
    "salah": (
        "anggaran.yaml \"Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan\" dan narasi \"melalui Program "
        "Pemberdayaan dan Pengawasan Organisasi Kemasyarakatn\"."
    ),
    "benar": (
        "\"melalui Program Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan\" (disalin dari data; lebih "
        "baik lagi: dicetak dari data oleh templat)."
    ),
}
