"""A 10,000-article library (issue 6), called from `benchmarks/run.py --scale`.

The generated corpus is written as files and imported with ``reader-app import`` into a
fresh data dir; then, with that library: start-up to first paint (subprocesses, as in
startup.py), sidebar filter keystrokes and scrolling in a real window offscreen, search
through ``Collection.search``, and the peak memory of the warm-start process (wait4).
Takes several minutes (the import alone is ~2.5 min on a 2-core machine).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import corpus
import startup

Row = Callable[[str, str], None]

SIZE = 10_000
WARM_RUNS = 5
FILTER_QUERIES = ("扶贫", "木里", "电信 套餐", "乡村振兴", "智慧应用")


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def bench_scale(
    row: Row, queries: Sequence[str], percentile: Callable[[list[float], float], float]
) -> None:
    from reader_app.core.resources import seeds_dir

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        root = Path(tmp)
        files, data = root / "files", root / "data"
        corpus.write_files(corpus.generate(SIZE), files)
        env = dict(os.environ, XDG_CACHE_HOME=str(root / "xdg"), QT_QPA_PLATFORM="offscreen")

        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reader_app", "--data-dir", str(data), "import", str(files)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )
        row(f"import {SIZE:,} files with `reader-app import` (read, clean, store, index)",
            f"{time.perf_counter() - t0:.1f} s")

        first = startup.probe(startup.app_cmd(data), env)
        row(f"first start after the import, to first paint ({SIZE:,} articles)",
            f"{first[0]:.0f} ms ({first[2]:.0f} MB)")
        warm = [startup.probe(startup.app_cmd(data), env) for _ in range(WARM_RUNS)]
        w = statistics.median(s[0] for s in warm)
        row(f"warm start to first paint, {SIZE:,} articles (N={WARM_RUNS}); goal < 1500 ms",
            f"{w:.0f} ms (min {min(s[0] for s in warm):.0f}) → {verdict(w < 1500)}")
        mem = statistics.median(s[2] for s in warm)
        row(f"peak memory (ru_maxrss) of the warm-start process, {SIZE:,} articles; "
            "goal < 400 MB",
            f"{mem:.0f} MB (max {max(s[2] for s in warm):.0f}; peak when first painted "
            f"{statistics.median(s[3] for s in warm):.0f} MB) → {verdict(mem < 400)}")

        bench_sidebar(row, data, [str(seeds_dir())])
        bench_library_search(row, data, [str(seeds_dir())], queries, percentile)


def bench_sidebar(row: Row, data: Path, library: list[str]) -> None:
    from PySide6.QtWidgets import QApplication

    t0 = time.perf_counter()
    window = startup.open_window(data, library)
    row(f"open a window on {SIZE:,} articles in this process (build + first paint)",
        f"{(time.perf_counter() - t0) * 1000:.0f} ms")
    rows = window.proxy.rowCount()
    view = window.list_view

    def settle() -> None:
        QApplication.processEvents()
        view.viewport().repaint()

    keystrokes = []
    for query in FILTER_QUERIES:
        window.filter_field.clear()
        settle()
        for k in range(1, len(query) + 1):
            t = time.perf_counter()
            window.filter_field.setText(query[:k])
            settle()
            keystrokes.append((time.perf_counter() - t) * 1000)
    window.filter_field.clear()
    t = time.perf_counter()
    settle()
    med = statistics.median(keystrokes)
    row(f"sidebar filter keystroke over {rows:,} rows: median (N={len(keystrokes)}); goal < 50 ms",
        f"{med:.0f} ms (max {max(keystrokes):.0f}) → {verdict(med < 50 and max(keystrokes) < 50)}")

    bar = view.verticalScrollBar()
    bar.setValue(0)
    settle()
    pages = []
    while bar.value() < bar.maximum() and len(pages) < 5000:
        t = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        settle()
        pages.append((time.perf_counter() - t) * 1000)
    total = sum(pages)
    row(f"sidebar scroll top to bottom by pages ({len(pages)} pages)",
        f"{statistics.median(pages):.1f} ms per page (max {max(pages, default=0):.0f}, "
        f"total {total / 1000:.1f} s)")
    startup.close_window(window)


def bench_library_search(
    row: Row,
    data: Path,
    library: list[str],
    queries: Sequence[str],
    percentile: Callable[[list[float], float], float],
) -> None:
    from reader_app.core.collection import open_library
    from reader_app.core.paths import AppPaths
    from reader_app.core.storage import open_database

    db = open_database(AppPaths.resolve(data).database)
    opened = open_library(db, library)
    by_id = opened.by_id()
    for q in queries[:3]:  # first use (SQLite page cache)
        opened.collection.search(q, by_id, limit=50)
    times = []
    for q in queries:
        t = time.perf_counter()
        opened.collection.search(q, by_id, limit=50)
        times.append((time.perf_counter() - t) * 1000)
    p95 = percentile(times, 0.95)
    row(f"Collection.search, {len(by_id):,} articles, {len(queries)} queries: median / p95; "
        "goal p95 < 100 ms",
        f"{statistics.median(times):.1f} / {p95:.1f} ms → {verdict(p95 < 100)}")
    db.close()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run

    print("| what | median |\n| --- | --- |")
    bench_scale(run.row, run.QUERIES, run.percentile)
