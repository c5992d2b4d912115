"""Each source kind with its own small fixtures, beyond the seeds: detection from the
content alone and the cleaning a reader would expect."""

from __future__ import annotations

import pytest

from reader_app.core import sources
from reader_app.core.article import BlockType
from reader_app.core.library import parse_text

NEWSPAPER = """\
光纤进村
山里通了网

去年冬天 ， 村里终于
通上了光纤 。 孩子们
第一次在教室里看到了
城里的老师 。

老支书说 ： “ 这是我
们盼了十年的事 。 ”

网上卖货
日子越过越好

村里的核桃 、 蜂蜜通
过直播卖到了全国 ，
去年收入超过 200 万
元 。
"""

JEKYLL_MARKDOWN = """\
---
title: ''
date: 2022-03-01
categories: [news]
tags:
  - 乡村
---
5G 基站开进大山

> 记者 王明 报道

中国移动在山区新建了120座5G基站, 覆盖了全部行政村。
详见[官方公告](https://example.com/a)。

来源：通信产业报

[返回首页](https://example.com/)
"""

WEB = """\
數字鄉(xiāng)村建設提速


來(lái)源:示例新聞網   時(shí)間:2020-06-18


  今年以來(lái),各地加快推進(jìn)數字鄉(xiāng)村建設(shè)。

  寬帶進(jìn)村


  據(jù)統計(jì),全國(guó)行政村通光纖比例超過(guò)98%(含偏遠(yuǎn)地區(qū))。

  轉(zhuǎn)自:人民郵電報(bào)

  【版(bǎn)權(quán)及免責(zé)聲明】凡本網(wǎng)所屬版權(quán)作品
延伸閱(yuè)讀
  • 舊(jiù)聞一則
    2017-06-15
"""

SEGMENTED = """\
山村 通 网 记
原 标题 山村 通 网 记
村民 在 新 建成 的 基站 前 合影
今年 以来 当地 电信 公司 投入 大量 资金 建设 农村 网络 让 偏远 山村 的 群众 也 能 用上 \
高速 宽带 实现 了 村村 通 光纤 的 目标 得到 群众 好评
建设 数字 乡村
当地 还 开通 了 网上 销售 平台 帮助 农民 把 农产品 卖 到 全国 各地 收入 明显 增加
"""

HTML = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>新闻标题 - 站点</title>
<meta property="og:site_name" content="示例站">
<style>body { color: red }</style><script>alert("x")</script></head>
<body><nav><a href="/">首页</a> <a href="/news">新闻</a></nav>
<h1>乡村网络新进展</h1>
<time datetime="2021-08-09">8月9日</time>
<p>记者从有关部门获悉, 今年将新建基站一万座。</p>
<h2>重点地区</h2>
<p>西部地区是建设重点<br>投资超过十亿元。</p>
<footer>版权所有 示例站</footer>
</body></html>
"""

PLAIN = """\
农村电商的一年

这是第一段，讲述了
农村电商的发展。

收获

第二段写 English words here 和中文。
"""


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (NEWSPAPER * 2, "newspaper"),
        (JEKYLL_MARKDOWN, "jekyll"),
        (WEB, "web"),
        (SEGMENTED, "segmented"),
        (HTML, "html"),
        (PLAIN, "text"),
    ],
)
def test_kind_is_detected_from_content(text: str, kind: str) -> None:
    """The format comes from what the text looks like, never from a file name."""
    assert sources.detect(text).name == kind


def blocks(text: str) -> list[tuple[str, str]]:
    return [(b.type.value, b.text) for b in parse_text(text, "x").blocks]


def test_newspaper_fixture() -> None:
    """Two-line headings joined, wraps reflowed, digits and punctuation tightened."""
    a = parse_text(NEWSPAPER * 2, "x")
    assert a.title == "光纤进村"
    assert a.subtitle == "山里通了网"
    got = blocks(NEWSPAPER * 2)
    assert (
        "paragraph",
        "去年冬天，村里终于通上了光纤。孩子们第一次在教室里看到了城里的老师。",
    ) in got
    assert ("paragraph", "老支书说：“这是我们盼了十年的事。”") in got
    assert ("heading", "网上卖货\u3000日子越过越好") in got
    assert ("paragraph", "村里的核桃、蜂蜜通过直播卖到了全国，去年收入超过200万元。") in got


def test_jekyll_markdown_body_with_empty_title() -> None:
    """An empty front-matter title falls back to the first line; links keep their text;
    the source credit becomes the source; navigation is dropped."""
    a = parse_text(JEKYLL_MARKDOWN, "x")
    assert a.format == "jekyll"
    assert a.title == "5G基站开进大山"
    assert a.date == "2022-03-01"
    assert a.source == "通信产业报"
    assert [b.text for b in a.blocks] == [
        "记者王明报道",
        "中国移动在山区新建了120座5G基站，覆盖了全部行政村。详见官方公告。",
    ]


def test_web_fixture() -> None:
    """Pinyin stripped, real parentheses kept, header into fields, footer dropped."""
    a = parse_text(WEB, "x")
    assert a.title == "數字鄉村建設提速"
    assert (a.date, a.source) == ("2020-06-18", "人民郵電報")
    assert blocks(WEB) == [
        ("paragraph", "今年以來，各地加快推進數字鄉村建設。"),
        ("heading", "寬帶進村"),
        ("paragraph", "據統計，全國行政村通光纖比例超過98%（含偏遠地區）。"),
    ]


def test_segmented_fixture() -> None:
    """Words joined, the repeated title dropped, a caption kept, a heading found."""
    a = parse_text(SEGMENTED, "x")
    assert a.title == "山村通网记"
    assert blocks(SEGMENTED) == [
        ("paragraph", "村民在新建成的基站前合影"),
        (
            "paragraph",
            "今年以来当地电信公司投入大量资金建设农村网络让偏远山村的群众也能用上高速宽带"
            "实现了村村通光纤的目标得到群众好评",
        ),
        ("heading", "建设数字乡村"),
        ("paragraph", "当地还开通了网上销售平台帮助农民把农产品卖到全国各地收入明显增加"),
    ]


def test_html_fixture() -> None:
    """Title from the first heading, scripts/styles/nav/footer dropped, <br> joined."""
    a = parse_text(HTML, "x")
    assert a.title == "乡村网络新进展"
    assert (a.date, a.source) == ("2021-08-09", "示例站")
    text = a.all_text()
    for junk in ("alert", "color", "首页", "版权所有", "<"):
        assert junk not in text
    assert ("heading", "重点地区") in blocks(HTML)
    assert ("paragraph", "记者从有关部门获悉，今年将新建基站一万座。") in blocks(HTML)
    assert ("paragraph", "西部地区是建设重点投资超过十亿元。") in blocks(HTML)


def test_plain_text_fixture() -> None:
    """Title from the first line, paragraphs from blank lines, Latin spacing kept."""
    a = parse_text(PLAIN, "x")
    assert a.title == "农村电商的一年"
    assert blocks(PLAIN) == [
        ("paragraph", "这是第一段，讲述了农村电商的发展。"),
        ("heading", "收获"),
        ("paragraph", "第二段写English words here和中文。"),
    ]
    assert all(
        b.type in (BlockType.HEADING, BlockType.PARAGRAPH) for b in parse_text(PLAIN, "x").blocks
    )
