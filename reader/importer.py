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

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import BundleError, ContentError, DocumentError, ReaderError
from reader.limits import DEFAULT_LIMITS, Limits
from reader.library import BundleResult, Library
from reader.library.rows import ArticleRow, article_row
from reader.model import Article, RawDocument

# progress(bundle_label, documents_done, documents_total_or_None)
Progress = Callable[[str, int, "int | None"], None]


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    skipped: list[str] = field(default_factory=list)  # bundle labels already imported
    not_articles: list[tuple[str, str]] = field(default_factory=list)  # (file, what it is): images, READMEs
    photos_refused: list[tuple[str, str]] = field(default_factory=list)  # (file, why): its article went in
    bundles: list[BundleResult] = field(default_factory=list)
    state_changes: int = 0  # tags and highlights applied from bundles' state files

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


@dataclass
class Prepared:
    """A document made ready for the library without touching it: decoded, extracted, and each
    article turned into its row and index tokens. This is most of an import's CPU, which is why
    it can run in worker processes. ``error`` says why the document holds no article."""

    encoding: str | None = None
    rows: list[ArticleRow] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    error: str | None = None


def prepare_document(doc: RawDocument) -> Prepared:
    """``process_document`` and ``article_row`` for one document; never raises for bad content."""
    try:
        processed = process_document(doc)
        rows = [article_row(article) for article in processed.articles]
    except Exception as error:  # noqa: BLE001 - one bad file must not sink the bundle
        return Prepared(error=_reason(error))
    return Prepared(processed.encoding, rows, processed.failures)


def prepare_documents(docs: list[RawDocument]) -> list[Prepared]:
    """``prepare_document`` for a batch (what a worker is handed)."""
    return [prepare_document(doc) for doc in docs]


# Below this many files a bundle is prepared in this process: starting workers (~0.3 s) would
# cost more than they save (~2 ms a document).
PARALLEL_MIN_DOCUMENTS = 200
_IN_FLIGHT_PER_WORKER = 8  # batches handed to each worker ahead of the writer: memory stays flat
# Documents travel to the workers in batches: a container's entries are often tiny (a JSON Lines
# record, a feed item), and one round trip per entry cost more than preparing it (39 s against
# 9 s in one process for 100,000 one-line records).
_BATCH_DOCUMENTS = 32
_BATCH_BYTES = 256 * 1024
# The writing process is busy ~2/3 of the time with two workers: more than four would only idle
# (each holds ~70 MB: Python, the extractor, OpenCC's dictionaries).
_MAX_AUTO_WORKERS = 4


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _workers_can_start() -> bool:
    """False when the main program is a file a spawned worker cannot run again (``python -``)."""
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    return path is None or os.path.exists(path)


def _worker_init(parent: int) -> None:
    """Set up an import worker: Ctrl-C and output belong to the parent, and it dies with it."""
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C (and rolls back)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # a stray warning must not draw over the TUI: failures travel as results
    os.dup2(devnull, 2)

    def exit_when_orphaned() -> None:  # a parent killed with -9 cannot shut the pool down
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=exit_when_orphaned, daemon=True).start()


