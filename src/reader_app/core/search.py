"""Full-text search over the library with SQLite FTS5.

Chinese has no spaces, and readers search for one- and two-character words, so the index
holds every Chinese character as its own token (Latin words and numbers stay whole), in
a Simplified-folded, lower-cased copy of the text. A query term becomes an FTS5 phrase of
its characters: adjacent tokens, i.e. a substring match of any length. Space-separated
terms mean AND; a quoted term is one exact phrase (spaces inside it kept as a gap between
words). Because index and query are folded the same way, 電信 and 电信 find the same
articles in any display mode.

A search can be narrowed by a ``SearchFilter`` (sources, a date range, a set of article
ids such as the bookmarked ones); the filter is applied while the ranked rows are read,
so a result limit counts only the articles that pass it.
"""

from __future__ import annotations

import calendar
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from reader_app.core.article import Article
from reader_app.core.script import fold

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TOKEN = re.compile(f"[{_HAN}]|[^\\W_{_HAN}]+")
_QUERY_TERM = re.compile(r'"([^"]*)"|(\S+)')
_DATE_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
DATE_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"

SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
    article_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 0'
);
"""


def tokens(text: str) -> list[str]:
    """The index's tokens of ``text``: each Chinese character, each Latin word or number."""
    return _TOKEN.findall(fold(text).lower())


def index_text(text: str) -> str:
    return " ".join(tokens(text))


@dataclass(frozen=True)
class Query:
    """A parsed query: every term must occur (AND); a term is matched as a substring."""

    terms: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        terms = []
        for m in _QUERY_TERM.finditer(text):
            term = m.group(1) if m.group(1) is not None else m.group(2)
            if tokens(term):
                terms.append(term.strip())
        return cls(tuple(terms))

    def fts(self) -> str:
        """The FTS5 MATCH expression: one phrase per term, joined by AND."""
        return " AND ".join('"' + " ".join(tokens(t)) + '"' for t in self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)


def find_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where the terms occur in ``text`` (Python indices), script- and case-insensitive,
    spaces in the text between a term's characters allowed. Sorted, non-overlapping."""
    folded = fold(text).lower()
    spans: list[tuple[int, int]] = []
    for term in terms:
        parts = tokens(term)
        if not parts:
            continue
        pattern = r"\s*".join(re.escape(p) for p in parts)
        spans.extend((m.start(), m.end()) for m in re.finditer(pattern, folded))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            continue
        merged.append((s, e))
    return merged


def snippet(
    text: str, spans: Sequence[tuple[int, int]], width: int = 60, mark: tuple[str, str] = ("[", "]")
) -> str:
    """A window of ``text`` around the first hit, hits wrapped in ``mark``."""
    if not spans:
        return text[:width]
    first = spans[0][0]
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    out, pos = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out += [text[pos:s], mark[0], text[s:e], mark[1]]
        pos = e
    out.append(text[pos:end])
    body = "".join(out).replace("\n", " ")
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")


def date_bound(text: str, *, end: bool = False) -> str | None:
    """The inclusive ISO date (YYYY-MM-DD) a reader means by ``text`` as one end of a
    range: a day as it is; a month or a year (``2021-01``, ``2021``) widened to its first
    day, or to its last when ``end`` is true. Empty text is no bound (None). Raises
    ValueError, with a sentence saying the accepted forms, for anything else."""
    text = text.strip()
    if not text:
        return None
    m = _DATE_BOUND.fullmatch(text)
    try:
        if m is None:
            raise ValueError
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if month is None:
            found = date(year, 12, 31) if end else date(year, 1, 1)
        elif day is None:
            last = calendar.monthrange(year, int(month))[1] if 1 <= int(month) <= 12 else 0
            found = date(year, int(month), last if end else 1)
        else:
            found = date(year, int(month), int(day))
    except ValueError:
        raise ValueError(f"{text!r} is not a date (write {DATE_FORMS})") from None
    return found.isoformat()


@lru_cache(maxsize=4096)  # a library has few sources; a filter asks once per article
def source_key(source: str) -> str:
    """What the spellings of one publisher share: 通信信息報 and 通信信息报 (and any
    case or spacing of a Latin name) give the same key."""
    return " ".join(fold(source).casefold().split())


