"""reader: import offline Chinese news bundles, store them in SQLite, read them in a terminal."""

__version__ = "0.1.0"
