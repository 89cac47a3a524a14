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

    def __reduce__(self):  # sent between processes as it was made (the path is already the displayed one)
        return InputError, (self.path, self.line, self.message, self.record)


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
    carry the same line marks, so the construction below works on either."""

    def resolve(self, kind, value, implicit):
        """The implicit tag of a scalar (str, int, bool, date...), remembered per short value: the same keys and
        words recur in every file, and PyYAML's resolver tries its regular expressions on each occurrence."""
        if kind is not yaml.ScalarNode or len(value) > 40:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < 100_000:  # bounded, for long-lived processes
                _RESOLVED[key] = tag
        return tag


_RESOLVED: dict = {}  # (scalar, implicit flags) -> tag; the safe resolver has no path resolvers, so this is exact


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{k}" for k in ("str", "seq", "map"))
_SCALARS = {f"tag:yaml.org,2002:{k}": _Loader.yaml_constructors[f"tag:yaml.org,2002:{k}"]
            for k in ("null", "bool", "int", "float", "timestamp", "binary")}


def _construct(loader: "_Loader", node: yaml.Node, memo: dict):
    """The Python value of ``node``: one recursive pass over libyaml's node tree, strings taken as they are and other
    scalars by the safe constructor of their tag (PyYAML's generic ``construct_object`` machinery costs about twice
    the parse). Mappings become LineDict and sequences LineList, with the line of every key and item."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        return _SCALARS.get(node.tag, _Loader.construct_undefined)(loader, node)
    key = id(node)
    if key in memo:  # an alias: the anchored value, once constructed
        if memo[key] is None:
            raise InputError(loader.name, node.start_mark.line + 1, "an alias refers to the collection that holds "
                             "it (a recursive structure); remove the anchor or the alias")
        return memo[key]
    memo[key] = None
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        out = LineList(_construct(loader, child, memo) for child in node.value)
        out.item_lines = [child.start_mark.line + 1 for child in node.value]
    elif isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        loader.flatten_mapping(node)
        out = LineDict()
        out.line = node.start_mark.line + 1
        out.key_lines = lines = {}
        for key_node, value_node in node.value:
            k = _construct(loader, key_node, memo)
            try:
                hash(k)
            except TypeError:
                raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                        "found unhashable key", key_node.start_mark) from None
            if k in out:
                raise InputError(loader.name, key_node.start_mark.line + 1,
                                 f"key {k!r} appears twice in the same mapping (first on line {lines[k]}); keep one")
            out[k] = _construct(loader, value_node, memo)
            lines[k] = key_node.start_mark.line + 1
    else:
        out = loader.construct_undefined(node)
    memo[key] = out
    return out


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
        node = loader.get_single_node()
        data = None if node is None else _construct(loader, node, {})
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
