"""Qt's own words (the wizard's "Next >", "Cancel", the print and file dialogs) in the
language the app speaks: the translations that come with Qt (qtbase_de.qm and so on, in the
PySide6 wheel's Qt/translations, carried by the bundle)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from rlstracker.domain import language

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_qt_translations(app: QCoreApplication, code: str) -> bool:
    """Qt's dialogs and buttons in `code`, and its locale (numbers in spin boxes, the
    calendar's day and month names) as that language writes them. False when Qt's catalogue
    for `code` is missing (Qt's words then stay English)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    # The language of the app's, the country of the desktop's (the report's paper follows it).
    system = QLocale.system()
    if code == language.SOURCE_LANGUAGE:
        QLocale.setDefault(system)
        return True
    QLocale.setDefault(QLocale(QLocale(code).language(), system.territory()))
    translator = QTranslator(app)
    if not translator.load(f"qtbase_{code}", qt_translations_dir()):
        log.warning("Qt's own translations for %s are missing", code)
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
