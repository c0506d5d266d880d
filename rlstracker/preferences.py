"""How the person wants the app to look and remind: typed, with their defaults. Plain Python;
storage keeps them in the diary, the window applies them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import Enum

from rlstracker.domain.language import OFFERED
from rlstracker.domain.reminders import DEFAULT_REMINDER


class Theme(str, Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


TEXT_SIZES = ("normal", "large", "larger")


@dataclass(frozen=True)
class Preferences:
    """`reminder_time` None means no evening reminder."""

    reminder_time: time | None = DEFAULT_REMINDER
    theme: Theme = Theme.SYSTEM
    text_size: str = "normal"
    start_at_login: bool = False
    language: str = ""  # "" follows the desktop; else a code of rlstracker.domain.language

    def __post_init__(self) -> None:
        object.__setattr__(self, "theme", Theme(self.theme))
        if self.text_size not in TEXT_SIZES:
            object.__setattr__(self, "text_size", "normal")
        if self.language not in OFFERED:
            object.__setattr__(self, "language", "")
