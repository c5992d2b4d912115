"""Fixtures for the window tests: a real window over the seeds, data dir in tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader_app.core.paths import AppPaths
from reader_app.core.resources import seeds_dir

# The offscreen platform says so whenever a top-level window asks for what only a real
# window system does (size hints, raising); these are about the test platform, not us.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise|grabbing)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def make_window(qtbot, data_dir: Path) -> Callable[..., object]:  # type: ignore[no-untyped-def]
    """Build, show and activate a MainWindow; call again for a 'restart'."""
    from reader_app.app import build_window

    def make(library: list[str] | None = None, *, show: bool = True):  # type: ignore[no-untyped-def]
        window = build_window(
            AppPaths.resolve(data_dir),
            library or [str(seeds_dir())],
            background_loading=False,
        )
        qtbot.addWidget(window)
        if show:
            window.resize(1100, 750)
            window.show()
            qtbot.waitExposed(window)
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def window(make_window):  # type: ignore[no-untyped-def]
    return make_window()


def wait_converter(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Load the converter in its worker, as the app does after the first paint."""
    if window._converter_ready:
        return
    with qtbot.waitSignal(window.converterReady, timeout=60_000):
        window.start_background_loading()
