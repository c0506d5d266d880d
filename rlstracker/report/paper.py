"""The report as a PDF file, with or without a window: paper size by locale, written safely."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication

from rlstracker.files import write_atomically
from rlstracker.report.content import ReportContent


def ensure_gui_application() -> None:
    """Qt needs an application object to lay out text; the command line has no window, so it
    gets one that draws offscreen."""
    if QGuiApplication.instance() is None:
        QGuiApplication(["rlstracker", "-platform", "offscreen"])


def write_report_pdf(target: Path, content: ReportContent, locale: QLocale | None = None) -> int:
    """Write the report to `target` (temporary file, fsync, rename); returns the page count."""
    ensure_gui_application()
    from rlstracker.report.render import page_size_for, report_pdf

    data, pages = report_pdf(content, page_size_for(locale or QLocale.system()))
    write_atomically(target, data)
    return pages
