"""Language data kept in files (assistant/lang/*.toml), loaded once."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """assistant/lang/<name>.toml as a dict; {} if the file is not there."""
    path = resources.files("assistant.lang").joinpath(f"{name}.toml")
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text("utf-8"))


def country_names() -> dict[str, str]:
    """Polish country name as written in the survey -> English name."""
    names = {}
    for polish, entry in load("countries").items():
        if isinstance(entry, dict) and "en" in entry:
            names[polish] = entry["en"]
    return names
