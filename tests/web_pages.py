"""A tiny Chinese news site (written for these tests) and a loopback server for it: what wget
and Chromium save in the web-archive tests. Three articles in three encodings, a home page that
links to them, a stylesheet and an image."""

from __future__ import annotations

import http.server
import threading
from contextlib import contextmanager

TITLES = {
    "ganju": "新会柑橘文化节开幕 陈皮产业年产值突破百亿元",
    "metro": "台中捷運綠線假日運量創新高 市府研議增開班次",
    "library": "广州图书馆夜间开放时间延长至二十二时",
}
CANONICAL = "https://news.example.cn/2021/1204/ganju.html"

_GANJU = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{TITLES["ganju"]}_江门新闻网</title>
<link rel="canonical" href="{CANONICAL}">
<link rel="stylesheet" href="/style.css">
</head><body>
<div class="nav"><a href="/">首页</a> | <a href="/">本地</a> | <a href="/">经济</a></div>
<div class="article">
<h1>{TITLES["ganju"]}</h1>
<div class="info">2021年12月04日 09:30 来源：江门日报 记者 李晓明</div>
<img src="/logo.png" alt="">
<p>　　12月3日上午，第四届新会柑橘文化节在新会区会城街道开幕。来自全国各地的客商和游客走进柑园，体验采摘新会柑、制作陈皮的乐趣。</p>
<p>　　据介绍，新会陈皮产业近年来发展迅速，全区柑橘种植面积已超过十万亩，带动三万多名农民就业增收。今年陈皮全产业链年产值预计突破一百亿元，比去年增长约一成。</p>
<p>　　开幕式上，当地还发布了陈皮仓储和溯源的地方标准。相关负责人表示，将继续推动陈皮与食品、药品、文旅等产业融合，让“小柑橘”成为乡村振兴的“大产业”。</p>
<p>　　文化节将持续至12月12日，期间还将举办陈皮美食评选、柑园音乐会和电商直播带货等活动。</p>
</div>
<div class="footer">版权所有 江门新闻网</div>
</body></html>
""".encode("utf-8")

_METRO = f"""<!DOCTYPE html>
<html lang="zh-Hant"><head>
<title>{TITLES["metro"]} | 中台灣新聞網</title>
</head><body>
<div class="nav"><a href="/">首頁</a> <a href="/">地方</a> <a href="/">交通</a></div>
<h1>{TITLES["metro"]}</h1>
<div class="info">2021年11月28日 18:05 記者王大同／台中報導</div>
<p>台中捷運綠線通車後，假日運量持續攀升。市府交通局28日表示，上週六單日運量首度突破四萬人次，創下通車以來新高。</p>
<p>交通局指出，假日旅客多前往高鐵台中站及北屯地區的商圈，尖峰時段部分車廂相當擁擠。市府正與捷運公司研議，在週末下午增開班次，並加強各站的人流引導。</p>
<p>捷運公司表示，目前綠線尖峰班距約八分鐘，若增開班次，可望縮短至六分鐘左右，相關調整最快下個月上路。</p>
<p>市府也提醒民眾，搭乘捷運時請配合防疫措施，全程佩戴口罩，並多利用電子票證進出站。</p>
</body></html>
""".encode("big5")

_LIBRARY = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{TITLES["library"]}-羊城资讯网</title>
</head><body>
<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/">文化</a></div>
<h1>{TITLES["library"]}</h1>
<p class="time">2021-12-01 16:20:00　来源：羊城资讯网</p>
<p>　　记者从广州图书馆获悉，自12月1日起，该馆周一至周五的夜间开放时间由二十一时延长至二十二时，周末及节假日开放时间不变。</p>
<p>　　广州图书馆相关负责人介绍，延长开放时间主要是为了方便上班族和学生在晚间借阅图书、自习。延长时段内，自助借还、阅览和电子资源服务照常提供。</p>
<p>　　据统计，今年以来广州图书馆日均接待读者超过一万人次，晚间时段读者占比接近三成。图书馆还将增加夜间讲座和阅读推广活动。</p>
</body></html>
""".encode("gbk")

_INDEX = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>新闻网</title></head><body>
<ul>
<li><a href="/2021/1204/ganju.html">{TITLES["ganju"]}</a></li>
<li><a href="/2021/1128/metro.html">{TITLES["metro"]}</a></li>
<li><a href="/2021/1201/library.html">{TITLES["library"]}</a></li>
</ul></body></html>
""".encode("utf-8")

# path -> (Content-Type, bytes); robots.txt is missing on purpose (wget asks for it: a 404)
SITE: dict[str, tuple[str, bytes]] = {
    "/": ("text/html", _INDEX),
    "/2021/1204/ganju.html": ("text/html", _GANJU),
    "/2021/1128/metro.html": ("text/html; charset=big5", _METRO),
    "/2021/1201/library.html": ("text/html", _LIBRARY),
    "/style.css": ("text/css", b"body { font-family: sans-serif; }\n"),
    "/logo.png": ("image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
}

# a page with photos, linked from nowhere (the crawls of the index stay as they were): the photo
# tests save it with Chromium and wget
from photo_pages import image_bytes, page_html  # noqa: E402

PHOTO_PAGE = "/2024/0511/photos.html"
SITE.update({
    PHOTO_PAGE: ("text/html; charset=utf-8", page_html("photo1.jpg", "/2024/0511/photo2.jpg").encode("utf-8")),
    "/2024/0511/photo1.jpg": ("image/jpeg", image_bytes(640, 480)),
    "/2024/0511/photo2.jpg": ("image/jpeg", image_bytes(500, 400, color=(40, 160, 40))),
    "/2024/0511/page_files/logo.png": ("image/png", image_bytes(200, 60, "PNG")),
    "/2024/0511/page_files/qrcode.png": ("image/png", image_bytes(300, 300, "PNG", (0, 0, 0))),
})


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server interface
        found = SITE.get(self.path)
        if found is None:
            self.send_error(404)
            return
        content_type, body = found
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def serve():
    """The site on 127.0.0.1 at a free port; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
