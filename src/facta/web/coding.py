"""Coding posted texts and URLs in the server: the spaCy model is loaded once per process, and one text is
parsed at a time (the parser is CPU-bound; requests queue rather than thrash a small machine)."""

from __future__ import annotations

import dataclasses
import logging
import threading

from facta.config import Settings
from facta.errors import FactaError, InputError
from facta.model import Article
from facta.pipeline import Coded, code_articles

log = logging.getLogger(__name__)

MAX_ARTICLES = 20  # a URL may be a feed; larger corpora belong to facta ingest


class Coder:
    """Codes one text or URL at a time with the server's settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self.state = "not loaded"  # not loaded | loading | loaded | failed: <reason>

    def load(self) -> None:
        """Load the model now (at start-up, in a thread) instead of on the first request."""
        from facta.nlp import load_model

        with self._lock:
            if self.state == "loaded":
                return
            self.state = "loading"
            try:
                load_model(self.settings.model)
            except FactaError as error:
                self.state = f"failed: {error}"
                log.error("%s", error)
                return
            self.state = "loaded"

    def code_text(self, text: str, *, date: str | None = None, title: str | None = None) -> list[Coded]:
        """Code a text; InputError when there is nothing codable (empty, not English)."""
        from facta.read.formats import make_article

        settings = self._with_date(date)
        return self._code([make_article(text, "<posted text>", settings, title=title)], settings)

    def code_url(self, url: str, *, date: str | None = None, title: str | None = None) -> list[Coded]:
        """Fetch and code a page or feed (private addresses refused unless the settings allow them)."""
        from facta.read import read

        settings = self._with_date(date)
        articles: list[Article] = []
        for item in read([url], settings=settings):
            if isinstance(item, InputError):
                raise item
            articles.append(dataclasses.replace(item, title=title) if title else item)
            if len(articles) > MAX_ARTICLES:
                raise InputError(url, f"more than {MAX_ARTICLES} articles at this URL; use facta ingest")
        if not articles:
            raise InputError(url, "no article found at this URL")
        return self._code(articles, settings)

    def _with_date(self, date: str | None) -> Settings:
        return dataclasses.replace(self.settings, date=date) if date else self.settings

    def _code(self, articles: list[Article], settings: Settings) -> list[Coded]:
        with self._lock:
            coded = list(code_articles(articles, settings=settings))
            self.state = "loaded"
        return coded
