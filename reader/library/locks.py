"""Short write transactions and file locks: how the parts of the library keep out of each other's way.

Its own module, below everything else in the package, because the import writer, the search
index, the reindex and the doctor all need it and none of them may import another for it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception (Ctrl-C included)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # a Ctrl-C that lands just after COMMIT: nothing to undo
            conn.execute("ROLLBACK")
        raise


def try_lock(handle) -> bool:
    """An exclusive, non-blocking flock on ``handle``; True when held (or locks unavailable)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
