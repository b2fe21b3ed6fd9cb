"""Files written whole or not at all: a temporary file beside the target, renamed over it once
complete, so a reader of the target never sees half a file and a failure leaves nothing behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def replacing(path: str | os.PathLike[str], mode: int | None = None) -> Iterator[BinaryIO]:
    """A binary file that becomes ``path`` when the block ends without an exception.

    The file gets the permissions a new file would (0644 less the umask), not mkstemp's 0600,
    unless ``mode`` says otherwise (0o600 for a file holding a secret).
    Raises ``IsADirectoryError`` for a directory and lets the ``OSError`` of a failed write through;
    either way the temporary file is gone."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(21, "it is a directory", str(target))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, (0o644 & ~_umask()) if mode is None else mode)
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
