"""Markdown clips (Obsidian Web Clipper, MarkDownload, Joplin) -> lines, through the HTML path.

The YAML front matter is the container's business (``reader/bundle/markdown.py`` turns it into
hints); here it is cut off, and the body is rendered by markdown-it-py (CommonMark: headings,
lists, quotes, tables, code) and read by the same parser as any saved page, so that headings
become subheadings and the junk rules apply alike. Raw HTML inside the Markdown is parsed like
a page's, never run.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from ..frontmatter import split_front_matter
from .html import parse_html
from .parsed import Parsed

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def parse_markdown(text: str) -> Parsed:
    _, body = split_front_matter(text)
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = md.parse(body)
    for token in tokens:
        _join_chinese_lines(token.children or [])
    return parse_html(f"<html><body><article>{md.renderer.render(tokens, md.options, {})}</article></body></html>")


def _join_chinese_lines(children: list) -> None:
    """A line break inside a Chinese paragraph is no space (the HTML path would make it one)."""
    for i, token in enumerate(children):
        if token.type == "softbreak" and 0 < i < len(children) - 1:
            before, after = children[i - 1].content, children[i + 1].content
            if before and after and _CJK.match(before[-1]) and _CJK.match(after[0]):
                token.type, token.content = "text", ""
