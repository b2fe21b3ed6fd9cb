"""reader stats: what the library holds."""

from __future__ import annotations

import argparse

from reader.commands._common import add_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bundles", action="store_true", help="also list the imported bundles")
    parser.add_argument("--sources", action="store_true", help="also list sources with article counts")
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from reader.commands._common import open_library, print_json
    from reader.textsafe import terminal_safe as safe

    with open_library(args) as library:
        stats = library.stats()
        bundles = library.bundles() if args.bundles or args.json else []
        sources = library.sources() if args.sources or args.json else []
    if args.json:
        stats["bundle_list"] = [asdict(b) for b in bundles]
        stats["source_list"] = [{"source": s, "articles": n} for s, n in sources]
        print_json(stats)
        return 0
    mib = 1024 * 1024
    print(f"library      {safe(stats['path'])}  (schema {stats['schema_version']})")
    print(f"articles     {stats['articles']}  ({stats['unread']} unread, {stats['bookmarked']} bookmarked)")
    print("scripts      " + ", ".join(f"{k} {v}" for k, v in stats["scripts"].items()))
    print(f"bundles      {stats['bundles']}  ({stats['documents']} files kept, {stats['failed_documents']} failed)")
    print(f"sources      {stats['sources']}")
    if stats["oldest"]:
        print(f"dates        {stats['oldest'][:10]} … {stats['newest'][:10]}")
    print(
        f"size         {stats['database_bytes'] / mib:.1f} MiB"
        f" (originals {stats['original_bytes'] / mib:.1f} MiB stored as {stats['stored_bytes'] / mib:.1f} MiB)"
    )
    for b in bundles:
        name = safe(b.title or b.label)
        print(f"  bundle {b.id:>4}  {b.articles:>6} articles  {b.imported_at[:10]}  {name}")
    for source, n in sources:
        print(f"  {n:>6}  {safe(source)}")
    return 0