class DocumentPreparer:
    """Prepares documents (a bundle's, or a library's for reindex) in order, here or in workers.

    With ``jobs`` unset, runs of ``PARALLEL_MIN_DOCUMENTS`` files or more are prepared by one
    worker per CPU (at most four) while this process reads and writes SQLite; ``jobs=1`` never
    starts workers, ``jobs=N`` always uses N. Results come back in document order (so the copy
    kept of a duplicate is the same as in a serial import) and at most a few documents ahead of
    the writer. A worker that dies (killed, out of memory) costs nothing: the documents it held
    and the rest of the run are prepared here. Workers are spawned, so a program that uses them
    must guard its entry point with ``if __name__ == "__main__":`` (as ``reader`` does), or pass
    ``jobs=1``.
    """

    def __init__(self, jobs: int | None = None):
        self._explicit = jobs is not None
        self.jobs = jobs if jobs is not None else min(_usable_cpus(), _MAX_AUTO_WORKERS)
        self._pool = None
        self._broken = False

    def prepared(self, items: Iterable, expected: int | None) -> Iterator[tuple[object, Prepared | None]]:
        """(item, its Prepared) for each item; None for items that are already errors."""
        pool = self._pool_for(expected)
        if pool is None:
            for item in items:
                yield item, None if isinstance(item, BaseException) else prepare_document(item)
            return
        window: deque = deque()
        limit = _IN_FLIGHT_PER_WORKER * self.jobs
        batch: list = []
        size = 0
        for item in items:
            batch.append(item)
            size += len(getattr(item, "data", b""))
            if len(batch) >= _BATCH_DOCUMENTS or size >= _BATCH_BYTES:
                window.append((batch, self._submit(pool, batch)))
                batch, size = [], 0
                if len(window) >= limit:
                    yield from self._results(*window.popleft())
        if batch:
            window.append((batch, self._submit(pool, batch)))
        while window:
            yield from self._results(*window.popleft())

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _pool_for(self, expected: int | None):
        if self._broken or self.jobs <= 1 or not _workers_can_start():
            return None
        if not self._explicit and (expected or 0) < PARALLEL_MIN_DOCUMENTS:
            return None
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: the parent holds a SQLite connection and, in the TUI, threads
            try:
                self._pool = ProcessPoolExecutor(
                    self.jobs, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_worker_init, initargs=(os.getpid(),),
                )
            except Exception:  # noqa: BLE001 - no semaphores or /dev/shm (some containers): work here
                self._broken = True
        return self._pool

    def _submit(self, pool, batch: list):
        docs = [item for item in batch if not isinstance(item, BaseException)]
        if self._broken or not docs:
            return None
        # A submit may start a worker, which inherits this signal mask: born with SIGINT blocked,
        # a worker cannot die of a Ctrl-C (with a traceback) before _worker_init ignores it.
        masking = hasattr(signal, "pthread_sigmask")  # POSIX; elsewhere Ctrl-C is not sent to the workers
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if masking else None
        try:
            return pool.submit(prepare_documents, docs)
        except Exception:  # noqa: BLE001 - a broken pool: prepare here instead
            self._broken = True
            return None
        finally:
            if masking:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def _results(self, batch: list, future) -> Iterator[tuple[object, Prepared | None]]:
        done: list[Prepared] = []
        if future is not None:
            try:
                done = future.result()
            except Exception:  # noqa: BLE001 - the worker died: prepare these here
                self._broken = True
        results = iter(done)
        for item in batch:
            if isinstance(item, BaseException):
                yield item, None
            else:
                yield item, next(results, None) or prepare_document(item)


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


# A container file with more failed entries than this is reported in one line: a JSON Lines file
# of 100,000 bad records must not print 100,000 lines.
_FAILURES_SHOWN_PER_CONTAINER = 3


