"""Pages with photos for the photo tests: images drawn with Pillow, the page written here."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

PARAGRAPHS = (
    "新华社北京5月11日电，今天上午，市民们在公园里散步，天气晴朗，气温适宜，很多人带着孩子出来游玩。公园管理处表示，今年游客人数比去年增加了两成。",
    "据介绍，公园今年新增了多处景观，吸引了大量游客前来参观，周末的时候人特别多，管理处增派了工作人员维持秩序。",
)
CAPTION = "图为市民在公园里散步。（新华社记者张三摄）"
FIGCAPTION = "公园里的花开了"


def image_bytes(width: int, height: int, fmt: str = "JPEG", color=(180, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, fmt)
    return out.getvalue()


def bomb_png() -> bytes:
    """A 30000x30000 PNG of about 100 kB: 900 megapixels once decoded."""
    out = io.BytesIO()
    Image.new("1", (30000, 30000)).save(out, "PNG")
    return out.getvalue()


def page_html(photo1: str = "page_files/photo1.jpg", photo2: str = "page_files/photo2.jpg", extra: str = "") -> str:
    """A news page: a centred photo with its centred caption line, a lazy-loaded figure with a
    figcaption, and the furniture that must not be taken (logo, tracker, QR code, share icon)."""
    return f"""<html><head><meta charset="utf-8"><title>公园游客增多_新华网</title></head><body>
<div class="logo"><img src="page_files/logo.png" width="200" height="60"></div>
<div class="nav"><a href="/">首页</a> | <a href="/a">国内</a> | <a href="/b">国际</a></div>
<div class="article">
<h1>公园游客增多</h1>
<p>2024年05月11日 10:20 来源：新华网</p>
<p style="text-align:center"><img src="{photo1}"></p>
<p style="text-align:center">{CAPTION}</p>
<p>{PARAGRAPHS[0]}</p>
<figure><img data-src="{photo2}" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><figcaption>{FIGCAPTION}</figcaption></figure>
<p>{PARAGRAPHS[1]}</p>
<img src="page_files/pixel.gif">
<img src="page_files/qrcode.png" alt="扫码关注">
<p class="share"><img src="page_files/weixin.png" class="share-icon"></p>
{extra}
<p>责任编辑：李四</p>
</div></body></html>"""


def write_page_folder(folder: Path, photo1: bytes | None = None, photo2: bytes | None = None, html: str | None = None) -> Path:
    """A saved page ("page.html" and its "page_files/") with its photos and its furniture images."""
    files = folder / "page_files"
    files.mkdir(parents=True, exist_ok=True)
    (folder / "page.html").write_text(html or page_html(), encoding="utf-8")
    (files / "photo1.jpg").write_bytes(photo1 if photo1 is not None else image_bytes(640, 480))
    (files / "photo2.jpg").write_bytes(photo2 if photo2 is not None else image_bytes(500, 400, color=(40, 160, 40)))
    (files / "logo.png").write_bytes(image_bytes(200, 60, "PNG"))
    (files / "pixel.gif").write_bytes(image_bytes(1, 1, "GIF"))
    (files / "qrcode.png").write_bytes(image_bytes(300, 300, "PNG", (0, 0, 0)))
    (files / "weixin.png").write_bytes(image_bytes(120, 120, "PNG", (0, 200, 0)))
    return folder
