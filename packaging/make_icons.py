"""Make the app icon's PNG sizes, .ico and .icns from resources/icons/rlstracker.svg.

    python packaging/make_icons.py

Run after changing the SVG, and commit what it writes (resources/icons/).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "rlstracker.svg"))
    png = ICONS / "png"
    png.mkdir(exist_ok=True)
    for size in SIZES:
        render(renderer, size).save(str(png / f"{size}.png"))
    largest = Image.open(png / "512.png")
    largest.save(ICONS / "rlstracker.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    largest.save(ICONS / "rlstracker.icns")
    print(*sorted(ICONS.rglob("*.*")), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
