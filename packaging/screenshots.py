"""Take the README's screenshots from a real X server: run under xvfb-run (see README).

    xvfb-run -a -s "-screen 0 1280x800x24" python packaging/screenshots.py packaging/screenshots

Builds the demo diary in a temporary folder, opens the real window in each theme, and saves
what the X server shows.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from rlstracker.app import Launcher
from rlstracker.demo import save_demo
from rlstracker.preferences import Preferences
from rlstracker.storage import Diary
from rlstracker.ui.dialogs import Dialogs


def settle(app: QApplication, milliseconds: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def grab(app: QApplication, window, path: Path) -> None:
    settle(app)
    geometry = window.frameGeometry()
    window.screen().grabWindow(
        0, geometry.x(), geometry.y(), geometry.width(), geometry.height()
    ).save(str(path))
    print(path)


def wizard_pages(app: QApplication, out: Path) -> None:
    from rlstracker.domain.safety import Medicine
    from rlstracker.ui.setup_wizard import SetupWizard
    from rlstracker.ui.theme import apply_appearance

    apply_appearance(app, "light", "normal")
    wizard = SetupWizard(datetime.now().date(), Dialogs())
    wizard.show()
    wizard.move(20, 20)
    grab(app, wizard, out / "guide-1-welcome.png")
    wizard.welcome.understood.setChecked(True)
    wizard.next()
    form = wizard.safety.form
    for group, index in ((form.kidney, 0), (form.heart, 0), (form.pregnant, 0), (form.age, 2)):
        group.buttons.buttons()[index].click()
    form.medicine_boxes[Medicine.IRON].setChecked(True)
    grab(app, wizard, out / "guide-2-safety.png")
    wizard.next()
    form = wizard.product_page.form
    form.name.setText("Magnesium citrate tablets")
    form.form.setCurrentIndex(form.form.findData("citrate"))
    form.amount.setText("500")
    form.unit.setCurrentIndex(form.unit.findData("tablet"))
    form.compound.setChecked(True)
    grab(app, wizard, out / "guide-3-product.png")
    wizard.next()
    grab(app, wizard, out / "guide-4-plan.png")
    wizard.done(0)  # close() would ask whether to throw the answers away


def report_pages(out: Path, now: datetime) -> None:
    """The demo report, page by page, as the printer would have it (needs pdftoppm)."""
    import shutil
    import subprocess

    from PySide6.QtCore import QLocale

    from rlstracker.demo import demo_diary
    from rlstracker.report.content import build_report
    from rlstracker.report.paper import report_pdf_for_locale

    demo = demo_diary(now.date())
    content = build_report(
        list(demo.nights),
        demo.plan,
        demo.answers,
        demo.product,
        list(demo.iron),
        now.date(),
        name="Jane Example",
    )
    pdf = out / "report.pdf"
    pdf.write_bytes(report_pdf_for_locale(content, QLocale("en_GB"))[0])
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", str(pdf), str(out / "report-page")], check=True
        )
        print(*sorted(out.glob("report-page*.png")), sep="\n")
    pdf.unlink()


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    report_pages(out, datetime.now())
    wizard_pages(app, out)
    now = datetime.now()
    for theme in ("light", "dark"):
        with tempfile.TemporaryDirectory() as folder:
            with Diary.open(Path(folder)) as diary:
                save_demo(diary, now.date())
                diary.save_preferences(Preferences(theme=theme))
            launcher = Launcher(app, Path(folder), Dialogs(), lambda: now)
            window = launcher.start()
            assert window is not None
            window.resize(1240, 760)
            window.move(20, 20)
            window.load_charts()
            assert window.charts is not None
            views = {
                "tonight": lambda w: w.tabs.setCurrentIndex(0),
                "timeline": lambda w: (w.show_charts(), w.charts.over_time.click()),
                "by-dose": lambda w: (w.show_charts(), w.charts.by_dose.click()),
                "history": lambda w: w.tabs.setCurrentWidget(w.history),
            }
            for name, show in views.items():
                show(window)
                settle(app)
                shot = window.screen().grabWindow(0, 0, 0, 1280, 800)
                path = out / f"{name}-{theme}.png"
                shot.save(str(path))
                print(path)
            launcher.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "packaging/screenshots")))
