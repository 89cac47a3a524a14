"""Safe YAML loading that remembers line numbers and rejects duplicate keys."""

from __future__ import annotations

from pathlib import Path

import yaml


def display_path(path) -> str:
    """The path relative to the current folder when it lies below it, else as given."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve())) if p.is_absolute() else str(p)
    except ValueError:
        return str(p)


class InputError(Exception):
    """A problem in an input file, with its location and how to fix it."""

    def __init__(self, path, line: int | None, message: str, record: str | None = None):
        self.path, self.line, self.record, self.message = display_path(path), line, record, message
        where = self.path + (f":{line}" if line else "")
        rec = f" [{record}]" if record else ""
        super().__init__(f"{where}{rec}: {message}")


class LineDict(dict):
    """A mapping that knows the line (1-based) it starts on and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that knows the line (1-based) of each item."""

    item_lines: list

    def line_at(self, i: int) -> int | None:
        return self.item_lines[i] if i < len(self.item_lines) else None


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's safe loader (C, several times faster than PyYAML's pure-Python one) when PyYAML has it: its nodes
    carry the same line marks, so the constructors below work on either."""


def _construct_sequence(loader: "_Loader", node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise InputError(loader.name, key_node.start_mark.line + 1,
                             f"key {key!r} appears twice in the same mapping (first on line "
                             f"{out.key_lines[key]}); keep one")
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path):
    """Load one YAML file with the safe loader; every problem becomes an InputError naming file and line."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(path, None, f"cannot read the file ({e.strerror})") from None
    if not raw.strip():
        raise InputError(path, None, "the file is empty: it must hold a YAML mapping")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise InputError(path, 1, "the file starts with a byte-order mark: save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(path, line, f"not valid UTF-8 (byte 0x{raw[e.start]:02x}): save the file as UTF-8") from None
    loader = _Loader(text)
    loader.name = str(path)
    try:
        data = loader.get_single_data()
    except InputError:
        raise
    except yaml.constructor.ConstructorError as e:
        mark = e.problem_mark or e.context_mark
        raise InputError(path, mark.line + 1 if mark else None,
                         f"unsupported YAML tag ({e.problem}): coding files are plain YAML, read with the safe "
                         "loader; remove the tag") from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(path, line, f"YAML syntax error: {e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise InputError(path, None, f"YAML error: {e}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise InputError(path, 1, f"the file must hold a YAML mapping at the top, not a {type(data).__name__}")
    return data
