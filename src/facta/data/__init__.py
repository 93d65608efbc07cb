"""facta's built-in data files (schemas in README.md beside this file) and the loader they share."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from facta.errors import DataFileError


def builtin_files(prefix: str, suffix: str = ".yaml") -> list[str]:
    """Names of the built-in data files starting with ``prefix`` ("people" -> people_g20.yaml, ...)."""
    return sorted(
        entry.name for entry in resources.files(__name__).iterdir()
        if entry.name.startswith(prefix) and entry.name.endswith(suffix)
    )


def read_document(name: str | Path) -> tuple[str, dict[str, Any]]:
    """A built-in data file (by name) or a user's file (by path) as a mapping, with its label for errors."""
    if isinstance(name, Path):
        label = str(name)
        try:
            text = name.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise DataFileError(label, f"cannot read ({error})") from None
    else:
        label = f"facta/data/{name}"
        text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DataFileError(label, f"not valid YAML ({str(error).splitlines()[0]})") from None
    if not isinstance(document, dict):
        raise DataFileError(label, "must be a YAML mapping")
    return label, document


def entries(label: str, document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The ``key`` list of a document, each entry checked to be a mapping."""
    found = document.get(key)
    if not isinstance(found, list):
        raise DataFileError(label, f"must have a {key!r} list")
    for number, entry in enumerate(found, 1):
        if not isinstance(entry, dict):
            raise DataFileError(label, f"{key} entry {number} is not a mapping")
    return found


def load_yaml(name: str | Path, key: str) -> tuple[str, list[dict[str, Any]]]:
    """The ``key`` list of a built-in or user data file, with its label for errors."""
    label, document = read_document(name)
    return label, entries(label, document, key)
