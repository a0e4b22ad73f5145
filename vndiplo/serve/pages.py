"""The web UI: server-rendered Jinja2 pages over the same query functions as the API."""
from __future__ import annotations

from importlib import resources
from typing import Optional
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from vndiplo.read.loader import web_url
from vndiplo.serve import charts, queries
from vndiplo.serve.facts import country_name, label
from vndiplo.serve.search import search as run_search

__all__ = ["mount", "not_found_page"]

_WEB = resources.files("vndiplo.serve") / "web"
templates = Jinja2Templates(directory=str(_WEB / "templates"))


def _highlight(text: str, span: list[int] | None, evidence: str = "") -> Markup:
    """The document text around a fact's span, with the span marked."""
    if not span or span[1] <= span[0]:
        return Markup(escape(evidence))
    a, b = span
    # Widen to the surrounding sentence (to the nearest full stop or line break).
    lo = max(text.rfind(". ", 0, a) + 2 if text.rfind(". ", 0, a) >= 0 else 0, text.rfind("\n", 0, a) + 1)
    ends = [i for i in (text.find(". ", b), text.find("\n", b)) if i >= 0]
    hi = min(ends) + 1 if ends else len(text)
    return Markup(f"{escape(text[lo:a])}<mark>{escape(text[a:b])}</mark>{escape(text[b:hi])}")


templates.env.filters["money"] = charts.money
templates.env.filters["q"] = lambda s: quote(str(s or ""), safe="")
templates.env.filters["web_url"] = web_url  # only an http(s) address becomes a link
templates.env.globals.update(country_name=country_name, label=label)


def _render(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def not_found_page(request: Request, detail: str) -> HTMLResponse:
    return _render(request, "not_found.html", 404, detail=detail, title="Không tìm thấy")


def mount(app: FastAPI) -> None:
    """Add the static files and the HTML pages to `app`."""
    app.mount("/static", StaticFiles(directory=str(_WEB / "static")), name="static")

    def sess(request: Request):
        return request.app.state.store.session()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        with sess(request) as s:
            return _render(request, "home.html", title="vndiplo", countries=queries.list_countries(s)[:24],
                           events=queries.list_events(s, limit=10)["items"],
                           anniversaries=queries.list_anniversaries(s, days=120))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", country: Optional[str] = None, kind: Optional[str] = None,
                    year: Optional[str] = None, offset: int = 0):
        q = q[:500]
        with sess(request) as s:
            res = run_search(s, q, country or None, kind or None, year or None, 20, max(offset, 0)) if q.strip() else None
            people = queries.list_persons(s, q=q, limit=8)["items"] if q.strip() else []
        return _render(request, "search.html", title=f"Tìm: {q}" if q else "Tìm kiếm", q=q, res=res,
                       people=people, sel={"country": country, "kind": kind, "year": year})

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: int):
        if not 0 < event_id < 2**31:
            raise HTTPException(404, f"no event {event_id}")
        with sess(request) as s:
            e = queries.get_event(s, event_id)
            texts = queries.document_texts(s, [src["doc"] for src in e["sources"]])
        sources = [{**src, "html": _highlight(texts[src["doc"]], src["span"], src["evidence"])} for src in e["sources"]]
        names = " – ".join(p["name"] for p in e["participants"] if p["name"])
        return _render(request, "event.html", title=names or "Sự kiện", e=e, sources=sources)

    @app.get("/persons/{name}", response_class=HTMLResponse, include_in_schema=False)
    def person_page(request: Request, name: str):
        with sess(request) as s:
            p = queries.get_person(s, name)
        return _render(request, "person.html", title=p["name"], p=p, timeline=Markup(charts.timeline(p["meetings"])))

    @app.get("/countries", response_class=HTMLResponse, include_in_schema=False)
    def countries_page(request: Request):
        with sess(request) as s:
            return _render(request, "countries.html", title="Quốc gia", countries=queries.list_countries(s))

    @app.get("/countries/{country}", response_class=HTMLResponse, include_in_schema=False)
    def country_page(request: Request, country: str):
        with sess(request) as s:
            d = queries.country_dossier(s, country)
        return _render(request, "country.html", title=d["name"], d=d,
                       chart=Markup(charts.trade_chart(d["trade"]["actuals"], d["trade"]["targets"])),
                       timeline=Markup(charts.timeline(d["events"])))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, country: Optional[str] = None):
        with sess(request) as s:
            net = queries.network(s, country or None)
        return _render(request, "network.html", title="Ai gặp ai", net=net, country=country,
                       svg=Markup(charts.network_svg(net)))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str):
        with sess(request) as s:
            d = queries.get_document(s, doc_id)
        return _render(request, "document.html", title=d["title"] or d["doc"], d=d)
