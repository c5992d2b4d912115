"""Launcher frozen by PyInstaller: the same main() as `reader-app` and `python -m reader_app`."""

import sys

from reader_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
