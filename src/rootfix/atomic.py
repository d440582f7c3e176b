"""The one atomic file writer: ``check --fix``, ``fix --apply`` and the check cache write through it.

A temp file in the target's folder, flushed and fsynced, renamed over the target with ``os.replace`` (so a
reader sees the old or the new content, never half of it), the rename made durable by fsyncing the folder.
An existing file keeps its mode; a new one gets the default mode (``0o666`` minus the umask), not
``mkstemp``'s private ``0o600``.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path``'s content with ``data`` atomically (creating folders as needed).

    ``durable=False`` skips the fsyncs (caches: losing the write on a crash is harmless).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".rootfix-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        try:  # make the rename itself durable
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except OSError:
            pass
