"""The report as a PDF without a window: an offscreen Qt application, paper size by locale."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication

from rlstracker import qt_references
from rlstracker.report.content import ReportContent


def ensure_gui_application() -> None:
    """Qt needs an application object to lay out text; the command line has no window, so it
    gets one that draws offscreen."""
    if QGuiApplication.instance() is None:
        qt_references.protect()  # see there: a long report makes thousands of void calls
        QGuiApplication(["rlstracker", "-platform", "offscreen"])


def report_pdf_for_locale(
    content: ReportContent, locale: QLocale | None = None
) -> tuple[bytes, int]:
    """The report as PDF bytes on the locale's paper (Letter or A4), and its page count."""
    ensure_gui_application()
    from rlstracker.report.render import page_size_for, report_pdf

    return report_pdf(content, page_size_for(locale or QLocale.system()))
