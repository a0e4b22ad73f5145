"""The HTTP API and web UI: one FastAPI app over one store.

Read-only unless started with a token; then `POST /api/documents` ingests a
page, and only with `Authorization: Bearer <token>`. GET answers carry an ETag
built from the store's version and the URL, and `If-None-Match` gets a 304.
CORS is closed unless origins are given; errors never carry stack traces;
request bodies are capped.
"""
from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from vndiplo.resolve.facets import LEVELS, VENUES
from vndiplo.serve import queries, schemas, tables
from vndiplo.serve.environment import ENV, serve_environment
from vndiplo.serve.guard import HeadAsGet
from vndiplo.serve.writer import Writer, check_token
from vndiplo.store.version import current_version
from vndiplo.serve.search import search as run_search
from vndiplo.store import Store, open_store

__all__ = ["create_app", "app_from_environment", "serve_environment", "MAX_LIMIT", "MAX_BODY"]

log = logging.getLogger(__name__)

MAX_LIMIT = 200  # the most items one page of a list may hold
MAX_BODY = 2 * 1024 * 1024  # bytes a request body may have (an ingested page)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=2**31 - 1, description="Items to skip")]
# The events list's filters: the schema names their values, so clients (and fuzzers) know them.
LevelQ = Optional[Literal[LEVELS]]
VenueQ = Optional[Literal[VENUES]]
SortQ = Literal[queries.SORTS]


def _store(request: Request) -> Store:
    return request.app.state.store


def session(request: Request):
    """A read session for one request."""
    with _store(request).session() as s:
        yield s


