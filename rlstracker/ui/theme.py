"""Light, dark or the system's colours, and the text size."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from rlstracker.domain.language import N_, Translated
from rlstracker.preferences import Preferences, Theme

__all__ = ["Preferences", "Theme"]  # not user text: where the modules have found them


THEME_LABELS: Translated[Theme] = Translated(
    {Theme.SYSTEM: N_("Follow the system"), Theme.LIGHT: N_("Light"), Theme.DARK: N_("Dark")}
)

# Point sizes: older eyes are the common case, so even "Normal" is generous.
TEXT_SIZES = {"normal": 12, "large": 14, "larger": 16}
TEXT_SIZE_LABELS: Translated[str] = Translated(
    {"normal": N_("Normal"), "large": N_("Large"), "larger": N_("Larger")}
)


SCHEMES = {
    Theme.SYSTEM: Qt.ColorScheme.Unknown,  # Qt's "follow the system"
    Theme.LIGHT: Qt.ColorScheme.Light,
    Theme.DARK: Qt.ColorScheme.Dark,
}


def own_colours_needed(theme: Theme, scheme_after_request: Qt.ColorScheme) -> bool | None:
    """Whether the platform gave the colours asked for (None), or the app must draw them itself
    with Fusion: False for its light palette, True for its dark one. `scheme_after_request` is
    what Qt reports once asked for the theme's scheme (Unknown where the platform can't say or
    can't switch, as on a bare X11 desktop)."""
    wanted = SCHEMES[theme]
    if wanted is Qt.ColorScheme.Unknown:  # follow the system
        if scheme_after_request is Qt.ColorScheme.Unknown:
            return False  # a system that says nothing: light
        return None
    if scheme_after_request == wanted:
        return None  # the platform switched: its own style and colours
    return wanted is Qt.ColorScheme.Dark


def apply_appearance(app: QApplication, theme: Theme | str, text_size: str) -> None:
    """Light or dark as the person chose, the platform's own way where it can (Qt's colour
    scheme: Windows 11, macOS, GNOME and KDE), else Fusion with the app's palette; and the
    font size."""
    theme = Theme(theme)
    hints = app.styleHints()
    if hints.colorScheme() != SCHEMES[theme]:
        hints.setColorScheme(SCHEMES[theme])
    scheme = hints.colorScheme()
    own = own_colours_needed(theme, scheme)
    if own is None and palette_is_dark(app.style().standardPalette()) != (
        scheme == Qt.ColorScheme.Dark
    ):
        # The platform says dark (or light) but its style's colours are not (Fusion under some
        # Linux desktops): the app's own colours, so that what is asked for is what is shown.
        own = scheme == Qt.ColorScheme.Dark
    if own is None:
        palette = app.style().standardPalette()
    else:
        # A native style such as Windows' ignores palettes; Fusion draws dark and light.
        _use_fusion(app, dark=own)
        palette = dark_palette() if own else app.style().standardPalette()
    # Change only what differs: every change re-polishes every widget (and Qt 6.12 crashed when
    # a live QWizard saw a palette and an application style sheet change together).
    if palette != app.palette():
        app.setPalette(palette)
    size = TEXT_SIZES.get(text_size, TEXT_SIZES["normal"])
    if app.font().pointSize() != size:
        font = QFont(app.font())
        font.setPointSize(size)
        app.setFont(font)
    # After the font too: a widget with a style sheet of its own (the banners) keeps the font
    # it had until its sheet is set again.
    restyle_roles(app)


def _own_fusion_in_use(app: QApplication) -> bool:
    module = sys.modules.get("rlstracker.ui.fusion_style")  # not user text: a module
    return module is not None and isinstance(app.style(), module.FusionWithVisibleBoxes)


def _use_fusion(app: QApplication, dark: bool) -> None:
    """Fusion for the app's own colours: on its dark palette the app's own Fusion, which draws
    tick boxes visibly (rlstracker.ui.fusion_style); on its light one Qt's own, which draws them
    well and keeps every style call in C++ (the own one, a style in Python, made the window's
    first paint take a third longer). Set before the first window, and again only when the
    person switches between light and dark."""
    own = _own_fusion_in_use(app)
    if dark and not own:
        from rlstracker.ui.fusion_style import FusionWithVisibleBoxes

        app.setStyle(FusionWithVisibleBoxes())
    elif not dark and (own or app.style().name().lower() != "fusion"):
        app.setStyle("Fusion")  # not user text: a Qt style's name


