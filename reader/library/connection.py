"""Opening the library file: pragmas, the version check and migrations; SQLite errors as one line."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from reader.errors import LibraryError
from reader.library import schema

BUSY_TIMEOUT_MS = 10_000


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def library_error(error: sqlite3.Error, path: Path) -> LibraryError:
    message = str(error)
    if "locked" in message or "busy" in message:
        return LibraryError(f"library {path} is busy (another reader is writing to it); try again")
    return LibraryError(f"library {path}: {message}")


def connect(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    """A migrated connection in autocommit mode with WAL, foreign keys and a busy timeout."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LibraryError(f"cannot create the library folder {path.parent}: {error.strerror}") from None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=busy_timeout_ms / 1000)
    except sqlite3.Error as error:
        raise LibraryError(f"cannot open the library {path}: {error}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        version = schema.schema_version(conn)
        if version > schema.SCHEMA_VERSION:
            raise LibraryError(
                f"library {path} has schema version {version}, newer than this reader knows"
                f" ({schema.SCHEMA_VERSION}); upgrade reader"
            )
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        schema.migrate(conn)
    except LibraryError:
        conn.close()
        raise
    except sqlite3.DatabaseError as error:
        conn.close()
        if "not a database" in str(error) or "malformed" in str(error):
            raise LibraryError(f"{path} is not a reader library or is damaged ({error}); run `reader doctor`") from None
        raise library_error(error, path) from None
    return conn
