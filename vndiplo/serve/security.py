"""What makes every answer safe to open and cheap to send, in one place.

- Content-Security-Policy: scripts only from this server's files (no inline script, no handler
  attributes, no other origin), no plugins, no framing, forms only to this server;
  `X-Content-Type-Options: nosniff` and a `Referrer-Policy` that sends no path to other sites.
- `/docs` (Swagger UI) from files installed with the package (swagger-ui-bundle), so the API
  documentation works on a machine with no internet.
- gzip for answers over a few hundred bytes (JSON above all), for clients that accept it.
"""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["install", "CSP", "DOCS_CSP", "GZIP_MIN_BYTES", "SecurityHeaders"]

_BASE = ("default-src 'self'; script-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
         "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
CSP = _BASE + "; style-src 'self'"
# Swagger UI sets style attributes from its script: allowed there, scripts stay as strict.
DOCS_CSP = _BASE + "; style-src 'self' 'unsafe-inline'"
GZIP_MIN_BYTES = 500

_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
}

_DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vndiplo API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/swagger-ui/swagger-ui.css">
</head><body><div id="swagger-ui"></div>
<script src="/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>
"""


class SecurityHeaders:
    """Adds the policy headers to every HTTP answer (a plain ASGI middleware: no task per request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path") == "/docs" else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["content-security-policy"] = csp
                for k, v in _HEADERS.items():
                    headers[k] = v
            await send(message)

        await self.app(scope, receive, with_headers)


def _swagger_dir() -> str:
    from swagger_ui_bundle import swagger_ui_path

    return str(swagger_ui_path)


def install(app: FastAPI) -> None:
    """Offline `/docs`, gzip and the policy headers on `app` (created with docs_url=None, redoc_url=None)."""
    app.mount("/swagger-ui", StaticFiles(directory=_swagger_dir()), name="swagger-ui")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        return HTMLResponse(_DOCS_PAGE)

    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES)
    app.add_middleware(SecurityHeaders)
