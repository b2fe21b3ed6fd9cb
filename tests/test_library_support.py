"""Helpers for the library, search, importer and CLI tests. No tests here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import BundleError
from reader.model import Article, ArticleHints, Block, RawDocument
from reader.script import convert

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(__file__).parent / "fixtures" / "seed" / "000_d4eb6ef48fb1f2de.txt"


def seed_paragraphs() -> list[str]:
    """The seed page's long CJK lines (its article paragraphs), Traditional as scraped."""
    lines = [line.strip() for line in SEED.read_text("utf-8").splitlines()]
    return [line for line in lines if len(line) >= 40 and "," in line and "|" not in line and "精品" not in line]


def seed_sentences() -> list[str]:
    out = []
    for para in seed_paragraphs():
        out += [s for s in re.split(r"(?<=[。,;])", para) if len(s) >= 6]
    return out


def article(title: str, *paras: str, **kw) -> Article:
    blocks = [Block("paragraph", p) for p in paras]
    return Article(title=title, blocks=blocks, **kw)


def add_bundle(lib, identity: str, articles: list[Article], label: str | None = None, data: bytes = b"x"):
    """Import ``articles`` as one bundle (one document each) through the library's transaction."""
    with lib.import_bundle(identity, label or identity) as writer:
        assert writer is not None, "bundle already imported"
        for i, art in enumerate(articles):
            writer.add_document(RawDocument(f"{i:04d}.txt", data, "text"), [art])
        return writer.result


def traditional(text: str) -> str:
    return convert(text, "s2tw")


def simplified(text: str) -> str:
    return convert(text, "tw2s")


@dataclass
class FakeBundle:
    """A BundleSource stand-in: yields the given items, raising ``fail_after`` documents in."""

    label: str
    identity: str
    items: list = field(default_factory=list)
    fail_after: int | None = None
    manifest: object = None

    def documents(self):
        for n, item in enumerate(self.items):
            if self.fail_after is not None and n == self.fail_after:
                raise BundleError(f"{self.label}: archive truncated")
            yield item


def raw(name: str, data: bytes, kind: str = "text", **hints) -> RawDocument:
    return RawDocument(name=name, data=data, kind=kind, hints=ArticleHints(**hints))


def run_reader(*args: str, db: Path | None = None, input: str | None = None, env: dict | None = None):
    """``python -m reader ARGS`` in a subprocess, as a user runs it."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.pop("COLUMNS", None)
    if env:
        full_env.update(env)
    command = [sys.executable, "-m", "reader"]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(
        command + list(args),
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=input,
        env=full_env,
        cwd=str(ROOT),
        timeout=120,
    )


def dump(db_path: Path) -> dict:
    """Every row of every table (FTS shadow tables included): to prove nothing changed."""
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {}
        for name in names:
            if name == "search_index":
                continue
            out[name] = sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        return out
    finally:
        conn.close()
