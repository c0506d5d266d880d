"""A check box or round button whose words wrap onto more lines when it is narrow, as a
QLabel's do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

# QCheckBox keeps its text on one line: a long German warning sign ("Ohnmacht oder Schwindel wie
# vor einer Ohnmacht") at the largest text made the main window wider than a 1024 screen.
FLAGS = (
    Qt.AlignmentFlag.AlignLeft
    | Qt.AlignmentFlag.AlignTop
    | Qt.TextFlag.TextWordWrap
    | Qt.TextFlag.TextShowMnemonic  # "&approved": the letter underlined, no "&"
)


def _wraps(button: QAbstractButton) -> None:
    policy = button.sizePolicy()
    policy.setHeightForWidth(True)
    policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
    button.setSizePolicy(policy)


if TYPE_CHECKING:
    _Button = QCheckBox  # for the checker: both kinds have its methods (initStyleOption too)
else:
    _Button = object


class _WrappedWords(_Button):
    """What a wrapped check box and a wrapped round button share: the words beside the
    indicator, wrapped between words. Mixed in before the Qt class."""

    _WIDTH = QStyle.PixelMetric.PM_IndicatorWidth
    _HEIGHT = QStyle.PixelMetric.PM_IndicatorHeight
    _SPACING = QStyle.PixelMetric.PM_CheckBoxLabelSpacing
    _CONTROL = QStyle.ControlElement.CE_CheckBox

    def _indicator_px(self) -> int:
        style = self.style()
        return style.pixelMetric(self._WIDTH, None, self) + style.pixelMetric(
            self._SPACING, None, self
        )

    def _text_rect(self, width: int) -> QRect:
        left = self._indicator_px()
        room = QRect(left, 0, max(1, width - left), 100_000)
        return self.fontMetrics().boundingRect(room, int(FLAGS), self.text())

    def minimumSizeHint(self) -> QSize:
        words = self.text().replace("&", "").split() or [""]  # a mnemonic's & is not drawn
        widest = max(self.fontMetrics().horizontalAdvance(word) for word in words)
        width = self._indicator_px() + widest + 2
        return QSize(width, self.heightForWidth(width))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self.heightForWidth(hint.width())))

    def hasHeightForWidth(self) -> bool:
        return True

    def _indicator_height(self) -> int:
        return self.style().pixelMetric(self._HEIGHT, None, self)

    def heightForWidth(self, width: int) -> int:
        return max(self._indicator_height(), self._text_rect(width).height()) + 2

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""  # the box alone, beside the first line; the words are drawn below
        first_line = max(self.fontMetrics().height(), self._indicator_height())
        option.rect = QRect(0, 0, self.width(), first_line)
        painter = QPainter(self)
        self.style().drawControl(self._CONTROL, option, painter, self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        text = self._text_rect(self.width())
        self.style().drawItemText(
            painter, text, int(FLAGS), self.palette(), self.isEnabled(), self.text()
        )
        if self.hasFocus():
            focus = QStyleOptionButton()
            focus.initFrom(self)
            focus.rect = text.adjusted(-1, 0, 1, 0)
            self.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, self
            )
        painter.end()


class WrappedCheckBox(_WrappedWords, QCheckBox):
    """As QCheckBox (its text, its name for screen readers), its text wrapped between words."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        QCheckBox.__init__(self, text, parent)
        _wraps(self)


class WrappedRadioButton(_WrappedWords, QRadioButton):
    """As QRadioButton, its text wrapped between words (a long answer in French)."""

    _WIDTH = QStyle.PixelMetric.PM_ExclusiveIndicatorWidth
    _HEIGHT = QStyle.PixelMetric.PM_ExclusiveIndicatorHeight
    _SPACING = QStyle.PixelMetric.PM_RadioButtonLabelSpacing
    _CONTROL = QStyle.ControlElement.CE_RadioButton

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        QRadioButton.__init__(self, text, parent)
        _wraps(self)
