"""Fixtures for the web tests: a store of our own articles, built once per module, and a TestClient over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from facta.web import create_app
from tests.web.corpus import build_store
from tests.web.helpers import TestClient


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "facta.duckdb"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def app(store: Path) -> Iterator[FastAPI]:
    application = create_app(store, token="")  # "" : no token, whatever FACTA_TOKEN says
    yield application
    application.state.facta.db.close()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    return TestClient(app)
