"""facta: political event data from news text — who did what to whom, when and where."""

from __future__ import annotations

from typing import TYPE_CHECKING

from facta.config import Settings
from facta.errors import DataFileError, FactaError, InputError, ModelError
from facta.model import Actor, Article, Event, Evidence, Location, Plover, Sentence

if TYPE_CHECKING:
    from facta.analysis import Store

__version__ = "0.1.0"


def open(db: str = "facta.duckdb") -> Store:
    """A store for analysis: ``facta.open("facta.duckdb").dyad("USA", "RUS")`` returns a DataFrame."""
    from facta.analysis import open as open_store

    return open_store(db)


__all__ = [
    "Actor", "Article", "DataFileError", "Event", "Evidence", "FactaError", "InputError", "Location",
    "ModelError", "Plover", "Sentence", "Settings", "__version__", "open",
]
