"""Child process of the read-only test, run as an unprivileged user: opens the library
in a folder it may not write and tries to save a note. Prints the error's class and
sentence, or "saved" if the write went through.

usage: readonly_child.py DB
"""

from __future__ import annotations

import sys

from reader_app.core.storage import StorageError, open_database


def main() -> None:
    try:
        with open_database(sys.argv[1]) as db:
            db.notes.add("a" * 16, "a note")
    except StorageError as e:
        print(f"{type(e).__name__}: {e}")
        return
    print("saved")


if __name__ == "__main__":
    main()
