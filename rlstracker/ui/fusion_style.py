"""The app's own Fusion, used where the app draws its dark colours itself: Fusion, with the
border of tick boxes and round buttons drawn again so that they can be seen. Loaded only then:
a style written in Python puts every one of Qt's style calls through Python."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

from rlstracker.ui.theme import palette_is_dark


class FusionWithVisibleBoxes(QProxyStyle):
    """Fusion, with the border of tick boxes and round buttons drawn again where the palette is
    dark. Fusion draws that border in a shade of the window colour, which on a dark palette is
    the fields' own colour: an unticked note in the report's list showed no box at all."""

    # Looked up once: drawPrimitive runs for every frame, arrow and box Qt paints.
    _BOXES = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    def __init__(self) -> None:
        super().__init__("Fusion")  # not user text: a Qt style's name

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in self._BOXES and palette_is_dark(option.palette):
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
            if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
                painter.drawEllipse(rect)
            else:
                painter.drawRect(rect)
            painter.restore()
