"""A grid of self-written news pages: every combination of a few shapes of the furniture above the
article, of the headline, of its header zone, of the text's opening and of the furniture under it,
scored as HTML and as each text render, the way extraction_score.py scores the labelled corpus
(and "whole": every paragraph of the text is in the body, none lost between its first and last).

Usage:
    python benchmarks/shape_grid.py [--kinds html,dom,inscriptis,w3m,oneline] [--sample N] [-v]

Why: the labelled corpus holds one shape of page per site; a rule tuned on it may fail on the next
site's arrangement of the same pieces. Here each piece varies on its own, so that a figure below 100%
names the arrangement that fails (with -v: which combinations, per kind). The pages, headlines and
text are written for this grid (a fictional harbour town, "嵐港"): development data, never held data.
Truth per page: the headline (a kicker and a dash subtitle are not part of it, as the corpus labels
take the <h1>), the date, the reporter when a byline is set, the text's first and last fifteen
letters, and the furniture's lines as junk.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from extraction_score import FIGURES as SCORED, Result, judge, letters, nows, run_reader  # noqa: E402
from make_text_pages import available_kinds, render  # noqa: E402

DATE = "2024-05-10"
REPORTER = "王小明"
PARAGRAPHS = (
    "嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠最大型的貨櫃船。",
    "港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。",
    "部分漁民團體則擔心工程會影響漁獲，港務局表示會與漁民代表繼續商討補償方案，並承諾在施工期間定期監測水質，結果會在網站上公布。",
)

# furniture above the article: (name, html)
TOPS = {
    "nav": '<ul class="nav"><li><a href="/">首頁</a></li><li><a href="/n">新聞</a></li><li><a href="/f">財經</a></li>'
           '<li><a href="/s">體育</a></li><li><a href="/e">娛樂</a></li><li><a href="/w">國際</a></li></ul>',
    "today": '<div class="top">2024年5月10日 星期五 農曆四月初三</div><div class="logo"><a href="/">嵐港日報</a></div>',
    "crumb": '<div class="logo"><a href="/">嵐港日報</a></div><div class="crumb">當前位置：<a href="/">首頁</a> &gt; '
             '<a href="/n">新聞</a> &gt; 本地</div>',
    "ticker": '<div class="ticker"><div>即時新聞</div><div><a href="/t1">颱風警報解除 學校明日復課</a> 20:02</div>'
              '<div><a href="/t2">股市收盤大漲百點...</a> 19:45</div></div>',
    "login": '<div class="bar">登入 | 註冊 | 訂閱電子報</div><div class="logo"><a href="/">嵐港日報</a></div>'
             '<div class="menu">首頁　新聞　財經　體育　娛樂</div>',
    "hot": '<div class="hot"><div>熱門新聞</div><ul><li><a href="/1">嵐港碼頭工人罷工進入第三天</a></li>'
           '<li><a href="/2">新巴士路線月底開通 乘客可免費試乘</a></li><li><a href="/3">舊區重建諮詢今日展開</a></li></ul></div>',
    # a channel's latest headlines with their dates, above the article (earlier days than its own)
    "dated-list": '<div class="latest"><div>最新消息</div><ul><li><a href="/l1">西灣漁港完成清淤工程</a> 2024-05-08</li>'
                  '<li><a href="/l2">嵐港燈塔重新開放參觀</a> 2024-05-07</li><li><a href="/l3">北區公園增設夜間照明</a> 2024-05-06</li></ul></div>',
}
# the headline: (text, whether its parts stand apart: "主題 副題")
HEADLINES = {
    "one": "嵐港港口擴建方案出爐",
    "two": "嵐港港口擴建方案出爐 首期工程明年動工",
    "ideographic": "嵐港港口擴建方案出爐\u3000首期工程明年動工",
    "colon": "港務局：嵐港港口擴建方案出爐",
    "question": "港口擴建會影響漁民生計嗎？",
    "quoted": "“深水泊位”來了 嵐港港口擴建方案出爐",
    "long": "嵐港港務局公布港口擴建方案首期工程明年上半年動工預計三年內完成",
    "dashed": "嵐港港口擴建方案出爐——首期工程明年動工",
}
# the header zone: a template around {h} (the headline) with the date, source and byline
ZONES = {
    "h1-info": '<h1>{h}</h1><div class="info">2024-05-10 07:48 來源：嵐港日報</div>',
    "div-info": '<div class="title">{h}</div><div class="info">發佈時間：2024-05-10 07:48 瀏覽次數：1,234</div>',
    "kicker": '<h3 class="kicker">港務局公布十年規劃</h3><h1>{h}</h1><div class="info">2024/05/10 07:48 嵐港日報</div>',
    "subtitle": '<h1>{h}</h1><h2>——港務局公布十年規劃</h2><div class="info">2024-05-10 07:48 來源：嵐港日報</div>',
    "byline": '<h1>{h}</h1><div class="author">記者 王小明／嵐港報導</div><div class="info">2024-05-10 07:48</div>',
    "share": '<h1>{h}</h1><div class="info">2024-05-10 07:48 嵐港日報</div>'
             '<div class="share">分享到：<a href="#">Facebook</a> <a href="#">LINE</a> <a href="#">Twitter</a></div>'
             '<div class="tools">字體：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a> <a href="#">列印</a></div>',
    "date-only": '<h1>{h}</h1><div class="info">2024/05/10 07:48</div>',
    "share-above": '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div><h1>{h}</h1>'
                   '<div class="info">2024-05-10 07:48 來源：嵐港日報</div>',
    "date-first": '<div class="date">2024-05-10 07:48</div><h1>{h}</h1><div class="src">來源：嵐港日報 作者：王小明</div>',
    # the last update's time before the publication's on the info line; a Taiwanese government
    # page's date in ROC years written with figures; an afternoon's time in words
    "updated": '<h1>{h}</h1><div class="info">更新時間：2024/05/11 09:30 發布時間：2024/05/10 07:48</div>',
    "roc": '<h1>{h}</h1><div class="info">發布日期：113/05/10 資料來源：嵐港市政府新聞處</div>',
    "afternoon": '<h1>{h}</h1><div class="info">2024年5月10日 下午 3:48 嵐港日報</div>',
}
# how the headline is marked up where a zone sets it as <h1>: a heading, or a styled text line
# (old CMSs and county sites set it in bold, in a big font, in a table cell, in a styled span)
MARKUPS = {
    "h1": "<h1>{h}</h1>",
    "h2": '<h2 class="title">{h}</h2>',
    "strong": '<p align="center"><strong>{h}</strong></p>',
    "font": '<div align="center"><font size="5" color="#000080"><b>{h}</b></font></div>',
    "td": '<table width="100%"><tr><td class="biaoti" align="center">{h}</td></tr></table>',
    "span": '<div class="hd"><span id="lblTitle" style="font-size:22px;font-weight:bold">{h}</span></div>',
}
# the page's <title> around {h} (the headline): with a channel and the site, the site's name alone,
# the headline alone, an SEO title of keywords, another wording of it, the site's name first, the
# site's description or a trail of channels after it
TITLES = {
    "full": "{h}_本地新聞_嵐港日報",
    "site": "嵐港日報",
    "bare": "{h}",
    "dash": "{h} - 嵐港日報",
    "keywords": "嵐港港口擴建,港口擴建方案,深水泊位,嵐港日報",
    "reworded": "港口擴建方案公布 兩深水泊位明年動工 | 嵐港日報",
    "site-first": "嵐港日報-本地新聞-{h}",
    "described": "{h}_嵐港日報 - 嵐港最大的新聞網站 提供本地財經體育娛樂新聞",
    "channels": "{h}_本地新聞_新聞中心_嵐港日報_嵐港網",
}
# how the text opens: a template of the first paragraph's html around {p} (its text)
OPENINGS = {
    "plain": "<p>{p}</p>",
    "photo": '<figure><img src="/p.jpg"><figcaption>▲嵐港港口擴建工程示意圖。（圖／嵐港港務局提供）</figcaption></figure><p>{p}</p>',
    "lead": "<p>本報訊（記者 王小明）{p}</p>",
    "tw-lead": "<p>〔記者王小明／嵐港報導〕{p}</p>",
    # a video player's messages over the text (a video page's brief under its clip)
    "player": '<div class="player"><div>視頻加載失敗，請刷新頁面重試</div><div>錯誤代碼：1002</div><div>重新加載 意見反饋</div>'
              '<div>時長 02:15 建議在WiFi下觀看</div></div><p>{p}</p>',
    "credit-caption": '<p><img src="/p.jpg"></p><p>嵐港港口擴建工程示意圖。（圖／記者王小明攝）</p><p>{p}</p>',
}
# furniture under the text
TAILS = {
    "related": '<div class="related"><div>相關新聞</div><ul><li><a href="/4">北濱海灘水質轉差 市民暫勿下水</a></li>'
               '<li><a href="/5">嵐港夜市美食評比出爐</a></li></ul></div>',
    "footer": '<div class="foot"><a href="/about">關於我們</a> | <a href="/c">聯絡我們</a> | <a href="/ad">廣告服務</a>'
              '<br>Copyright © 2024 嵐港日報 版權所有</div>',
    "more": '<div class="more"><div>延伸閱讀</div><div><a href="/6">舊區重建諮詢今日展開</a></div>'
            '<div>上一篇：<a href="/7">新巴士路線月底開通</a></div><div>下一篇：<a href="/8">北濱海灘水質轉差</a></div></div>',
    "credits": '<div class="editor">（責任編輯：李四）</div><div class="qr">掃一掃 分享到微信朋友圈</div>'
               '<div class="foot">嵐港日報社 版權所有 粵ICP備12345678號 地址：嵐港市海濱路1號 電話：0123-4567890</div>',
    "comments": '<div class="comments"><div>網友評論</div><div>嵐港人：終於等到了，希望工程順利，不要再拖延。</div>'
                '<div>老漁民：補償方案一定要公開透明，不能讓漁民吃虧。</div></div>',
}
# what stands right above the header zone, competing with the headline for the title
NEARS = {
    "none": "",
    "channel": '<div class="channel">本地新聞</div>',
    "slogan": '<div class="slogan">嵐港日報 陪你看世界</div>',
    "promo": '<div class="promo"><a href="/sub">訂閱嵐港日報電子報 每日新聞直送</a></div>',
    "previous": '<div class="prev">上一則：<a href="/p">新巴士路線月底開通</a></div>',
    "banner": '<div class="pic"><img src="/b.jpg"><p>嵐港港口夜景</p></div>',
    "video": '<div class="video">影片：港務局記者會直播</div>',
}
# how the text's paragraphs are marked up
BODIES = {
    "p": "{first}{rest}",
    "br": "<div>{first_text}<br><br>{rest_text}</div>",
    "split": '<div class="lead">{first}</div><div class="text">{rest}</div>',  # the lead in a box of its own
    "table": "<table><tr><td>{first}{rest}</td></tr></table>",
    # the text's opening straight in the article's box, the rest in a box inside it (a CMS's editor
    # wrapped what was pasted), with or without a photo between them
    # (a long text: its opening is far outweighed by the box below it)
    "nested": '<div class="wrap">{first}<div class="cms">{more}{rest}</div></div>',
    "nested-photo": '<div class="wrap">{first}<div class="pic"><img src="/p2.jpg"><p>港務局展示擴建工程的模型</p></div>'
                    '<div class="cms">{more}{rest}</div></div>',
    # a brief: one paragraph and the ending (a video page's caption, a news flash), no middle
    "brief": "{first}{ending}",
    # the text in sections of one class, each its own box (a CMS's sections under subheadings):
    # the first, of one paragraph, is far outweighed by the long one after it
    "sections": '<div class="wrap"><div class="section">{first}</div><div class="section"><h3>擴建工程分三期進行</h3>'
                '{more}{rest}</div></div>',
}
# the names of the article's box and of its text's box: named for what they hold, named for their
# layout (a CMS's grid classes), or not named at all (old and hand-made pages)
BOXES = {
    "named": ('class="article"', 'class="content"'),
    "layout": ('class="w640 fl"', 'class="box_l"'),
    "bare": ("", ""),
}
# how each paragraph of the text is marked up: a <p>, a <div> of its own, a <p> in a wrapper of its
# own (a CMS's editor), a WeChat article's <section><p><span>
PARAS = {
    "p": "<p>{p}</p>",
    "div": '<div style="text-indent:2em">{p}</div>',
    "wrapped": '<div class="para"><p>{p}</p></div>',
    "section": '<section style="margin:0"><p style="text-indent:2em"><span style="font-size:16px">{p}</span></p></section>',
}
# more of the text, for the bodies that need a long one
MORE = "".join(f"<p>據港務局資料，第{n}期工程將{what}，施工期間會設置臨時航道，確保船隻進出港口不受影響。</p>"
               for n, what in enumerate(("疏浚主航道", "興建防波堤", "擴建貨櫃堆場", "更新碼頭吊機", "鋪設鐵路支線",
                                         "建造旅客中心", "綠化海濱長廊", "設置污水處理廠"), 2))
# a rival block of text elsewhere on the page (after the article)
RIVALS = {
    "none": "",
    "teasers": '<div class="feed"><div>推薦閱讀</div>' + "".join(
        f'<div class="item"><a href="/f{i}">嵐港第{i}號碼頭完成翻新</a><p>嵐港第{i}號碼頭完成翻新工程，'
        f'碼頭管理處表示，新設施將提升裝卸效率，並改善工人的工作環境，預計下月正式啟用。</p></div>' for i in range(1, 6)) + "</div>",
    "comments": '<div class="comments"><div>網友評論（3）</div>' + "".join(
        f'<div class="c"><span>網友{i}</span><p>我住在港口附近，擴建工程會帶來噪音和交通問題，希望政府能夠做好規劃，'
        f'不要只顧經濟效益，也要照顧居民的生活質素，這是我們最關心的事情。</p></div>' for i in range(1, 4)) + "</div>",
    # a thread longer than the text (a short brief under a busy discussion)
    "thread": '<div class="comments"><div>網友評論（8）</div>' + "".join(
        f'<div class="c"><span>網友{i}</span><span>2024-05-1{i % 10} 1{i}:20</span><p>第{i}樓：港口擴建的消息早就傳了好幾年，'
        f'這次終於落實，不過施工期間的噪音和空氣污染問題，希望港務局能夠公開監測數據，讓附近居民安心，'
        f'也希望補償方案能夠盡快公布，不要讓漁民等太久。</p></div>' for i in range(1, 9)) + "</div>",
    # a channel's list of other stories under the article, no header over it: a headline, a summary
    # cut short with an ellipsis, a date (portal and video pages; longer than a brief together)
    "summaries": '<div class="list">' + "".join(
        f'<div class="item"><h3><a href="/s{i}">嵐港第{i}號碼頭完成翻新</a></h3><p>嵐港第{i}號碼頭完成翻新工程，'
        f'碼頭管理處表示，新設施將提升裝卸效率，並改善工人的工作環境，下月起將{end}</p><span>2024-05-0{i}</span></div>'
        for i, end in enumerate(("分階段開放...", "正式啟用…", "逐步...", "開放給市民參觀…"), 1)) + "</div>",
    # readers' replies in boxes named for content ("reply_content"), under a header of their own
    "replies": '<div class="reply-list"><div class="reply_title">全部回覆（5）</div>' + "".join(
        f'<div class="reply_item"><span class="user">港民{i}</span><div class="reply_content">擴建是好事，但我家就在碼頭旁邊，'
        f'希望施工時間不要太早開始，晚上也不要趕工，不然附近的居民根本沒辦法休息，第{i}次向港務局反映了。</div></div>'
        for i in range(1, 6)) + "</div>",
    # the next story's text under the article, with its own headline and date (endless pages)
    "next-story": '<div class="next"><h2>北濱海灘水質轉差 市民暫勿下水</h2><div>2024-05-09 18:30 來源：嵐港日報</div>' + "".join(
        f'<p>環保署今日公布最新海灘水質報告，北濱海灘的大腸桿菌含量連續第{i}週超出標準，署方建議市民暫時不要下水游泳，'
        f'並會加密採樣，找出污染來源，預計下月再公布結果。</p>' for i in range(1, 5)) + "</div>",
}
# furniture between the text's paragraphs (after the first): a template of what stands there
MIDDLES = {
    "none": "",
    "ad": '<div class="ad">廣告</div><div class="ad"><a href="/ad">嵐港夜市美食節 五月盛大開幕 立即報名</a></div>',
    "box": '<div class="inline"><div>相關新聞：</div><div><a href="/9">嵐港碼頭工人罷工進入第三天</a></div></div>',
    "subhead": "<p><strong>漁民擔心生計</strong></p>",
    "spam": "<p>嵐港新聞網 www.lg-news.example 港口擴建 港口擴建方案 嵐港港口 最新消息</p>",
}
# furniture closing the text, in the article's box, before the tail
ENDINGS = {
    "none": "",
    "source": "<p>（本文來源：嵐港日報）</p>",
    "disclaimer": "<p>【免責聲明】本文僅代表作者本人觀點，與本網無關。</p>",
    "follow": '<p>更多精彩內容，請關注嵐港日報微信公眾號。</p><div class="tools">點閱數：1,234 字級：小 中 大 回到頂端</div>',
    # furniture written as sentences: the reprint notice over the site's account of itself, a
    # news-tip prompt with its hotline, an app's promotion (a sentence's shape, a page's job)
    "blurb": "<p>嵐港日報原創稿件，未經授權不得轉載。</p><p>嵐港日報創刊於1952年，是嵐港地區歷史最悠久的中文報章，"
             "每日出版，為讀者提供本地、兩岸及國際新聞，網站每月瀏覽人次逾三百萬。</p>",
    "tipline": "<p>如果你也發現身邊有新聞，歡迎致電嵐港日報新聞熱線0123-4567890，或電郵至news@lg-news.example，"
               "一經採用，報料費從優。</p>",
    # the follow-us lines of Taiwanese and Hong Kong news pages under the text
    "follow-us": "<p>點我加入嵐港日報官方LINE好友，新聞不漏接</p><p>想看更多新聞嗎？現在用Google新聞追蹤嵐港日報</p>"
                 "<p>更多嵐港日報報導</p>",
    "app": "<p>想第一時間掌握嵐港大小事？立即下載嵐港日報App，新聞、天氣、交通資訊一手掌握，還有獨家優惠等著你。</p>",
    # short lines without a sentence in the box under the text, most of them links: a row of
    # hashtags, a row of keyword links run together, topic links under their head, a "read on" link
    "hashtags": '<div class="tags"><a href="/t/1">#嵐港</a> <a href="/t/2">#海港新貌</a> <a href="/t/3">#港務局動態</a></div>',
    "keywords": '<div class="keywords"><a href="/k/1">港口擴建</a><a href="/k/2">嵐港港務局</a><a href="/k/3">漁民補償</a></div>',
    "topics": '<div class="topic">相關主題</div><ul><li><a href="/s/1">嵐港港口擴建計劃</a></li>'
              '<li><a href="/s/2">西灣漁港</a></li></ul>',
    "read-on": '<div class="more"><a href="/list/local">看更多本地新聞</a></div>',
    "keyword-label": '<div class="kw">關鍵字：<a href="/k/1">港務局動態</a>、<a href="/k/2">海港新貌</a></div>',
    "hashtag-text": "<p>#港區巡禮 #海港新貌 #港務局動態</p>",
    # a multi-page article's pager, a government page's tools row, a "read the whole" link
    "pager": '<div class="page">上一頁 1 2 3 下一頁 共3頁</div>',
    "gov-tools": '<div class="tools">【字體：大 中 小】【打印本頁】【關閉窗口】</div>',
    "read-all": '<p><a href="/all">點擊閱讀全文</a></p>',
    "linked": '<p><a href="/x1">嵐港燈塔重新開放參觀</a></p><p><a href="/x2">西灣大橋今晚起夜間封閉維修</a></p>',
}
# where the article stands: alone, or in a layout table beside a sidebar of headlines
FRAMES = {
    "plain": "{article}",
    "sidebar": '<table><tr><td width="70%">{article}</td><td><div>排行榜</div><ol><li><a href="/r1">嵐港碼頭工人罷工進入第三天</a></li>'
               '<li><a href="/r2">新巴士路線月底開通</a></li><li><a href="/r3">舊區重建諮詢今日展開</a></li>'
               '<li><a href="/r4">北濱海灘水質轉差 市民暫勿下水</a></li></ol></td></tr></table>',
}
FIGURES = SCORED[:5] + ("whole",) + SCORED[5:]  # "whole": every paragraph of the text is in the body
JUNK = ("熱門新聞", "嵐港碼頭工人罷工進入第三天", "北濱海灘水質轉差", "嵐港夜市美食評比出爐", "Copyright © 2024 嵐港日報",
        "網友評論", "終於等到了，希望工程順利", "分享到：", "農曆四月初三", "颱風警報解除", "股市收盤大漲百點", "訂閱電子報",
        "延伸閱讀", "舊區重建諮詢今日展開", "上一篇：", "下一篇：", "掃一掃", "粵ICP備12345678號", "地址：嵐港市海濱路1號",
        "嵐港夜市美食節 五月盛大開幕", "相關新聞：", "www.lg-news.example", "免責聲明", "請關注嵐港日報微信公眾號", "點閱數：1,234",
        "回到頂端", "排行榜", "新巴士路線月底開通", "本地新聞", "陪你看世界", "每日新聞直送", "上一則：", "嵐港港口夜景",
        "港務局記者會直播", "推薦閱讀", "碼頭完成翻新工程", "網友評論", "我住在港口附近", "港口擴建的消息早就傳了好幾年", "環保署今日公布最新海灘水質報告",
        "未經授權不得轉載", "是嵐港地區歷史最悠久的中文報章", "歡迎致電嵐港日報新聞熱線", "立即下載嵐港日報App",
        "加入嵐港日報官方LINE好友", "用Google新聞追蹤嵐港日報", "更多嵐港日報報導", "#海港新貌", "嵐港港務局漁民補償",
        "相關主題", "嵐港港口擴建計劃", "西灣漁港完成清淤工程", "看更多本地新聞", "關鍵字：", "#港區巡禮", "嵐港燈塔重新開放參觀", "西灣大橋今晚起夜間封閉維修",
        "全部回覆", "我家就在碼頭旁邊", "視頻加載失敗", "錯誤代碼：1002", "建議在WiFi下觀看", "上一頁 1 2 3 下一頁",
        "打印本頁", "關閉窗口", "點擊閱讀全文")


def paragraphs_of(body: str) -> tuple[str, ...]:
    """The text's paragraphs in a body of this kind: a brief has its first only."""
    return PARAGRAPHS[:1] if body == "brief" else PARAGRAPHS