def _grouped_by_container(failed: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Failures in file order, the entries of one container file (``feed.jsonl#line 3``) folded
    into one failure of that file when there are many, naming the first few."""
    by_file: dict[str, list[tuple[str, str]]] = {}
    for name, reason in failed:
        by_file.setdefault(name.split("#", 1)[0] if "#" in name else name, []).append((name, reason))
    grouped: list[tuple[str, str]] = []
    for file, items in by_file.items():
        if len(items) <= _FAILURES_SHOWN_PER_CONTAINER or any("#" not in name for name, _ in items):
            grouped.extend(items)
            continue
        shown = "; ".join(f"{name[len(file):]}: {reason}" for name, reason in items[:_FAILURES_SHOWN_PER_CONTAINER])
        more = len(items) - _FAILURES_SHOWN_PER_CONTAINER
        grouped.append((file, f"{len(items):,} entries failed ({shown}; and {more:,} more)"))
    return grouped


def _manifest_value(source, key: str):
    manifest = getattr(source, "manifest", None)
    return getattr(manifest, key, None) if manifest is not None else None


def import_source(
    library: Library, source, report: ImportReport, preparer: DocumentPreparer, progress: Progress | None = None
) -> None:
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
                _apply_state(library, source, report)  # state merges again harmlessly (the later change wins)
                return
            done = 0
            for item, prepared in preparer.prepared(source.documents(), total):
                done += 1
                if prepared is None:
                    writer.note_failure(getattr(item, "name", ""), _reason(item))
                elif prepared.error is not None:
                    writer.add_failed_document(item, prepared.error)
                else:
                    rows, images, problems = _with_photos(item, prepared.rows)
                    writer.add_rows(item, rows, prepared.encoding, images)
                    for reason in problems:
                        writer.note_photo_problem(item.name, reason)
                    for reason in prepared.failures:
                        writer.note_failure(item.name, reason)
                if progress:
                    progress(label, done, total)
            result = writer.result
    except BundleError as error:
        report.failed.append((label, _bundle_reason(error, label)))
        return
    _apply_state(library, source, report)
    if result.skipped:  # stored by another process while this one read it
        report.skipped.append(label)
        return
    if result.bundle_id is not None:  # stored (a bundle that brought nothing new is not)
        report.bundles.append(result)
    report.imported += result.imported
    report.duplicates += result.duplicates
    report.failed.extend((_file_label(label, name), reason) for name, reason in _grouped_by_container(result.failed))
    report.photos_refused.extend((_file_label(label, name), reason) for name, reason in result.photos_refused)
    report.not_articles.extend((_file_label(label, s.name), s.reason) for s in getattr(source, "skipped", ()))


def _with_photos(doc: RawDocument, rows: list[ArticleRow]) -> tuple[list[ArticleRow], dict, list[str]]:
    """The document's photos fetched from its container (here, not in a worker: the container's
    ``resources`` stay in this process), the rows without photos that came to nothing."""
    from reader.library.rows import drop_unstored_photos, photo_sources
    from reader.photos.resolve import resolve_images

    sources = photo_sources(rows)
    if not sources:
        return rows, {}, []
    images, problems = resolve_images(doc, sources)
    return drop_unstored_photos(rows, set(images)), images, problems


def _apply_state(library: Library, source, report: ImportReport) -> None:
    """Merge the bundle's ``reader-state.jsonl`` (tags and highlights), once its articles are in."""
    from reader.bundle.statefile import read_state
    from reader.library.sync import NotAStateFile

    if getattr(source, "kind", None) not in ("zip", "folder"):
        return  # only zip archives and folders carry one
    label = str(source.label)
    try:
        data = read_state(source, source.limits)
        if data is None:
            return
        merged = library.import_state(data.splitlines())
    except (BundleError, NotAStateFile, OSError) as error:
        report.failed.append((f"{label}: reader-state.jsonl", str(error)))
        return
    report.state_changes += merged.applied
    report.failed.extend((f"{label}: reader-state.jsonl line {n}", reason) for n, reason in merged.failed)


def import_sources(
    library: Library, sources: Iterable, progress: Progress | None = None, jobs: int | None = None
) -> ImportReport:
    report = ImportReport()
    preparer = DocumentPreparer(jobs)
    try:
        for source in sources:
            import_source(library, source, report, preparer, progress)
    finally:
        preparer.close()
    return report


def import_paths(
    library: Library,
    paths: Sequence[str | Path],
    progress: Progress | None = None,
    limits=None,
    jobs: int | None = None,
) -> ImportReport:
    """Import every bundle found under ``paths``; see the module doc for the failure policy.

    ``jobs``: worker processes that decode and extract (``DocumentPreparer``); None: automatic.
    """
    from reader.bundle import iter_bundles

    limits = limits or DEFAULT_LIMITS
    report = ImportReport()
    preparer = DocumentPreparer(jobs)
    try:
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
                import_source(library, source, report, preparer, progress)
    finally:
        preparer.close()
    if report.imported:
        library.optimize()
    return report


def _bundle_reason(error: BundleError, path) -> str:
    text = str(error)
    prefix = f"{path}: "
    return text[len(prefix) :] if text.startswith(prefix) else text
