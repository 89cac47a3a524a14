"""The bytes and sha256 of every file a data package's descriptor names, with the standard library only: a command
can start them beside itself before the data libraries load (``newsevents validate`` hashes while pandas, Arrow and
pandera are imported, which keep one core busy and leave the other idle)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def resource_paths(dp: dict) -> list[str]:
    """The descriptor's resource paths that stay inside the package (the descriptor layer reports the others)."""
    paths = []
    for r in dp.get("resources", []) if isinstance(dp, dict) else []:
        path = r.get("path") if isinstance(r, dict) else None
        if isinstance(path, str) and not path.startswith("/") and ".." not in Path(path).parts:
            paths.append(path)
    return paths


def digest(path: Path) -> tuple[int, str]:
    """A file's size in bytes and its sha256, read in blocks (memory stays flat); OSError when it cannot be read."""
    h, n = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 18), b""):  # 256 KiB: larger blocks leave the CPU caches (slower)
            h.update(block)
            n += len(block)
    return n, h.hexdigest()


def digest_files(dp: dict, root: Path) -> dict:
    """Resource path -> (bytes, sha256), or the OSError that stopped reading it."""
    out: dict = {}
    for path in resource_paths(dp):
        try:
            out[path] = digest(root / path)
        except OSError as e:
            out[path] = e
    return out


def digest_package(dp_path: Path) -> dict | None:
    """digest_files of the package at ``dp_path``; None when its descriptor cannot be read (validation says why)."""
    try:
        dp = json.loads(Path(dp_path).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return digest_files(dp, Path(dp_path).parent)


BESIDE_FROM = 64 << 20  # bytes of files from which hashing them is worth a process of its own


def start(dp_path: Path):
    """digest_package(dp_path) started beside this process (beside.py: a forked process, which does not wait for
    Python's lock while this one imports, else a thread), or done at once for a package of less than BESIDE_FROM
    bytes; its ``result()`` gives the digests."""
    from .beside import Beside, Ready

    dp_path = Path(dp_path)
    try:
        dp = json.loads(dp_path.read_bytes().decode("utf-8"))
        size = sum((dp_path.parent / p).stat().st_size for p in resource_paths(dp))
    except (OSError, UnicodeDecodeError, ValueError):
        size = 0  # the descriptor or a file cannot be read: digest_package and validation say so
    if size < BESIDE_FROM:
        return Ready(digest_package(dp_path))
    return Beside(digest_package, dp_path, what="hashing the package's files")
