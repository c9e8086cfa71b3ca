"""scaffold: YAML text <-> round-trip data that keeps the planner's comments, key order and quoting."""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

# (mapping, sequence, offset) indentations in common use; the one that reproduces a file is kept for it.
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 0), (4, 4, 2))


class _NullWordRepresenter(RoundTripRepresenter):
    """Writes an empty value as 'null', for files that spell it so (a subclass: the base class stays as it is)."""


_NullWordRepresenter.add_representer(
    type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null"))


def _make(indent: tuple[int, int, int], null_word: bool) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 4096  # never rewrap a long line the planner wrote
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    if null_word:
        yaml.Representer = _NullWordRepresenter
    return yaml


@dataclass
class RoundTrip:
    """One YAML document loaded for editing, with the dumper that writes it back in its own style."""

    data: Any
    yaml: YAML

    def dump(self) -> str:
        buf = io.StringIO()
        self.yaml.dump(self.data, buf)
        return buf.getvalue()


def load_roundtrip(text: str) -> RoundTrip:
    """Load text for editing; the dumper chosen is the first that writes the unedited text back unchanged.

    Raises ruamel's YAMLError on text it cannot read (callers validate the file beforehand).
    """
    fallback: RoundTrip | None = None
    for indent, null_word in itertools.product(_INDENTS, (False, True)):
        yaml = _make(indent, null_word)
        data = yaml.load(text)
        doc = RoundTrip(data, yaml)
        if doc.dump() == text:
            return doc
        fallback = fallback or doc
    assert fallback is not None
    return RoundTrip(fallback.yaml.load(text), fallback.yaml)


def plain_copy(node: Any) -> Any:
    """A copy of a loaded value without the comments attached to it (scalars keep their style)."""
    if isinstance(node, dict):
        out = CommentedMap()
        for key, value in node.items():
            out[key] = plain_copy(value)
        return out
    if isinstance(node, list):
        return CommentedSeq(plain_copy(v) for v in node)
    return node


def insert_after(mapping: CommentedMap, key: str, value: Any, after: tuple[str, ...]) -> None:
    """Set key in mapping; a new key goes after the last present of `after`, else at the end."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping)
    positions = [keys.index(k) + 1 for k in after if k in mapping]
    mapping.insert(max(positions) if positions else len(keys), key, value)


__all__ = ["RoundTrip", "YAMLError", "insert_after", "load_roundtrip", "plain_copy"]
