"""The web app: a REST API and a dashboard over the store (``facta serve``)."""

from __future__ import annotations

from facta.web.app import DEFAULT_MAX_BODY, create_app

__all__ = ["DEFAULT_MAX_BODY", "create_app"]
