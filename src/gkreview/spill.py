"""Large summary fields kept on disk during an audit instead of in the parent process.

A document's batch summary is small except for the duplicate checker's masked text
(~70 KB a report, nine tenths of a result). An audit keeps every result until its
batch stage, so held in memory those texts alone would take ~7 GB per 100,000
reports. Workers on the machine of the run therefore write such fields (those a
check module lists in ``SPILL_FIELDS``) to a per-run folder and return a reference
instead; a batch check reads them back with :func:`resolve`, and only for the few
documents it compares exactly. Sending the reference instead of the text also spares
the parent from unpickling it. Remote Dask workers share no folder with the parent
and return the fields inline; :func:`resolve` passes inline values through.

Each process appends its fields to one file of the folder (``<pid>.spill``) and a
reference names the file, offset and length: a folder of 100,000 reports holds a few
files instead of 200,000, a worker creates no file per document, and the batch stage
reads a field with one ``pread`` on a file it keeps open.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

SPILL_KEY = "$spill"
# Open descriptors of this process: the file it appends to per folder, and the last few files it read from.
_WRITERS: dict[str, int] = {}
_READERS: OrderedDict[str, int] = OrderedDict()
_MAX_READERS = 8


def is_ref(value: Any) -> bool:
    """True for a reference made by :func:`put`."""
    return isinstance(value, dict) and len(value) == 1 and SPILL_KEY in value


def put(directory: str, value: Any) -> dict[str, str]:
    """Append ``value`` to this process's file of ``directory``; return the reference that stands for it.

    The reference is ``{SPILL_KEY: "<file>#<offset>+<length>"}``, unique to the record
    for as long as the folder lives (its key names it in caches of decoded values).
    """
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    path = os.path.join(directory, f"{os.getpid()}.spill")
    fd = _WRITERS.get(path)
    if fd is None:
        fd = _WRITERS[path] = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    offset = os.lseek(fd, 0, os.SEEK_END)  # only this process appends here: its end is where the record goes
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    return {SPILL_KEY: f"{path}#{offset}+{len(data)}"}


def _reader(path: str) -> int:
    fd = _READERS.get(path)
    if fd is not None:
        _READERS.move_to_end(path)
        return fd
    fd = _READERS[path] = os.open(path, os.O_RDONLY)
    if len(_READERS) > _MAX_READERS:
        os.close(_READERS.popitem(last=False)[1])
    return fd


def resolve(value: Any) -> Any:
    """The value a reference stands for (any other value as it is)."""
    if not is_ref(value):
        return value
    path, _, span = value[SPILL_KEY].rpartition("#")
    offset, _, length = span.partition("+")
    data = os.pread(_reader(path), int(length), int(offset))
    if len(data) != int(length):
        raise OSError(f"spilled record cut short: {value[SPILL_KEY]}")
    return pickle.loads(data)  # a record this run wrote into its own private folder


def release(directory: str) -> None:
    """Close this process's descriptors of files in ``directory`` (before it is removed, or when a process
    that wrote there has finished writing)."""
    prefix = os.path.join(directory, "")
    for table in (_WRITERS, _READERS):
        for path in [p for p in table if p.startswith(prefix)]:
            with contextlib.suppress(OSError):
                os.close(table.pop(path))


def _discard(directory: str) -> None:
    release(directory)
    shutil.rmtree(directory, ignore_errors=True)


def spill_summaries(result: dict[str, Any], directory: str, fields: dict[str, tuple[str, ...]]) -> None:
    """Replace, in a ``FileResult.to_dict()``, each listed summary field by a reference (in place).

    A field that cannot be written (full disk, folder gone) stays inline: it costs
    memory, not the file's review.
    """
    for doc in result.get("documents", ()):
        for module, summary in doc.get("summaries", {}).items():
            for name in fields.get(module, ()):
                if summary.get(name) is not None and not is_ref(summary[name]):
                    with contextlib.suppress(OSError):
                        summary[name] = put(directory, summary[name])


def inline_summaries(result: dict[str, Any]) -> dict[str, Any]:
    """A copy of a result with every reference replaced by its value (for the cache, which outlives the run)."""
    docs = result.get("documents", ())
    if not any(is_ref(v) for doc in docs for s in doc.get("summaries", {}).values() for v in s.values()):
        return result
    out = dict(result)
    out["documents"] = [
        {**doc, "summaries": {m: {k: resolve(v) for k, v in s.items()} for m, s in doc.get("summaries", {}).items()}}
        for doc in docs]
    return out


_PREFIX = "gkreview-spill-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def sweep_stale(parent: str | None = None) -> None:
    """Remove the folders of runs that were killed before they could remove their own (their process is gone)."""
    parent = parent or tempfile.gettempdir()
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        pid = name[len(_PREFIX):].split("-", 1)[0]
        if name.startswith(_PREFIX) and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


class SpillFolder:
    """A private folder for one audit's spilled fields, removed when its owner is garbage collected
    (or at interpreter exit); ``attach`` hands the folder over to the object whose data refer to it.
    The folder's name carries the process id, so that the next run removes it if this one is killed."""

    def __init__(self) -> None:
        sweep_stale()
        self.path = tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-")
        self._finalizer = weakref.finalize(self, _discard, self.path)

    def attach(self, owner: object) -> None:
        """Remove the folder when ``owner`` goes, not when this object does."""
        self._finalizer.detach()
        self._finalizer = weakref.finalize(owner, _discard, self.path)

    def remove(self) -> None:
        """Remove the folder now."""
        self._finalizer()


def spill_fields(modules: Iterable[Any]) -> dict[str, tuple[str, ...]]:
    """Module name → the summary fields it asks to keep on disk (its ``SPILL_FIELDS``)."""
    return {m.__name__: tuple(m.SPILL_FIELDS) for m in modules if getattr(m, "SPILL_FIELDS", ())}
