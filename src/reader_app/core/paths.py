"""Where the app writes: data, config and cache dirs from platformdirs, or one --data-dir.

Nothing is ever written next to the seeds or into the current directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "reader-app"
ENV_DATA_DIR = "READER_APP_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    cache_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
        """--data-dir wins, then $READER_APP_DATA_DIR, then the platform's user dirs.

        With an explicit data dir, config and cache live inside it too, so one folder
        holds everything the app writes (what tests and portable installs want).
        """
        chosen = data_dir or os.environ.get(ENV_DATA_DIR) or None
        if chosen:
            root = Path(chosen).expanduser().absolute()
            return cls(root, root / "config", root / "cache")
        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        )

    def ensure(self) -> AppPaths:
        for p in (self.data_dir, self.config_dir, self.cache_dir):
            p.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def database(self) -> Path:
        return self.data_dir / "library.sqlite3"
