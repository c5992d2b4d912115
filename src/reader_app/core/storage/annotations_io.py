"""Notes and bookmarks out and in: W3C Web Annotation JSON (export and import) and
Markdown (export, for reading).

JSON export is one AnnotationCollection (https://www.w3.org/TR/annotation-model/):
every note is an Annotation with motivation "commenting", every bookmark one with
"bookmarking"; ids are ``urn:uuid:<the note's id>`` so they are stable, and importing a
file twice adds nothing the second time. A passage's target carries a TextQuoteSelector
(exact, prefix, suffix, in fold()-normalised text). What the model has no word for (the
block and offsets of a passage, a bookmarked block, a detached note) rides in one
extension property, ``readerApp``, that other tools ignore and our import reads.

Import accepts a collection, an AnnotationPage-style ``first.items``, a plain list or
one Annotation; foreign ids that are not urn:uuid get a UUID derived from them, so they
dedupe too. A file with anything we cannot read imports nothing (ImportFileError).
Existing notes are never overwritten by an import: same id, the library's copy stays.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from reader_app.core.errors import ReaderError
from reader_app.core.script import fold
from reader_app.core.storage.anchors import Anchor
from reader_app.core.storage.bookmarks import Bookmark
from reader_app.core.storage.connection import Database, open_database, utc_now
from reader_app.core.storage.errors import ImportFileError
from reader_app.core.storage.notes import Note

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
EXTENSION = "readerApp"
EXIT_OK = 0
EXIT_BAD_INPUT = 2


# --- export -----------------------------------------------------------------------


def _textual_body(value: str) -> dict[str, str]:
    return {"type": "TextualBody", "value": value, "format": "text/plain"}


def note_annotation(note: Note) -> dict[str, Any]:
    target: dict[str, Any] = {"source": note.article_id}
    extension: dict[str, Any] = {}
    if note.anchor is not None:
        a = note.anchor
        target["selector"] = {
            "type": "TextQuoteSelector",
            "exact": a.quote,
            "prefix": a.prefix,
            "suffix": a.suffix,
        }
        extension = {"blockIndex": a.block_index, "start": a.start, "end": a.end}
        if note.detached:
            extension["detached"] = True
    annotation: dict[str, Any] = {
        "id": f"urn:uuid:{note.id}",
        "type": "Annotation",
        "motivation": "commenting",
        "created": note.created,
        "modified": note.modified,
        "body": _textual_body(note.body),
        "target": target,
    }
    if extension:
        annotation[EXTENSION] = extension
    return annotation


def bookmark_annotation(bookmark: Bookmark) -> dict[str, Any]:
    annotation: dict[str, Any] = {
        "id": f"urn:uuid:{bookmark.id}",
        "type": "Annotation",
        "motivation": "bookmarking",
        "created": bookmark.created,
        "modified": bookmark.modified,
        "body": _textual_body(bookmark.label),
        "target": {"source": bookmark.article_id},
    }
    if bookmark.block_index is not None:
        annotation[EXTENSION] = {"blockIndex": bookmark.block_index}
    return annotation


def export_w3c(db: Database) -> dict[str, Any]:
    """Every note and bookmark not in the trash, as one AnnotationCollection."""
    items = [note_annotation(n) for n in db.notes.all()]
    items += [bookmark_annotation(b) for b in db.bookmarks.all()]
    return {
        "@context": ANNO_CONTEXT,
        "type": "AnnotationCollection",
        "total": len(items),
        "items": items,
    }


def _quote_block(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def export_markdown(db: Database, titles: Mapping[str, str]) -> str:
    """Notes and bookmarks grouped by article title, quotes as ``>`` blocks."""
    notes = db.notes.all()
    bookmarks = db.bookmarks.all()
    article_ids = {n.article_id for n in notes} | {b.article_id for b in bookmarks}

    def title(article_id: str) -> str:
        return titles.get(article_id) or f"Article {article_id} (not in the library)"

    lines = ["# Notes and bookmarks", ""]
    if not article_ids:
        lines += ["No notes or bookmarks yet.", ""]
    for article_id in sorted(article_ids, key=lambda i: (title(i).casefold(), i)):
        lines += [f"## {title(article_id)}", ""]
        marks = [b for b in bookmarks if b.article_id == article_id]
        for b in marks:
            where = (
                "Bookmarked" if b.block_index is None else f"Bookmark at block {b.block_index + 1}"
            )
            lines.append(f"- {where}" + (f": {b.label}" if b.label else ""))
        if marks:
            lines.append("")
        for n in (n for n in notes if n.article_id == article_id):
            if n.anchor is not None:
                lines += [_quote_block(n.anchor.quote), ""]
                if n.detached:
                    lines += ["*This passage is no longer in the article's text.*", ""]
            lines += [n.body, "", f"*{n.created}*", ""]
    return "\n".join(lines)


# --- import -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportReport:
    notes_added: int
    bookmarks_added: int
    already_present: int

    def sentence(self) -> str:
        return (
            f"Imported {self.notes_added} note(s) and {self.bookmarks_added} bookmark(s); "
            f"{self.already_present} were already in your library and were left as they are."
        )


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if isinstance(data.get("items"), list):
            return list(data["items"])
        first = data.get("first")
        if isinstance(first, dict) and isinstance(first.get("items"), list):
            return list(first["items"])
        if data.get("type") == "Annotation" or "target" in data:
            return [data]
    raise ImportFileError(
        "the file is not a list of annotations nor an AnnotationCollection with 'items'"
    )


def _annotation_uuid(item: dict[str, Any]) -> str:
    raw = item.get("id")
    if isinstance(raw, str) and raw:
        if raw.lower().startswith("urn:uuid:"):
            try:
                return str(uuid.UUID(raw[len("urn:uuid:") :]))
            except ValueError:
                pass
        return str(uuid.uuid5(uuid.NAMESPACE_URL, raw))
    canonical = json.dumps(item, sort_keys=True, ensure_ascii=False)
    return str(uuid.uuid5(uuid.NAMESPACE_OID, canonical))


def _body_text(item: dict[str, Any]) -> str:
    if "bodyValue" in item:
        value = item["bodyValue"]
        if not isinstance(value, str):
            raise ValueError("'bodyValue' is not text")
        return value
    body = item.get("body")
    if body is None:
        return ""
    bodies = body if isinstance(body, list) else [body]
    texts: list[str] = []
    for b in bodies:
        if isinstance(b, str):
            continue  # a link to a resource, not text we can keep
        if not isinstance(b, dict):
            raise ValueError("'body' is neither an object nor a list of objects")
        if "value" in b:
            if not isinstance(b["value"], str):
                raise ValueError("the body's 'value' is not text")
            texts.append(b["value"])
    return "\n\n".join(texts)


def _target(item: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    target = item.get("target")
    if isinstance(target, list) and target:
        target = target[0]
    if isinstance(target, str) and target:
        return target, None
    if not isinstance(target, dict):
        raise ValueError("it has no 'target'")
    source = target.get("source", target.get("id"))
    if not isinstance(source, str) or not source:
        raise ValueError("its target has no 'source'")
    selectors = target.get("selector")
    for s in selectors if isinstance(selectors, list) else [selectors]:
        if isinstance(s, dict) and s.get("type") == "TextQuoteSelector":
            if not isinstance(s.get("exact"), str) or not s["exact"]:
                raise ValueError("its TextQuoteSelector has no 'exact' text")
            for key in ("prefix", "suffix"):
                if not isinstance(s.get(key, ""), str):
                    raise ValueError(f"its TextQuoteSelector's '{key}' is not text")
            return source, s
    return source, None


def _int(ext: dict[str, Any], key: str, default: int) -> int:
    value = ext.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"'{EXTENSION}.{key}' is not a whole number")
    return value


def _time(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"'{key}' is not a date-time text")
    return value


def parse_annotations(data: Any) -> list[Note | Bookmark]:
    """Notes and bookmarks from decoded W3C JSON; ImportFileError listing the problems
    if any item cannot be read (then nothing should be imported)."""
    parsed: list[Note | Bookmark] = []
    problems: list[str] = []
    now = utc_now()
    for n, item in enumerate(_items(data), start=1):
        try:
            if not isinstance(item, dict):
                raise ValueError("it is not an object")
            motivation = item.get("motivation", "commenting")
            motivations = motivation if isinstance(motivation, list) else [motivation]
            source, selector = _target(item)
            ext = item.get(EXTENSION, {})
            if not isinstance(ext, dict):
                ext = {}
            created = _time(item, "created") or now
            modified = _time(item, "modified") or created
            body = _body_text(item)
            if "bookmarking" in motivations:
                block = ext.get("blockIndex")
                parsed.append(
                    Bookmark(
                        id=_annotation_uuid(item),
                        article_id=source,
                        block_index=None if block is None else _int(ext, "blockIndex", -1),
                        label=body,
                        created=created,
                        modified=modified,
                    )
                )
                continue
            anchor = None
            if selector is not None:
                anchor = Anchor(
                    block_index=_int(ext, "blockIndex", -1),
                    start=_int(ext, "start", -1),
                    end=_int(ext, "end", -1),
                    # our anchors live in folded text; fold() keeps lengths, so a
                    # quote from another tool in either script still matches
                    quote=fold(selector["exact"]),
                    prefix=fold(selector.get("prefix", "")),
                    suffix=fold(selector.get("suffix", "")),
                )
            parsed.append(
                Note(
                    id=_annotation_uuid(item),
                    article_id=source,
                    body=body,
                    anchor=anchor,
                    created=created,
                    modified=modified,
                    detached=ext.get("detached") is True,
                )
            )
        except ValueError as e:
            problems.append(f"annotation {n}: {e}")
    if problems:
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise ImportFileError(f"some annotations cannot be read: {shown}{more}")
    return parsed


def import_w3c(db: Database, data: Any) -> ImportReport:
    """Add the annotations in ``data`` that the library does not have yet, all in one
    transaction. A note or bookmark with the same id (in the trash or not), or a
    bookmark of a place already bookmarked, is left as it is."""
    items = parse_annotations(data)
    notes_added = bookmarks_added = present = 0
    with db.transaction("The annotations could not be imported"):
        for item in items:
            if isinstance(item, Note):
                if db.notes.get(item.id) is not None:
                    present += 1
                    continue
                db.notes.add(
                    item.article_id,
                    item.body,
                    item.anchor,
                    note_id=item.id,
                    created=item.created,
                    modified=item.modified,
                    detached=item.detached,
                )
                notes_added += 1
            else:
                if (
                    db.bookmarks.get(item.id) is not None
                    or db.bookmarks.at(item.article_id, item.block_index) is not None
                ):
                    present += 1
                    continue
                existing_place = db.query(
                    "SELECT 1 FROM bookmarks WHERE article_id = ? "
                    "AND ifnull(block_index, -1) = ifnull(?, -1)",
                    (item.article_id, item.block_index),
                )
                if existing_place:  # bookmarked once, now in the trash: leave it there
                    present += 1
                    continue
                db.bookmarks.add(
                    item.article_id,
                    item.block_index,
                    item.label,
                    bookmark_id=item.id,
                    created=item.created,
                    modified=item.modified,
                )
                bookmarks_added += 1
    return ImportReport(notes_added, bookmarks_added, present)


# --- CLI bodies (wired to `reader-app export-notes` / `import-notes` in __main__) ----


def run_export_notes(
    fmt: str, db_path: Path, out: TextIO, titles: dict[str, str], err: TextIO | None = None
) -> int:
    """Write every note and bookmark to ``out`` as ``md`` or ``json``. Exit status 0, or
    2 with a sentence on ``err`` (default stderr). A missing library file exports an
    empty collection and is not created."""
    err = err if err is not None else sys.stderr
    if fmt not in ("md", "json"):
        print(f"reader-app: unknown format {fmt!r}; use md or json", file=err)
        return EXIT_BAD_INPUT
    db_path = Path(db_path)
    try:
        if db_path.exists():
            with open_database(db_path) as db:
                text = _render(fmt, db, titles)
        else:
            text = _render_empty(fmt)
    except ReaderError as e:
        print(f"reader-app: {e}", file=err)
        return EXIT_BAD_INPUT
    out.write(text)
    out.flush()
    return EXIT_OK


def _render(fmt: str, db: Database, titles: Mapping[str, str]) -> str:
    if fmt == "json":
        return json.dumps(export_w3c(db), ensure_ascii=False, indent=2) + "\n"
    return export_markdown(db, titles)


def _render_empty(fmt: str) -> str:
    if fmt == "json":
        empty = {"@context": ANNO_CONTEXT, "type": "AnnotationCollection", "total": 0, "items": []}
        return json.dumps(empty, indent=2) + "\n"
    return "# Notes and bookmarks\n\nNo notes or bookmarks yet.\n"


def run_import_notes(file: Path, db_path: Path, out: TextIO, err: TextIO) -> int:
    """Import a W3C annotations JSON file into the library at ``db_path``. Exit 0 with a
    summary on ``out``, or 2 with a sentence on ``err`` (then nothing was imported)."""
    file = Path(file)
    try:
        raw = file.read_bytes()
    except OSError as e:
        print(f"reader-app: {file}: cannot be read ({e.strerror or e})", file=err)
        return EXIT_BAD_INPUT
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        print(f"reader-app: {file}: is not UTF-8 text, so not an annotations file", file=err)
        return EXIT_BAD_INPUT
    except json.JSONDecodeError as e:
        print(
            f"reader-app: {file}: is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})",
            file=err,
        )
        return EXIT_BAD_INPUT
    try:
        with open_database(db_path) as db:
            for notice in db.notices:
                print(f"reader-app: {notice}", file=err)
            report = import_w3c(db, data)
    except ImportFileError as e:
        print(f"reader-app: {file}: {e}; nothing was imported", file=err)
        return EXIT_BAD_INPUT
    except ReaderError as e:
        print(f"reader-app: {e}", file=err)
        return EXIT_BAD_INPUT
    print(report.sentence(), file=out)
    return EXIT_OK
