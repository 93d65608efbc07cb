"""facta's built-in data files (schemas in README.md beside this file) and the loader they share."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from facta.errors import DataFileError


def load_yaml(name: str | Path, key: str) -> tuple[str, list[dict[str, Any]]]:
    """The ``key`` list of a built-in data file (by name) or a user's file (by path), with its path for errors."""
    if isinstance(name, Path):
        path, label = name, str(name)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise DataFileError(label, f"cannot read ({error})") from None
    else:
        source = resources.files(__name__).joinpath(name)
        label = f"facta/data/{name}"
        text = source.read_text(encoding="utf-8")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DataFileError(label, f"not valid YAML ({str(error).splitlines()[0]})") from None
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        raise DataFileError(label, f"must be a mapping with a {key!r} list")
    entries = document[key]
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise DataFileError(label, f"{key} entry {number} is not a mapping")
    return label, entries
