"""Child process of the kill test: a reader typing a note, with autosave.

Types one character of the text file every TYPE_SECONDS and, whenever AUTOSAVE_SECONDS
have passed since the last save, saves what is typed so far (one transaction). It logs
``k <typed length>`` after each keystroke and ``s <saved length>`` after each commit to
a separate progress file, flushed line by line (a SIGKILL keeps what was flushed). The
test kills it at a random moment and compares the note with this log.

usage: typing_child.py DB LOG NOTE_ID TEXT_FILE START_LENGTH
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from reader_app.core.storage import open_database

TYPE_SECONDS = 0.02
AUTOSAVE_SECONDS = 0.05


def main() -> None:
    db_path, log_path, note_id, text_file, start = sys.argv[1:6]
    text = Path(text_file).read_text(encoding="utf-8")
    typed = int(start)
    db = open_database(db_path)
    last_save = time.monotonic()
    with open(log_path, "a", encoding="utf-8", buffering=1) as log:
        while typed < len(text):
            time.sleep(TYPE_SECONDS)
            typed += 1
            log.write(f"k {typed}\n")
            if time.monotonic() - last_save >= AUTOSAVE_SECONDS:
                db.notes.update_body(note_id, text[:typed])
                last_save = time.monotonic()
                log.write(f"s {typed}\n")


if __name__ == "__main__":
    main()
