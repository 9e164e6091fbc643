"""Resumable on-disk cache of per-file results, keyed by file content.

Each finished file is written at once (atomic rename) as one JSON file named by the
SHA-256 of its bytes plus a fingerprint of the settings and of the gkreview code
(its version and the content of its modules and models, so that a changed rule
never serves results of the old one, even between releases). A run that crashed,
or a folder that grew, therefore re-processes only files whose content, settings or
code is new; nothing already finished is lost.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from gkreview._version import __version__


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes, streamed."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 over the package's modules, data tables and models (~1 ms, once per process)."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for f in sorted(package.rglob("*")):
        if f.suffix in (".py", ".npz", ".json", ".txt") and f.is_file():
            h.update(str(f.relative_to(package)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


class ResultCache:
    """A folder of JSON results: ``<root>/<key[:2]>/<key>.json``."""

    def __init__(self, root: str | os.PathLike[str], fingerprint: str) -> None:
        self.root = Path(root)
        self.fingerprint = hashlib.sha256(f"{code_fingerprint()}|{fingerprint}".encode()).hexdigest()[:16]

    def key(self, digest: str) -> str:
        """Cache key of a file digest under the current settings and code."""
        return f"{digest}-{self.fingerprint}"

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, digest: str) -> dict[str, Any] | None:
        """The cached result for a file digest, or None (also when the entry is damaged)."""
        p = self._path(self.key(digest))
        try:
            return json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, digest: str, result: dict[str, Any]) -> None:
        """Store a result atomically (a crash never leaves half a file behind)."""
        p = self._path(self.key(digest))
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(result, fh, ensure_ascii=False)
        os.replace(tmp, p)
