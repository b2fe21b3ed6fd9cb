"""The photos of an HTML page: which ``<img>`` elements are article photos, where they stand among
the page's lines, and which line under each is its caption.

``photo_at(img)`` reads one image element (the lazy-load attributes, ``srcset``, ``<picture>``)
and refuses page furniture by its declared size and its words; ``caption_of`` says whether the
line after an image is its caption. Which photos are kept (inside the article region, in
reading order) is decided where the lines are (html.py, assemble.py). Pure: no bytes are read.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from ..script import convert
from . import phrases
from .parsed import FOLD

# Lazy-loading pages keep the real address in an attribute and a placeholder in src: data-src
# (most lazy-load scripts), data-original (jQuery lazyload: Sina, NetEase, many provincial
# portals), data-actualsrc (Zhihu), data-lazy-src (WordPress), data-echo (echo.js), data-url
# (WeChat article pages use data-src; some CMSs data-url)
_LAZY = ("data-src", "data-original", "data-actualsrc", "data-lazy-src", "data-echo", "data-url")
_SRCSET = ("srcset", "data-srcset")
MIN_WIDTH = 100  # pixels: smaller images are icons, buttons, spacers and trackers
MIN_HEIGHT = 80
MAX_ASPECT = 5.0  # wider (or taller) than 5:1 is a banner or a divider, not a photo
_FURNITURE = re.compile(
    phrases.alternation(phrases.IMAGE_FURNITURE) + r"|(?:^|[\W_\d])(?:ads?|qr|ad[\W_])(?:$|[\W_\d])"
)
_ANCESTORS = 3  # how many ancestors' class and id may call an image furniture
_PLACEHOLDER_DATA = 512  # a data: URI shorter than this is a lazy-load placeholder (1x1 gif)
_DATA_URI = re.compile(r"^data:(image/[\w.+-]{1,30});base64,", re.I)


@dataclass(frozen=True)
class PhotoAt:
    """An image element taken for an article photo: its reference as the page wrote it."""

    src: str


def _declared(value: str | None) -> int | None:
    match = re.match(r"\s*(\d{1,6})\s*(?:px)?\s*$", value or "")
    return int(match.group(1)) if match else None


def _style_size(style: str, name: str) -> int | None:
    match = re.search(rf"(?:^|;)\s*{name}\s*:\s*(\d{{1,6}})px", style)
    return int(match.group(1)) if match else None


def _largest_in_srcset(value: str) -> str | None:
    """The candidate of a srcset with the largest width (``640w``) or density (``2x``)."""
    best, best_size = None, -1.0
    for candidate in value.split(","):
        parts = candidate.split()
        if not parts:
            continue
        size = 1.0
        if len(parts) > 1:
            descriptor = parts[1].lower()
            try:
                size = float(descriptor[:-1]) if descriptor[-1:] in ("w", "x") else 1.0
            except ValueError:
                size = 1.0
        if size > best_size:
            best, best_size = parts[0], size
    return best


def _source(img) -> str | None:
    """The image's real address: a lazy-load attribute, the largest of a srcset (the image's own,
    or a ``<picture>``'s ``<source>``), else src; a tiny data: placeholder is no address."""
    candidates = [img.get(name) for name in _LAZY]
    sets = [img.get(name) for name in _SRCSET]
    # libxml2 does not know <source> is empty: it nests the <img> inside it, under the <picture>
    picture = next((el for el in list(img.iterancestors())[:2] if el.tag == "picture"), None)
    if picture is not None:
        sets += [el.get("srcset") for el in picture.iter("source")]
    candidates += [_largest_in_srcset(s) for s in sets if s]
    candidates.append(img.get("src"))
    for value in candidates:
        value = (value or "").strip()
        if not value or value.startswith(("javascript:", "about:", "#")):
            continue
        if value.startswith("data:") and len(value) < _PLACEHOLDER_DATA:
            continue
        return value
    return None


def _furniture_words(img) -> str:
    words = [img.get("src") or "", img.get("alt") or "", img.get("class") or "", img.get("id") or ""]
    el = img.getparent()
    for _ in range(_ANCESTORS):
        if el is None or not isinstance(el.tag, str):
            break
        words += [el.get("class") or "", el.get("id") or ""]
        if el.tag.lower() == "a":
            words.append(el.get("href") or "")  # a share button's link: "service.weibo.com/share"
        el = el.getparent()
    return convert(" ".join(w[:300] for w in words), FOLD).lower()


def _too_small(img) -> bool:
    style = (img.get("style") or "").replace(" ", "").lower()
    width = _declared(img.get("width")) or _style_size(style, "width")
    height = _declared(img.get("height")) or _style_size(style, "height")
    if (width is not None and width < MIN_WIDTH) or (height is not None and height < MIN_HEIGHT):
        return True
    return bool(width and height and max(width / height, height / width) > MAX_ASPECT)


def photo_at(img) -> PhotoAt | None:
    """The photo an ``<img>`` element shows, or None when it is furniture: no address, declared
    smaller than ``MIN_WIDTH`` x ``MIN_HEIGHT`` or banner-shaped, or named a logo, icon, avatar,
    QR code, share button or ad (in its src, alt, class or id, or its near ancestors')."""
    src = _source(img)
    if src is None or _too_small(img) or _FURNITURE.search(_furniture_words(img)):
        return None
    return PhotoAt(embedded_key(src) or src)


def embedded_key(src: str) -> str | None:
    """A ``data:`` image's reference in the library, ``data:sha256,<hex of its bytes>`` (the
    SingleFile way of saving a page: the bytes are in the page, and a 300 kB URI does not
    belong in the stored blocks); None for any other reference or an undecodable URI."""
    match = _DATA_URI.match(src)
    if not match:
        return None
    try:
        data = base64.b64decode(re.sub(r"\s+", "", src[match.end():]), validate=True)
    except (binascii.Error, ValueError):
        return None
    return "data:sha256," + hashlib.sha256(data).hexdigest()


# A caption's own element, by its class: pic_txt / pictext / img_txt (Xinhua, People's Daily
# and the provincial portals built like them), caption / figcaption-like wp-caption-text
# (WordPress, Western CMSs), img_desc / imgdesc / photo-desc (NetEase, Tencent), picintro (Sina)
_CAPTION_CLASS = re.compile(r"pic_?txt|pic_?text|img_?txt|img_?text|caption|img_?desc|photo[-_]?desc|pic[-_]?intro|pic[-_]?desc|tuzhu", re.I)
CAPTION_MAX = 120  # characters: a longer line after a photo is the text going on


def _centred(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (el.get("align") or "").lower() == "center" or "text-align:center" in style or el.tag.lower() == "center"


def caption_of(line_text: str, line_owner, img) -> bool:
    """Whether the line right after ``img`` is its caption: the ``<figcaption>`` of the image's
    ``<figure>``; a short line in an element whose class names a caption; or (the common
    Chinese-news layout: a centred ``<p>`` with the image, a centred short ``<p>`` under it) a
    short centred line after an image standing in a centred block."""
    if line_owner is None or not line_text or len(line_text) > CAPTION_MAX:
        return False
    owners = [line_owner, *list(line_owner.iterancestors())[:2]]
    for el in owners:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "figcaption":
            figure = el.getparent()
            return figure is not None and any(a is figure for a in img.iterancestors())
        if _CAPTION_CLASS.search(el.get("class") or ""):
            return True
    holder = img.getparent()
    return _centred(line_owner) and holder is not None and isinstance(holder.tag, str) and (
        _centred(holder) or _centred(img))
