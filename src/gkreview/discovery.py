"""Find the files to audit: recursive walk with include/exclude globs, stable order."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.docx", "*.pdf", "*.html", "*.htm", "*.shtml", "*.xhtml")
DEFAULT_EXCLUDE: tuple[str, ...] = (".git/*", "*/.git/*", ".gkreview-cache/*", "*/.gkreview-cache/*", "~$*")


def _match(rel: str, name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def discover(paths: Sequence[str | os.PathLike[str]], include: Sequence[str] = DEFAULT_INCLUDE,
             exclude: Sequence[str] = ()) -> list[Path]:
    """Files under ``paths`` matching ``include`` and not ``exclude``, sorted, without duplicates.

    A path given explicitly as a file is always included (the user named it), whatever
    its suffix; the parsers choose the format by content anyway.
    """
    exclude = tuple(exclude) + DEFAULT_EXCLUDE
    seen: set[Path] = set()
    out: list[Path] = []
    for raw in paths:
        root = Path(raw)
        if root.is_file():
            candidates: Iterable[Path] = [root]
        elif root.is_dir():
            candidates = _walk(root, include, exclude)
        else:
            raise FileNotFoundError(f"no such file or folder: {root}")
        for p in candidates:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def _walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterable[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        dirnames[:] = sorted(d for d in dirnames
                             if not _match(os.path.normpath(os.path.join(rel_dir, d)) + "/x", d, exclude))
        for name in sorted(filenames):
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if _match(rel, name, include) and not _match(rel, name, exclude):
                found.append(Path(dirpath) / name)
    return found
