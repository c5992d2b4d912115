"""Full-text search over the library with SQLite FTS5.

Chinese has no spaces, and readers search for one- and two-character words, so the index
holds every Chinese character as its own token (Latin words and numbers stay whole), in
a Simplified-folded, lower-cased copy of the text. A query term becomes an FTS5 phrase of
its characters: adjacent tokens, i.e. a substring match of any length. Space-separated
terms mean AND; a quoted term is one exact phrase (spaces inside it kept as a gap between
words). Because index and query are folded the same way, 電信 and 电信 find the same
articles in any display mode.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader_app.core.article import Article
from reader_app.core.script import fold

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TOKEN = re.compile(f"[{_HAN}]|[^\\W_{_HAN}]+")
_QUERY_TERM = re.compile(r'"([^"]*)"|(\S+)')

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

    def search(
        self, query: Query | str, articles: dict[str, Article], limit: int = 200
    ) -> list[Hit]:
        """Ranked hits among ``articles`` (id → article): the index finds and ranks, the
        articles give counts and snippets in their own text."""
        q = Query.parse(query) if isinstance(query, str) else query
        if not q:
            return []
        rows = self.conn.execute(
            "SELECT article_id FROM search_index WHERE search_index MATCH ? "
            "ORDER BY bm25(search_index, 0.0, 5.0, 1.0) LIMIT ?",
            (q.fts(), limit),
        ).fetchall()
        out = []
        for (article_id,) in rows:
            article = articles.get(article_id)
            if article is None:
                continue
            text = article.all_text()
            spans = find_spans(text, q.terms)
            out.append(
                Hit(article_id, article.title, len(spans), snippet(text, spans), tuple(spans))
            )
        return out