def api_router() -> APIRouter:
    r = APIRouter(prefix="/api", responses={404: {"model": schemas.ErrorOut}, 422: {"model": schemas.ErrorOut}})

    @r.get("/documents", response_model=schemas.DocumentPage, tags=["documents"])
    def documents(limit: Limit = 50, offset: Offset = 0, s=Depends(session)):
        """Stored documents, newest first: outlet, date, facts extracted, the document it nearly duplicates."""
        return queries.list_documents(s, limit, offset)

    @r.get("/documents.csv", tags=["documents"], response_class=Response,
           responses={200: {"content": {"text/csv": {}}, "description": "The page of documents as CSV"}})
    def documents_csv(limit: Limit = 50, offset: Offset = 0, s=Depends(session)):
        """The same page as `/api/documents`, one CSV line per document."""
        return _csv(tables.to_csv(queries.list_documents(s, limit, offset)["items"], tables.document_row),
                    "documents.csv")

    @r.get("/documents/{doc_id}", response_model=schemas.DocumentOut, tags=["documents"])
    def document(doc_id: str, s=Depends(session)):
        """One document: text, sentence offsets and its facts as records."""
        return queries.get_document(s, doc_id)

    @r.post("/documents", response_model=schemas.IngestOut, status_code=201, tags=["documents"],
            responses={200: {"model": schemas.IngestOut, "description": "Updated, or content stored already"},
                       401: {"model": schemas.ErrorOut}, 403: {"model": schemas.ErrorOut},
                       409: {"model": schemas.ErrorOut}, 413: {"model": schemas.ErrorOut},
                       503: {"model": schemas.ErrorOut}})
    async def ingest(request: Request, response: Response,
                     doc_id: Annotated[str, Query(pattern=r"^[\w.-]{1,200}$")],
                     authorization: Annotated[Optional[str], Header()] = None):
        """Ingest one page (the request body, UTF-8 text) and extract its facts: 201 when new; 200 when
        the same id is posted with new content (updated) or the content is stored already (unchanged).

        Only when the server was started with a token, and only with
        `Authorization: Bearer <token>`. The work runs off the event loop (vndiplo.serve.writer).
        """
        token = request.app.state.token
        if not token:
            raise HTTPException(403, "read-only server: start it with --token to allow ingest")
        check_token(authorization, token)
        body = await _read_capped(request)
        response.status_code, answer = await request.app.state.writer.ingest(doc_id, body)
        return answer

    def _events(s, country, person, kind, since, until, level, venue, sort, limit, offset) -> dict:
        try:
            return queries.list_events(s, country, person, kind, since and since.isoformat(),
                                       until and until.isoformat(), limit, offset, level=level, venue=venue, sort=sort)
        except ValueError as e:
            raise HTTPException(422, str(e))

    EventFilters = dict(
        country=Query(None, description="Country code or name (KH, Campuchia, Cambodia)"),
        person=Query(None, description="A participant's name, marks and case ignored"),
        kind=Query(None, description="Event kind (SCHEMA.md): talks, meeting, visit…"),
        level=Query(None, description="Level of a participant: head (of state or government), minister, deputy, "
                                      "party, assembly, province (titles.tsv `level`)"),
        venue=Query(None, description="bilateral, or multilateral (an organisation, more than two countries, "
                                      "or the sidelines of a summit)"),
        sort=Query("newest", description="newest (default), oldest, or sources (the most reported first)"),
    )

    @r.get("/events", response_model=schemas.EventPage, tags=["events"])
    def events(country: Optional[str] = EventFilters["country"], person: Optional[str] = EventFilters["person"],
               kind: Optional[str] = EventFilters["kind"], since: Optional[date] = None,
               until: Optional[date] = None, level: LevelQ = EventFilters["level"],
               venue: VenueQ = EventFilters["venue"], sort: SortQ = EventFilters["sort"],
               limit: Limit = 50, offset: Offset = 0, s=Depends(session)):
        """Events (merged across articles), newest first, with filters."""
        return _events(s, country, person, kind, since, until, level, venue, sort, limit, offset)

    @r.get("/events.csv", tags=["events"], response_class=Response,
           responses={200: {"content": {"text/csv": {}}, "description": "The page of events as CSV"}})
    def events_csv(country: Optional[str] = EventFilters["country"], person: Optional[str] = EventFilters["person"],
                   kind: Optional[str] = EventFilters["kind"], since: Optional[date] = None,
                   until: Optional[date] = None, level: LevelQ = EventFilters["level"],
                   venue: VenueQ = EventFilters["venue"], sort: SortQ = EventFilters["sort"],
                   limit: Limit = 50, offset: Offset = 0, s=Depends(session)):
        """The same page as `/api/events` with the same parameters, one CSV line per event."""
        page = _events(s, country, person, kind, since, until, level, venue, sort, limit, offset)
        return _csv(tables.to_csv(page["items"], tables.event_row), "events.csv")

    @r.get("/events/{event_id}", response_model=schemas.EventOut, tags=["events"])
    def event(event_id: Annotated[int, PathParam(ge=1, le=2**31 - 1)], s=Depends(session)):
        """One event: participants, date, place, occasion and every source."""
        return queries.get_event(s, event_id)

    @r.get("/persons", response_model=schemas.PersonPage, tags=["persons"])
    def persons(q: Optional[str] = Query(None, description="Part of a name"), country: Optional[str] = None,
                limit: Limit = 50, offset: Offset = 0, s=Depends(session)):
        """Persons, the most active first."""
        return queries.list_persons(s, q, country, limit, offset)

    @r.get("/persons/{name}", response_model=schemas.PersonOut, response_model_by_alias=True, tags=["persons"])
    def person(name: str, s=Depends(session)):
        """One person: roles over time and meetings."""
        return queries.get_person(s, name)

    @r.get("/countries", response_model=list[schemas.CountrySummary], tags=["countries"])
    def countries(s=Depends(session)):
        """Every country (or organisation, or province) the facts name, busiest first."""
        return queries.list_countries(s)

    @r.get("/countries/{country}", response_model=schemas.DossierOut, tags=["countries"])
    def country(country: str, s=Depends(session)):
        """A country's dossier: framework, latest meeting and its targets, events, trade, mechanisms,
        commitments and upcoming anniversaries. `country` is a code (KH) or a name (Campuchia, Cambodia)."""
        return queries.country_dossier(s, country)

    @r.get("/figures", response_model=schemas.FigurePage, tags=["figures"])
    def figures(country: Optional[str] = None, metric: Optional[str] = None,
                target: Optional[bool] = Query(None, description="true: targets only; false: actuals only"),
                limit: Limit = 100, offset: Offset = 0, s=Depends(session)):
        """Trade and other figures, by the period they cover."""
        return queries.list_figures(s, country, metric, target, limit, offset)

    @r.get("/figures.csv", tags=["figures"], response_class=Response,
           responses={200: {"content": {"text/csv": {}}, "description": "The page of figures as CSV"}})
    def figures_csv(country: Optional[str] = None, metric: Optional[str] = None,
                    target: Optional[bool] = Query(None, description="true: targets only; false: actuals only"),
                    limit: Limit = 100, offset: Offset = 0, s=Depends(session)):
        """The same page as `/api/figures` with the same parameters, one CSV line per figure."""
        page = queries.list_figures(s, country, metric, target, limit, offset)
        return _csv(tables.to_csv(page["items"], tables.figure_row), "figures.csv")

    @r.get("/anniversaries", response_model=list[schemas.AnniversaryOut], tags=["anniversaries"])
    def anniversaries(country: Optional[str] = None, days: int = Query(366, ge=1, le=3660),
                      past: bool = Query(False, description="true: those of the last `days` days, latest first"),
                      s=Depends(session)):
        """Anniversaries in the coming `days` days, soonest first (or the past ones)."""
        return queries.list_anniversaries(s, country, None, days, past=past)

    @r.get("/search", response_model=schemas.SearchOut, tags=["search"])
    def search(request: Request, q: str = Query(..., min_length=1, max_length=500, pattern=r"[^\x00]"),
               country: Optional[str] = None, kind: Optional[str] = None,
               year: Optional[str] = Query(None, pattern=r"^\d{4}$"),
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20, offset: Offset = 0, s=Depends(session)):
        """Documents matching every word of `q` (marks and case ignored), ranked, with highlighted snippets
        and facets by country, kind and year."""
        return run_search(s, q, country, kind, year, limit, offset)

    @r.get("/network", response_model=schemas.NetworkOut, tags=["network"])
    def network(country: Optional[str] = None, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 60,
                s=Depends(session)):
        """Who met whom: persons and the pairs that took part in the same events."""
        return queries.network(s, country, limit)

    return r


