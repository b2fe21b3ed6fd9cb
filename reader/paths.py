"""Where the library lives: ``--db``, then ``READER_DB``, then the platform's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "reader"
DB_ENV = "READER_DB"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "library.db"


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()
