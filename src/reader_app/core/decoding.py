"""Bytes to text: UTF-8 (with or without BOM), UTF-16, and, where UTF-8 fails,
GB18030 or Big5, whichever reads as more ordinary Chinese."""

from __future__ import annotations

import codecs

MAX_BYTES = 20 * 1024 * 1024

# The most frequent characters of Chinese news text in both scripts: a decoding that
# produces many of them is the right one (GB18030 decodes almost any bytes, but Big5
# text read as GB18030 yields rare characters).
_COMMON = set(
    "的一是不了在人有我他这個个们們中来來上大为為和国國地到以说說时時要就出会會可也你对對"
    "生能而子那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學"
    "如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實"
    "电電信网網公司务務展业業服区區县縣村扶贫貧工新，。、"
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we read; the message says why."""


def _score(text: str) -> float:
    if not text:
        return 0.0
    common = sum(1 for c in text if c in _COMMON)
    bad = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f"))
    return (common - 5 * bad) / len(text)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes on one side of most ASCII code units."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > 0.1 * len(sample)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises DecodeError with a reason for a person."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    utf16 = _looks_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    has_nul = b"\0" in data[:8192]
    if not has_nul:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    # NUL bytes: UTF-16 without a BOM (Chinese code units can contain 00 on either
    # side) or binary. Otherwise GB18030 or Big5. The likeliest reading wins.
    encodings = ["utf-16-le", "utf-16-be", "utf-8"] if has_nul else ["gb18030", "big5"]
    candidates: list[tuple[float, str, str]] = []
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_score(text), enc, text))
    score, enc, text = max(candidates) if candidates else (0.0, "", "")
    if score > 0.02:
        return text, enc
    if has_nul or looks_binary(data):
        raise DecodeError("this is a binary file, not text")
    raise DecodeError(
        "the text encoding is not one we can read (tried UTF-8, UTF-16, GB18030 and Big5)"
    )
