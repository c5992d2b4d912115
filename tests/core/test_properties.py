"""Properties of the cleaners over any input: they never raise anything but our own clear
error, and cleaning clean text changes nothing."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader_app.core.cleaning import normalize_inline
from reader_app.core.errors import SourceError
from reader_app.core.library import load_file, parse_text

# Text rich in what the cleaners look at: Chinese, full- and half-width punctuation,
# pinyin, markup, spaces, newlines, Latin and digits.
ALPHABET = st.sampled_from(
    list("中国电信扶贫村網絡鄉ǎóū()（）,.:;?!，。：；？！、“”‘’<>/p-#*[]|12 \n\t\u3000abcXYZ")
)
messy_text = st.one_of(st.text(), st.text(alphabet=ALPHABET, max_size=400))
settings_ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings_
@given(messy_text)
def test_parsing_any_text_raises_only_our_error(text: str) -> None:
    """No text makes a cleaner crash; at worst it says the file has no readable text."""
    try:
        article = parse_text(text, "x.txt")
    except SourceError as e:
        assert e.reason
    else:
        assert article.title or article.blocks


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_loading_any_bytes_raises_only_our_error(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    """No file content makes loading crash."""
    path: Path = tmp_path_factory.mktemp("bytes") / "f.txt"
    path.write_bytes(data)
    try:
        load_file(path)
    except SourceError as e:
        assert e.reason


@settings_
@given(messy_text)
@example("(:0一)")  # a widened （ makes the colon after it Chinese punctuation
@example("㐀,,")
def test_normalizing_is_idempotent(text: str) -> None:
    """Cleaning clean text changes nothing."""
    once = normalize_inline(text)
    assert normalize_inline(once) == once


@settings_
@given(messy_text)
def test_cleaned_blocks_are_stable_under_cleaning(text: str) -> None:
    """Every title and block the cleaners produce is already in its clean form."""
    try:
        article = parse_text(text, "x.txt")
    except SourceError:
        return
    for text in (article.title, article.subtitle or "", *(b.text for b in article.blocks)):
        assert normalize_inline(text) == text
