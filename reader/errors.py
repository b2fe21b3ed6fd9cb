"""Errors the user can act on.

Anything raised as a ``ReaderError`` is reported by the CLI as one line on stderr, without a
traceback, and exits with ``exit_code``. Anything else escaping is a bug in reader.
"""


class ReaderError(Exception):
    """A problem with the user's input or environment, explained in one line."""

    exit_code = 1


class UsageError(ReaderError):
    """The command line itself is wrong (bad option value, unknown article id, ...)."""

    exit_code = 2


class BundleError(ReaderError):
    """A whole bundle is refused: nothing from it is stored."""


class DocumentError(ReaderError):
    """One article file cannot be imported; the rest of its bundle still is.

    ``name`` is the file's path inside its bundle, so the report can say which file failed.
    """

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class LibraryError(ReaderError):
    """The SQLite library cannot be opened or used (locked, corrupt, newer schema, ...)."""


class ContentError(ReaderError):
    """A document's content is unusable (binary, empty, no article text, bad JSON record).

    Pipeline stages raise it without knowing the file name; the importer turns it into a
    ``DocumentError`` that names the file.
    """
