"""The lowest versions pyproject.toml allows for the app's and the tests' dependencies, printed
as pip constraints (name==version): CI installs them to prove that those versions still work."""

import re
import sys
from pathlib import Path

import tomllib

LOWER_BOUND = re.compile(r"^\s*([A-Za-z0-9._-]+)\s*(?:\[[^\]]*\])?\s*>=\s*([^,;\s]+)")


def main() -> int:
    project = tomllib.loads(Path("pyproject.toml").read_text())["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for requirement in requirements:
        match = LOWER_BOUND.match(requirement)
        if match:
            print(f"{match[1]}=={match[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
