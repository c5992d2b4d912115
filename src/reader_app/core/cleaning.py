"""Text normalisation shared by every source module.

Each function here works on one string and is idempotent: cleaning clean text changes
nothing. Source modules decide *what* is a title, a heading or a paragraph; this
module decides how the text inside each of them is spelled.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# --- character classes -------------------------------------------------------------

# Han ideographs: the characters whose count 'nothing lost' is checked on.
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Full-width punctuation and symbols of CJK text: ，。、“”（）《》…— and friends (not the
# ideographic space, which is a space).
_WIDE_PUNCT_CLASS = "\u3001-\u303f\uff01-\uff60\ufe10-\ufe6f\u2018-\u201f…—·―□"
_CJK_RE = re.compile(f"[{_CJK_CLASS}]")
_WIDE_RE = re.compile(f"[{_CJK_CLASS}{_WIDE_PUNCT_CLASS}]")
_SPACE_RE = re.compile(r"\s")


def is_cjk(ch: str) -> bool:
    """A Han ideograph."""
    return _CJK_RE.match(ch) is not None


def is_wide(ch: str) -> bool:
    return _WIDE_RE.match(ch) is not None


def cjk_chars(text: str) -> list[str]:
    return _CJK_RE.findall(text)


def cjk_count(text: str) -> int:
    return len(_CJK_RE.findall(text))


def visual_width(line: str) -> float:
    """Width of a printed line in em: wide characters 1, narrow ones 1/2, spaces 0.

    Spaces are not counted because text extracted from print scatters them freely.
    """
    wide = len(_WIDE_RE.findall(line))
    narrow = len(line) - wide - len(_SPACE_RE.findall(line))
    return wide + 0.5 * narrow


# --- inline normalisation ----------------------------------------------------------

SENTENCE_END = "。！？!?…；;”’」』）)】"
"""A line ending in one of these may end a paragraph."""

CONTINUES = "，、：,:（(“‘「『《【—"
"""A line ending in one of these always continues on the next line."""

_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u202f\u205f\ufeff]+")
_IDEO_SPACE_RUN = re.compile(r" *\u3000[ \u3000]*")
_ASCII_TO_WIDE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_SMALL_FORMS = {"\ufe62": "+", "\uff0b": "+"}  # ﹢ and ＋ next to 5G etc. read as plain +
_CJK_PARENS = re.compile(r"\(([^()\n]*)\)")


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def widen_ascii_punctuation(text: str) -> str:
    """ASCII , : ; ? ! inside Chinese sentences become ， ： ； ？ ！.

    Only where a neighbour (spaces skipped) is Chinese, and never between two digits
    (1,000 and 10:30 stay as they are), so URLs and Latin text are untouched.
    """
    if not any(c in _ASCII_TO_WIDE for c in text):
        return text
    out = list(text)
    for i, ch in enumerate(text):
        wide = _ASCII_TO_WIDE.get(ch)
        if wide is None:
            continue
        # the left neighbour as already converted, so a second pass finds nothing to do
        before, after = _neighbour("".join(out[:i]), i, -1), _neighbour(text, i, 1)
        if before.isdigit() and after.isdigit():
            continue
        if (before and is_wide(before)) or (after and is_cjk(after)):
            out[i] = wide
    return "".join(out)


def widen_parentheses(text: str) -> str:
    """(葉菁) → （葉菁）: ASCII parentheses around Chinese text take the full-width form."""
    if "(" not in text:
        return text
    return _CJK_PARENS.sub(
        lambda m: f"（{m.group(1)}）" if any(is_cjk(c) for c in m.group(1)) else m.group(0),
        text,
    )


def collapse_spaces(text: str) -> str:
    """Drop every space that touches a Chinese character or full-width punctuation; keep
    one space between two Latin words or numbers. The ideographic space (U+3000), which
    headlines use on purpose between two phrases, is kept, one at a time."""
    text = _SPACES.sub(" ", text)
    text = _IDEO_SPACE_RUN.sub("\u3000", text).strip(" \u3000")
    if " " not in text:
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == " ":
            before = out[-1] if out else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if not before or not after or is_wide(before) or is_wide(after):
                continue
            if before == "\u3000" or after == "\u3000":
                continue
        out.append(ch)
    return "".join(out)


def headline(text: str) -> str:
    """A title or heading line: a space between two phrases is kept as a full-width space
    (how Chinese headlines separate them); spaces around punctuation are noise."""
    out = []
    parts = re.split(r"( +)", text.strip())
    for i, part in enumerate(parts):
        if part.startswith(" ") and 0 < i < len(parts) - 1:
            before, after = parts[i - 1][-1:], parts[i + 1][:1]
            # between two phrases of characters; next to quotes and brackets their own
            # full-width glyphs already leave the gap
            out.append("\u3000" if is_cjk(before) and is_cjk(after) else " ")
        else:
            out.append(part)
    return "".join(out)


def normalize_inline(text: str) -> str:
    """The spelling every block of text gets: NFC, full-width punctuation inside Chinese
    sentences, spaces only between Latin words. Idempotent."""
    text = unicodedata.normalize("NFC", text)
    if "\ufe62" in text or "\uff0b" in text:
        text = re.sub(r"\s*([\ufe62\uff0b])\s*", lambda m: _SMALL_FORMS[m.group(1)], text)
    # parentheses first: a widened （ is a Chinese neighbour for the punctuation after it
    text = widen_parentheses(text)
    text = widen_ascii_punctuation(text)
    return collapse_spaces(text)


# --- pinyin annotations ------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PLAIN = "aeiouü"
_INITIALS = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_V = f"[{_PLAIN}{_TONED}]"
# initial + vowel cluster + optional final nasal/r: covers every standard syllable
_SYLLABLE = f"{_INITIALS}{_V}{{1,3}}(?:ng|n|r)?"
_PINYIN_PAREN = re.compile(rf"\(({_SYLLABLE})\)|（({_SYLLABLE})）")


def _has_tone(s: str) -> bool:
    return any(c in _TONED for c in s)


def strip_pinyin(text: str) -> str:
    """Remove pinyin annotations like 精準(zhǔn) but keep every real parenthesis.

    A tone-marked syllable in parentheses is always an annotation; a toneless one only
    when it follows a Chinese character (so (app), (Winner) and (WSIS) stay)."""

    def repl(m: re.Match[str]) -> str:
        syl = m.group(1) or m.group(2)
        if _has_tone(syl):
            return ""
        start = m.start()
        if start > 0 and is_cjk(text[start - 1]) and syl.islower() and len(syl) > 1:
            return ""
        return m.group(0)

    return _PINYIN_PAREN.sub(repl, text)


def count_pinyin_annotations(text: str) -> int:
    return sum(1 for m in _PINYIN_PAREN.finditer(text) if _has_tone(m.group(1) or m.group(2)))


# --- joining lines -----------------------------------------------------------------


def join_wrapped(lines: Iterable[str]) -> str:
    """Reflow hard-wrapped lines into one paragraph: Chinese joins without a space, two
    Latin words across a wrap keep one."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if (
            out
            and out[-1].isascii()
            and out[-1].isalnum()
            and line[0].isascii()
            and line[0].isalnum()
        ):
            out += " "
        out += line
    return out


_CLOSING_QUOTES = "”’」』"


def ends_sentence(line: str) -> bool:
    """Whether a line ends a sentence: 。！？… and friends, or a closing quote right
    after one (…功劳。” does, 首创“两级运营体系” does not)."""
    line = line.rstrip()
    if not line:
        return False
    if line[-1] in _CLOSING_QUOTES:
        inner = line.rstrip(_CLOSING_QUOTES)
        return not inner or inner[-1] in SENTENCE_END
    return line[-1] in SENTENCE_END


def continues(line: str) -> bool:
    line = line.rstrip()
    return bool(line) and line[-1] in CONTINUES


def split_blank_separated(lines: Sequence[str]) -> list[list[str]]:
    """Group lines into runs separated by blank lines."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


# --- dates -------------------------------------------------------------------------

_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")


def find_date(text: str) -> str | None:
    """The first plausible calendar date in ``text`` as YYYY-MM-DD."""
    for m in _DATE.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None
