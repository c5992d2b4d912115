"""Loading articles from files and folders: read, decode, detect, clean.

Every file that cannot be read becomes a Problem with a sentence a person understands;
the other files load as if nothing happened.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader_app.core.article import Article
from reader_app.core.decoding import MAX_BYTES, DecodeError, decode
from reader_app.core.errors import SourceError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".xhtml"})


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class LoadReport:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def article_id(text: str) -> str:
    """Stable id: a hash of the decoded text, so the same article has the same id on
    every run, at any path and in any byte encoding."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# Bump when a cleaner changes its output: cached articles of older versions are cleaned
# again on the next start.
CLEANER_VERSION = 1


@dataclass(frozen=True)
class SourceFile:
    text: str
    content_hash: str  # sha256 of the bytes
    size: int
    mtime_ns: int


def read_source(path: Path) -> SourceFile:
    """Read and decode one file; SourceError with a reason a person understands."""
    p = str(path)
    try:
        st = path.stat()
        size = st.st_size
    except FileNotFoundError:
        raise SourceError(p, "no such file or folder") from None
    except OSError as e:
        raise SourceError(p, f"cannot be read ({e.strerror or e})") from None
    if size > MAX_BYTES:
        raise SourceError(
            p, f"the file is {size / 1024 / 1024:.1f} MB; files over 20 MB are not read"
        )
    if size == 0:
        raise SourceError(p, "the file is empty")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise SourceError(p, "cannot be read: permission denied") from None
    except IsADirectoryError:
        raise SourceError(p, "is a folder, not a file") from None
    except OSError as e:
        raise SourceError(p, f"cannot be read ({e.strerror or e})") from None
    try:
        text, _encoding = decode(data)
    except DecodeError as e:
        raise SourceError(p, str(e)) from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise SourceError(p, "the file contains only blank space, no text")
    return SourceFile(text, hashlib.sha256(data).hexdigest(), size, st.st_mtime_ns)


def parse_text(text: str, path: str) -> Article:
    """Clean one decoded text into an Article (the format is detected from the text)."""
    # The cleaners are imported on first use: a start that finds every article in the
    # cache never needs them (they are a sizeable part of the start-up time).
    from reader_app.core import sources
    from reader_app.core.cleaning import cjk_count
    from reader_app.core.script import detect_script

    fmt = sources.detect(text)
    try:
        draft = fmt.parse(text)
    except RecursionError:  # pathological nesting in markup
        raise SourceError(path, "the file's structure is too deeply nested to read") from None
    title = draft.title.strip()
    blocks = tuple(draft.blocks)
    if not title and not blocks:
        raise SourceError(path, "no readable text was found in the file")
    if not title:
        title = blocks[0].text[:40]
    if cjk_count(text) == 0 and not any(b.text for b in blocks):
        raise SourceError(path, "no readable text was found in the file")
    return Article(
        id=article_id(text),
        path=path,
        format=fmt.name,
        title=title,
        subtitle=draft.subtitle or None,
        date=draft.date,
        source=draft.source or None,
        script=detect_script(draft.title + "".join(b.text for b in blocks)),
        blocks=blocks,
    )


def clean_file(path: Path) -> tuple[SourceFile, Article]:
    """Read one file and clean it; SourceError with a reason a person understands."""
    source = read_source(path)
    return source, parse_text(source.text, str(path))


def load_file(path: Path) -> Article:
    return clean_file(path)[1]


def expand(paths: Iterable[Path], problems: list[Problem]) -> Iterator[Path]:
    """Files named, and the text files inside folders named; empty folders are problems."""
    for path in paths:
        if path.is_dir():
            found = False
            try:
                entries = sorted(
                    Path(root) / f
                    for root, _dirs, files in os.walk(path)
                    for f in files
                    if Path(f).suffix.lower() in TEXT_SUFFIXES and not f.startswith(".")
                )
            except OSError as e:
                problems.append(
                    Problem(str(path), f"the folder cannot be read ({e.strerror or e})")
                )
                continue
            for entry in entries:
                found = True
                yield entry
            if not found:
                problems.append(
                    Problem(str(path), "the folder contains no text files (.txt, .md or .html)")
                )
        else:
            yield path


def load_library(paths: Iterable[str | os.PathLike[str]]) -> LoadReport:
    """Load every article under ``paths`` (files or folders). Never raises for a bad file."""
    report = LoadReport()
    for path in expand((Path(p) for p in paths), report.problems):
        try:
            report.articles.append(load_file(path))
        except SourceError as e:
            report.problems.append(Problem(e.path, e.reason))
    return report
