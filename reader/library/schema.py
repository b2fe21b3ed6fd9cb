"""Tables and migrations. ``PRAGMA user_version`` is the schema version.

Each entry of ``MIGRATIONS`` moves the schema up by one version and runs inside one
transaction together with the version bump, so a crash mid-migration leaves the old version.
Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

from reader.library import search_index
from reader.library.rows import blocks_from_json, body_of
from reader.reading_time import reading_minutes

# -- version 1: bundles, raw documents, articles, settings ---------------------------------
V1 = """
CREATE TABLE bundles (
    id INTEGER PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,          -- stable content hash of the bundle
    label TEXT NOT NULL,                    -- what the user pointed at (path)
    title TEXT,
    publisher TEXT,
    language TEXT,
    created TEXT,
    imported_at TEXT NOT NULL
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,                     -- path inside the bundle
    kind TEXT NOT NULL,                     -- text | html | json | jsonl
    hints TEXT NOT NULL DEFAULT '{}',       -- manifest hints, JSON
    encoding TEXT,                          -- detected at import
    sha256 TEXT NOT NULL,                   -- of the original bytes
    size INTEGER NOT NULL,                  -- original byte count
    compression TEXT NOT NULL,              -- zlib | lzma | none
    data BLOB NOT NULL,                     -- the original bytes, compressed
    failure TEXT                            -- why extraction failed, if it did
);
CREATE INDEX documents_bundle ON documents(bundle_id);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,    -- index among the document's articles (jsonl)
    title TEXT NOT NULL,
    published TEXT,                         -- ISO 8601 as extracted
    sort_date TEXT NOT NULL DEFAULT '',     -- published, or '' (sorts last)
    source TEXT,
    source_key TEXT,                        -- normalise_for_search(source), for filters
    authors TEXT NOT NULL DEFAULT '[]',     -- JSON list
    editor TEXT,
    breadcrumb TEXT NOT NULL DEFAULT '[]',  -- JSON list
    blocks TEXT NOT NULL DEFAULT '[]',      -- JSON [{"kind": ..., "text": ...}]
    url TEXT,
    canonical_url TEXT,                     -- normalised url, dedupe key
    script TEXT NOT NULL DEFAULT 'unknown', -- traditional | simplified | mixed | unknown
    dedupe_key TEXT NOT NULL,               -- sha256 of dedupe_key_text(body)
    read INTEGER NOT NULL DEFAULT 0,
    bookmarked INTEGER NOT NULL DEFAULT 0,
    read_at TEXT,
    bookmarked_at TEXT
);
CREATE UNIQUE INDEX articles_dedupe ON articles(dedupe_key);
CREATE UNIQUE INDEX articles_canonical_url ON articles(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_document ON articles(document_id, position);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL                     -- JSON
);
"""

# -- version 2: the search index (filled from existing articles by the migration) ---------
V2 = """
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body,
    content='',
    prefix='1',
    tokenize='unicode61 remove_diacritics 0'
);
"""

# -- version 3: indexes for the article list, newest first, with each filter ----------------
V3 = """
CREATE INDEX articles_date ON articles(sort_date);
CREATE INDEX articles_bundle_date ON articles(bundle_id, sort_date);
CREATE INDEX articles_source_date ON articles(source_key, sort_date);
CREATE INDEX articles_read_date ON articles(read, sort_date);
CREATE INDEX articles_bookmarked_date ON articles(bookmarked, sort_date);
"""


def _v2(conn: sqlite3.Connection) -> None:
    for stmt in _split(V2):
        conn.execute(stmt)
    rows = conn.execute("SELECT id, title, blocks FROM articles").fetchall()
    for article_id, title, blocks in rows:
        t, b = search_index.article_search_text(title, blocks)
        conn.execute("INSERT INTO search_index(rowid, title, body) VALUES (?, ?, ?)", (article_id, t, b))


# -- version 4: the search index gains a ``facets`` column (source, bundle and year tokens) so
#    that search filters are merged inside FTS5 instead of probing articles row by row --------
V4 = """
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, facets,
    content='',
    prefix='1',
    tokenize='unicode61 remove_diacritics 0'
);
"""


def _v4(conn: sqlite3.Connection) -> None:
    for stmt in _split(V4):
        conn.execute(stmt)
    search_index.rebuild_search_index(conn)


def _split(script: str) -> list[str]:
    return [s.strip() for s in script.split(";\n") if s.strip()]


def _sql(script: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        for stmt in _split(script):
            conn.execute(stmt)

    return apply


# -- version 5: covering list indexes. Read state and bookmarks sit after the large ``blocks``
#    column in each row, so checking them on the table walks overflow pages (about 9 µs a row:
#    source + unread took 113 ms at 100k articles); in the index they cost nothing (9 ms). The
#    explicit ``id`` keeps the index in list order (date, then id) ---------------------------
V5 = """
DROP INDEX articles_source_date;
CREATE INDEX articles_source_date ON articles(source_key, sort_date, id, read, bookmarked);
DROP INDEX articles_bundle_date;
CREATE INDEX articles_bundle_date ON articles(bundle_id, sort_date, id, read, bookmarked);
DROP INDEX articles_date;
CREATE INDEX articles_date ON articles(sort_date, id, read, bookmarked)
"""

# -- version 6: the articles table rebuilt with its large columns last. A column stored after
#    ``blocks`` (read, bookmarked, url, script...) lives on overflow pages, so every row probe
#    (search filters joining on id, summaries) walked them. Same columns, same ids -----------
V6 = """
CREATE TABLE articles_v6 (
    id INTEGER PRIMARY KEY,
    bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    read INTEGER NOT NULL DEFAULT 0,
    bookmarked INTEGER NOT NULL DEFAULT 0,
    sort_date TEXT NOT NULL DEFAULT '',
    published TEXT,
    script TEXT NOT NULL DEFAULT 'unknown',
    source TEXT,
    source_key TEXT,
    title TEXT NOT NULL,
    url TEXT,
    canonical_url TEXT,
    dedupe_key TEXT NOT NULL,
    read_at TEXT,
    bookmarked_at TEXT,
    editor TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    breadcrumb TEXT NOT NULL DEFAULT '[]',
    blocks TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO articles_v6 (id, bundle_id, document_id, position, read, bookmarked, sort_date, published, script,
    source, source_key, title, url, canonical_url, dedupe_key, read_at, bookmarked_at, editor, authors,
    breadcrumb, blocks)
SELECT id, bundle_id, document_id, position, read, bookmarked, sort_date, published, script,
    source, source_key, title, url, canonical_url, dedupe_key, read_at, bookmarked_at, editor, authors,
    breadcrumb, blocks FROM articles ORDER BY id;
DROP TABLE articles;
ALTER TABLE articles_v6 RENAME TO articles;
CREATE UNIQUE INDEX articles_dedupe ON articles(dedupe_key);
CREATE UNIQUE INDEX articles_canonical_url ON articles(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_document ON articles(document_id, position);
CREATE INDEX articles_date ON articles(sort_date, id, read, bookmarked);
CREATE INDEX articles_bundle_date ON articles(bundle_id, sort_date, id, read, bookmarked);
CREATE INDEX articles_source_date ON articles(source_key, sort_date, id, read, bookmarked);
CREATE INDEX articles_read_date ON articles(read, sort_date);
CREATE INDEX articles_bookmarked_date ON articles(bookmarked, sort_date)
"""

# -- version 7: the search index's merge policy (see ``search_index._MERGE_POLICY``): a bundle is
#    about one segment, and the library merges segments in bounded steps of their own
#    transactions instead of FTS5 merging inside each writer's commit -------------------------
def _v7(conn: sqlite3.Connection) -> None:
    search_index.apply_merge_policy(conn, "search_index")


# -- version 8: what the reader keeps of their own (issue 13). Kept apart from the extracted
#    columns of ``articles`` so that a reindex never touches it, and logged per field in
#    ``state_changes`` (keyed by the article's identity, not its id) so that two libraries can
#    exchange reading state (``reader state export/import``) --------------------------------
V8 = """
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,                     -- as first written: 港澳, to-read
    key TEXT NOT NULL UNIQUE                -- normalise_for_search(name): one tag in either script
);
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, article_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_article ON article_tags(article_id, tag_id);
CREATE TABLE saved_searches (
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL,                    -- the search language of reader.library.search
    created_at TEXT NOT NULL
);
CREATE TABLE positions (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    offset INTEGER NOT NULL,                -- character offset into the article's body text
    fraction REAL NOT NULL,                 -- 0..1 of the way through, for the list's progress
    updated_at TEXT NOT NULL
);
CREATE TABLE highlights (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,               -- stable across libraries (sync, W3C annotation id)
    identity TEXT NOT NULL,                 -- statelog.identity of the article it belongs to
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,  -- NULL: article not here
    exact TEXT NOT NULL DEFAULT '',         -- TextQuoteSelector; '' is a note on the whole article
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    start INTEGER,                          -- TextPositionSelector hint into the body text
    end INTEGER,
    orphaned INTEGER NOT NULL DEFAULT 0,    -- could not be placed in the current text: kept, shown so
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX highlights_article ON highlights(article_id, start);
CREATE INDEX highlights_identity ON highlights(identity);
CREATE TABLE state_changes (
    identity TEXT NOT NULL,                 -- canonical URL, else 'text:' + dedupe_key
    field TEXT NOT NULL,                    -- read | bookmarked | position | tag:KEY | highlight:UID
    value TEXT,                             -- JSON; NULL is a tombstone (removed)
    changed_at TEXT NOT NULL,               -- UTC, microseconds: the last change wins
    PRIMARY KEY (identity, field)
) WITHOUT ROWID;
CREATE INDEX state_changes_time ON state_changes(changed_at)
"""


# -- version 9: reading time, stored (rows.article_row computes it at import and reindex) so
#    that the list and ``list --json`` never parse blocks. Added at the end of the row: it is
#    read only for the rows on screen, never by a filter, so its overflow page costs nothing --
def _v9(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE articles ADD COLUMN reading_minutes INTEGER NOT NULL DEFAULT 0")
    rows = conn.execute("SELECT id, blocks FROM articles").fetchall()
    conn.executemany(
        "UPDATE articles SET reading_minutes = ? WHERE id = ?",
        [(reading_minutes(body_of(blocks_from_json(blocks))), article_id) for article_id, blocks in rows],
    )


# -- version 10: photos (issue 15). Image bytes are stored once per content (``images``, by
#    sha256 of the bytes as they came, never re-encoded); ``document_images`` says which image a
#    document's reference (a photo block's ``src``) resolved to at import. Keyed by document and
#    src, not by article: a reindex re-extracts the blocks from the stored document and finds
#    their images again without the container. An image goes with the last document showing it
#    (the trigger; foreign-key cascades fire it) ------------------------------------------
V10 = """
CREATE TABLE images (
    sha256 TEXT PRIMARY KEY,                -- of bytes, hex
    mime TEXT NOT NULL,                     -- image/jpeg | image/png | image/gif | image/webp | image/bmp
    width INTEGER NOT NULL,                 -- pixels, as decoded by Pillow
    height INTEGER NOT NULL,
    bytes BLOB NOT NULL                     -- the original bytes (already compressed formats)
);
CREATE TABLE document_images (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    src TEXT NOT NULL,                      -- the photo block's src
    sha256 TEXT NOT NULL REFERENCES images(sha256),
    PRIMARY KEY (document_id, src)
) WITHOUT ROWID;
CREATE INDEX document_images_image ON document_images(sha256);
CREATE TRIGGER images_unused AFTER DELETE ON document_images BEGIN DELETE FROM images WHERE sha256 = OLD.sha256 AND NOT EXISTS (SELECT 1 FROM document_images WHERE sha256 = OLD.sha256); END
"""


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _sql(V1), _v2, _sql(V3), _v4, _sql(V5), _sql(V6), _v7, _sql(V8), _v9, _sql(V10),
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply pending migrations up to ``target``, one transaction each. Returns the new version.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    version = schema_version(conn)
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # re-read inside the write lock: another process may have migrated meanwhile
            version = schema_version(conn)
            if version >= target:
                conn.execute("COMMIT")
                break
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # a Ctrl-C that lands just after COMMIT: nothing to undo
                conn.execute("ROLLBACK")
            raise
    return version
