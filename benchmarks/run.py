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


QUERIES = (
    # 1-character
    "电", "網", "羊", "村", "站", "光", "云", "贫", "扶", "学",
    # 2-character
    "电信", "電信", "木里", "扶贫", "扶貧", "光纤", "基站", "套餐", "直播", "乡村",
    "脱贫", "移动", "移動", "宽带", "智慧", "农村", "网络", "學校", "数字", "平台",
    # 4-character
    "精准扶贫", "精準扶貧", "脱贫攻坚", "乡村振兴", "智慧应用", "消费扶贫", "云网融合", "中国电信",
    "天虎云商", "信息服务",
    # multi-word and phrases
    "电信 木里", "扶贫 5G", "中國移動 扶貧", "光纤 学校", "羊肚菌 直播", '"脱贫攻坚"', "IPTV 专区",
    "格桑拉姆 燕门乡", "智能 语音", "套餐 优惠",
)


def bench_keywords(articles: list) -> None:  # type: ignore[type-arg]
    """jieba start-up cold and warm (each in a fresh process: jieba is a process-wide
    singleton), keyword extraction per article, and the corpus index cached vs not."""
    import subprocess
    import tempfile

    from reader_app.core.keyword_cache import KeywordCache
    from reader_app.core.keywords import KeywordExtractor, KeywordIndex

    code = (
        "import sys, time; from pathlib import Path\n"
        "from reader_app.core.keywords import KeywordExtractor\n"
        "t = time.perf_counter(); KeywordExtractor(Path(sys.argv[1])).warm_up()\n"
        "print((time.perf_counter() - t) * 1000)\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        def start_ms(cache: str) -> float:
            out = subprocess.run([sys.executable, "-c", code, cache], capture_output=True,
                                 text=True, check=True)
            return float(out.stdout)

        cold = [start_ms(tempfile.mkdtemp(dir=tmp)) for _ in range(3)]
        warm_dir = tempfile.mkdtemp(dir=tmp)
        start_ms(warm_dir)
        warm = [start_ms(warm_dir) for _ in range(3)]
        row("jieba start-up, cold (no cache file) / warm (fresh process each)",
            f"{statistics.median(cold):.0f} ms / {statistics.median(warm):.0f} ms")

        extractor = KeywordExtractor(Path(tmp) / "kw")
        extractor.warm_up()
        seeds = corpus.seed_articles()
        per = [median_ms(lambda a=a: extractor.article_terms(a), 3) for a in seeds]
        row("keyword extraction per seed article (word counts)",
            " / ".join(f"{ms:.0f} ms" for ms in per))
        t0 = time.perf_counter()
        cache = KeywordCache(Path(tmp) / "kw" / "keywords.sqlite3")
        index = KeywordIndex.build(articles, extractor, cache)
        for a in articles:
            index.keywords(a)
        uncached = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = KeywordIndex.build(articles, extractor, cache)
        for a in articles:
            again.keywords(a)
        cached = time.perf_counter() - t0
        cache.close()
        row(f"keywords of {len(articles)} generated articles: uncached / from the cache",
            f"{uncached:.1f} s / {cached:.2f} s")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def bench_search(_articles: list) -> None:  # type: ignore[type-arg]
    import resource as rlimit
    import tempfile

    from reader_app.core.collection import Collection
    from reader_app.core.storage import open_database

    big = corpus.generate(10_000, rng_seed=11)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "library.sqlite3")
        coll = Collection(db)
        t0 = time.perf_counter()
        coll.ensure_index(big)
        row("index 10,000 articles (FTS5, one transaction)", f"{time.perf_counter() - t0:.1f} s")
        by_id = {a.id: a for a in big}
        times = []
        for q in QUERIES:
            t = time.perf_counter()
            coll.search(q, by_id, limit=50)
            times.append((time.perf_counter() - t) * 1000)
        row("search 10,000 articles, 50 queries: median", f"{statistics.median(times):.1f} ms")
        row("search 10,000 articles, 50 queries: p95", f"{percentile(times, 0.95):.1f} ms")
        db.close()
    peak = rlimit.getrusage(rlimit.RUSAGE_SELF).ru_maxrss / 1024
    row("peak memory of this benchmark process", f"{peak:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000, help="size of the generated corpus")
    parser.add_argument("--scale", action="store_true",
                        help="also the 10,000-article library (import, start, filter, scroll, search, memory; ~6 min)")
    args = parser.parse_args()
    print(f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, {__import__('os').cpu_count()} cores\n")
    print("| what | median |\n| --- | --- |")
    articles = corpus.generate(args.articles)
    bench_cleaning()
    for section in (bench_conversion, bench_keywords, bench_search):
        try:
            section(articles)
        except ImportError as e:
            row(section.__name__, f"skipped: {e}")
    import startup

    startup.bench_startup(row)
    if args.scale:
        import scale

        scale.bench_scale(row, QUERIES, percentile)
    else:
        row("10,000-article library (issue 6)", "skipped: run `benchmarks/run.py --scale`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
