"""Keywords worth highlighting: a lazy jieba wrapper, corpus-weighted TF-IDF, spans.

What the rest of the app sees:

* ``KeywordExtractor(cache_dir)``: jieba behind a lock, loaded on first use or by
  ``warm_up()`` (run that in a worker: a cold start builds jieba's prefix dictionary,
  one to two seconds; later starts read it back in about half a second).
  ``terms(text)`` gives the candidate words of a text, ``keywords(article)`` ranks
  them with jieba's general IDF only.
* ``KeywordIndex.build(articles, extractor, cache)``: the loaded library's document
  frequencies; ``index.keywords(article)`` ranks with them, so a word every article
  uses (电信 here) sinks below what makes this article distinct.
* ``keywords_for_display(keywords, text)``: keywords (always Simplified) spelled as
  the displayed text spells them.
* ``highlight_spans(text, terms)``: where keywords and the reader's own terms occur in
  displayed text, in any script, as Python string indices.

Everything works on ``fold(text)``, the length-preserving Traditional→Simplified
character fold, so a Traditional article is cut by the same Simplified dictionary and
ranked like its Simplified twin, and a span found in the folded text is a span of the
displayed one.

Nothing is loaded at import: jieba is imported by the first call that needs it.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import math
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reader_app.core.article import Article
from reader_app.core.keyword_cache import KeywordCache
from reader_app.core.resources import resource
from reader_app.core.script import fold

if TYPE_CHECKING:
    from reader_app.core.paths import AppPaths

log = logging.getLogger(__name__)

# Bump when the ranking or the filters change in a way that changes results; cached
# keywords of older versions are then simply not found. Edits to the shipped word
# lists change the version on their own (their digest is part of it).
ALGORITHM_VERSION = 1
DEFAULT_TOP = 10
# Fixed names, so a warm start finds last run's files and nothing piles up.
JIEBA_CACHE_NAME = "jieba.cache"
IDF_CACHE_NAME = "jieba-idf.cache"
KEYWORD_CACHE_NAME = "keywords.sqlite3"

# --- what may become a keyword ------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Acronyms a reader takes as words (5G, IPTV, VPN, AI): capitals and digits, at least
# one capital, 2 to 8 long. Lower-case and mixed-case Latin is left-over markup or URL
# pieces (p, strong, http, com, ctyun) far more often than a word, so it is dropped.
_ACRONYM = re.compile(r"(?=[0-9]*[A-Z])[A-Z0-9]{2,8}")
# Chinese numerals with an optional counter: 一个, 三年, 第十一, 两届, 万元.
_CJK_NUMBER = re.compile(
    r"第?[零〇一二两三四五六七八九十百千万亿几数半]+[年月日号个次名位项家条种届期批级成倍天元户人所]?"
)
# What is left of "31个省" or "1592个村" once a cleaner lost the digits.
_COUNTED = re.compile(r"个[省市县区村乡镇户]")
_DIGIT = re.compile(r"\d")
# First characters of a token cut off a number: 万/亿 (units), 余/多 (odd), counters.
_NUMBER_TAILS = frozenset("万亿千百十余多个名位次号年月日元岁户人家所座部条项")


def _read_word_list(path: Path) -> list[str]:
    """Non-empty lines of a UTF-8 word list without '#' comments, folded to Simplified."""
    words = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(fold(line))
    return words


class Span(NamedTuple):
    """``text[start:end]`` is an occurrence of ``term`` (as the caller spelled it)."""

    start: int
    end: int
    term: str


# --- the extractor --------------------------------------------------------------------


class KeywordExtractor:
    """jieba with our user dictionary and stop words, loaded lazily and thread-safely.

    ``cache_dir`` receives jieba's prefix-dictionary cache and a parsed copy of its IDF
    table under fixed names; nothing goes to the system temp dir.
    """

    def __init__(
        self,
        cache_dir: Path,
        user_dict: Path | None = None,
        stopwords: Path | None = None,
    ) -> None:
        self.cache_dir = Path(cache_dir)
        self.user_dict_path = user_dict or resource("dict", "user_dict.txt")
        self.stopwords_path = stopwords or resource("dict", "stopwords.txt")
        self._lock = threading.Lock()
        self._tokenizer: Any = None  # jieba.Tokenizer once warmed up
        self._idf: dict[str, float] = {}
        self._median_idf = 0.0
        self._stopwords: frozenset[str] = frozenset()
        self._user_terms: frozenset[str] = frozenset()
        self._version: str | None = None

    # loading

    @property
    def ready(self) -> bool:
        """Whether jieba is loaded (so a call will not block on start-up)."""
        return self._tokenizer is not None

    def warm_up(self) -> None:
        """Load jieba, the user dictionary, stop words and IDF table (idempotent).

        Blocking (measured 1.5-2.5 s on a cold start that builds jieba's cache,
        about 0.5 s on a warm start from it): the GUI runs it in a worker at start-up
        so the first article does not wait.
        """
        if self._tokenizer is not None:
            return
        with self._lock:
            if self._tokenizer is not None:
                return
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            import jieba

            _quiet_jieba()  # after the import: importing jieba installs its handler
            stopwords = frozenset(w.lower() for w in _read_word_list(self.stopwords_path))
            user_terms = self._read_user_dict()
            tokenizer = jieba.Tokenizer()
            # jieba joins tmp_dir and cache_file itself; both set, so no temp dir is used
            # and the name stays the same from run to run.
            tokenizer.tmp_dir = str(self.cache_dir)
            tokenizer.cache_file = JIEBA_CACHE_NAME
            if not _load_jieba_cache(tokenizer, self.cache_dir / JIEBA_CACHE_NAME):
                tokenizer.initialize()  # builds the prefix dict and writes the cache
            for word, freq, tag in user_terms:
                tokenizer.add_word(word, freq, tag)
            self._idf, self._median_idf = _load_idf(Path(jieba.__file__).parent, self.cache_dir)
            self._stopwords = stopwords
            self._user_terms = frozenset(w for w, _f, _t in user_terms)
            self._tokenizer = tokenizer  # last: publishing it is what `ready` reads

    def _read_user_dict(self) -> list[tuple[str, int | None, str | None]]:
        # Parsed here rather than by jieba.load_userdict, which would take a comment
        # line for a word.
        entries = []
        for line in _read_word_list(self.user_dict_path):
            parts = line.split()
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[2] if len(parts) > 2 else None
            entries.append((parts[0], freq, tag))
        return entries

    @property
    def version(self) -> str:
        """Algorithm version plus a digest of the word lists: the cache key's version."""
        if self._version is None:
            digest = hashlib.blake2b(digest_size=6)
            for path in (self.user_dict_path, self.stopwords_path):
                digest.update(path.read_bytes())
                digest.update(b"\0")
            self._version = f"{ALGORITHM_VERSION}-{digest.hexdigest()}"
        return self._version

    # terms

    def is_candidate(self, word: str) -> bool:
        """Whether a (folded) word may become a keyword at all."""
        self.warm_up()
        return self._is_candidate(word)

    def _is_candidate(self, word: str) -> bool:
        if len(word) < 2 or word.lower() in self._stopwords:
            return False
        if word in self._user_terms:  # 5G云广播 has a digit and is still a name
            return True
        if _DIGIT.search(word) or not _CJK.search(word):
            # numbers (2019年, 10000号, 80余万元) and Latin: only acronyms survive
            return _ACRONYM.fullmatch(word) is not None
        return _CJK_NUMBER.fullmatch(word) is None and _COUNTED.fullmatch(word) is None

    def terms(self, text: str) -> Counter[str]:
        """Candidate words of ``text`` (folded to Simplified) with their counts, in
        order of first occurrence."""
        self.warm_up()
        counts: Counter[str] = Counter()
        previous = ""
        # HMM on: it finds the names our dictionaries lack (柯瑞文, 杨富琴).
        for word in self._tokenizer.cut(fold(text), HMM=True):
            after_number = previous[-1:].isdigit()
            previous = word
            # "6500万通", "80余万元", "3000名": the tail of a number, not a word
            if after_number and word[0] in _NUMBER_TAILS:
                continue
            if self._is_candidate(word):
                counts[word] += 1
        # A word the HMM guessed and the text uses once is mostly a mis-cut (它成, 已用,
        # 守初 of 守初心); a real new word such as a name comes back.
        freq = self._tokenizer.FREQ
        for word in [w for w, n in counts.items() if n == 1 and not freq.get(w)]:
            if word not in self._user_terms:
                del counts[word]
        return counts

    def article_terms(self, article: Article) -> Counter[str]:
        return self.terms(article.all_text())

    def general_idf(self, term: str) -> float:
        """jieba's IDF for ``term``; the table's median for words it does not know
        (names, our user-dictionary terms), as jieba's own extractor does."""
        self.warm_up()
        return self._idf.get(term, self._median_idf)

    def keywords(self, article: Article, top: int = DEFAULT_TOP) -> list[str]:
        """The ``top`` keywords of one article on its own (jieba's general IDF, no
        corpus), best first, in Simplified. Use KeywordIndex for a library."""
        return rank(self.article_terms(article), self.general_idf, top)


