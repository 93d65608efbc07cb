"""The web app: the REST API under /api (OpenAPI docs at /docs) and the dashboard, over one store.

``create_app(db)`` opens the store once (read-write when writes are enabled and the store is free, else
read-only), reads the token from ``FACTA_TOKEN`` unless one is given, and limits request bodies.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from swagger_ui_bundle import swagger_ui_path

from facta import __version__
from facta.config import Settings
from facta.store import DEFAULT_DB
from facta.web import api, pages
from facta.web.coding import Coder
from facta.web.db import Database
from facta.web.limits import BodyLimit
from facta.web.state import WebState
from facta.web.templating import setup_environment

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 5 * 1024 * 1024
_HERE = Path(__file__).resolve().parent


def create_app(
    db: str | Path = DEFAULT_DB, token: str | None = None, *, writable: bool = True,
    max_body: int = DEFAULT_MAX_BODY, settings: Settings | None = None, preload_model: bool = False,
) -> FastAPI:
    """The API and dashboard over the store ``db``.

    ``token`` (else the ``FACTA_TOKEN`` environment variable) guards writes; reads are open. ``writable=False``
    never writes. ``max_body`` caps request bodies in bytes (413 beyond). ``preload_model`` loads the spaCy
    model in the background at start-up rather than on the first coding request.
    """
    if token is None:
        token = os.environ.get("FACTA_TOKEN") or None
    database = Database(db, writable=writable)
    state = WebState(database, Coder(settings or Settings()), token or None, max_body)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Coding requests wait for the one coding slot here, in the event loop, not in threads of the pool
        # that reads share: a queue of texts to code never starves the dashboard.
        state.coding = anyio.CapacityLimiter(1)
        if preload_model:
            threading.Thread(target=state.coder.load, name="facta-model", daemon=True).start()
        yield
        database.close()

    app = FastAPI(
        title="facta", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        summary="Political event data from news: who did what to whom, when and where (CAMEO/PLOVER).",
        description=(
            "Reads are open. Writes (`POST /api/code` with `store: true`) need `Authorization: Bearer <token>` "
            f"when the server has a token (FACTA_TOKEN). Request bodies over {max_body:,} bytes get 413."
        ),
    )
    app.state.facta = state
    app.state.templates = Jinja2Templates(env=setup_environment(_HERE / "templates"))
    app.add_middleware(BodyLimit, max_body=max_body)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_api_route("/vendor/plotly.min.js", _plotly_js, include_in_schema=False)
    app.add_api_route("/docs", _docs, include_in_schema=False)
    app.mount("/vendor/swagger", StaticFiles(directory=str(swagger_ui_path)), name="swagger")
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _server_error)
    return app


def _plotly_js() -> Response:
    """Plotly's JavaScript from the installed plotly package: the charts work offline, without a CDN."""
    path = Path(str(resources.files("plotly").joinpath("package_data", "plotly.min.js")))
    return FileResponse(path, media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})


def _docs() -> Response:
    """The API's interactive documentation, with Swagger UI from the installed swagger-ui-bundle: offline too."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json", title="facta API",
        swagger_js_url="/vendor/swagger/swagger-ui-bundle.js", swagger_css_url="/vendor/swagger/swagger-ui.css",
        swagger_favicon_url="/vendor/swagger/favicon-32x32.png",
    )


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _problem(request: Request, status: int, detail: str, headers: dict[str, str] | None = None,
             **extra: Any) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail, **extra}, status_code=status, headers=headers)
    return pages.render(request, "error.html", {"status": status, "detail": detail}, status_code=status,
                        headers=headers)


async def _invalid(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    errors = [{k: v for k, v in e.items() if k not in ("input", "url")} for e in error.errors()]
    return _problem(request, 422, describe(errors), errors=jsonable_encoder(errors))


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    return _problem(request, error.status_code, str(error.detail), headers=getattr(error, "headers", None))


async def _server_error(request: Request, error: Exception) -> Response:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=error)
    return _problem(request, 500, f"internal error ({error.__class__.__name__}); the server log has the details")


def describe(errors: list[dict[str, Any]]) -> str:
    """pydantic's validation errors as one line: "start: Input should be a valid date; limit: ..."."""
    parts = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if error.get("type") == "json_invalid":
            reason = (error.get("ctx") or {}).get("error", "")
            parts.append(f"malformed JSON body ({reason} at character {loc[-1]})")
            continue
        where = ".".join(loc[1:]) if len(loc) > 1 else (loc[0] if loc else "request")
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"
