"""Reading themes (light, sepia, dark, or following the system) and the CJK font stack."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    SEPIA = "sepia"
    DARK = "dark"


@dataclass(frozen=True)
class Theme:
    name: str
    dark: bool
    window: str
    base: str  # the page the text sits on
    text: str
    muted: str  # meta lines, secondary text
    heading: str
    accent: str
    selection: str
    keyword: str  # background of highlighted article keywords
    find: str  # background of find matches
    find_current: str


THEMES: dict[str, Theme] = {
    "light": Theme("light", False, "#eeeeec", "#fcfcfa", "#1f1f1f", "#6b6b6b", "#111111",
                   "#2e6bb5", "#b9d3f2", "#fde9a9", "#c6e7c0", "#ffb347"),
    "sepia": Theme("sepia", False, "#eadfc8", "#f6efdf", "#3b2f22", "#7b6a55", "#2a2016",
                   "#8a5a2b", "#e2cfa5", "#f1d48a", "#cfe0b0", "#f0a35e"),
    "dark": Theme("dark", True, "#202124", "#17181a", "#d8d6d0", "#9a988f", "#eeece6",
                  "#7fb0ea", "#37506e", "#6b5a22", "#2f5a35", "#9a5a1c"),
}

# Colours offered, in order, to the reader's own highlight terms.
TERM_COLOURS: tuple[str, ...] = (
    "#ffd54f", "#81d4fa", "#a5d6a7", "#f48fb1", "#ce93d8", "#ffab91", "#b0bec5",
)


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)  # Qt 6.5+
    if scheme is None:
        return False
    return scheme() == Qt.ColorScheme.Dark


def resolve(choice: str) -> Theme:
    if choice == ThemeChoice.SYSTEM:
        return THEMES["dark" if system_is_dark() else "light"]
    return THEMES.get(choice, THEMES["light"])


def palette_for(theme: Theme) -> QPalette:
    """An application palette matching the reading theme, so the sidebar, toolbar and
    dialogs do not glare around a dark page (used with the Fusion style)."""
    p = QPalette()
    window, base, text = QColor(theme.window), QColor(theme.base), QColor(theme.text)
    muted = QColor(theme.muted)
    alt = base.darker(104) if not theme.dark else base.lighter(115)
    button = window.lighter(104) if not theme.dark else window.lighter(125)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Window, window)
        p.setColor(group, QPalette.ColorRole.WindowText, text)
        p.setColor(group, QPalette.ColorRole.Base, base)
        p.setColor(group, QPalette.ColorRole.AlternateBase, alt)
        p.setColor(group, QPalette.ColorRole.Text, text)
        p.setColor(group, QPalette.ColorRole.Button, button)
        p.setColor(group, QPalette.ColorRole.ButtonText, text)
        p.setColor(group, QPalette.ColorRole.ToolTipBase, base)
        p.setColor(group, QPalette.ColorRole.ToolTipText, text)
        p.setColor(group, QPalette.ColorRole.PlaceholderText, muted)
        p.setColor(group, QPalette.ColorRole.Highlight, QColor(theme.selection))
        p.setColor(group, QPalette.ColorRole.HighlightedText, text)
        p.setColor(group, QPalette.ColorRole.Link, QColor(theme.accent))
        p.setColor(group, QPalette.ColorRole.BrightText, QColor(theme.accent))
        p.setColor(group, QPalette.ColorRole.Light, button.lighter(120))
        p.setColor(group, QPalette.ColorRole.Midlight, button.lighter(110))
        p.setColor(group, QPalette.ColorRole.Mid, button.darker(130))
        p.setColor(group, QPalette.ColorRole.Dark, button.darker(160))
        p.setColor(group, QPalette.ColorRole.Shadow, QColor("#000000"))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, muted)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        p.setColor(QPalette.ColorGroup.Disabled, role, p.color(QPalette.ColorGroup.Active, role))
    return p


# Reading fonts, set explicitly because Qt's default family often has no CJK glyphs and
# the fallback it picks differs per platform (and can mix Japanese glyph forms into
# Chinese text). Serif first for long reading; then each platform's own Chinese fonts:
# Noto/Source Han on Linux, PingFang/Songti on macOS, YaHei/SimSun on Windows,
# WenQuanYi on older Linux desktops. The TC/HK families cover Traditional-only glyphs.
BODY_FAMILIES: tuple[str, ...] = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Songti SC",
    "Noto Serif CJK TC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "SimSun",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK TC",
    "Noto Sans CJK HK",
)
# Interface and headings: sans-serif reads better at small sizes and in bold.
UI_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK TC",
)


def font(families: tuple[str, ...], point_size: float, weight: QFont.Weight | None = None) -> QFont:
    f = QFont()
    f.setFamilies(list(families))
    f.setPointSizeF(point_size)
    if weight is not None:
        f.setWeight(weight)
    return f