def _quiet_jieba() -> None:
    # jieba attaches its own stderr handler at DEBUG and announces every dictionary
    # load ("Building prefix dict..."). Hand its records to the app's logging instead,
    # warnings and above only.
    logger = logging.getLogger("jieba")
    logger.setLevel(logging.WARNING)
    for handler in list(logger.handlers):
        if isinstance(handler, logging.StreamHandler):
            logger.removeHandler(handler)


def _load_jieba_cache(tokenizer: Any, path: Path) -> bool:
    """Fill ``tokenizer`` from jieba's own cache file, as its initialize() would.

    jieba reads the file with marshal.load on a file object, which measured twice as
    slow as marshal.loads on its bytes (0.7-0.9 s against 0.3 s for the 9 MB file);
    on a warm start that is most of the wait. Same file, same format, same checks:
    any doubt and jieba's initialize() runs instead.
    """
    try:
        freq, total = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not isinstance(freq, dict) or not freq or not isinstance(total, int):
        return False
    tokenizer.FREQ, tokenizer.total = freq, total
    tokenizer.initialized = True
    return True


def _load_idf(jieba_dir: Path, cache_dir: Path) -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median. Parsing the 270,000-line text costs ~0.4 s, so
    a marshal copy is kept in the cache dir, checked against the source's size and
    mtime (a jieba upgrade rebuilds it)."""
    source = jieba_dir / "analyse" / "idf.txt"
    stat = source.stat()
    stamp = [str(source), stat.st_size, stat.st_mtime_ns]
    cached = cache_dir / IDF_CACHE_NAME
    try:
        saved_stamp, idf, median = marshal.loads(cached.read_bytes())
        if saved_stamp == stamp:
            return idf, median
    except (OSError, EOFError, ValueError, TypeError):
        pass
    idf = {}
    with source.open(encoding="utf-8") as f:
        for line in f:
            word, _, value = line.rstrip("\n").rpartition(" ")
            if word:
                idf[word] = float(value)
    values = sorted(idf.values())
    median = values[len(values) // 2] if values else 10.0
    tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            marshal.dump((stamp, idf, median), f)
        os.replace(tmp, cached)  # atomic: a concurrent reader sees old or new, not half
    except OSError as e:
        log.info("IDF cache not written (%s); it is rebuilt next start", e)
        tmp.unlink(missing_ok=True)
    return idf, median


def rank(counts: Counter[str], idf: Callable[[str], float], top: int = DEFAULT_TOP) -> list[str]:
    """The ``top`` terms by tf × idf(term), best first; ties keep first occurrence.

    A term inside a better-ranked keyword is skipped (语音 after 智能语音服务, 电信
    after 中国电信): the longer one already says it and highlights it. The reverse
    is kept: 精准扶贫 after 扶贫 names something 扶贫 alone does not.
    """
    total = sum(counts.values())
    if total == 0 or top <= 0:
        return []
    scores = {term: n / total * idf(term) for term, n in counts.items()}
    chosen: list[str] = []
    for term in sorted(scores, key=lambda t: -scores[t]):
        if not any(term in better for better in chosen):
            chosen.append(term)
            if len(chosen) == top:
                break
    return chosen


def content_hash(article: Article) -> str:
    """A digest of the text keywords are computed from (not of the source bytes, so a
    cleaner change that alters the text also misses the cache)."""
    return hashlib.blake2b(article.all_text().encode("utf-8"), digest_size=16).hexdigest()


# --- the corpus ---------------------------------------------------------------------


class KeywordIndex:
    """Document frequencies of a loaded library, and keywords ranked with them.

    Each distinct article text is cut once (and its term counts kept in the cache
    file, if one is given, so the next start does not cut it again). The IDF is
    jieba's general IDF times a corpus factor::

        idf(t) = general_idf(t) × (ln((N+1)/(df(t)+1)) + 1) / (ln(N+1) + 1)

    The factor is the smoothed corpus IDF scaled to (0, 1]: 1 for a word no other
    article has, 1/(ln(N+1)+1) for a word in every article (0.36 for 5 articles,
    0.12 for 2,000), never 0, so a word everyone uses sinks but is still found where
    it dominates. With a single article every factor is equal and the ranking is
    jieba's own.

    Keywords are cached per (article id, content hash, version) and computed against
    the corpus as it was then; call ``cache.clear()`` after a library grows a lot.
    Thread-safe: build it in a worker and query from anywhere.
    """

    def __init__(self, extractor: KeywordExtractor, cache: KeywordCache | None = None) -> None:
        self.extractor = extractor
        self.cache = cache
        self._lock = threading.Lock()
        # Document frequencies need only which texts were counted; the counts of each
        # text are kept in memory only without a cache (at 10,000 articles they were
        # 300 MB), and read back from the cache when an article's keywords are asked.
        self._known: set[str] = set()  # content hashes counted into _df
        self._counts: dict[str, Counter[str]] = {}  # only when there is no cache
        self._df: Counter[str] = Counter()

    @classmethod
    def build(
        cls,
        articles: Iterable[Article],
        extractor: KeywordExtractor,
        cache: KeywordCache | None = None,
    ) -> KeywordIndex:
        index = cls(extractor, cache)
        index.add_all(articles)
        return index

    def __len__(self) -> int:
        return len(self._known)

    def add_all(self, articles: Iterable[Article]) -> None:
        """Count the terms of articles not yet in the index (each text once)."""
        fresh: list[tuple[str, Counter[str]]] = []
        version = self.extractor.version
        for article in articles:
            key = content_hash(article)
            if key in self._known:
                continue
            stored = self.cache.get_terms(key, version) if self.cache else None
            if stored is not None:
                counts = Counter(stored)
            else:
                counts = self.extractor.article_terms(article)
                fresh.append((key, counts))
            with self._lock:
                if key not in self._known:
                    self._known.add(key)
                    self._df.update(counts.keys())
                    if self.cache is None:
                        self._counts[key] = counts
        if self.cache and fresh:
            self.cache.put_terms_many(fresh, version)

    def _terms_of(self, article: Article, key: str, version: str) -> Counter[str]:
        counts = self._counts.get(key)
        if counts is None and self.cache is not None:
            stored = self.cache.get_terms(key, version)
            counts = Counter(stored) if stored is not None else None
        return counts if counts is not None else self.extractor.article_terms(article)

    def document_frequency(self, term: str) -> int:
        return self._df[term]

    def idf(self, term: str) -> float:
        n = len(self._known)
        factor = (math.log((n + 1) / (self._df[term] + 1)) + 1) / (math.log(n + 1) + 1)
        return self.extractor.general_idf(term) * factor

    def keywords(self, article: Article, top: int = DEFAULT_TOP) -> list[str]:
        """The ``top`` keywords of ``article``, best first, in Simplified. An article
        not in the index is added first (its words count in the corpus from then on)."""
        key = content_hash(article)
        version = self.extractor.version
        if self.cache:
            cached = self.cache.get_keywords(article.id, key, version, top)
            if cached is not None:
                return cached
        if key not in self._known:
            self.add_all([article])
        result = rank(self._terms_of(article, key, version), self.idf, top)
        if self.cache:
            self.cache.put_keywords(article.id, key, version, top, result)
        return result


# --- showing keywords in the displayed script ----------------------------------------


def keywords_for_display(keywords: Iterable[str], display_text: str) -> list[str]:
    """``keywords`` spelled as ``display_text`` spells them (its first occurrence).

    Works because fold is length-preserving: the span of the keyword in the folded
    text is its span in the displayed text. A keyword the displayed text does not
    contain (a Taiwan-mode word swap such as 信息 → 資訊) stays as it is. Duplicates
    that result are dropped.
    """
    folded = fold(display_text)
    shown: list[str] = []
    for keyword in keywords:
        at = folded.find(fold(keyword))
        word = display_text[at : at + len(keyword)] if at >= 0 else keyword
        if word not in shown:
            shown.append(word)
    return shown


def keywords_for_export(
    shown: Sequence[Article], originals: Sequence[Article], paths: AppPaths
) -> list[Article]:
    """``shown`` articles with ``keywords`` filled in (top 10, in the shown script),
    ranked over the whole exported library (the ``originals``, same order)."""
    extractor = KeywordExtractor(paths.cache_dir)
    with KeywordCache(paths.cache_dir / KEYWORD_CACHE_NAME) as cache:
        index = KeywordIndex.build(originals, extractor, cache)
        return [
            s.with_changes(keywords=tuple(keywords_for_display(index.keywords(o), s.all_text())))
            for s, o in zip(shown, originals, strict=True)
        ]


# --- highlight spans ------------------------------------------------------------------

# Case-insensitive for ASCII only: str.lower() can change a string's length (İ), which
# would break the index correspondence that highlighting relies on.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _match_form(text: str) -> str:
    return fold(text).translate(_ASCII_LOWER)


def highlight_spans(display_text: str, terms: Iterable[str]) -> list[Span]:
    """Where ``terms`` occur in ``display_text``, in either script, sorted by start.

    Matching compares ``fold(display_text)`` with ``fold(term)`` (ASCII letters case-
    insensitively), so a Simplified keyword is found in Traditional text and a term
    typed in either script finds both. Overlaps: longer terms win, then earlier
    occurrences; no two spans overlap. Indices are Python string indices (code
    points); Qt wants UTF-16 units, so the UI converts.
    """
    folded = _match_form(display_text)
    wanted: dict[str, str] = {}  # match form -> term as given (first spelling wins)
    for term in terms:
        form = _match_form(term.strip())
        if form and form not in wanted:
            wanted[form] = term.strip()
    taken = bytearray(len(display_text))
    spans: list[Span] = []
    for form in sorted(wanted, key=len, reverse=True):
        size = len(form)
        at = folded.find(form)
        while at >= 0:
            if not any(taken[at : at + size]):
                taken[at : at + size] = b"\x01" * size
                spans.append(Span(at, at + size, wanted[form]))
                at = folded.find(form, at + size)
            else:
                at = folded.find(form, at + 1)
    spans.sort()
    return spans