def source_counts(articles: Iterable[Article]) -> list[tuple[str, int]]:
    """The sources of ``articles`` with how many articles each has, spellings that differ
    only in script counted together under the most used one (ties: the first in code
    point order). Sorted by the Simplified-folded name; articles with no source left out."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        if article.source and article.source.strip():
            spellings[source_key(article.source)][article.source] += 1
    out = []
    for key in sorted(spellings):
        counts = spellings[key]
        name = min(counts, key=lambda s: (-counts[s], s))
        out.append((name, sum(counts.values())))
    return out


def _iso_date(value: str | None, name: str) -> None:
    if value is None:
        return
    try:
        ok = date.fromisoformat(value).isoformat() == value
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"{name} {value!r} is not a YYYY-MM-DD date")


@dataclass(frozen=True)
class SearchFilter:
    """Which articles a search may return; the default lets every article through.

    - ``sources``: the article's source must be one of these (empty: any source). The
      match ignores script and case, so 通信信息报 also finds 通信信息報; an article
      with no source never matches a source filter.
    - ``date_from`` / ``date_to``: inclusive YYYY-MM-DD bounds (None: open). When
      either is set, **articles with no date are left out**, since nothing says they
      fall in the range. ``date_from`` after ``date_to`` is refused (ValueError).
    - ``article_ids``: only these articles (None: any). The window and the command line
      pass the bookmarked ids here for "bookmarked only"; an empty set lets none through.
    """

    sources: frozenset[str] = frozenset()
    date_from: str | None = None
    date_to: str | None = None
    article_ids: frozenset[str] | None = None
    _source_keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _iso_date(self.date_from, "the start date")
        _iso_date(self.date_to, "the end date")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(
                f"the start date {self.date_from} is after the end date {self.date_to}"
            )
        object.__setattr__(self, "sources", frozenset(self.sources))
        if self.article_ids is not None:
            object.__setattr__(self, "article_ids", frozenset(self.article_ids))
        object.__setattr__(self, "_source_keys", frozenset(map(source_key, self.sources)))

    @property
    def active(self) -> bool:
        """Whether this filter can leave out any article at all."""
        return bool(
            self.sources or self.date_from or self.date_to or self.article_ids is not None
        )

    def matches(self, article: Article) -> bool:
        if self.article_ids is not None and article.id not in self.article_ids:
            return False
        if self._source_keys and (
            article.source is None or source_key(article.source) not in self._source_keys
        ):
            return False
        if self.date_from or self.date_to:
            if article.date is None:
                return False
            if self.date_from and article.date < self.date_from:
                return False
            if self.date_to and article.date > self.date_to:
                return False
        return True


NO_FILTER = SearchFilter()


@dataclass(frozen=True)
class Hit:
    article_id: str
    title: str
    hits: int
    snippet: str
    spans: tuple[tuple[int, int], ...]  # in the article's all_text()


class SearchIndex:
    """The FTS5 table inside the library file. Writes run inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def create(self) -> None:
        self.conn.execute(SCHEMA.strip().rstrip(";"))

    def healthy(self) -> bool:
        """Whether the index exists and passes FTS5's own integrity check."""
        try:
            self.conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
            return True
        except sqlite3.DatabaseError:
            return False

    def recreate(self) -> None:
        """Drop and make the index again (it is derived data: the articles are the truth)."""
        self.conn.execute("DROP TABLE IF EXISTS search_index")
        self.create()

    def ids(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT article_id FROM search_index")}

    def add(self, article: Article, *, replace: bool = True) -> None:
        if replace:  # article_id is not indexed: this is a scan, fine for one import
            self.remove(article.id)
        body = "\n".join([article.subtitle or "", *(b.text for b in article.blocks)])
        self.conn.execute(
            "INSERT INTO search_index(article_id, title, body) VALUES (?, ?, ?)",
            (article.id, index_text(article.title), index_text(body)),
        )

    def remove(self, article_id: str) -> None:
        self.conn.execute("DELETE FROM search_index WHERE article_id = ?", (article_id,))

    def rebuild(self, articles: Iterable[Article]) -> None:
        self.conn.execute("DELETE FROM search_index")
        for a in articles:
            self.add(a, replace=False)

    def ranked_ids(
        self,
        query: Query,
        articles: dict[str, Article],
        limit: int,
        filter: SearchFilter = NO_FILTER,
    ) -> list[str]:
        """The ids of the best ``limit`` articles for ``query`` among ``articles`` that
        pass ``filter``, best first. With a filter, rows are read in rank order until
        ``limit`` have passed, so the limit counts filtered results (cutting to
        ``limit`` first and filtering after would return fewer, often none, when the
        best-ranked articles are the ones filtered out)."""
        if not query or limit <= 0 or filter.article_ids == frozenset():
            return []
        # Title counts five times the body. With no filter SQLite keeps just the best
        # ``limit`` rows. With one, every match is read in rank order: FTS5 sorts by its
        # own ``rank`` (set to the same bm25 for this query) about four times faster
        # than SQLite sorts an unlimited ORDER BY bm25(...), and in the same order.
        if filter.active:
            sql = (
                "SELECT article_id FROM search_index WHERE search_index MATCH ? "
                "AND rank MATCH 'bm25(0.0, 5.0, 1.0)' ORDER BY rank"
            )
            params: tuple[str | int, ...] = (query.fts(),)
        else:
            sql = (
                "SELECT article_id FROM search_index WHERE search_index MATCH ? "
                "ORDER BY bm25(search_index, 0.0, 5.0, 1.0) LIMIT ?"
            )
            params = (query.fts(), limit)
        cursor = self.conn.execute(sql, params)
        out: list[str] = []
        try:
            for (article_id,) in cursor:
                article = articles.get(article_id)
                if article is None or not filter.matches(article):
                    continue
                out.append(article_id)
                if len(out) >= limit:
                    break
        finally:
            # An unfinished statement keeps its read snapshot open; end it now, or a
            # later write on this connection could find its snapshot out of date.
            cursor.close()
        return out

    def search(
        self,
        query: Query | str,
        articles: dict[str, Article],
        limit: int = 200,
        filter: SearchFilter = NO_FILTER,
    ) -> list[Hit]:
        """Ranked hits among ``articles`` (id → article) that pass ``filter``: the index
        finds and ranks, the articles give counts and snippets in their own text."""
        q = Query.parse(query) if isinstance(query, str) else query
        return hits_for(q, self.ranked_ids(q, articles, limit, filter), articles)


def hits_for(query: Query, article_ids: Iterable[str], articles: dict[str, Article]) -> list[Hit]:
    """A Hit (count, snippet, spans in the article's own text) for each id, in order."""
    out = []
    for article_id in article_ids:
        article = articles[article_id]
        text = article.all_text()
        spans = find_spans(text, query.terms)
        out.append(Hit(article_id, article.title, len(spans), snippet(text, spans), tuple(spans)))
    return out
