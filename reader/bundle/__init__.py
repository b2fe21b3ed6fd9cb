"""Where documents come from: every container and format, one module each, behind one interface.

``iter_bundles(paths)`` (``discover``) turns command-line paths into ``BundleSource`` objects
(``source``), cheaply; a source reads its container through the reader that ``formats`` names
for it (``folder``, ``zip_archive``, ``tar_archive``, ``article_file`` (one article file on its own); ``manifest`` for the
bundle format's manifest.json). Readers yield members, skips (``Skipped``: not an article, and
what it is) and per-file ``DocumentError``s; a source streams ``RawDocument``s. Nothing is
written to disk.

Errors: ``BundleError`` (whole bundle refused) from ``identity``, ``manifest``, ``check()`` or
``documents()``; never from ``iter_bundles`` itself, so one bad path does not stop the others.
Per-file problems are yielded by ``documents()`` as ``DocumentError(name, reason)``.
See docs/bundle-format.md for the format and the policies.
"""

from reader.bundle.discover import iter_bundles
from reader.bundle.manifest import CURRENT_VERSION, FORMAT_NAME, Manifest, ManifestArticle, parse_manifest
from reader.bundle.members import Skipped
from reader.bundle.source import BundleSource

__all__ = [
    "BundleSource",
    "Manifest",
    "ManifestArticle",
    "FORMAT_NAME",
    "CURRENT_VERSION",
    "Skipped",
    "iter_bundles",
    "parse_manifest",
]
