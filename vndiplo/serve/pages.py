"""The web UI: server-rendered Jinja2 pages over the same query functions as the API."""
from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Optional
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from markupsafe import Markup, escape

from vndiplo.read.loader import web_url
from vndiplo.serve import charts, queries
from vndiplo.data.gazetteer import table
from vndiplo.resolve.facets import LEVELS, VENUES, role_english
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


@pass_context
def _money(ctx, v, unit: str = "USD") -> str:
    return charts.money(v, unit, ctx.get("lang") or "vi")


templates.env.filters["money"] = _money
templates.env.filters["q"] = lambda s: quote(str(s or ""), safe="")
templates.env.filters["web_url"] = web_url  # only an http(s) address becomes a link
templates.env.globals.update(country_name=country_name, label=label)


# -- English / Vietnamese ------------------------------------------------------------------------
# The language is a cookie set by /lang/en or /lang/vi (a plain link, no script); the answer cache and
# ETags key on it (vndiplo.serve.api), so one URL serves both languages.

def page_lang(request: Request) -> str:
    return "en" if request.cookies.get("lang") == "en" else "vi"


@pass_context
def _t(ctx, vi: str, en: str) -> str:
    """The Vietnamese or the English text, by the page's language."""
    return en if ctx.get("lang") == "en" else vi


@pass_context
def _cn(ctx, code: str | None) -> str:
    return country_name(code, ctx.get("lang") or "vi")


@pass_context
def _lb(ctx, group: str, code: str | None) -> str:
    return label(group, code, ctx.get("lang") or "vi")


@pass_context
def _role(ctx, role: str | None) -> str:
    if ctx.get("lang") != "en" or not role:
        return role or ""
    return ", ".join(role_english(r) for r in role.split(", ") if r)


templates.env.globals.update(T=_t, cn=_cn, lb=_lb, role=_role, LEVELS=LEVELS, VENUES=VENUES,
                             KINDS=[r["code"] for r in table("labels") if r["group"] == "kind"],
                             METRICS=[r["code"] for r in table("labels") if r["group"] == "metric"])


def _render(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    lang = page_lang(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return templates.TemplateResponse(request, name, {"lang": lang, "here": here, **ctx}, status_code=status)


def _qs(params: dict) -> str:
    """A query string of the given parameters that have a value."""
    return urlencode({k: v for k, v in params.items() if v not in (None, "", False)})


def _day(value: Optional[str]) -> Optional[str]:
    """A YYYY-MM-DD date from a form field, or None (a malformed date is ignored, not an error page)."""
    try:
        return date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def _pager(f: dict, page: dict, limit: int, offset: int) -> dict:
    """Links to the previous and next pages with the same filters."""
    prev = "?" + _qs({**f, "limit": limit, "offset": max(0, offset - limit)}) if offset > 0 else None
    nxt = "?" + _qs({**f, "limit": limit, "offset": offset + limit}) if offset + limit < page["total"] else None
    return {"prev": prev, "next": nxt, "first": offset + 1 if page["items"] else 0,
            "last": offset + len(page["items"]), "total": page["total"]}


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

    @app.get("/lang/{code}", include_in_schema=False)
    def set_lang(code: str, next: str = "/"):
        """Switch the pages' language (a cookie) and go back to the page the switch was clicked on."""
        if not next.startswith("/") or next.startswith("//") or "\\" in next:
            next = "/"
        r = RedirectResponse(next, status_code=303)
        r.set_cookie("lang", "en" if code == "en" else "vi", max_age=365 * 86400, samesite="lax")
        return r

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, country: Optional[str] = None, person: Optional[str] = None,
                    kind: Optional[str] = None, level: Optional[str] = None, venue: Optional[str] = None,
                    since: Optional[str] = None, until: Optional[str] = None, sort: str = "newest",
                    limit: int = 50, offset: int = 0):
        f = {"country": country or None, "person": person or None, "kind": kind or None,
             "level": level if level in LEVELS else None, "venue": venue if venue in VENUES else None,
             "since": _day(since), "until": _day(until), "sort": sort if sort in queries.SORTS else "newest"}
        limit, offset = min(max(limit, 1), 200), max(offset, 0)
        with sess(request) as s:
            countries = queries.list_countries(s)
            page = queries.list_events(s, f["country"], f["person"], f["kind"], f["since"], f["until"], limit,
                                       offset, level=f["level"], venue=f["venue"], sort=f["sort"])
        qs = _qs({**f, "limit": limit, "offset": offset})
        return _render(request, "events.html", title="Sự kiện", page=page, f=f, countries=countries,
                       limit=limit, offset=offset, qs=qs, pg=_pager(f, page, limit, offset),
                       sort_link=lambda key: "?" + _qs({**f, "sort": key, "limit": limit}))

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request, limit: int = 50, offset: int = 0):
        limit, offset = min(max(limit, 1), 200), max(offset, 0)
        with sess(request) as s:
            page = queries.list_documents(s, limit, offset)
        return _render(request, "documents.html", title="Văn bản", page=page, qs=_qs({"limit": limit, "offset": offset}),
                       pg=_pager({}, page, limit, offset))

    @app.get("/figures", response_class=HTMLResponse, include_in_schema=False)
    def figures_page(request: Request, country: Optional[str] = None, metric: Optional[str] = None,
                     target: Optional[str] = None, limit: int = 100, offset: int = 0):
        tgt = {"true": True, "false": False}.get(target or "")
        f = {"country": country or None, "metric": metric or None, "target": target if tgt is not None else None}
        limit, offset = min(max(limit, 1), 200), max(offset, 0)
        with sess(request) as s:
            countries = queries.list_countries(s)
            page = queries.list_figures(s, f["country"], f["metric"], tgt, limit, offset)
        return _render(request, "figures.html", title="Số liệu", page=page, f=f, countries=countries,
                       qs=_qs({**f, "limit": limit, "offset": offset}), pg=_pager(f, page, limit, offset),
                       chart=Markup(charts.trade_chart([x for x in page["items"] if not x["is_target"]],
                                                       [x for x in page["items"] if x["is_target"]],
                                                       lang=page_lang(request))) if f["country"] else "")

    @app.get("/anniversaries", response_class=HTMLResponse, include_in_schema=False)
    def anniversaries_page(request: Request, past: bool = False, country: Optional[str] = None):
        with sess(request) as s:
            items = queries.list_anniversaries(s, country or None, days=366, past=past)
        return _render(request, "anniversaries.html", title="Kỷ niệm", items=items, past=past, country=country,
                       qs=_qs({"past": "true" if past else None, "country": country or None, "days": 366}))

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
                       chart=Markup(charts.trade_chart(d["trade"]["actuals"], d["trade"]["targets"],
                                                       lang=page_lang(request))),
                       timeline=Markup(charts.timeline(d["events"])))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, country: Optional[str] = None):
        with sess(request) as s:
            net = queries.network(s, country or None)
        return _render(request, "network.html", title="Ai gặp ai", net=net, country=country,
                       svg=Markup(charts.network_svg(net, lang=page_lang(request))))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str):
        with sess(request) as s:
            d = queries.get_document(s, doc_id)
        return _render(request, "document.html", title=d["title"] or d["doc"], d=d)