def _csv(text: str, filename: str) -> Response:
    return Response(content=text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


async def _read_capped(request: Request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise HTTPException(413, f"request body over {MAX_BODY} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


@dataclass
class _Held:
    body: bytes
    headers: list[tuple[str, str]]

    def response(self, how: str) -> Response:
        r = Response(content=self.body, status_code=200)
        for k, v in self.headers:
            r.headers[k] = v
        r.headers["X-Cache"] = how
        return r


class ResponseCache:
    """Answers by ETag (store version + URL), least recently used out first, within `max_bytes`.

    A store change moves its version, so no answer kept here is ever served for a newer store:
    entries of older versions are simply never asked for again and age out. Used only from the
    event loop (one thread), so it needs no lock.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[str, _Held] = OrderedDict()

    def get(self, tag: str) -> _Held | None:
        held = self._items.get(tag)
        if held is not None:
            self._items.move_to_end(tag)
        return held

    def put(self, tag: str, held: _Held) -> None:
        if len(held.body) > self.max_bytes // 8:  # one huge answer must not empty the cache
            return
        old = self._items.pop(tag, None)
        if old is not None:
            self.size -= len(old.body)
        self._items[tag] = held
        self.size += len(held.body)
        while self.size > self.max_bytes:
            _, gone = self._items.popitem(last=False)
            self.size -= len(gone.body)


def _middleware(app: FastAPI) -> None:
    # One middleware, not three: each "http" middleware layer costs a task and a stream per request.
    @app.middleware("http")
    async def guard_and_cache(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY:
            return JSONResponse({"detail": f"request body over {MAX_BODY} bytes"}, status_code=413)
        path = request.url.path
        # No stored name or id holds a NUL (PostgreSQL text cannot carry one: looking it up would fail
        # as a 500), so a path with one names nothing, and NULs are dropped from parameters.
        if "\x00" in path:
            return JSONResponse({"detail": "not found: NUL character in the path"}, status_code=404)
        query = request.scope.get("query_string", b"").decode("latin-1")
        if "%00" in query:  # a NUL means nothing in a name or a word: dropped, as from every stored text
            query = urlencode([(k.replace("\x00", ""), v.replace("\x00", ""))
                               for k, v in request.query_params.multi_items()])
            request.scope["query_string"] = query.encode("latin-1")
        if request.method not in ("GET", "HEAD") or path.startswith("/static") or path in ("/docs", "/redoc"):
            return await call_next(request)
        # In a worker thread: waiting for a pooled connection here, on the event loop, would stop the
        # loop from finishing the requests that hold the connections (a stall until the pool times out).
        version = await run_in_threadpool(current_version, request.app.state.store)
        # Pages are in the language of the `lang` cookie (vndiplo.serve.pages): one URL, two answers.
        lang = "en" if request.cookies.get("lang") == "en" and not path.startswith("/api") else "vi"
        tag = '"' + hashlib.sha256(f"{version}|{lang}|{path}?{query}".encode()).hexdigest()[:32] + '"'
        inm = request.headers.get("if-none-match", "")
        if inm and tag in [t.strip().removeprefix("W/") for t in inm.split(",")]:
            return Response(status_code=304, headers={"ETag": tag, "Cache-Control": "no-cache"})
        cache: ResponseCache = request.app.state.cache
        held = cache.get(tag) if request.method == "GET" else None
        if held is not None:
            return held.response("hit")
        response = await call_next(request)
        if response.status_code != 200:
            return response
        response.headers["ETag"] = tag
        response.headers["Cache-Control"] = "no-cache"
        if not path.startswith("/api"):
            response.headers["Vary"] = "Cookie"
        if not cache.max_bytes or request.method != "GET":
            return response
        # The same version and URL give the same answer until the store changes: keep the bytes.
        body = b"".join([chunk async for chunk in response.body_iterator])
        held = _Held(body, [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"])
        cache.put(tag, held)
        return held.response("miss")


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if not request.url.path.startswith("/api") and exc.status_code == 404:
            from vndiplo.serve.pages import not_found_page

            return not_found_page(request, str(exc.detail))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(queries.NotFound)
    async def not_found(request: Request, exc: queries.NotFound):
        # Every page and API route that looks something up ends here: one 404, JSON or HTML by path.
        return await http_error(request, StarletteHTTPException(404, str(exc)))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        msgs = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"detail": msgs or "invalid request"}, status_code=422)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):
        log.exception("error answering %s", request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)


def _warm(app: FastAPI) -> None:
    """What the first pages of a fresh process read, computed once the socket listens (in a thread of
    its own, so the server answers meanwhile): the home page's per-version values (the country list
    with its counts, anniversaries, the events count) and the compiled page templates. A request that
    needs a value being built waits for that build (vndiplo.serve.memo) instead of repeating it.
    Then every object the process holds so far (modules, routes, schemas, templates) is moved out of
    the cyclic garbage collector's sight (`gc.freeze`): a request that allocates much (a search with
    20,000 matches) no longer makes the collector walk them all (its p95 dropped ~10 %)."""
    import gc

    from vndiplo.serve import pages

    try:
        with app.state.store.session() as s:
            queries.list_countries(s)
            queries.list_anniversaries(s, days=120)
            queries.list_events(s, limit=10)
        for name in pages.templates.env.list_templates(extensions=["html"]):
            pages.templates.env.get_template(name)
    except Exception as e:  # noqa: BLE001 - a warm-up that fails costs only speed: the requests build it all
        log.warning("warming the first pages failed: %s", e)
    finally:
        gc.freeze()
        app.state.warmed.set()


def create_app(db: str | None = None, token: str | None = None, cors_origins: list[str] | None = None,
               store: Store | None = None, cache_mb: float = 64, migrate: bool = True,
               warm: bool = False) -> FastAPI:
    """The app over the store at `db` (or an open `store`); `token` enables ingest over HTTP;
    `cache_mb` megabytes of answers are kept per process until the store changes (0: none);
    `migrate=False` when the store is known to be migrated (worker processes of `serve --workers`);
    `warm`: on start-up, compute the first pages' values in the background (`_warm`; `vndiplo serve`
    does; `app.state.warmed` is set when done)."""
    import threading

    from vndiplo.serve import pages

    app = FastAPI(title="vndiplo", version="0.1.0", docs_url=None, redoc_url=None,
                  description="A sourced, searchable knowledge base of Vietnam's diplomacy. "
                              "Every fact points back to the sentence it was read from.")
    app.state.store = store or open_store(db, migrate=migrate)
    from vndiplo.data.gazetteer import gazetteer

    gazetteer()  # country names and codes: loaded now, not by the first request of each process
    app.state.token = token or None
    app.state.writer = Writer(app.state.store.url) if token else None
    if app.state.writer is not None:
        app.router.on_shutdown.append(app.state.writer.close)
    app.state.cache = ResponseCache(int(cache_mb * 1024 * 1024))
    app.include_router(api_router())
    pages.mount(app)
    _middleware(app)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET"])
    _error_handlers(app)
    from vndiplo.serve import security

    security.install(app)  # offline /docs, gzip, CSP and the other policy headers
    app.add_middleware(HeadAsGet)  # outermost: HEAD is answered as GET without a body, on every route
    app.state.warmed = threading.Event()
    if warm:
        app.router.on_startup.append(
            lambda: threading.Thread(target=_warm, args=(app,), name="vndiplo-warm", daemon=True).start())
    else:
        app.state.warmed.set()
    return app


def app_from_environment() -> FastAPI:
    """The app configured by `serve_environment` (an app factory for uvicorn's worker processes)."""
    import os

    db, token, cors, cache_mb, migrated = (os.environ.get(k, "") for k in ENV)
    return create_app(db or None, token=token or None, cors_origins=[c for c in cors.split("\n") if c] or None,
                      cache_mb=float(cache_mb or 64), migrate=not migrated, warm=True)