def dark_palette() -> QPalette:
    """A dark palette with contrast well above WCAG AA for text (about 13:1 for body text)."""
    role = QPalette.ColorRole
    palette = QPalette()
    colours = {
        role.Window: "#1f2328",
        role.WindowText: "#e8eaed",
        role.Base: "#16191d",
        role.AlternateBase: "#262b31",
        role.ToolTipBase: "#2d333b",
        role.ToolTipText: "#e8eaed",
        role.PlaceholderText: "#9aa0a6",
        role.Text: "#e8eaed",
        role.Button: "#2d333b",
        role.ButtonText: "#e8eaed",
        role.BrightText: "#ff7b72",
        role.Link: "#79b8ff",
        role.Highlight: "#3d7bd9",
        role.HighlightedText: "#ffffff",
        role.Light: "#3a4149",
        role.Midlight: "#31373e",
        role.Mid: "#262b31",
        role.Dark: "#111417",
        role.Shadow: "#000000",
    }
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor("#7d8590"))
    return palette


def is_dark(app: QApplication) -> bool:
    return palette_is_dark(app.palette())


def palette_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def scaled(app_font: QFont, factor: float, bold: bool = False) -> QFont:
    font = QFont(app_font)
    font.setPointSizeF(app_font.pointSizeF() * factor)
    font.setBold(bold)
    return font


# Colours for the few widgets that need more than the palette, each pair at least 4.5:1.
COLOURS = {
    False: {  # light
        "alert": "#b00020",
        "alert_bg": "#fde7ea",
        "alert_text": "#5c0011",
        "note": "#8a6d00",
        "note_bg": "#fff6d5",
        "note_text": "#3d3000",
        "accent": "#1d4f91",
        # Side-effect grades (History): darker the worse, dark text readable on each.
        "grade1": "#fbe9a9",
        "grade2": "#f6b36b",
        "grade3": "#e98479",
    },
    True: {  # dark
        "alert": "#ff8a80",
        "alert_bg": "#3b1216",
        "alert_text": "#ffdad6",
        "note": "#e6c34a",
        "note_bg": "#3a3110",
        "note_text": "#fff1c2",
        "accent": "#8ab4f8",
        # On dark: further from the background (stronger) the worse, light text readable.
        "grade1": "#3b3720",
        "grade2": "#6b4316",
        "grade3": "#8e2433",
    },
}
TEXT = {False: "#1f2328", True: "#e8eaed"}  # the text on the grades' tints


def colour(name: str) -> QColor:
    """One of COLOURS, for the current theme."""
    app = QApplication.instance()
    dark = isinstance(app, QApplication) and is_dark(app)
    return QColor(COLOURS[dark][name])


# Style sheets set on those widgets alone. An application-wide style sheet would make Qt
# restyle every widget through it, which cost three quarters of the window's start-up.
ROLE_STYLES = {  # not user text: style sheets
    "seekHelp": "color: {alert};",
    "plain": "",
    "formProblem": "color: {alert};",
    "actionTitle": "color: {accent};",
    "seekHelpBanner": (
        "QFrame#seekHelpBanner {{ background: {alert_bg}; border: 2px solid {alert}; "
        "border-radius: 6px; }} QLabel {{ color: {alert_text}; }}"
    ),
    "exampleBanner": (
        "QFrame#exampleBanner {{ background: {note_bg}; border: 2px solid {note}; "
        "border-radius: 6px; }} QLabel {{ color: {note_text}; }}"
    ),
}


def style_role(widget: QWidget, role: str) -> None:
    """Name `widget` for one of ROLE_STYLES and colour it for the current theme."""
    widget.setObjectName(role)
    app = QApplication.instance()
    dark = isinstance(app, QApplication) and is_dark(app)
    widget.setStyleSheet(ROLE_STYLES[role].format(**COLOURS[dark]))


def banner(role: str, text: str) -> QFrame:
    """A message across the window in one of the roles' colours (example data, read-only)."""
    frame = QFrame()
    style_role(frame, role)
    label = QLabel(text)
    label.setWordWrap(True)
    QVBoxLayout(frame).addWidget(label)
    return frame


def restyle_roles(app: QApplication) -> None:
    """After a change of theme: the named widgets take the new theme's colours."""
    for widget in app.allWidgets():
        if widget.objectName() in ROLE_STYLES:
            style_role(widget, widget.objectName())
