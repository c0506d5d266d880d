"""The wheel's build hook: the translation catalogues compiled from po/*.po into
resources/locale/, which the wheel carries as rlstracker/resources/locale (and an editable
install reads from the checkout)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        path = Path(self.root) / "packaging" / "catalogues.py"
        spec = importlib.util.spec_from_file_location("rlstracker_catalogues", path)
        assert spec is not None and spec.loader is not None
        catalogues = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(catalogues)
        catalogues.compile_all()
