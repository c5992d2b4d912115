"""Start-up and interaction timings (issue 4), called from `benchmarks/run.py`.

Start-up is measured in subprocesses (QT_QPA_PLATFORM=offscreen): the parent takes a
timestamp just before spawning and reads the child's ``first-paint-ms`` line; the figure
reported is the parent's wall time from spawn to that line, for the app
(``--startup-probe``) and for a bare PySide6 baseline alike, so both include interpreter
start and imports the same way. The child's own figure (``READER_APP_T0`` set to the
parent's spawn timestamp, so it counts from the same instant) is printed alongside.

Cold: a fresh ``--data-dir`` and a fresh XDG_CACHE_HOME for each run (no jieba cache, no
settings, no library file). Warm: one data dir, started once before measuring. Cold, warm
and bare runs are interleaved so that noise on this shared machine hits all three alike.

Switching articles and toggling the script are measured in this process with a real
MainWindow (offscreen), from the key press / action to the reader's viewport repainted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

Row = Callable[[str, str], None]

RUNS = 7

BARE_SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    T0 = float(os.environ["READER_APP_T0"])
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QTextBrowser

    app = QApplication(sys.argv)

    class Browser(QTextBrowser):
        painted = False

        def paintEvent(self, event):
            super().paintEvent(event)
            if not self.painted:
                self.painted = True
                print(f"first-paint-ms {round((time.time() - T0) * 1000)}", flush=True)
                QTimer.singleShot(0, app.quit)

    view = Browser()
    with open(sys.argv[1], encoding="utf-8") as f:
        view.setPlainText(f.read())
    view.resize(1000, 700)
    view.show()
    sys.exit(app.exec())
    """
)


def probe(
    cmd: list[str], env: dict[str, str], timeout: float = 300.0
) -> tuple[float, int, float, float]:
    """Spawn ``cmd``; return (ms from spawn to its ``first-paint-ms`` line, the child's
    own figure, the child's peak RSS in MB over its whole life, its peak RSS in MB when
    the line was read, i.e. before the work the app starts after the first paint)."""
    env = dict(env, READER_APP_T0=repr(time.time()), QT_QPA_PLATFORM="offscreen")
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True
    )
    wall = own = None
    at_paint = float("nan")
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("first-paint-ms"):
            wall = (time.perf_counter() - t0) * 1000
            own = int(line.split()[1])
            at_paint = vm_hwm_mb(proc.pid)
            break
    proc.stdout.close()
    deadline = time.monotonic() + timeout
    while True:  # wait4: this child's own rusage, not the max over all children
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if wall is None or own is None:
        raise RuntimeError(f"{' '.join(cmd)}: no first-paint-ms line (exit {proc.returncode})")
    return wall, own, usage.ru_maxrss / 1024, at_paint


def vm_hwm_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def app_cmd(data_dir: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "reader_app", "--data-dir", str(data_dir),
            "--startup-probe", *extra]


def bench_startup(row: Row, runs: int = RUNS) -> None:
    from reader_app.core.resources import seeds_dir

    seed = sorted(seeds_dir().glob("000_*.txt"))[0]
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        root = Path(tmp)
        bare_py = root / "bare.py"
        bare_py.write_text(BARE_SCRIPT, encoding="utf-8")
        warm_env = dict(os.environ, XDG_CACHE_HOME=str(root / "warm-xdg"))
        warm_dir = root / "warm"
        probe(app_cmd(warm_dir), warm_env)  # the first start of the warm data dir
        cold, warm, bare = [], [], []
        for i in range(runs):
            cold_env = dict(os.environ, XDG_CACHE_HOME=str(root / f"cold-xdg-{i}"))
            cold.append(probe(app_cmd(root / f"cold-{i}"), cold_env))
            warm.append(probe(app_cmd(warm_dir), warm_env))
            bare.append(probe([sys.executable, str(bare_py), str(seed)], warm_env))

    def med(samples: list[tuple[float, int, float, float]], k: int) -> float:
        return statistics.median(s[k] for s in samples)

    b, c, w = med(bare, 0), med(cold, 0), med(warm, 0)
    row(f"bare PySide6 QTextBrowser, spawn to first paint (N={runs})",
        f"{b:.0f} ms (own clock {med(bare, 1):.0f} ms, {med(bare, 2):.0f} MB)")
    row(f"app cold start to first paint: fresh data dir + XDG cache (N={runs})",
        f"{c:.0f} ms (own clock {med(cold, 1):.0f} ms, {med(cold, 2):.0f} MB); {c / b:.1f}× bare")
    row(f"app warm start to first paint (N={runs}); goal < 1000 ms and ≤ 3× bare",
        f"{w:.0f} ms (own clock {med(warm, 1):.0f} ms, {med(warm, 2):.0f} MB); {w / b:.1f}× bare "
        f"→ {'met' if w < 1000 and w / b <= 3 else 'MISSED'}")
    bench_interaction(row)


