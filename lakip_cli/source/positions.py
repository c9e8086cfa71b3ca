"""positions: where a character of a loaded string value stands in the text of its YAML file."""

from __future__ import annotations

import bisect
import re

_WORD = re.compile(r"\S+")


class WordMap:
    """Where each character of a scalar's value stands in its source: align's answer, mostly without its walk.

    Where the value's words are the source's words (no escapes, no doubled quote), the k-th character of a
    word is the k-th character of the same word in the source: two lists of word starts, made by the regex
    engine, answer every visible character. A blank, or a value whose words changed on the way from the
    source (escapes, '' in single quotes), takes the character walk of align, made once.
    """

    __slots__ = ("_value", "_source", "_style", "_words", "_walk")

    def __init__(self, value: str, source: str, style: str | None,
                 words: tuple[list[int], list[int]] | None) -> None:
        self._value, self._source, self._style = value, source, style
        self._words = words  # (word starts in the value, the same words' starts in the source)
        self._walk: list[int] | None = None

    @classmethod
    def of(cls, value: str, source: str, style: str | None) -> WordMap:
        if (style == '"' and "\\" in source) or (style == "'" and "''" in source):
            return cls(value, source, style, None)
        body = _body_start(source, style)
        words, source_words = value.split(), source[body:].split()
        n = len(words)
        same = n <= len(source_words) and (n == 0 or (words[:-1] == source_words[: n - 1]
                                                      and source_words[n - 1].startswith(words[-1])))
        if not same:
            return cls(value, source, style, None)
        starts = [m.start() for m in _WORD.finditer(value)]
        source_starts = [m.start() for m in _WORD.finditer(source, body)][:n]
        return cls(value, source, style, (starts, source_starts))

    @property
    def shortcut(self) -> bool:
        """Whether the words answer (the walk is made only for blanks)."""
        return self._words is not None

    def index(self, offset: int) -> int:
        """The index in the source of the value's character `offset` (0 <= offset < len(value))."""
        if self._words is not None and not self._value[offset].isspace():
            starts, source_starts = self._words
            word = bisect.bisect_right(starts, offset) - 1
            return source_starts[word] + offset - starts[word]
        if self._walk is None:
            self._walk = align(self._value, self._source, self._style)
        return self._walk[offset]


def _body_start(source: str, style: str | None) -> int:
    """Where a scalar's text starts in its source: after a block scalar's header line, or an opening quote."""
    return source.find("\n") + 1 if style in ("|", ">") else (1 if style in ('"', "'") else 0)


def align(value: str, source: str, style: str | None) -> list[int]:
    """For each character of a scalar's value, its index in the scalar's source text.

    Folding, indentation, line continuations and escapes change the text between
    source and value, never the order of its visible characters: each non-blank
    value character is the next matching source character after blanks (or the
    escape sequence that produced it). Blanks map to wherever the walk stands.
    """
    j = _body_start(source, style)
    out: list[int] = []
    for ch in value:
        if ch.isspace():
            while style == '"' and source.startswith("\\\n", j):  # a line continuation: break and indent vanish
                j += 2
                while j < len(source) and source[j] in " \t":
                    j += 1
            out.append(j)
            if j < len(source) and source[j].isspace():
                j += 1
            elif style == '"' and source[j : j + 1] == "\\" and source[j + 1 : j + 2] not in ("\n", ""):
                j += {"x": 4, "u": 6, "U": 10}.get(source[j + 1 : j + 2], 2)  # an escaped blank, e.g. \t
            continue
        while j < len(source) and (source[j].isspace() or (style == '"' and source.startswith("\\\n", j))):
            j += 1
        out.append(j)
        if j >= len(source):
            continue
        if style == '"' and source[j] == "\\":
            j += {"x": 4, "u": 6, "U": 10}.get(source[j + 1 : j + 2], 2)
        elif source[j] == ch:
            j += 2 if style == "'" and ch == "'" and source.startswith("''", j) else 1
        else:
            j += 1
    return out
