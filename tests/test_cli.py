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

