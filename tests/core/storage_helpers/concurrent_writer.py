"""Child process of the concurrency test: one of several writers on the same file.

Waits for the GO file (so the writers start together, including opening, creating and
migrating the file at the same moment), then adds COUNT notes, bookmarks a place of a
shared article and moves a shared reading position, one transaction each.

usage: concurrent_writer.py DB TAG COUNT GO_FILE
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from reader_app.core.storage import open_database


def main() -> None:
    db_path, tag, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    while not go.exists():
        time.sleep(0.005)
    with open_database(db_path) as db:
        for i in range(count):
            db.notes.add(f"article-{tag}", f"{tag} {i} 筆記 ✓")
            db.bookmarks.add("shared-article", i, f"by {tag}")
            db.reading_state.save_position("shared-article", i)
    print("done")


if __name__ == "__main__":
    main()