# ------------------------------------------------------------------ in-process


def application():  # type: ignore[no-untyped-def]
    from reader_app.app import _application

    return _application()


def wait_until(done: Callable[[], bool], timeout: float = 120.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("waited too long")
        QApplication.processEvents()
        time.sleep(0.001)


def open_window(data_dir: Path, library: list[str], *, background_loading: bool = False):  # type: ignore[no-untyped-def]
    """A real window, shown offscreen and painted once."""
    from reader_app.app import build_window
    from reader_app.core.paths import AppPaths

    application()
    window = build_window(
        AppPaths.resolve(data_dir), library, background_loading=background_loading
    )
    painted = []
    window.reader.firstPainted.connect(lambda: painted.append(True))
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    wait_until(lambda: bool(painted) or window.current_article() is None)
    return window


def close_window(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    window.close()
    window.deleteLater()
    QApplication.processEvents()


def rendered(window) -> None:  # type: ignore[no-untyped-def]
    """Deliver pending events, then paint the reader synchronously."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    window.reader.viewport().repaint()


def press(window, key) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest

    QTest.keyClick(window.reader, key)


def bench_interaction(row: Row) -> None:
    from PySide6.QtCore import Qt

    from reader_app.core.resources import seeds_dir

    with tempfile.TemporaryDirectory(prefix="bench-window-") as tmp:
        window = open_window(Path(tmp), [str(seeds_dir())])
        n = window.proxy.rowCount()
        # J through the list and K back; check a key press really switches (offscreen
        # windows may not take shortcuts), else trigger the same action.
        before = window.current_article().id
        press(window, Qt.Key.Key_J)
        rendered(window)
        use_keys = window.current_article().id != before

        def step(forward: bool) -> float:
            t0 = time.perf_counter()
            if use_keys:
                press(window, Qt.Key.Key_J if forward else Qt.Key.Key_K)
            else:
                window.actions_by_id["next_article" if forward else "previous_article"].trigger()
            rendered(window)
            return (time.perf_counter() - t0) * 1000

        if use_keys:
            window.actions_by_id["previous_article"].trigger()
            rendered(window)
        first = [step(True) for _ in range(n - 1)] + [step(False) for _ in range(n - 1)]
        times = []
        for _ in range(4):
            times += [step(True) for _ in range(n - 1)] + [step(False) for _ in range(n - 1)]
        how = "J/K keys" if use_keys else "next/previous actions"
        row(f"switch article ({how}, {n} seeds): first pass, max", f"{max(first):.1f} ms")
        row(f"switch article after first use: median (N={len(times)}); goal < 50 ms",
            f"{statistics.median(times):.1f} ms (max {max(times):.1f}) → "
            f"{'met' if statistics.median(times) < 50 else 'MISSED'}")

        # Script toggle: the first one loads the dictionaries in a worker thread.
        ready = []
        window.converterReady.connect(lambda: ready.append(True))
        act = window.actions_by_id
        t0 = time.perf_counter()
        act["script_traditional"].trigger()
        wait_until(lambda: bool(ready))
        rendered(window)
        first_ms = (time.perf_counter() - t0) * 1000
        shown = window.shown_article()
        converted = shown is not None and shown is not window.current_article()
        toggles = []
        for i in range(20):
            t0 = time.perf_counter()
            act["script_original" if i % 2 == 0 else "script_traditional"].trigger()
            rendered(window)
            toggles.append((time.perf_counter() - t0) * 1000)
        # An article not converted yet (dictionaries loaded, conversion cache cold).
        fresh = []
        for _ in range(n - 1):
            act["script_original"].trigger()
            window.actions_by_id["next_article"].trigger()
            rendered(window)
            t0 = time.perf_counter()
            act["script_traditional"].trigger()
            rendered(window)
            fresh.append((time.perf_counter() - t0) * 1000)
        row("first script toggle (to Traditional: dictionaries load in a worker, re-render)",
            f"{first_ms:.0f} ms{'' if converted else ' (article not converted!)'}")
        med = statistics.median(toggles)
        row(f"toggle script after first conversion: median (N={len(toggles)}); goal < 50 ms",
            f"{med:.1f} ms (max {max(toggles):.1f}) → {'met' if med < 50 else 'MISSED'}")
        row(f"toggle to Traditional on a not-yet-converted seed: median (N={len(fresh)})",
            f"{statistics.median(fresh):.1f} ms (max {max(fresh):.1f})")
        close_window(window)


if __name__ == "__main__":
    print("| what | median |\n| --- | --- |")
    bench_startup(lambda name, value: print(f"| {name} | {value} |", flush=True))
