"""A generated library for benchmarks: N articles built from the seed texts and varied
(paragraphs mixed across seeds, numbers and names changed, sentences reordered) so it does
not collapse to five documents. Deterministic for a given N and seed."""

from __future__ import annotations

import random
from pathlib import Path

from reader_app.core.article import Article, Block, BlockType
from reader_app.core.library import article_id, load_library
from reader_app.core.resources import seeds_dir

PLACES = [
    "木里",
    "盐源",
    "德钦",
    "疏附",
    "田林",
    "边坝",
    "久治",
    "洛浦",
    "哈巴河",
    "燕门乡",
    "茨中村",
    "西秋乡",
]


def seed_articles() -> list[Article]:
    return load_library([seeds_dir()]).articles


def generate(n: int, rng_seed: int = 7) -> list[Article]:
    rng = random.Random(rng_seed)
    seeds = seed_articles()
    paragraphs = [
        (a.script, b.text) for a in seeds for b in a.blocks if b.type is BlockType.PARAGRAPH
    ]
    headings = [b.text for a in seeds for b in a.blocks if b.type is BlockType.HEADING]
    out = []
    for i in range(n):
        base = seeds[i % len(seeds)]
        place = rng.choice(PLACES)
        blocks: list[Block] = []
        for _ in range(rng.randint(4, 14)):
            if rng.random() < 0.2:
                blocks.append(Block(BlockType.HEADING, rng.choice(headings)))
            _script, text = rng.choice(paragraphs)
            sentences = text.split("。")
            rng.shuffle(sentences)
            text = "。".join(s for s in sentences if s) + "。"
            text = text.replace("木里", place).replace("2020", str(rng.randint(2010, 2025)))
            blocks.append(Block(BlockType.PARAGRAPH, text))
        title = f"{place}{rng.choice(headings)}"
        body = title + "".join(b.text for b in blocks)
        out.append(
            base.with_changes(
                id=article_id(body + str(i)),
                path=f"generated/{i:05d}.txt",
                title=title,
                blocks=tuple(blocks),
                date=f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            )
        )
    return out


def write_files(articles: list[Article], folder: Path) -> None:
    """Write generated articles as plain-text files (title, blank line, paragraphs)."""
    folder.mkdir(parents=True, exist_ok=True)
    for a in articles:
        text = a.title + "\n\n" + "\n\n".join(b.text for b in a.blocks) + "\n"
        (folder / Path(a.path).name).write_text(text, encoding="utf-8")
