"""facta: political event data from news text — who did what to whom, when and where."""

from facta.config import Settings
from facta.errors import DataFileError, FactaError, InputError, ModelError
from facta.model import Actor, Article, Event, Evidence, Location, Plover, Sentence

__version__ = "0.1.0"

__all__ = [
    "Actor", "Article", "DataFileError", "Event", "Evidence", "FactaError", "InputError", "Location",
    "ModelError", "Plover", "Sentence", "Settings", "__version__",
]
