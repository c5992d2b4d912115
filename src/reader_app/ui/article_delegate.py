"""Paints one article row: title (at most two lines), then date · source · 简/繁."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader_app.ui import themes
from reader_app.ui.article_list_model import Role

PAD_X = 12
PAD_Y = 8
GAP = 3
MAX_TITLE_LINES = 2


def title_lines(text: str, font: QFont, width: float) -> list[str]:
    """``text`` wrapped to ``width``, at most two lines, the last elided when cut."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(lines) == MAX_TITLE_LINES - 1:
            rest = text[start:]
            if start + length < len(text):
                rest = QFontMetricsF(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
            lines.append(rest)
            break
        lines.append(text[start : start + length])
    layout.endLayout()
    return lines or [""]


class ArticleDelegate(QStyledItemDelegate):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        # The CJK families explicitly (see themes): the default family's fallback can
        # pick a Japanese face, and its line height would then differ from sizeHint's.
        size = option.font.pointSizeF() if option.font.pointSizeF() > 0 else 10.0
        title = themes.font(themes.UI_FAMILIES, size + 0.5, QFont.Weight.DemiBold)
        meta = themes.font(themes.UI_FAMILIES, max(7.0, size * 0.85))
        return title, meta

    @staticmethod
    def _text_width(option: QStyleOptionViewItem) -> float:
        view = option.widget
        viewport = getattr(view, "viewport", None)
        width = viewport().width() if callable(viewport) else option.rect.width()
        return max(60.0, float(width) - 2 * PAD_X)

    def _meta_text(self, index: QModelIndex | QPersistentModelIndex) -> str:
        parts = [index.data(Role.DATE), index.data(Role.SOURCE), index.data(Role.SCRIPT)]
        text = " · ".join(str(p) for p in parts if p)
        return ("★ " + text) if index.data(Role.BOOKMARKED) else text

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # Every row has room for two title lines: a calm, regular list whose heights do
        # not change when titles change script, and that a 10,000-row list can lay
        # out without measuring each title.
        title_font, meta_font = self._fonts(option)
        width = self._text_width(option)
        height = (
            PAD_Y * 2
            + 2 * QFontMetricsF(title_font).lineSpacing()
            + GAP
            + QFontMetricsF(meta_font).lineSpacing()
        )
        return QSize(int(width + 2 * PAD_X), int(height + 0.999))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # we draw the text ourselves; the style draws selection and focus
        widget = opt.widget
        style = widget.style() if widget is not None else None
        painter.save()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        title_font, meta_font = self._fonts(opt)
        rect: QRect = opt.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        rect.setWidth(int(self._text_width(opt)))
        y = float(rect.top())
        title_metrics = QFontMetricsF(title_font)
        painter.setFont(title_font)
        painter.setPen(palette.color(text_role))
        for line in title_lines(str(index.data(Role.TITLE) or ""), title_font, rect.width()):
            painter.drawText(QPointF(rect.left(), y + title_metrics.ascent()), line)
            y += title_metrics.lineSpacing()
        y += GAP
        meta_metrics = QFontMetricsF(meta_font)
        painter.setFont(meta_font)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(palette.color(text_role) if selected else muted)
        meta = meta_metrics.elidedText(self._meta_text(index), Qt.TextElideMode.ElideRight,
                                       rect.width())
        painter.drawText(QPointF(rect.left(), y + meta_metrics.ascent()), meta)
        painter.restore()
