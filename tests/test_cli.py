"""The command line as a user runs it: a real subprocess, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import reader_app

EXPORT_FIELDS = {
    "id",
    "path",
    "format",
    "title",
    "subtitle",
    "date",
    "source",
    "script",
    "blocks",
    "keywords",
}


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child run in another folder: a relative PYTHONPATH (the
    `PYTHONPATH=src` that runs the tests on a worktree) made absolute, or the child
    would import some other installed reader_app than the one under test."""
    env = {**os.environ, **extra}
    if env.get("PYTHONPATH"):
        parts = env["PYTHONPATH"].split(os.pathsep)
        env["PYTHONPATH"] = os.pathsep.join(str(Path(p).absolute()) for p in parts if p)
    return env


def run(
    *args: str, cwd: Path, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = child_env(PYTHONIOENCODING="ascii", **(env_extra or {}))  # a hostile console
    env.pop("READER_APP_DATA_DIR", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "reader_app", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )


def test_version(tmp_path: Path) -> None:
    """--version prints the package version."""
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert reader_app.__version__ in result.stdout


def test_export_of_the_seeds_is_json_lines_in_utf8(tmp_path: Path) -> None:
    """No paths: the bundled seeds, one JSON object per line, Chinese unescaped."""
    result = run("--data-dir", str(tmp_path / "data"), "export", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    records = [json.loads(line) for line in lines]
    assert all(set(r) == EXPORT_FIELDS for r in records)
    assert "中国电信" in result.stdout  # ensure_ascii=False
    assert {r["format"] for r in records} == {"newspaper", "jekyll", "web", "segmented"}
    assert {r["script"] for r in records} == {"simplified", "traditional"}
    for r in records:
        assert r["blocks"] and all(b["type"] in ("heading", "paragraph") for b in r["blocks"])
    # nothing written into the current directory
    assert sorted(p.name for p in tmp_path.iterdir()) in (["data"], [])


def test_export_ids_are_stable_across_runs(tmp_path: Path) -> None:
    """Two runs give the same ids."""
    first = run("export", cwd=tmp_path, env_extra={"READER_APP_DATA_DIR": str(tmp_path / "d")})
    second = run("export", cwd=tmp_path, env_extra={"READER_APP_DATA_DIR": str(tmp_path / "d")})
    ids = lambda out: [json.loads(x)["id"] for x in out.splitlines()]  # noqa: E731
    assert ids(first.stdout) == ids(second.stdout)


def test_export_with_a_bad_file_prints_the_rest_and_exits_2(tmp_path: Path) -> None:
    """A file that cannot be read: `PATH: reason` on stderr, the others still printed."""
    good = tmp_path / "good.txt"
    good.write_text("标题\n\n正文第一段。\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("--data-dir", str(tmp_path / "d"), "export", str(good), str(empty), cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stdout.splitlines()) == 1
    assert json.loads(result.stdout)["title"] == "标题"
    assert result.stderr.strip() == f"{empty}: the file is empty"


def test_export_output_closed_early_is_not_a_crash(tmp_path: Path) -> None:
    """`reader-app export | head -1` ends quietly."""
    env = child_env(READER_APP_DATA_DIR=str(tmp_path / "d"))
    proc = subprocess.run(
        f"{sys.executable} -m reader_app export | head -c 10",
        shell=True,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )
    assert "Traceback" not in proc.stderr


def test_export_script_conversion_reads_in_the_asked_script(tmp_path: Path) -> None:
    """--script simplified/traditional converts title, subtitle and text; names hold."""
    from reader_app.core.script import detect_script, fold

    simp = run("--data-dir", str(tmp_path / "d"), "export", "--script", "simplified", cwd=tmp_path)
    trad = run("--data-dir", str(tmp_path / "d"), "export", "--script", "traditional", cwd=tmp_path)
    assert simp.returncode == trad.returncode == 0
    for line in simp.stdout.splitlines():
        r = json.loads(line)
        text = r["title"] + "".join(b["text"] for b in r["blocks"])
        assert fold(text) == text, f"Traditional characters left in {r['path']}"
    for line in trad.stdout.splitlines():
        r = json.loads(line)
        text = r["title"] + "".join(b["text"] for b in r["blocks"])
        assert detect_script(text).value == "traditional"
        if "木里" in r["title"] + (r["subtitle"] or ""):
            assert "木裏" not in text and "木裡" not in text  # the county's name is 木里


def test_import_then_search_from_the_command_line(tmp_path: Path) -> None:
    """import adds and reports; search --json finds it by a Traditional query."""
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text("羊肚菌走出大山\n\n木里的羊肚菌通过直播卖到了上海。\n", encoding="utf-8")
    empty = tmp_path / "in" / "empty.txt"
    empty.write_bytes(b"")
    data = ["--data-dir", str(tmp_path / "d")]
    imported = run(*data, "import", str(tmp_path / "in"), cwd=tmp_path)
    assert imported.returncode == 2  # one file refused
    assert f"added: {article} (羊肚菌走出大山)" in imported.stdout
    assert f"refused: {empty}: the file is empty" in imported.stderr
    found = run(*data, "search", "--json", "直播 羊肚菌", cwd=tmp_path)
    assert found.returncode == 0
    results = [json.loads(x) for x in found.stdout.splitlines()]
    assert {r["title"] for r in results} == {"羊肚菌走出大山", "吹响“集结号”“组团”奔小康"}
    assert all(set(r) == {"id", "title", "path", "hits", "snippet"} for r in results)
    simp = run(*data, "search", "--json", "卖到了上海", cwd=tmp_path)
    trad = run(*data, "search", "--json", "賣到了上海", cwd=tmp_path)
    assert [json.loads(x)["title"] for x in trad.stdout.splitlines()] == ["羊肚菌走出大山"]
    assert trad.stdout == simp.stdout


def test_notes_export_is_w3c_json(tmp_path: Path) -> None:
    """export-notes --format json prints an annotation collection (empty at first)."""
    result = run(
        "--data-dir", str(tmp_path / "d"), "export-notes", "--format", "json", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["type"] == "AnnotationCollection" and data["items"] == []


def import_posts(tmp_path: Path) -> list[str]:
    """Three posts about 藜麦 (in no seed): two from one paper in both scripts, dated,
    and one from another paper with no date. Returns the --data-dir arguments."""
    posts = {
        "simp.md": ("藜麦上山", "2021-01-05", "通信信息报"),
        "trad.md": ("藜麦下山", "2021-03-10", "通信信息報"),
        "undated.md": ("藜麦进村", None, "人民邮电报"),
    }
    folder = tmp_path / "posts"
    folder.mkdir()
    for name, (title, date, source) in posts.items():
        meta = f"title: {title}\nsource: {source}\n" + (f"date: {date}\n" if date else "")
        (folder / name).write_text(f"---\n{meta}---\n\n村里种了藜麦。\n", encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "d")]
    assert run(*data, "import", str(folder), cwd=tmp_path).returncode == 0
    return data


def titles(result: subprocess.CompletedProcess[str]) -> set[str]:
    assert result.returncode == 0, result.stderr
    return {json.loads(line)["title"] for line in result.stdout.splitlines()}


def test_search_filters_by_source_and_dates(tmp_path: Path) -> None:
    """--source matches either script and repeats as "any of"; --from/--to take a day,
    month or year and leave out undated articles; --json keeps its shape."""
    data = import_posts(tmp_path)
    assert titles(run(*data, "search", "--json", "藜麦", cwd=tmp_path)) == {
        "藜麦上山", "藜麦下山", "藜麦进村"
    }
    by_source = run(*data, "search", "--json", "--source", "通信信息报", "藜麦", cwd=tmp_path)
    assert titles(by_source) == {"藜麦上山", "藜麦下山"}
    assert all(
        set(json.loads(x)) == {"id", "title", "path", "hits", "snippet"}
        for x in by_source.stdout.splitlines()
    )
    both = run(
        *data, "search", "--json", "--source", "通信信息報", "--source", "人民邮电报",
        "--from", "2021-02", "藜麦", cwd=tmp_path,
    )
    assert titles(both) == {"藜麦下山"}  # 藜麦进村 has no date
    to_january = run(*data, "search", "--to", "2021-01", "--limit", "5", "藜麦", cwd=tmp_path)
    assert to_january.returncode == 0
    assert "藜麦上山" in to_january.stdout and "藜麦下山" not in to_january.stdout
    assert to_january.stderr.strip().endswith("1 articles (filtered)")


def test_search_bookmarked_only(tmp_path: Path) -> None:
    """--bookmarked: only what was bookmarked (here in the library file, as the window
    does); nothing when nothing is."""
    from reader_app.core.paths import AppPaths
    from reader_app.core.storage import open_database

    data = import_posts(tmp_path)
    assert titles(run(*data, "search", "--json", "--bookmarked", "藜麦", cwd=tmp_path)) == set()
    found = run(*data, "search", "--json", "藜麦", cwd=tmp_path)
    chosen = next(json.loads(x) for x in found.stdout.splitlines() if "进村" in x)
    with open_database(AppPaths.resolve(tmp_path / "d").database) as db:
        db.bookmarks.toggle_article(chosen["id"])
    marked = run(*data, "search", "--json", "--bookmarked", "藜麦", cwd=tmp_path)
    assert titles(marked) == {"藜麦进村"}


def test_search_with_a_bad_date_says_so_in_one_line(tmp_path: Path) -> None:
    """A date that is not one: one line on stderr naming the option, exit 2, no output."""
    data = ["--data-dir", str(tmp_path / "d")]
    for args, says in [
        (["--from", "2021-13-01"], "--from: '2021-13-01' is not a date"),
        (["--to", "last week"], "--to: 'last week' is not a date"),
        (["--from", "2022", "--to", "2021-06"], "--from 2022 is after --to 2021-06"),
    ]:
        result = run(*data, "search", *args, "电信", cwd=tmp_path)
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    assert not (tmp_path / "d").exists()  # refused before the library was opened