def _marked(text: str, paras: str) -> str:
    """The text's own paragraphs (those of PARAGRAPHS and MORE) set in the markup ``paras`` names."""
    own = PARAGRAPHS + ("據港務局資料",)
    return re.sub(r"<p>(.*?)</p>", lambda m: PARAS[paras].format(p=m.group(1)) if any(p in m.group(1) for p in own)
                  else m.group(0), text)


def page(top: str, headline: str, zone: str, opening: str, tail: str, middle: str = "none", ending: str = "none",
         frame: str = "plain", near: str = "none", body: str = "p", rival: str = "none", markup: str = "h1",
         title: str = "full", boxes: str = "named", paras: str = "p") -> tuple[str, dict]:
    """(html, label) of one combination."""
    paragraphs = paragraphs_of(body)
    first = OPENINGS[opening].format(p=paragraphs[0])
    rest = MIDDLES[middle] + "".join(f"<p>{p}</p>" for p in paragraphs[1:]) + ENDINGS[ending]
    text = BODIES[body].format(first=first, rest=rest, more=MORE, ending=ENDINGS[ending],
                               first_text=first.replace("<p>", "").replace("</p>", "<br><br>"),
                               rest_text=rest.replace("<p>", "").replace("</p>", "<br><br>"))
    text = _marked(text, paras)
    header = ZONES[zone].replace("<h1>{h}</h1>", MARKUPS[markup]).format(h=HEADLINES[headline])
    outer, inner = BOXES[boxes]
    article = (f'<div {outer}>{NEARS[near]}{header}'
               f'<div {inner}>{text}</div></div>{RIVALS[rival]}')
    html = (f'<html><head><meta charset="utf-8"><title>{TITLES[title].format(h=HEADLINES[headline])}</title></head><body>'
            f'{TOPS[top]}{FRAMES[frame].format(article=article)}{TAILS[tail]}</body></html>')
    lead = {"lead": "本報訊（記者王小明）", "tw-lead": "〔記者王小明／嵐港報導〕"}.get(opening, "")
    furniture = (TOPS[top] + TAILS[tail] + ZONES[zone] + OPENINGS[opening] + (MIDDLES[middle] if body != "brief" else "")
                 + ENDINGS[ending]
                 + FRAMES[frame] + NEARS[near] + RIVALS[rival])
    label = {
        "title": HEADLINES[headline],
        "date": DATE,
        "authors": [REPORTER] if zone in ("byline", "date-first") or opening in ("lead", "tw-lead") else None,
        "body_start": nows(lead + paragraphs[0])[:15],
        "body_end": nows(paragraphs[-1])[-15:],
        "junk": [j for j in JUNK if letters(j) in letters(furniture)],
        "split": "dev",
    }
    return html, label


