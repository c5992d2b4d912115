"""Entry point: parse the command line, then run a CLI command or the window.

`reader-app` and `python -m reader_app` share this one parser. Qt is imported only when
the window is wanted, so the CLI commands start fast and run on machines with no screen.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader_app.core.paths import AppPaths

if TYPE_CHECKING:
    from reader_app.core.search import SearchFilter

EXIT_OK = 0
EXIT_SOME_INPUT_FAILED = 2
EXIT_USAGE = 2  # as argparse exits on a bad command line


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked (see reader_app.__init__)."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        import reader_app

        print(f"reader-app {reader_app.__version__}")  # stdout, as argparse's own does
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader-app",
        description="A calm reader for Chinese news articles.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="print the version")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep every file the app writes in DIR (default: the platform's user data "
        "dir; also $READER_APP_DATA_DIR)",
    )
    parser.add_argument(
        "--startup-probe",
        action="store_true",
        help="start the window, print 'first-paint-ms N' once an article is painted, exit",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the installation without showing a window; exit 0 when all is well",
    )
    parser.add_argument(
        "--open",
        dest="library",
        action="append",
        default=[],
        metavar="PATH",
        help="read this file or folder instead of the seeds (repeatable)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    export = sub.add_parser("export", help="print the cleaned articles as JSON Lines")
    export.add_argument(
        "--script",
        choices=["original", "simplified", "traditional"],
        default="original",
        help="convert title, subtitle and text to this script (default: as written)",
    )
    export.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)"
    )

    imp = sub.add_parser("import", help="add files or folders to your library")
    imp.add_argument("paths", nargs="+", metavar="PATH")

    search = sub.add_parser("search", help="search the whole library")
    search.add_argument("query", help='words (AND), "an exact phrase"; either script')
    search.add_argument("--json", action="store_true", help="one JSON object per result")
    search.add_argument(
        "--limit", type=int, default=50, metavar="N", help="at most N results (default 50)"
    )
    search.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="NAME",
        help="only articles from this source, in either script (repeatable: any of them)",
    )
    search.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="only articles dated DATE or later: YYYY-MM-DD, YYYY-MM or YYYY "
        "(undated articles are left out)",
    )
    search.add_argument(
        "--to",
        dest="date_to",
        metavar="DATE",
        help="only articles dated DATE or earlier (a month or year counts to its end)",
    )
    search.add_argument("--bookmarked", action="store_true", help="only bookmarked articles")

    export_notes = sub.add_parser("export-notes", help="print all notes and bookmarks")
    export_notes.add_argument("--format", choices=["md", "json"], default="md")

    import_notes = sub.add_parser("import-notes", help="read notes exported as W3C JSON")
    import_notes.add_argument("file", metavar="FILE")

    convert = sub.add_parser("convert", help="convert standard input between scripts (like opencc)")
    convert.add_argument(
        "--config", "-c", required=True, metavar="NAME", help="e.g. s2t, t2s, s2twp"
    )
    return parser


def _library_paths(paths: Sequence[str]) -> list[str]:
    from reader_app.core.resources import seeds_dir

    return list(paths) or [str(seeds_dir())]


def run_export(args: argparse.Namespace, app_paths: AppPaths) -> int:
    from reader_app.core.library import load_library

    report = load_library(_library_paths(args.paths))
    articles = report.articles
    if args.script != "original":
        from reader_app.core.convert import Converter, DisplayMode
        from reader_app.core.errors import ReaderError

        converter = Converter.for_paths(app_paths)  # the reader's own phrase file included
        mode = DisplayMode(args.script)
        try:
            articles = [converter.convert_article(a, mode) for a in articles]
        except ReaderError as e:
            print(f"reader-app: {e}", file=sys.stderr)
            return EXIT_SOME_INPUT_FAILED
    from reader_app.core.keywords import keywords_for_export

    articles = keywords_for_export(articles, report.articles, app_paths)
    for article in articles:
        sys.stdout.write(json.dumps(article.to_json(), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    for problem in report.problems:
        print(problem, file=sys.stderr)
    return EXIT_SOME_INPUT_FAILED if report.problems else EXIT_OK


def search_filter(args: argparse.Namespace) -> SearchFilter:
    """The filter --source, --from and --to ask for (--bookmarked needs the library
    file, so it is added later). Raises ValueError with a sentence naming the option."""
    from reader_app.core.search import SearchFilter, date_bound

    bounds: list[str | None] = []
    for option, value, end in (("--from", args.date_from, False), ("--to", args.date_to, True)):
        try:
            bounds.append(date_bound(value or "", end=end))
        except ValueError as e:
            raise ValueError(f"{option}: {e}") from None
    date_from, date_to = bounds
    if date_from and date_to and date_from > date_to:
        raise ValueError(f"--from {args.date_from} is after --to {args.date_to}")
    return SearchFilter(sources=frozenset(args.source), date_from=date_from, date_to=date_to)


def run_library_command(args: argparse.Namespace, app_paths: AppPaths) -> int:
    """The commands that read or write the library file."""
    import dataclasses
    from pathlib import Path

    from reader_app.core.collection import open_library
    from reader_app.core.errors import ReaderError
    from reader_app.core.storage import open_database, run_export_notes, run_import_notes

    if args.command == "search":  # a mistyped date is told before anything is opened
        try:
            wanted = search_filter(args)
        except ValueError as e:
            print(f"reader-app search: {e}", file=sys.stderr)
            return EXIT_USAGE
    app_paths.ensure()
    try:
        db = open_database(app_paths.database)
    except ReaderError as e:
        print(f"reader-app: {e}", file=sys.stderr)
        return EXIT_SOME_INPUT_FAILED
    with db:
        for notice in db.notices:
            print(notice, file=sys.stderr)
        if args.command == "import-notes":
            return run_import_notes(Path(args.file), app_paths.database, sys.stdout, sys.stderr)
        if args.command == "import":
            from reader_app.core.collection import Collection

            report = Collection(db).import_paths(args.paths)
            for a in report.added:
                print(f"added: {a.path} ({a.title})")
            for path, why in report.skipped:
                print(f"skipped: {path}: {why}")
            for problem in report.refused:
                print(f"refused: {problem}", file=sys.stderr)
            return EXIT_SOME_INPUT_FAILED if report.refused else EXIT_OK
        library = open_library(db, _library_paths([]))
        if args.command == "export-notes":
            titles = {a.id: a.title for a in library.articles}
            return run_export_notes(args.format, app_paths.database, sys.stdout, titles)
        if args.bookmarked:
            ids = frozenset(db.bookmarks.bookmarked_article_ids())
            wanted = dataclasses.replace(wanted, article_ids=ids)
        hits = library.collection.search(args.query, library.by_id(), args.limit, wanted)
        paths = {a.id: a.path for a in library.articles}
        for h in hits:
            if args.json:
                record = {
                    "id": h.article_id,
                    "title": h.title,
                    "path": paths[h.article_id],
                    "hits": h.hits,
                    "snippet": h.snippet,
                }
                print(json.dumps(record, ensure_ascii=False))
            else:
                print(f"{h.hits:4d}  {h.title}\n      {h.snippet}")
        if not args.json:
            filtered = " (filtered)" if wanted.active else ""
            print(f"{len(hits)} articles{filtered}", file=sys.stderr)
        return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    app_paths = AppPaths.resolve(args.data_dir)
    if _stdio_is_text():
        _use_utf8_stdio()
    try:
        if args.command == "export":
            return run_export(args, app_paths)
        if args.command in ("import", "search", "export-notes", "import-notes"):
            return run_library_command(args, app_paths)
        if args.command == "convert":
            from reader_app.core.convert import run_convert

            return run_convert(args.config, sys.stdin, sys.stdout, app_paths)
    except BrokenPipeError:
        _silence_stdout()  # the reader (`| head`) has all it wanted
        return EXIT_OK
    from reader_app.app import run_gui

    return run_gui(
        app_paths,
        _library_paths(args.library),
        startup_probe=args.startup_probe,
        self_test=args.self_test,
    )


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the interpreter's final flush
    does not print a traceback (the recipe of the Python docs on SIGPIPE)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _stdio_is_text() -> bool:
    return sys.stdout is not None and hasattr(sys.stdout, "reconfigure")


def _use_utf8_stdio() -> None:
    """JSON Lines and converted text are UTF-8 whatever the console's locale says."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
