"""facta's errors: few classes, each message one line naming the input and the reason."""

from __future__ import annotations


class FactaError(Exception):
    """Base class of every error facta raises on purpose."""


class InputError(FactaError):
    """An input that cannot be read or coded: names the input and says why, in one line."""

    def __init__(self, origin: str, reason: str) -> None:
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}")


class DataFileError(FactaError):
    """A vocabulary or ontology file that does not follow its schema."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ModelError(FactaError):
    """A spaCy pipeline that cannot be loaded."""