DIMENSIONS = (TOPS, HEADLINES, ZONES, OPENINGS, TAILS, MIDDLES, ENDINGS, FRAMES, NEARS, BODIES, RIVALS, MARKUPS, TITLES,
              BOXES, PARAS)
DIMENSION_NAMES = ("top", "headline", "zone", "opening", "tail", "middle", "ending", "frame", "near", "body", "rival",
                   "markup", "title", "boxes", "paras")


def combinations(sample: int | None, seed: int = 1) -> list[tuple[str, ...]]:
    """``sample`` combinations drawn with a fixed seed (every one for None: billions), each drawn
    as a number in the grid's mixed radix, so that the grid is never built whole to be sampled."""
    names = [list(dim) for dim in DIMENSIONS]
    total = 1
    for dim in names:
        total *= len(dim)
    if sample is None or sample >= total:
        return list(itertools.product(*names))

    def combo(number: int) -> tuple[str, ...]:
        out = []
        for dim in reversed(names):
            number, at = divmod(number, len(dim))
            out.append(dim[at])
        return tuple(reversed(out))

    return [combo(n) for n in random.Random(seed).sample(range(total), sample)]


def score(combos, kinds) -> tuple[dict, dict]:
    """(figures[kind][figure] = [true, counted], failures[kind] = [(combo, figures wrong, got title)]):
    true is right for the first five figures, a leak or a failure for the last two."""
    figures: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    failures: dict = defaultdict(list)
    for combo in combos:
        html, label = page(*combo)
        for kind in kinds:
            doc = html if kind == "html" else render(html, kind)
            if doc is None:
                continue
            try:
                res = run_reader(doc, "html" if kind == "html" else "text")
            except Exception as exc:  # a page the reader cannot read counts as failed
                res = Result(error=f"{type(exc).__name__}: {exc}"[:200])
            figs = judge(label, res, letters(doc if kind != "html" else render(html, "dom")))
            # (the grid's own figure: no paragraph of the text lost between its first and last)
            body = letters(res.body)
            figs["whole"] = not figs["failed"] and all(letters(p)[:15] in body for p in paragraphs_of(dict(zip(DIMENSION_NAMES, combo)).get("body", "p")))
            wrong = []
            for fig in FIGURES:
                if fig in figs:
                    figures[kind][fig][0] += bool(figs[fig])
                    figures[kind][fig][1] += 1
                    if bool(figs[fig]) == (fig in ("leak", "failed")):
                        wrong.append(fig)
            if wrong:
                failures[kind].append((combo, wrong, res.title))
    return figures, failures


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kinds", default=",".join(["html"] + available_kinds()))
    ap.add_argument("--sample", type=int, default=1500,
                    help="score this many combinations, drawn with a fixed seed (0: every one, billions)")
    ap.add_argument("-v", action="store_true", help="list the failing combinations, counted by the piece they share")
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    combos = combinations(args.sample or None)
    figures, failures = score(combos, kinds)
    print(f"{len(combos)} pages; % right (leak, failed: % of pages leaking junk, failed; lower is better)")
    print(f"{'kind':10} " + " ".join(f"{f:>6}" for f in FIGURES))
    for kind in kinds:
        cells = [f"{100 * r / n:5.0f}%" if n else "     -" for r, n in (figures[kind][f] for f in FIGURES)]
        print(f"{kind:10} " + " ".join(cells))
    if args.v:
        for kind in kinds:
            if not failures[kind]:
                continue
            print(f"\n{kind}: {len(failures[kind])} pages with a figure wrong")
            by_fig: dict = defaultdict(Counter)
            for combo, wrong, _title in failures[kind]:
                for fig in wrong:
                    for dim, value in zip(DIMENSION_NAMES, combo):
                        by_fig[fig][f"{dim}={value}"] += 1
            for fig, counter in by_fig.items():
                n = sum(1 for _c, w, _t in failures[kind] if fig in w)
                common = ", ".join(f"{k} {v}" for k, v in counter.most_common(6))
                print(f"  {fig:7} {n:4}  most often with: {common}")
            for combo, wrong, title in failures[kind][:12]:
                print(f"    {'/'.join(combo):50} {','.join(wrong):24} title={title!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
