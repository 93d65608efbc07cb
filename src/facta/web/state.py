"""What the web app holds for its lifetime: the store, the coder, the token and the limits."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import anyio.to_thread
from fastapi import HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials

from facta.web.coding import Coder
from facta.web.db import Database

T = TypeVar("T")


@dataclass(slots=True)
class WebState:
    db: Database
    coder: Coder
    token: str | None
    max_body: int
    coding: anyio.CapacityLimiter | None = None  # set at start-up, in the server's event loop

    async def code(self, work: Callable[[], T]) -> T:
        """Run a coding job in a worker thread, one at a time; requests queue in the event loop, holding no
        thread of the pool the reads share (without a running server's limiter, the coder's own lock queues)."""
        return await anyio.to_thread.run_sync(work, limiter=self.coding)

    def authorize(self, credentials: HTTPAuthorizationCredentials | None) -> None:
        """Allow a write: no token configured, or the request's bearer token is the configured one (401 if not)."""
        if not self.token:
            return
        given = credentials.credentials if credentials is not None else ""
        if not given or not hmac.compare_digest(given.encode(), self.token.encode()):
            reason = "missing" if not given else "wrong"
            raise HTTPException(
                401, f"{reason} token: writes need 'Authorization: Bearer <token>' (FACTA_TOKEN)",
                headers={"WWW-Authenticate": "Bearer"},
            )

    def require_writable(self) -> None:
        """503 when this server cannot write to the store."""
        if not self.db.writable:
            raise HTTPException(503, f"writes are off: {self.db.read_only_reason}")


def web_state(request: Request) -> WebState:
    """The app's state (a FastAPI dependency)."""
    state: WebState = request.app.state.facta
    return state
