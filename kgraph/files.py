"""Files in and out: inputs are regular files read with a size bound; outputs are written whole or
not at all.

A name on the command line may be a pipe that never ends (``/dev/zero``), a FIFO that blocks until
someone writes, or a folder; an output may land on a full or read-only disk. Each becomes one line
naming the file and the problem (an :class:`~kgraph.errors.InputError` or
:class:`~kgraph.errors.OutputError`), never a hang, a traceback or a half-written file.

Examples
--------
>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> write_atomically(os.path.join(folder, "a.txt"), b"Talks resumed.")
>>> read_regular_file(os.path.join(folder, "a.txt"))
b'Talks resumed.'
>>> read_regular_file(folder)
Traceback (most recent call last):
...
kgraph.errors.InputError: ...: is a folder, not a file
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from kgraph.errors import InputError, OutputError

__all__ = ["MAX_INPUT_BYTES", "read_regular_file", "require_regular_file", "write_atomically", "write_all_atomically"]

#: The largest article file kgraph reads (text or HTML): far above any news article (the longest
#: PolNeAR article is 60 KB; kgraph reads a 10 MB text in parts), far below what exhausts memory.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:,.0f} MB" if size >= 1_048_576 else f"{size:,} bytes"


def require_regular_file(path: str | Path) -> os.stat_result:
    """The file's status, if it is a regular file one may read; else an :class:`InputError`
    saying what it is instead (missing, a folder, a pipe or device, unreadable).

    Checked before opening: opening a FIFO blocks until something writes to it.
    """
    source = str(path)
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(source, "file not found") from None
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(source, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(source, "is not a regular file (a pipe, a device or a socket); kgraph reads files")
    return info


def read_regular_file(path: str | Path, *, limit: int | None = MAX_INPUT_BYTES) -> bytes:
    """A regular file's bytes, at most ``limit`` of them (None: no bound).

    Raises
    ------
    InputError
        If the file is missing, not a regular file, unreadable, or larger than ``limit``.
    """
    source = str(path)
    info = require_regular_file(path)
    too_big = f"is larger than kgraph reads ({_megabytes(limit or 0)}); split it into articles"
    if limit is not None and info.st_size > limit:
        raise InputError(source, too_big)
    try:
        with open(path, "rb") as file:
            data = file.read(-1 if limit is None else limit + 1)
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None
    if limit is not None and len(data) > limit:  # it grew while being read
        raise InputError(source, too_big)
    return data


def _folder_of(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def _check_target(target: Path) -> None:
    if target.is_dir():
        raise OutputError(str(target), "is a folder; give the name of a file to write")
    folder = _folder_of(target)
    if not folder.is_dir():
        raise OutputError(str(target), f"folder {folder} does not exist")


def _write_temporary(target: Path, data: bytes) -> str:
    """Write ``data`` beside ``target`` in a new temporary file; returns its path."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=_folder_of(target))
    except OSError as exc:
        raise OutputError(str(target), f"cannot be written there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp makes a private file; the result gets the permissions of any new file
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(str(target), f"cannot be written ({exc.strerror or exc}); nothing was written") from None
        raise
    return temporary


def write_all_atomically(files: Mapping[str | Path, bytes]) -> None:
    """Write several files so that either all of them are complete or none is touched.

    Every file is first written to a temporary file beside it; only when all are written are
    they renamed into place (a full disk halfway leaves nothing behind).
    """
    targets = {Path(path): data for path, data in files.items()}
    for target in targets:
        _check_target(target)
    written: dict[Path, str] = {}
    try:
        for target, data in targets.items():
            written[target] = _write_temporary(target, data)
        for target, temporary in written.items():
            try:
                os.replace(temporary, target)
            except OSError as exc:
                raise OutputError(str(target), f"cannot be written ({exc.strerror or exc})") from None
    finally:
        for temporary in written.values():
            Path(temporary).unlink(missing_ok=True)  # those not renamed, after a failure


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write a file so that it is either complete or untouched: a temporary file, then a rename.

    Raises
    ------
    OutputError
        If the path is a folder, its folder is missing, or the disk refuses the write (read-only,
        full); nothing is left behind.
    """
    write_all_atomically({path: data})
