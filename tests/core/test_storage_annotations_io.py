"""Export to W3C Web Annotation JSON and Markdown, import back, and the CLI bodies."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reader_app.core.article import Article, Block, BlockType, Script
from reader_app.core.storage import (
    ImportFileError,
    export_markdown,
    export_w3c,
    import_w3c,
    open_database,
    run_export_notes,
    run_import_notes,
)

ART = "0123456789abcdef"
OTHER = "fedcba9876543210"
TEXT = "今年以來，村裡通了光纖，孩子們第一次上了網課。"
TRICKY = "😀 \u202bمرحبا\u202c '); DROP TABLE notes;-- <script>alert(1)</script>\n> not a quote"


def _article() -> Article:
    return Article(
        ART,
        "x.txt",
        "text",
        "鄉村網絡",
        None,
        None,
        None,
        Script.TRADITIONAL,
        (Block(BlockType.HEADING, "鄉村網絡"), Block(BlockType.PARAGRAPH, TEXT)),
    )


def _fill(db_path: Path) -> dict[str, str]:
    """A passage note, an article note, two bookmarks, and a trashed note; returns ids."""
    with open_database(db_path) as db:
        start = TEXT.index("光纖")
        passage = db.notes.add_passage(_article(), 1, start, start + 2, TRICKY)
        whole = db.notes.add(OTHER, "整篇的筆記")
        trashed = db.notes.add(ART, "in the trash")
        db.notes.delete(trashed.id)
        mark = db.bookmarks.add(ART)
        place = db.bookmarks.add(OTHER, 3, "第四段")
    return {"passage": passage.id, "whole": whole.id, "mark": mark.id, "place": place.id}


def test_json_export_is_a_w3c_annotation_collection(tmp_path: Path) -> None:
    """Shape of the export: context, collection, one Annotation per note and bookmark
    (trash left out), motivations, TextualBody, TextQuoteSelector, urn:uuid ids."""
    ids = _fill(tmp_path / "library.sqlite3")
    with open_database(tmp_path / "library.sqlite3") as db:
        doc = export_w3c(db)
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection"
    items = {item["id"]: item for item in doc["items"]}
    assert set(items) == {f"urn:uuid:{i}" for i in ids.values()}
    passage = items[f"urn:uuid:{ids['passage']}"]
    assert passage["type"] == "Annotation" and passage["motivation"] == "commenting"
    assert passage["body"] == {"type": "TextualBody", "value": TRICKY, "format": "text/plain"}
    assert passage["target"]["source"] == ART
    assert passage["target"]["selector"] == {
        "type": "TextQuoteSelector",
        "exact": "光纤",
        "prefix": "今年以来，村里通了",
        "suffix": "，孩子们第一次上了网课。",
    }
    assert passage["created"].endswith("Z") and passage["modified"].endswith("Z")
    whole = items[f"urn:uuid:{ids['whole']}"]
    assert whole["target"] == {"source": OTHER}
    mark = items[f"urn:uuid:{ids['mark']}"]
    assert mark["motivation"] == "bookmarking" and mark["target"] == {"source": ART}
    assert items[f"urn:uuid:{ids['place']}"]["body"]["value"] == "第四段"
    json.dumps(doc)  # serialisable as is


def test_json_round_trip_into_an_empty_library_and_twice_adds_nothing(tmp_path: Path) -> None:
    """Exported JSON imported into a new library gives the same notes and bookmarks;
    importing it again adds nothing."""
    _fill(tmp_path / "a.sqlite3")
    with open_database(tmp_path / "a.sqlite3") as a:
        doc = json.loads(json.dumps(export_w3c(a), ensure_ascii=False))
        notes, marks = a.notes.all(), a.bookmarks.all()
    with open_database(tmp_path / "b.sqlite3") as b:
        first = import_w3c(b, doc)
        assert (first.notes_added, first.bookmarks_added, first.already_present) == (2, 2, 0)
        assert b.notes.all() == notes
        assert b.bookmarks.all() == marks
        second = import_w3c(b, doc["items"])  # a plain list is accepted too
        assert (second.notes_added, second.bookmarks_added, second.already_present) == (0, 0, 4)
        assert b.notes.all() == notes and b.bookmarks.all() == marks


def test_import_never_overwrites_a_local_note(tmp_path: Path) -> None:
    """A note edited locally after the export keeps its local text when the old export
    comes back, and a note in the trash stays there."""
    ids = _fill(tmp_path / "library.sqlite3")
    with open_database(tmp_path / "library.sqlite3") as db:
        doc = export_w3c(db)
        db.notes.update_body(ids["passage"], "edited later")
        db.notes.delete(ids["whole"])
        report = import_w3c(db, doc)
        assert report.notes_added == 0
        assert db.notes.get(ids["passage"]).body == "edited later"  # type: ignore[union-attr]
        assert db.notes.get(ids["whole"]).in_trash  # type: ignore[union-attr]


def test_foreign_annotations_import_and_dedupe(tmp_path: Path) -> None:
    """Annotations from another tool (http ids, bodyValue, selector lists, no dates)
    import as notes whose passage is found on next open; twice is still once."""
    foreign = [
        {
            "id": "http://example.org/anno/1",
            "type": "Annotation",
            "bodyValue": "from elsewhere",
            "target": {
                "source": ART,
                "selector": [
                    {"type": "FragmentSelector", "value": "x"},
                    {"type": "TextQuoteSelector", "exact": "網課"},
                ],
            },
        },
        {"type": "Annotation", "motivation": ["bookmarking"], "target": OTHER},
    ]
    with open_database(tmp_path / "library.sqlite3") as db:
        assert import_w3c(db, {"first": {"items": foreign}}).notes_added == 1
        assert import_w3c(db, foreign).already_present == 2
        (note,) = db.notes.all()
        assert note.body == "from elsewhere" and note.anchor is not None
        assert note.anchor.block_index == -1
        (moved,) = db.notes.reattach_all(_article())
        assert moved.anchor is not None and moved.anchor.block_index == 1 and not moved.detached
        assert db.bookmarks.is_bookmarked(OTHER)


@pytest.mark.parametrize(
    "data",
    [
        {"type": "AnnotationCollection"},
        "just a string",
        [{"type": "Annotation"}],
        [{"target": {"source": ART, "selector": {"type": "TextQuoteSelector", "exact": ""}}}],
        [{"target": ART, "body": {"type": "TextualBody", "value": 42}}],
        [{"target": ART}, "not an object"],
    ],
)
def test_bad_annotations_import_nothing(tmp_path: Path, data: object) -> None:
    """Anything unreadable raises ImportFileError and the library is unchanged."""
    with open_database(tmp_path / "library.sqlite3") as db:
        with pytest.raises(ImportFileError):
            import_w3c(db, data)
        assert db.notes.all() == [] and db.bookmarks.all() == []


def test_markdown_groups_by_title_with_quotes(tmp_path: Path) -> None:
    """Markdown: one section per article title, quotes as > blocks, bodies as written,
    articles not in the library named by id."""
    _fill(tmp_path / "library.sqlite3")
    with open_database(tmp_path / "library.sqlite3") as db:
        md = export_markdown(db, {ART: "鄉村網絡"})
    assert md.startswith("# Notes and bookmarks\n")
    assert "## 鄉村網絡\n" in md and f"## Article {OTHER} (not in the library)\n" in md
    section = md.split("## 鄉村網絡\n", 1)[1]
    assert "- Bookmarked\n" in section
    assert "> 光纤\n" in section and TRICKY in section
    assert "in the trash" not in md
    assert "- Bookmark at block 4: 第四段" in md


def test_cli_export_and_import_round_trip(tmp_path: Path) -> None:
    """run_export_notes json → file → run_import_notes into a new library: same notes;
    md renders; a missing library exports empty and is not created."""
    src = tmp_path / "src.sqlite3"
    _fill(src)
    out = io.StringIO()
    assert run_export_notes("json", src, out, {ART: "鄉村網絡"}) == 0
    export = tmp_path / "notes.json"
    export.write_text(out.getvalue(), encoding="utf-8")
    dest = tmp_path / "dest.sqlite3"
    out, err = io.StringIO(), io.StringIO()
    assert run_import_notes(export, dest, out, err) == 0, err.getvalue()
    assert "Imported 2 note(s) and 2 bookmark(s)" in out.getvalue()
    out = io.StringIO()
    assert run_import_notes(export, dest, out, io.StringIO()) == 0
    assert "Imported 0 note(s) and 0 bookmark(s); 4 were already" in out.getvalue()
    with open_database(src) as a, open_database(dest) as b:
        assert a.notes.all() == b.notes.all()
    md = io.StringIO()
    assert run_export_notes("md", dest, md, {ART: "鄉村網絡"}) == 0
    assert "## 鄉村網絡" in md.getvalue()
    missing = tmp_path / "none" / "library.sqlite3"
    empty = io.StringIO()
    assert run_export_notes("json", missing, empty, {}) == 0
    assert json.loads(empty.getvalue())["items"] == [] and not missing.parent.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "is not valid JSON (line 1"),
        (b"\xff\xfe\x00garbage", "is not UTF-8 text"),
        (b'{"type": "AnnotationCollection"}', "nothing was imported"),
        (b'[{"target": 5}]', "annotation 1: it has no 'target'; nothing was imported"),
    ],
)
def test_cli_import_of_a_bad_file_exits_2_with_a_sentence(
    tmp_path: Path, content: bytes, message: str
) -> None:
    """A bad file: exit 2, one clear line on err, nothing on out, nothing imported."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    assert run_import_notes(bad, tmp_path / "library.sqlite3", out, err) == 2
    assert message in err.getvalue() and str(bad) in err.getvalue()
    assert out.getvalue() == ""


def test_cli_errors_exit_2(tmp_path: Path) -> None:
    """Unknown format, missing import file: exit 2 with a sentence."""
    err = io.StringIO()
    assert run_export_notes("pdf", tmp_path / "x.sqlite3", io.StringIO(), {}, err) == 2
    assert "unknown format" in err.getvalue()
    err = io.StringIO()
    assert run_import_notes(tmp_path / "nope.json", tmp_path / "x.sqlite3", io.StringIO(), err) == 2
    assert "cannot be read" in err.getvalue()
