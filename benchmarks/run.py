"""`make bench`: timings that never belong in the test suite.

Every figure is a median of repeated runs in this one process (the machines are shared
and noisy); ratios are computed from figures measured in the same run. Sections whose
module is not there yet say so and are skipped.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402


def median_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def row(name: str, value: str) -> None:
    print(f"| {name} | {value} |", flush=True)


def bench_cleaning() -> None:
    from reader_app.core.library import load_library
    from reader_app.core.resources import seeds_dir

    row("clean the 5 seeds (load, decode, detect, clean)", f"{median_ms(lambda: load_library([seeds_dir()])):.0f} ms")


def bench_conversion(articles: list) -> None:  # type: ignore[type-arg]
    from reader_app.core.convert import Converter, DisplayMode
    from reader_app.core.opencc_engine import default_engine

    seeds = corpus.seed_articles()
    chars = sum(len(a.all_text()) for a in seeds)
    t0 = time.perf_counter()
    conv = Converter()
    conv.convert_article(seeds[0], DisplayMode.TRADITIONAL)
    row("first conversion in a fresh converter (dictionaries load)", f"{(time.perf_counter() - t0) * 1000:.0f} ms")
    for mode in (DisplayMode.SIMPLIFIED, DisplayMode.TRADITIONAL, DisplayMode.TAIWAN, DisplayMode.HONG_KONG):
        def uncached(mode: DisplayMode = mode) -> None:
            fresh = Converter(engine=default_engine())  # dictionaries loaded, cache empty
            for a in seeds:
                fresh.convert_article(a, mode)
        ms = median_ms(uncached, 3)
        row(f"convert seeds to {mode.value}, uncached", f"{chars / ms * 1000 / 1e6:.2f} M chars/s")
        conv.convert_article(seeds[0], mode)
        row(f"toggle back to {mode.value} (cached)", f"{median_ms(lambda: conv.convert_article(seeds[0], mode), 20):.3f} ms")
    big = max(seeds, key=lambda a: len(a.all_text()))
    row(f"largest seed ({len(big.all_text())} chars) to Taiwan, uncached",
        f"{median_ms(lambda: Converter(engine=default_engine()).convert_article(big, DisplayMode.TAIWAN), 3):.0f} ms")
    gen_chars = sum(len(a.all_text()) for a in articles)
    row(f"convert {len(articles)} generated articles to Traditional",
        f"{median_ms(lambda: [Converter(engine=default_engine()).convert_article(a, DisplayMode.TRADITIONAL) for a in articles], 1) / 1000:.1f} s "
        f"({gen_chars / 1e6:.1f} M chars)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000, help="size of the generated corpus")
    args = parser.parse_args()
    print(f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, {__import__('os').cpu_count()} cores\n")
    print("| what | median |\n| --- | --- |")
    articles = corpus.generate(args.articles)
    bench_cleaning()
    for section in (bench_conversion,):
        try:
            section(articles)
        except ImportError as e:
            row(section.__name__, f"skipped: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
