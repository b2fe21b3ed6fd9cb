"""Import orchestration: bundle -> decode -> extract -> library.

Policy (see also docs): each bundle is imported in ONE transaction, documents streamed into
it as the bundle yields them. A bundle refused part-way (``BundleError``) is rolled back and
leaves the library exactly as it was; it is reported as failed under its label. Inside a
bundle, a document that cannot be read, decoded or extracted is reported as ``(file,
reason)`` and the rest of the bundle is imported; its original bytes are still kept (when the
bundle yielded them), so ``reader reindex`` retries it after an extractor upgrade. A bundle
whose identity (content hash) is already in the library is skipped and reported as such.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import BundleError, ContentError, DocumentError, ReaderError
from reader.limits import DEFAULT_LIMITS, Limits
from reader.library import BundleResult, Library
from reader.model import Article, RawDocument

# progress(bundle_label, documents_done, documents_total_or_None)
Progress = Callable[[str, int, "int | None"], None]


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    skipped: list[str] = field(default_factory=list)  # bundle labels already imported
    bundles: list[BundleResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class Processed:
    """What decoding and extraction made of one document.

    ``failures`` are the document's records that hold no article (a bad line of a .jsonl feed):
    reported with the file, while the document's other articles are stored.
    """

    articles: list[Article]
    encoding: str | None
    failures: list[str] = field(default_factory=list)


def process_document(doc: RawDocument, limits: Limits = DEFAULT_LIMITS) -> Processed:
    """Decode and extract one document. Raises ContentError when it holds no article at all."""
    from reader.decode import decode
    from reader.extract import extract_records

    decoded = decode(doc.data, doc.kind, doc.hints.encoding)
    processed = Processed([], decoded.encoding)
    for item in extract_records(decoded.text, doc.kind, doc.hints):
        if isinstance(item, ContentError):
            processed.failures.append(str(item))
        elif len(item.body) > limits.max_article_chars:
            processed.failures.append(
                f"article text of {len(item.body):,} characters is over the limit max_article_chars"
                f" ({limits.max_article_chars:,})"
            )
        else:
            processed.articles.append(item)
    if not processed.articles:
        shown = processed.failures[:3]  # a feed of 100,000 bad lines must not make a 10 MB line
        more = len(processed.failures) - len(shown)
        raise ContentError("; ".join(shown) + (f"; and {more:,} more" if more else "") or "no article found")
    return processed


def _reason(error: BaseException) -> str:
    if isinstance(error, DocumentError):
        return error.reason
    if isinstance(error, ReaderError):
        return str(error) or type(error).__name__
    return f"internal error ({type(error).__name__}: {error}); please report it"


def _file_label(bundle_label: str, name: str) -> str:
    if not name or name == bundle_label or bundle_label.endswith(name):
        return bundle_label
    return f"{bundle_label}: {name}"


def _manifest_value(source, key: str):
    manifest = getattr(source, "manifest", None)
    return getattr(manifest, key, None) if manifest is not None else None


def import_source(library: Library, source, report: ImportReport, progress: Progress | None = None) -> None:
    """Import one ``BundleSource`` into ``library``, adding its outcome to ``report``."""
    label = str(source.label)
    try:
        total = getattr(source, "document_count", None)  # reads and checks the bundle
        with library.import_bundle(
            source.identity,
            label,
            title=_manifest_value(source, "title") or getattr(source, "title", None),
            publisher=_manifest_value(source, "publisher"),
            language=_manifest_value(source, "language"),
            created=_manifest_value(source, "created"),
        ) as writer:
            if writer is None:
                report.skipped.append(label)
                return
            done = 0
            for item in source.documents():
                done += 1
                if isinstance(item, BaseException):
                    writer.note_failure(getattr(item, "name", ""), _reason(item))
                else:
                    try:
                        processed = process_document(item)
                    except Exception as error:  # noqa: BLE001 - one bad file must not sink the bundle
                        writer.add_failed_document(item, _reason(error))
                    else:
                        writer.add_document(item, processed.articles, processed.encoding)
                        for reason in processed.failures:
                            writer.note_failure(item.name, reason)
                if progress:
                    progress(label, done, total)
            result = writer.result
    except BundleError as error:
        report.failed.append((label, _bundle_reason(error, label)))
        return
    if result.skipped:  # stored by another process while this one read it
        report.skipped.append(label)
        return
    if result.bundle_id is not None:  # stored (a bundle that brought nothing new is not)
        report.bundles.append(result)
    report.imported += result.imported
    report.duplicates += result.duplicates
    report.failed.extend((_file_label(label, name), reason) for name, reason in result.failed)


def import_sources(library: Library, sources: Iterable, progress: Progress | None = None) -> ImportReport:
    report = ImportReport()
    for source in sources:
        import_source(library, source, report, progress)
    return report


def import_paths(
    library: Library,
    paths: Sequence[str | Path],
    progress: Progress | None = None,
    limits=None,
) -> ImportReport:
    """Import every bundle found under ``paths``; see the module doc for the failure policy."""
    from reader.bundle import iter_bundles

    limits = limits or DEFAULT_LIMITS
    report = ImportReport()
    for path in paths:
        bundles = iter_bundles([Path(path)], limits)
        while True:
            try:
                source = next(bundles)
            except StopIteration:
                break
            except BundleError as error:
                report.failed.append((str(path), _bundle_reason(error, path)))
                break
            import_source(library, source, report, progress)
    if report.imported:
        library.optimize()
    return report


def _bundle_reason(error: BundleError, path) -> str:
    text = str(error)
    prefix = f"{path}: "
    return text[len(prefix) :] if text.startswith(prefix) else text
