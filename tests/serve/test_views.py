"""The analyst's views (issue 14, part B): the events list's filters, sorting and downloads, the documents,
figures and anniversaries lists, the target history, English names and English search, on SQLite and
PostgreSQL, through the API, the CLI and the pages."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.serve.test_cli import run
from vndiplo.resolve.facets import event_facets, event_levels, event_venue, role_english, role_level
from vndiplo.serve import charts, queries
from vndiplo.serve.api import create_app
from vndiplo.store.entities import EntityRow
from vndiplo.store.event_facets import EventFacetRow

from sqlalchemy import select


@pytest.fixture(scope="module")
def client(seeded_ro):
    with TestClient(create_app(store=seeded_ro), raise_server_exceptions=False) as c:
        yield c


def _events(client, **params) -> dict:
    r = client.get("/api/events", params={"limit": 200, **params})
    assert r.status_code == 200, r.text
    return r.json()


# -- levels and venues: data, then the filters ------------------------------------------------

def test_levels_come_from_the_titles_table():
    assert role_level("Bộ trưởng Ngoại giao") == "minister"
    assert role_level("Bộ trưởng Bộ Ngoại giao và Hợp tác quốc tế") == "minister"
    assert role_level("Phó Thủ tướng") == "deputy" and role_level("Thứ trưởng Ngoại giao") == "deputy"
    assert role_level("Thủ tướng Chính phủ") == "head" and role_level("Quốc vương") == "head"
    assert role_level("Tổng Bí thư") == "party" and role_level("Chủ tịch Quốc hội") == "assembly"
    assert role_level("nguyên Thủ tướng") is None and role_level("Đại sứ") is None
    # A deputy prime minister who is also foreign minister holds two levels, the highest first.
    assert event_levels([{"role": "Phó Thủ tướng, Bộ trưởng Ngoại giao"}]) == ["minister", "deputy"]


def test_a_venue_is_multilateral_by_its_occasion_its_organisations_or_its_countries():
    two = [{"country": "VN"}, {"country": "US"}]
    assert event_venue(two, None) == "bilateral"
    assert event_venue(two, "Hội nghị Bộ trưởng Ngoại giao ASEAN lần thứ 58") == "multilateral"
    assert event_venue(two, "Kỳ họp lần thứ 42 Ủy ban liên Chính phủ Việt Nam - Lào") == "bilateral"
    assert event_venue(two + [{"country": "JP"}], None) == "multilateral"
    assert event_venue([{"country": "VN"}, {"country": "ORG:UN"}], None) == "multilateral"


def test_stored_facets_are_those_of_each_events_data(seeded):
    with seeded.session() as s:
        stored: dict[int, set] = {}
        for eid, facet, value in s.execute(select(EventFacetRow.entity_id, EventFacetRow.facet, EventFacetRow.value)):
            stored.setdefault(eid, set()).add((facet, value))
        events = s.execute(select(EntityRow.id, EntityRow.data).where(EntityRow.type == "event")).all()
    assert len(events) == 16
    assert {eid: set(event_facets(data)) for eid, data in events} == stored


def test_events_filter_by_level_and_venue(client):
    every = _events(client)
    assert every["total"] == 16
    heads = _events(client, level="head")
    assert heads["total"] == 2
    assert {p["name"] for e in heads["items"] for p in e["participants"]} >= {"Tô Lâm", "Norodom Sihamoni"}
    party = _events(client, level="party")
    assert party["total"] == 4 and all("party" in e["levels"] for e in party["items"])
    multi, bi = _events(client, venue="multilateral"), _events(client, venue="bilateral")
    assert (multi["total"], bi["total"]) == (7, 9)
    assert all(e["venue"] == "multilateral" and (e["occasion"] or len(e["countries"]) > 2) for e in multi["items"])
    # Filters combine with the others (country, date range) and with each other.
    kh = _events(client, country="Cambodia", level="minister", venue="bilateral", since="2025-01-01")
    assert [e["date"] for e in kh["items"]] == ["2025-10-27"]
    assert {p["name"] for p in kh["items"][0]["participants"]} == {"Lê Hoài Trung", "Prak Sokhonn"}
    assert client.get("/api/events", params={"level": "emperor"}).status_code == 422


def test_events_sort_and_page(client):
    newest = [e["sort_date"] for e in _events(client)["items"]]
    oldest = _events(client, sort="oldest")["items"]
    assert [e["sort_date"] for e in oldest] == sorted(newest)
    by_sources = _events(client, sort="sources")["items"]
    counts = [len(e["sources"]) for e in by_sources]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2
    # Pages of the sorted list tile it.
    pages = [e["id"] for off in (0, 5, 10, 15)
             for e in _events(client, sort="oldest", limit=5, offset=off)["items"]]
    assert pages == [e["id"] for e in oldest]


def test_csv_download_is_exactly_the_page(client):
    params = {"venue": "multilateral", "sort": "oldest", "limit": 4, "offset": 1}
    page = _events(client, **params)
    r = client.get("/api/events.csv", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [int(x["id"]) for x in rows] == [e["id"] for e in page["items"]] and len(rows) == 4
    assert all(x["venue"] == "multilateral" for x in rows)
    assert "Minister of Foreign Affairs" in r.text  # participants in English too
    empty = client.get("/api/events.csv", params={"level": "province"})
    assert empty.text.splitlines()[0].startswith("id,date,kind") and len(empty.text.splitlines()) == 1


def test_the_unresolved_path_filters_alike(store):
    """Facts grouped in Python, then the same store resolved (facets written by the resolver): the same
    answers to every filter."""
    from vndiplo.resolve import resolve_store
    from tests.serve.conftest import fill

    def view(**kw):
        with store.session() as s:
            page = queries.list_events(s, limit=200, **kw)
        return page["total"], sorted((e["date"], e["venue"], tuple(e["levels"])) for e in page["items"])

    filters = ({"level": "head"}, {"level": "party"}, {"venue": "multilateral"}, {"venue": "bilateral"},
               {"level": "minister", "country": "KH"})
    fill(store, resolve=False)
    before = [view(**kw) for kw in filters]
    with store.session() as s:
        counts = [len(e["sources"]) for e in queries.list_events(s, limit=200, sort="sources")["items"]]
    assert counts == sorted(counts, reverse=True)
    resolve_store(store)
    assert [view(**kw) for kw in filters] == before
    assert before[0][0] == 2 and before[2][0] == 7


def test_cli_events_filters(seeded_file):
    p = run("events", "--level", "head", "--json", db=seeded_file)
    assert p.returncode == 0, p.stderr.decode()
    out = json.loads(p.stdout)
    assert out["total"] == 2 and all("head" in e["levels"] for e in out["items"])
    p = run("events", "--venue", "multilateral", "--sort", "oldest", "--limit", "2", "--json", db=seeded_file)
    items = json.loads(p.stdout)["items"]
    assert [e["date"] for e in items] == ["2025-07", "2025-07-08"] and all(e["venue"] == "multilateral" for e in items)
    none = run("events", "--level", "province", "--json", db=seeded_file)
    assert none.returncode == 0 and json.loads(none.stdout)["total"] == 0  # nothing found: an empty list
    assert run("events", "--level", "emperor", db=seeded_file).returncode == 2  # bad usage


# -- documents, figures, anniversaries, target history -----------------------------------------

def test_documents_list_and_csv(client):
    page = client.get("/api/documents", params={"limit": 3}).json()
    assert page["total"] == 6 and len(page["items"]) == 3
    assert all("near_duplicate_of" in d and d["facts"] >= 1 for d in page["items"])
    rows = list(csv.DictReader(io.StringIO(client.get("/api/documents.csv", params={"limit": 3}).text)))
    assert [r["doc"] for r in rows] == [d["doc"] for d in page["items"]]


def test_figures_csv_and_period_kinds(client):
    page = client.get("/api/figures", params={"country": "KH"}).json()
    kinds = {(f["period"], f["period_kind"]) for f in page["items"] if not f["is_target"]}
    assert kinds == {("2025-01/2025-05", "part"), ("2025-01/2025-06", "part")}
    rows = list(csv.DictReader(io.StringIO(client.get("/api/figures.csv", params={"country": "KH"}).text)))
    assert [int(r["id"]) for r in rows] == [f["id"] for f in page["items"]]


def test_past_and_coming_anniversaries(client):
    past = client.get("/api/anniversaries", params={"past": "true"}).json()
    coming = client.get("/api/anniversaries").json()
    today = date.today().isoformat()
    assert past and coming
    assert all(a["date"] < today for a in past) and all(a["date"] >= today for a in coming)
    assert [a["date"] for a in past] == sorted((a["date"] for a in past), reverse=True)


def test_dossier_history_of_each_target(client):
    d = client.get("/api/countries/KH").json()
    assert d["name_en"] == "Cambodia"
    [hist] = [h for h in d["target_history"] if h["metric"] == "trade_turnover"]
    named = [(x["named"], x["value"], x["source"]["doc"]) for x in hist["statements"]]
    assert named == [("2025-10-27", 20e9, "002_d08307e42bcacef1"), ("2025-10-28", 20e9, "own_kh_talks")]
    assert {"Lê Hoài Trung", "Prak Sokhonn"} <= {p["name"] for p in hist["statements"][1]["by"]}


# -- English -------------------------------------------------------------------------------------

def test_english_names_in_the_api(client):
    e = _events(client, country="KH", level="minister", venue="bilateral")["items"][0]
    assert e["kind_label_en"] == "Meeting"
    names = {p["name"]: (p["country_name_en"], p["role_en"]) for p in e["participants"]}
    assert names["Lê Hoài Trung"] == ("Viet Nam", "Minister of Foreign Affairs")
    assert names["Prak Sokhonn"][0] == "Cambodia" and names["Prak Sokhonn"][1].startswith("Deputy Prime Minister")
    assert {c["code"]: c["name_en"] for c in client.get("/api/countries").json()}["KH"] == "Cambodia"
    assert role_english("Bộ trưởng Ngoại giao Campuchia") == "Minister of Foreign Affairs, Cambodia"


def test_search_finds_english_words(client):
    def docs(q):
        r = client.get("/api/search", params={"q": q, "limit": 50})
        assert r.status_code == 200, r.text
        return r.json()

    en, vi = docs("Cambodia"), docs("Campuchia")
    assert en["total"] == vi["total"] >= 3
    assert {h["doc"] for h in en["items"]} == {h["doc"] for h in vi["items"]}
    fm = docs("foreign minister")
    assert fm["total"] >= 4
    marked = {search_fold(p["text"]) for h in fm["items"] for sn in h["snippets"] for p in sn["parts"] if p["hit"]}
    assert "bo truong ngoai giao" in marked
    both = docs("Cambodia foreign minister")
    assert 0 < both["total"] <= min(en["total"], fm["total"])
    # A Vietnamese query is unchanged, and a quoted English phrase is taken literally.
    assert docs('"foreign minister"')["total"] == 0


def search_fold(s: str) -> str:
    from vndiplo.text import search_key

    return " ".join(search_key(s).split())


def test_language_switch_pages_and_cache(client):
    client.cookies.clear()
    vi = client.get("/events?level=minister")
    assert "Sự kiện" in vi.text and "Campuchia" in vi.text
    r = client.get("/lang/en", params={"next": "/events?level=minister"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/events?level=minister"
    assert "lang=en" in r.headers["set-cookie"]
    try:
        client.cookies.set("lang", "en")
        en = client.get("/events?level=minister")
        assert ">Events<" in en.text and "Cambodia" in en.text and "Minister of Foreign Affairs" in en.text
        # Vary: the language cookie, and (since kb's gzip, vndiplo.serve.security) the accepted encoding.
        vary = [v.strip() for v in en.headers["vary"].split(",")]
        assert en.headers["etag"] != vi.headers["etag"] and sorted(vary) == ["Accept-Encoding", "Cookie"]
        # Back in Vietnamese: the cached Vietnamese answer, not the English one.
        client.cookies.set("lang", "vi")
        assert "Sự kiện" in client.get("/events?level=minister").text
    finally:
        client.cookies.clear()
    # Only a path of this site is a place to go back to.
    assert client.get("/lang/en", params={"next": "//evil.example/"}, follow_redirects=False).headers["location"] == "/"
    client.cookies.clear()


def test_pages_of_the_new_views(client):
    ev = client.get("/events", params={"country": "KH", "level": "minister", "sort": "oldest", "limit": 2}).text
    assert ev.count('class="event-row"') == 2
    # The download links carry exactly the filters and page shown.
    assert 'href="/api/events.csv?country=KH&amp;level=minister&amp;sort=oldest&amp;limit=2"' in ev
    assert 'rel="next"' in ev
    docs = client.get("/documents").text
    assert docs.count('class="doc-row"') == 6
    figs = client.get("/figures", params={"country": "KH"}).text
    assert "svg" in figs and 'href="/api/figures.csv?country=KH' in figs
    ann = client.get("/anniversaries", params={"past": "true"}).text
    assert ann.count('class="anniversary-row"') >= 1
    country = client.get("/countries/KH").text
    assert 'class="target-history"' in country and "nêu ngày 2025-10-27" in country
    assert 'data-status="open">Đang theo đuổi' in country  # a commitment's status in the page's language
    assert "<script>" not in ev + docs + figs + ann + country  # no inline script (CSP)
    assert "onclick" not in ev + docs + figs + ann + country


# -- charts ----------------------------------------------------------------------------------------

def _fig(value, period, target=False, kind=None):
    return {"metric": "trade_turnover", "metric_label": "Kim ngạch", "value": value, "unit": "USD",
            "period": period, "period_kind": kind or charts._kind_of(period), "change_pct": None,
            "is_target": target}


def test_chart_never_joins_a_year_and_a_year_to_date():
    svg = charts.trade_chart([_fig(3e9, "2022"), _fig(3.5e9, "2023"), _fig(2e9, "2024-01/2024-06"),
                              _fig(4e9, "2024")], [_fig(10e9, "2030", True), _fig(8e9, None, True), _fig(8e9, None, True)])
    line = re.search(r'<polyline class="series" data-kind="year"[^>]* points="([^"]+)"', svg)
    assert line and len(line.group(1).split()) == 3  # the three full years only
    assert svg.count('class="point part"') == 1 and svg.count('class="point year"') == 3
    assert svg.count('class="legend-item"') == 3  # full year, year to date, targets
    # The 2030 target is drawn at 2030, right of every actual; the one without a year is a line across.
    xs = [float(x) for x in re.findall(r'class="point year" cx="([\d.]+)"', svg)]
    tx = float(re.search(r'<g class="target dated"[^>]*data-year="2030"><title>[^<]*</title><path d="M([\d.]+),', svg).group(1))
    assert tx > max(xs)
    assert 'class="target undated" data-value="8000000000.0"' in svg
    assert svg.count('class="target undated"') == 1  # restated in two articles, drawn once


def test_network_legend_colours_and_links():
    nodes = [{"id": f"p{i}", "name": f"Person {i}", "country": c, "events": 1}
             for i, c in enumerate(["VN", "VN", "KH", "LA", "JP", "CN", "US", "TH", "KR", "AU", "FR", "DE", "IN",
                                    "RU", "SG", "MY", "ID"])]
    edges = [{"source": "p0", "target": f"p{i}", "weight": 1, "events": [1]} for i in range(1, 17)]
    svg = charts.network_svg({"nodes": nodes, "edges": edges}, lang="en")
    colours = re.findall(r'<a class="legend" href="/countries/(\w+)"[^>]*><circle [^>]*fill="(#\w+)"', svg)
    assert len(colours) == 13 and len({c for _, c in colours}) == 13  # Viet Nam and twelve countries apart
    assert ">3 other countries<" in svg and ">Cambodia<" in svg
    # Legend entries stay inside the drawing.
    assert all(float(x) < 820 for x in re.findall(r'<text x="([\d.]+)"', svg.split('<g class="node"')[0]))
    assert 'class="node-country" href="/countries/KH"' in svg and 'class="node-person" href="/persons/Person%202"' in svg


def test_mechanisms_say_what_they_are_in_english(client):
    from vndiplo.serve.english import mechanism_english

    assert mechanism_english("Ủy ban hỗn hợp Việt Nam - Campuchia về hợp tác kinh tế") == "Joint Commission"
    assert mechanism_english("Kỳ họp lần thứ 42 Ủy ban liên Chính phủ Việt Nam - Lào") == "Intergovernmental Committee"
    assert mechanism_english("ACMECS") == "Ayeyawady-Chao Phraya-Mekong Economic Cooperation Strategy"
    mechs = client.get("/api/countries/KH").json()["mechanisms"]
    assert any(m["what_en"] == "Joint Commission" for m in mechs)


def test_documents_list_names_near_duplicates_both_ways(store):
    """Two outlets' versions of one story (examples/corpus), ingested as `vndiplo ingest` does."""
    from tests.conftest import ROOT
    from vndiplo.store.ingest import Ingestor

    corpus = ROOT / "examples" / "corpus"
    pages = sorted(corpus.glob("vn-th-2025-07-08-kuala-lumpur*"))
    assert len(pages) == 2
    outcomes = list(Ingestor(store).ingest_paths(pages))
    assert [o.status for o in outcomes] == ["ingested", "near_duplicate"]
    with store.session() as s:
        items = {d["doc"]: d for d in queries.list_documents(s)["items"]}
    first, second = outcomes[0].doc_id, outcomes[1].doc_id
    assert items[second]["near_duplicate_of"] == first and 0.35 <= items[second]["similarity"] <= 1
    assert items[first]["near_duplicates"] == [second] and items[first]["near_duplicate_of"] is None
    with TestClient(create_app(store=store)) as c:
        html = c.get("/documents").text
        assert f'class="dup" href="/documents/{first}"' in html and f'class="dup-of" href="/documents/{second}"' in html
        rows = list(csv.DictReader(io.StringIO(c.get("/api/documents.csv").text)))
        assert {r["doc"]: r["near_duplicates"] for r in rows}[first] == second


def test_migration_backfills_the_facets_of_events_resolved_before_it(seeded):
    """A store resolved before 0005_views has events and no facet rows: the migration's backfill gives
    them the rows the resolver writes now."""
    import importlib

    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    with seeded.session() as s:
        before = sorted(s.execute(select(EventFacetRow.entity_id, EventFacetRow.facet, EventFacetRow.value)).all())
    assert len(before) > 16
    mig = importlib.import_module("vndiplo.store.migrations.versions.0005_views_event_facets")
    with seeded.engine.begin() as conn:
        conn.execute(EventFacetRow.__table__.delete())
        with Operations.context(MigrationContext.configure(conn)):
            mig._backfill()
    with seeded.session() as s:
        after = sorted(s.execute(select(EventFacetRow.entity_id, EventFacetRow.facet, EventFacetRow.value)).all())
    assert after == before
