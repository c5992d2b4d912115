"""Page furniture shared by the web-born formats: source credits, navigation links,
copyright and 'related articles' blocks. Not article text; recognised here once."""

from __future__ import annotations

import re

_SOURCE_LINE = re.compile(
    r"^[（(【\[]?\s*(?:文章来源|稿件来源|新闻来源|新聞來源|来源|來源|转自|轉自|转载自|轉載自|出处|出處)"
    r"\s*[:：]\s*(?P<name>[^）)】\]\s]{2,30})\s*[）)】\]]?$"
)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
_AUTOLINK = re.compile(r"<(?:https?:)?//[^>\s]+>|(?:https?:)?//\S+|www\.\S+")
_NAVIGATION = re.compile(
    r"^(返回|回到|上一篇|下一篇|首页|首頁|阅读原文|閱讀原文|原文链接|原文鏈接|分享到|点击|點擊|更多)"
)
_FOOTER_START = re.compile(
    r"^\s*(【?版[权權]及免[责責][声聲]明】?|版[权權]所有|延伸[阅閱][读讀]|相[关關]阅读|相[关關]閱讀|"
    r"相[关關]新[闻聞]|[热熱][点點][视視][频頻]|[热熱][点點]新[闻聞]|[热熱][点點][舆輿]情|"
    r"微信公[众眾][号號]|[责責]任[编編][辑輯][:：]|免[责責][声聲]明)"
)


def source_credit(text: str) -> str | None:
    """'（文章来源：人民邮电报）' or '轉自:通信信息報' → the publisher's name."""
    m = _SOURCE_LINE.match(text.strip())
    return m.group("name") if m else None


def strip_markdown_links(text: str) -> str:
    """[text](url) → text; images ![alt](src) go entirely."""
    return _MD_LINK.sub(lambda m: "" if m.group(0).startswith("!") else m.group(1), text)


def is_link_only(text: str) -> bool:
    """A line that is only URLs and navigation links ('返回首页', '<http://…>')."""
    rest = _AUTOLINK.sub("", _MD_LINK.sub(lambda m: m.group(1), text))
    rest = rest.strip(" |｜·-—>\t")
    parts = [p.strip() for p in re.split(r"[|｜·]", rest) if p.strip()]
    if not parts:
        return True
    return bool(_MD_LINK.search(text) or _AUTOLINK.search(text)) and all(
        _NAVIGATION.match(p) for p in parts
    )


def starts_footer(text: str) -> bool:
    """The first line of the furniture a news site puts after the article."""
    return bool(_FOOTER_START.match(text))
