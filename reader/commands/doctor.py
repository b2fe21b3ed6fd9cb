"""reader doctor: check the library's integrity, schema version and orphaned rows."""

from __future__ import annotations

import argparse

from reader.commands._common import add_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repair", action="store_true", help="delete orphaned rows and rebuild the search index")
    add_json(parser)


REPAIR_DAMAGED = (
    "the file is damaged: keep a copy, then recover what SQLite can read with"
    " `sqlite3 {path} .recover | sqlite3 recovered.db` and open it with --db recovered.db,"
    " or move it away and re-import your bundles"
)


def run(args: argparse.Namespace) -> int:
    from reader.errors import LibraryError
    from reader.library import Library
    from reader.paths import resolve_db_path

    path = resolve_db_path(getattr(args, "db", None))
    result = {"path": str(path), "ok": False, "problems": [], "repaired": None, "advice": []}
    if not path.exists():
        result["problems"].append("no library at this path yet (it is created by the first import)")
        return _report(result, args.json)
    try:
        library = Library.open(path)
    except LibraryError as error:
        result["problems"].append(str(error))
        if "newer" in str(error):
            result["advice"].append("upgrade reader to open this library")
        else:
            result["advice"].append(REPAIR_DAMAGED.format(path=path))
        return _report(result, args.json)
    with library:
        result["schema_version"] = library.schema_version
        problems = library.check()
        if problems and args.repair and not any(p.startswith(("integrity", "a reindex is running")) for p in problems):
            result["repaired"] = library.repair()
            problems = library.check()
        result["problems"] = problems
    for p in problems:
        if p.startswith("integrity"):
            result["advice"].append(REPAIR_DAMAGED.format(path=path))
        elif p.startswith("schema"):
            result["advice"].append("open the library with this version of reader to migrate it")
        elif p.startswith("a reindex was interrupted"):
            result["advice"].append("run `reader reindex` again: it finishes the job")
        elif p.startswith("a reindex is running"):
            result["advice"].append("wait for it to finish, then run `reader doctor` again")
        elif not args.repair:
            result["advice"].append("run `reader doctor --repair` to delete orphaned rows and rebuild the search index")
    result["advice"] = list(dict.fromkeys(result["advice"]))
    result["ok"] = not problems
    return _report(result, args.json)


def _report(result: dict, as_json: bool) -> int:
    from reader.commands._common import print_json
    from reader.textsafe import terminal_safe as safe

    result["ok"] = not result["problems"]
    if as_json:
        print_json(result)
    else:
        print(safe(f"library {result['path']}"))
        if result.get("schema_version") is not None:
            print(f"schema version {result['schema_version']}")
        if result.get("repaired"):
            print("repaired: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in result["repaired"].items()))
        for p in result["problems"]:
            print(safe(f"problem: {p}"))
        for a in result["advice"]:
            print(safe(f"to repair: {a}"))
        if result["ok"]:
            print("ok: integrity, schema version, no orphaned rows, search index in step")
    return 0 if result["ok"] else 1
