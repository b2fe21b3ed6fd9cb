"""Named limits on what a bundle may contain.

Bundles come from scrapers and strangers. Every size, count and ratio the reader accepts is a
field of one frozen dataclass, so that a hostile bundle is refused quickly and the numbers are
documented in one place (docs/bundle-format.md, "Limits"). ``DEFAULT_LIMITS`` is what the
importer uses; tests and power users pass their own ``Limits(...)`` to ``iter_bundles``.
"""

from __future__ import annotations

from dataclasses import dataclass

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB


@dataclass(frozen=True)
class Limits:
    """Every limit applied while reading bundles. All sizes are in bytes."""

    #: Largest .txt/.html article file (uncompressed); bigger files are skipped with a
    #: DocumentError. Real article pages are well under 5 MB; a 50 MB one-line "article" is refused.
    max_file_bytes: int = 32 * MiB
    #: Largest .json/.jsonl file (a feed holds many articles).
    max_feed_bytes: int = 128 * MiB
    #: Largest manifest.json. A bigger manifest refuses the bundle.
    max_manifest_bytes: int = 16 * MiB
    #: Most articles a manifest may list.
    max_manifest_articles: int = 200_000
    #: Most members (files, folders, links) in one archive or folder bundle.
    max_members: int = 100_000
    #: Most bytes one bundle may expand to, all members together.
    max_total_bytes: int = 2 * GiB
    #: Highest compression ratio (uncompressed / compressed) of an archive or of one zip member...
    max_compression_ratio: float = 100.0
    #: ...checked only once the uncompressed size passes this, so tiny files never trip it.
    ratio_check_min_bytes: int = 1 * MiB
    #: Deepest member path (number of folders) inside a bundle, and deepest folder-of-bundles walk.
    max_path_depth: int = 32
    #: Longest member path, in characters.
    max_name_chars: int = 1024
    #: Longest article text, in characters, that is stored and indexed; a longer one is refused
    #: (its original bytes are still kept, so reindex can retry it). News articles run to tens of
    #: thousands of characters; two million is a long book.
    max_article_chars: int = 2_000_000
    #: Most records read from one .jsonl document stored by an earlier version (reindex).
    max_jsonl_records: int = 100_000
    #: Most entries read from one container file (JSON Lines records, feed items, EPUB chapters,
    #: WARC records); the rest are reported as one error.
    max_entries: int = 100_000
    #: Most records read from one web archive (WARC, ARC, each archive of a WACZ), requests,
    #: assets and metadata included: a 1 GB crawl holds about 400,000. Each record that is no
    #: page is listed as skipped, so this also bounds what a hostile archive costs in memory.
    max_archive_records: int = 1_000_000
    #: Most MIME parts in one MHTML file (a saved news page has tens to a few hundred; the email
    #: parser takes 45 s over 100,000), counted before it parses them.
    max_mime_parts: int = 5_000
    #: Largest image file a page's photo may be read from (a news photo is well under 2 MB).
    max_image_bytes: int = 20 * MiB
    #: Most articles one .json file may hold (a list of article objects).
    max_json_articles: int = 10_000
    #: How much of an HTML file is searched for <meta charset>.
    meta_charset_scan_bytes: int = 8 * KiB
    #: How many bundles a single folder-of-bundles argument may expand to.
    max_bundles_per_folder: int = 10_000


DEFAULT_LIMITS = Limits()
